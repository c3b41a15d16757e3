/**
 * The upstream commands of the `offmain` CLI: `resolve` (find and check out the upstream commit), `version`
 * (the display version of a tree) and `patch` (apply the patch sets). Only the patch stage is loaded for
 * them: no registry, deploy or GitHub client code.
 */
import { resolve } from 'node:path';
import { OffmainError } from '../core/errors.js';
import { DEFAULT_PATCH_SETS, failureLine, headOf, patchSummaryMarkdown, patchTree, type PatchTreeResult, resolveUpstream, type Track, type UpstreamCommit, versionOf } from '../patch/index.js';
import { parse, required, type Command, type CommandOut } from './args.js';
import { pathOption } from './paths.js';

type Out = CommandOut;

export const resolveOptions = {
  repository: { type: 'string' },
  ref: { type: 'string' },
  commit: { type: 'string' },
  track: { type: 'string' },
  path: { type: 'string' },
} as const;

export const patchOptions = {
  'patch-set': { type: 'string', multiple: true },
  patch: { type: 'string', multiple: true },
} as const;

export function track(value: string | undefined): Track {
  if (value === undefined || value === 'main' || value === 'release') return value ?? 'main';
  throw new OffmainError(`--track is "${value}": expected main or release`);
}

/** Tokens come from the environment only: an argument would show in `ps` and in shell history. */
export function token(): string | undefined {
  return process.env.OFFMAIN_UPSTREAM_TOKEN || undefined;
}

export function printPatchResult(out: Out, result: PatchTreeResult & { upstream?: UpstreamCommit }, json: boolean): number {
  if (json) {
    out.stdout(JSON.stringify(result.report, null, 2));
  } else {
    out.stdout(patchSummaryMarkdown(result));
  }
  const failed = failureLine(result);
  if (failed) {
    out.log.error(failed);
    return 1;
  }
  return 0;
}

export const upstreamCommands: Record<'resolve' | 'version' | 'patch', Command> = {
  async resolve(args, out) {
    const name = 'resolve';
    const v = parse(name, args, resolveOptions);
    const u = await resolveUpstream({
      repository: required(name, 'repository', v.repository),
      ref: v.ref,
      commit: v.commit,
      track: track(v.track),
      path: pathOption(name, 'path', v.path ?? 'mastodon', 'directory'),
      token: token(),
    });
    out.stdout(v.json ? JSON.stringify(u, null, 2) : `${u.sha} ${u.date} ${u.tag ?? u.ref} ${u.path}`);
    return 0;
  },
  async version(args, out) {
    const name = 'version';
    const v = parse(name, args, { dir: { type: 'string' }, commit: { type: 'string' } });
    const dir = pathOption(name, 'dir', required(name, 'dir', v.dir), 'directory');
    const commit = v.commit ?? (await headOf(dir));
    const info = await versionOf(dir, commit);
    out.stdout(v.json ? JSON.stringify({ version: info.display, imageTag: info.imageTag, declared: info.declared.text }) : info.display);
    return 0;
  },
  async patch(args, out) {
    const name = 'patch';
    const v = parse(name, args, { dir: { type: 'string' }, commit: { type: 'string' }, ...patchOptions });
    pathOption(name, 'dir', required(name, 'dir', v.dir), 'directory');
    const result = await patchTree(
      {
        dir: required(name, 'dir', v.dir),
        commit: v.commit,
        patchSets: v['patch-set'] ?? DEFAULT_PATCH_SETS,
        diffs: (v.patch ?? []).map((p) => resolve(p)),
      },
      out.log,
    );
    return printPatchResult(out, result, Boolean(v.json));
  },
};
