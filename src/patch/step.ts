/**
 * The patch step as one core call: resolve the upstream commit (or take a tree that is already
 * checked out), name its version, apply the patch sets and diffs, and report. The action, the CLI
 * and the demo are thin adapters over `prepare` and `patchTree`.
 */
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { builtinPatchSet, DEFAULT_PATCH_SETS } from './builtin.js';
import { OffmainError } from '../core/errors.js';
import { git } from '../core/git.js';
import type { Logger } from '../core/log.js';
import { runPatches, type PatchResult } from './apply.js';
import { resolveUpstream, type ResolveOptions, type UpstreamCommit } from './upstream.js';
import { semverOf, versionOf, type VersionInfo } from './version.js';

export { DEFAULT_PATCH_SETS };

/** The machine-readable report: what `offmain patch --json` prints and the action's `patch-report`. */
export interface PatchReport {
  commit: string;
  version: string;
  imageTag: string;
  ok: boolean;
  patches: { id: string; status: PatchResult['status']; reason?: string; files: string[] }[];
  changedFiles: string[];
  warnings: string[];
  /**
   * What the patches are, as a sha256: the text of every patch set and diff used and the ids in effect.
   * The build labels its images with it, so the same upstream commit patched differently is never taken
   * for an image that already exists.
   */
  digest?: string;
}

export interface PatchTreeOptions {
  dir: string;
  /** The upstream commit the tree is at; read from the tree's git HEAD when omitted. */
  commit?: string;
  patchSets?: readonly string[];
  diffs?: string[];
  /** Where relative patch-set and diff paths are read from (default: the current directory). */
  baseDir?: string;
}

export interface PatchTreeResult {
  dir: string;
  commit: string;
  version: VersionInfo;
  results: PatchResult[];
  report: PatchReport;
}

/**
 * The commit a checked-out tree is at. Only the tree's own repository counts: a directory inside some
 * other repository (a fixture in the user's config repo, say) does not tell which upstream commit it is.
 */
export async function headOf(dir: string): Promise<string> {
  if (!existsSync(dir)) throw new OffmainError(`${dir} does not exist: point --dir at a checked-out Mastodon tree`);
  const top = await git(['rev-parse', '--show-toplevel'], { cwd: dir, allowFailure: true });
  const own = top.code === 0 && (await realpath(top.stdout.trim())) === (await realpath(dir));
  const head = own ? await git(['rev-parse', '--verify', 'HEAD^{commit}'], { cwd: dir, allowFailure: true }) : undefined;
  if (!head || head.code !== 0) {
    throw new OffmainError(`${dir} is not a git checkout, so its commit is unknown: pass --commit SHA (the upstream commit the tree is at)`);
  }
  return head.stdout.trim();
}

/** Names the version and applies the patches to a tree that is already on disk. */
export async function patchTree(opts: PatchTreeOptions, log: Logger): Promise<PatchTreeResult> {
  const dir = resolvePath(opts.dir);
  const commit = opts.commit ?? (await headOf(dir));
  const version = await log.group('Version', async () => {
    const v = await versionOf(dir, commit);
    log.info(`${v.declared.text} declared by lib/mastodon/version.rb (${v.declared.shape} shape)`);
    log.info(`display version ${v.display}, image tag ${v.imageTag}`);
    return v;
  });

  const patchSets = opts.patchSets ?? DEFAULT_PATCH_SETS;
  const run = await log.group('Patch', async () => {
    const r = await runPatches({
      dir,
      version: semverOf(version.declared.text),
      patchSets: [...patchSets],
      diffs: opts.diffs ?? [],
      baseDir: opts.baseDir,
    });
    for (const p of r.results) {
      const line = `${p.id}: ${p.status}${p.reason ? ` (${p.reason})` : ''}`;
      if (p.status === 'failed') {
        log.error(
          `patch ${p.id} failed${p.failure ? `: ${p.failure.file}${p.failure.line ? `:${p.failure.line}` : ''}: expected ${p.failure.expected}` : ''}${p.reason ? `; ${p.reason}` : ''}`,
          { file: p.failure?.file, line: p.failure?.line, title: `offmain patch ${p.id}` },
        );
        for (const n of p.failure?.nearest ?? []) log.info(`    nearest ${p.failure?.file}:${n.line}: ${n.text}`);
      } else {
        log.info(line);
      }
    }
    for (const w of r.warnings) log.warning(w);
    if (r.changedFiles.length > 0) log.info(`changed: ${r.changedFiles.join(', ')}`);
    return r;
  });

  const inEffect = run.results.filter((p) => p.status === 'applied' || p.status === 'already-applied').map((p) => p.id);
  const report: PatchReport = {
    commit,
    version: version.display,
    imageTag: version.imageTag,
    ok: run.ok,
    patches: run.results.map((p) => ({
      id: p.id,
      status: p.status,
      ...(p.reason !== undefined ? { reason: p.reason } : {}),
      files: p.files,
    })),
    changedFiles: run.changedFiles,
    warnings: run.warnings,
    digest: await patchesDigest(patchSets, opts.diffs ?? [], opts.baseDir, inEffect),
  };
  return { dir, commit, version, results: run.results, report };
}

/** sha256 of the patch sets' and diffs' texts (built-in or read from disk) and the ids in effect. */
export async function patchesDigest(sets: readonly string[], diffs: readonly string[], baseDir = process.cwd(), inEffect: string[] = []): Promise<string> {
  const h = createHash('sha256');
  for (const spec of sets) h.update(`set\0${spec}\0${builtinPatchSet(spec) ?? (await readFile(resolvePath(baseDir, spec), 'utf8'))}\0`);
  for (const d of diffs) h.update(`diff\0${await readFile(resolvePath(baseDir, d), 'utf8')}\0`);
  h.update(`in-effect\0${[...inEffect].sort().join(',')}`);
  return `sha256:${h.digest('hex')}`;
}

/** The first failed patch as the one clear line a user reads (CLI stderr, setFailed). */
export function failureLine(result: PatchTreeResult): string | undefined {
  const failed = result.results.filter((p) => p.status === 'failed');
  const first = failed[0];
  if (!first) return undefined;
  const where = first.failure ? `${first.failure.file}${first.failure.line ? `:${first.failure.line}` : ''}: ` : '';
  const what = first.failure ? `expected ${first.failure.expected}` : (first.reason ?? 'failed');
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more failed patch${failed.length > 2 ? 'es' : ''})` : '';
  return `patch ${first.id} no longer applies to ${result.version.display}: ${where}${what}${more}; nothing was modified. Update or drop the patch for this upstream.`;
}

export interface PrepareOptions extends ResolveOptions, Omit<PatchTreeOptions, 'dir' | 'commit'> {}

export interface PrepareResult extends PatchTreeResult {
  upstream: UpstreamCommit;
}

/** Resolve the upstream commit, check it out into `path`, name it and patch it. */
export async function prepare(opts: PrepareOptions, log: Logger): Promise<PrepareResult> {
  const upstream = await log.group('Resolve upstream', async () => {
    const u = await resolveUpstream(opts);
    log.info(
      `${u.repository} ${u.tag ?? u.ref} -> ${u.sha} (${u.date})${u.webUrl ? ` ${u.webUrl}` : ''}`,
    );
    return u;
  });
  const patched = await patchTree(
    { dir: upstream.path, commit: upstream.sha, patchSets: opts.patchSets, diffs: opts.diffs, baseDir: opts.baseDir },
    log,
  );
  return { ...patched, upstream };
}
