/**
 * `offmain run`: the whole chain in one go (the upstream checks gate, resolve and patch; with --image, build
 * and push; with --config, deploy and freshness), or with --demo the same on embedded local defaults.
 */
import { resolve } from 'node:path';
import { runningRepository, validateSourceRepository } from '../build/index.js';
import { OffmainError } from '../core/errors.js';
import { freshnessFailure } from '../deploy/index.js';
import { pipelineSummaryMarkdown, runPipeline } from '../pipeline/run.js';
import { DEFAULT_PATCH_SETS, DEFAULT_REPOSITORY, prepare } from '../patch/index.js';
import { parse, type CommandOut } from './args.js';
import { runDemo } from './demo.js';
import { adoptValues } from './deploy.js';
import { pathOption } from './paths.js';
import { patchOptions, printPatchResult, resolveOptions, token, track } from './upstream.js';

export async function runCommand(args: string[], out: CommandOut): Promise<number> {
  const name = 'run';
  const v = parse(name, args, {
    ...resolveOptions,
    ...patchOptions,
    demo: { type: 'boolean' },
    image: { type: 'string', multiple: true },
    'streaming-image': { type: 'string', multiple: true },
    platforms: { type: 'string' },
    tag: { type: 'string', multiple: true },
    'plan-only': { type: 'boolean' },
    'source-repository': { type: 'string' },
    config: { type: 'string' },
    'config-branch': { type: 'string' },
    'config-path': { type: 'string' },
    mode: { type: 'string' },
    'max-lag': { type: 'string' },
    'warn-only': { type: 'boolean' },
    'allow-downgrade': { type: 'boolean' },
    hold: { type: 'string' },
    adopt: { type: 'string', multiple: true },
    checks: { type: 'string' },
    'required-check': { type: 'string', multiple: true },
    'checks-app': { type: 'string', multiple: true },
    'min-age': { type: 'string' },
    'checks-repository': { type: 'string' },
  });
  if (v.demo) return runDemo(out);
  const upstream = {
    repository: v.repository ?? DEFAULT_REPOSITORY,
    ref: v.ref,
    commit: v.commit,
    track: track(v.track),
    path: pathOption(name, 'path', v.path ?? 'mastodon', 'directory'),
    token: token(),
    patchSets: v['patch-set'] ?? DEFAULT_PATCH_SETS,
    diffs: (v.patch ?? []).map((p) => resolve(p)),
  };
  if (!v.image?.length) {
    if (v.config) throw new OffmainError('offmain run: --config needs --image (the images to build and deploy)');
    return printPatchResult(out, await prepare(upstream, out.log), Boolean(v.json));
  }
  const mode = v.mode ?? 'push';
  if (mode !== 'push' && mode !== 'pull-request') throw new OffmainError(`--mode is "${mode}": expected push or pull-request`);
  const maxLag = v['max-lag'] === undefined ? undefined : Number(v['max-lag']);
  if (maxLag !== undefined && !(maxLag >= 0)) throw new OffmainError(`--max-lag is "${v['max-lag']}": expected a number of hours, e.g. 48`);
  const result = await runPipeline(
    {
      upstream,
      build: {
        images: v.image,
        streamingImages: v['streaming-image'],
        platforms: v.platforms,
        tags: v.tag,
        planOnly: v['plan-only'],
        sourceRepository: v['source-repository'] !== undefined ? validateSourceRepository(v['source-repository'], '--source-repository') : runningRepository(process.env),
      },
      deploy: v.config
        ? {
            repository: v.config,
            branch: v['config-branch'],
            path: v['config-path'],
            token: process.env.OFFMAIN_CONFIG_TOKEN,
            mode,
            maxLagHours: maxLag,
            warnOnly: v['warn-only'],
            allowDowngrade: v['allow-downgrade'],
            hold: v.hold,
            adopt: adoptValues(v.adopt),
          }
        : undefined,
      gate: { checks: v.checks, requiredChecks: v['required-check'], checksApps: v['checks-app'], minAge: v['min-age'], checksRepository: v['checks-repository'] },
    },
    out.log,
  );
  out.stdout(
    v.json
      ? JSON.stringify({ ok: result.ok, failure: result.failure, upstream: result.upstream, nothingNew: Boolean(result.nothingNew), patch: result.prepared?.report, images: result.build?.images.flatMap((i) => i.pinned) ?? result.nothingNew?.pinned, deploy: result.deploy && { changed: result.deploy.changed, ...(result.deploy.dryRun ? { dryRun: true } : {}), commit: result.deploy.commit, pullRequest: result.deploy.pullRequest?.url, lagHours: result.deploy.freshness?.lag.hours, rollout: result.deploy.rollout, holds: result.deploy.holds }, lagHours: result.freshness?.lag.hours, gate: result.gate }, null, 2)
      : pipelineSummaryMarkdown(result),
  );
  if (result.failure) out.log.error(result.failure);
  const late = result.freshness?.status === 'fail';
  if (late) out.log.error(freshnessFailure(result.freshness!));
  return result.ok && !late ? 0 : 1;
}
