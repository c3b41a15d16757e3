/**
 * The `offmain` command: the same core calls as the actions, so everything runs outside GitHub.
 * Results go to stdout (text or --json); progress and errors go to stderr. Exit 0 on success,
 * 1 on any failure with one clear line on stderr.
 */
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isOffmainError, OffmainError } from '../core/errors.js';
import { stderrLogger } from '../core/log.js';
import { runnerSafeResult } from '../core/runnertext.js';
import { pipelineSummaryMarkdown, runPipeline } from '../pipeline/run.js';
import { DEFAULT_PATCH_SETS, DEFAULT_REPOSITORY, failureLine, headOf, patchSummaryMarkdown, patchTree, type PatchTreeResult, prepare, resolveUpstream, type Track, type UpstreamCommit, versionOf } from '../patch/index.js';
import { runnerMatrix } from '../build/index.js';
import { parse, required, type CommandOut } from './args.js';
import { BUILD_USAGE, buildCommand } from './build.js';
import { runDemo } from './demo.js';
import { DEPLOY_USAGE, deployCommands } from './deploy.js';
import { DECIDE_USAGE, decideCommand } from './decide.js';
import { pathOption, systemErrorLine } from './paths.js';

export const USAGE = `usage: offmain <command> [options]

commands:
  resolve  --repository URL [--ref BRANCH] [--commit SHA] [--track main|release] [--path DIR] [--json]
           find the upstream commit (newest of the branch, newest stable release, or the one given),
           check that it is on upstream, and check its tree out into DIR (default ./mastodon)
  version  --dir DIR [--commit SHA]
           print the display version of a checked-out tree (e.g. 4.8.0-alpha.1+2f40549)
  patch    --dir DIR [--commit SHA] [--patch-set NAME|FILE ...] [--patch FILE.diff ...] [--json]
           apply patch sets (default: ${DEFAULT_PATCH_SETS.join(', ')}) and diffs, all or nothing
  run      [--repository URL] [--ref BRANCH] [--commit SHA] [--track main|release] [--path DIR]
           [--patch-set NAME|FILE ...] [--patch FILE.diff ...]
           [--image NAME ... [--streaming-image NAME ...] [--platforms P] [--tag TEMPLATE ...] [--plan-only]]
           [--config OWNER/NAME|URL [--config-branch B] [--config-path DIR] [--mode push|pull-request]
            [--max-lag HOURS] [--warn-only] [--allow-downgrade] [--hold REASON]]
           [--checks require|names|off] [--required-check NAME ...] [--min-age 2h] [--checks-repository OWNER/NAME] [--json]
           the chain in one go: the upstream checks gate (main; default require when upstream is on GitHub), resolve and patch; with --image, build and push; with --config, deploy
           (token from OFFMAIN_CONFIG_TOKEN) and measure the freshness; prints the summary
  build    --dir DIR --image NAME [--image NAME ...] [--streaming-image NAME ...] [--platforms P] [--push]
           [--mode all|platform|merge] [--digest IMAGE@sha256:...] [--tag TEMPLATE ...] [--json] ...
           build the mastodon (and streaming) images with docker buildx, skip what is already pushed
           (offmain build --help lists every option)
  runners  [--platforms linux/amd64,linux/arm64] [--runner PLATFORM=LABEL|emulate ...] [--github-output FILE]
           the build matrix: one runner per platform (JSON; appended as matrix=... to FILE)
  run --demo
           the whole pipeline on embedded defaults: a local Mastodon-shaped upstream, nothing configured
${DECIDE_USAGE}
${DEPLOY_USAGE.replace(/^  (\w+) {1,}/gm, (_m, name: string) => `  ${`${name} `.padEnd(9)}`).replace(/^ {12}/gm, '           ')}

Every command exits 0 on success and 1 on any failure, with one line on stderr saying why.`;

type Out = CommandOut;

const resolveOptions = {
  repository: { type: 'string' },
  ref: { type: 'string' },
  commit: { type: 'string' },
  track: { type: 'string' },
  path: { type: 'string' },
} as const;

const patchOptions = {
  'patch-set': { type: 'string', multiple: true },
  patch: { type: 'string', multiple: true },
} as const;

function track(value: string | undefined): Track {
  if (value === undefined || value === 'main' || value === 'release') return value ?? 'main';
  throw new OffmainError(`--track is "${value}": expected main or release`);
}

/** Tokens come from the environment only: an argument would show in `ps` and in shell history. */
function token(): string | undefined {
  return process.env.OFFMAIN_UPSTREAM_TOKEN || undefined;
}

function printPatchResult(out: Out, result: PatchTreeResult & { upstream?: UpstreamCommit }, json: boolean): number {
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

async function command(name: string, args: string[], out: Out): Promise<number> {
  switch (name) {
    case 'resolve': {
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
    }
    case 'version': {
      const v = parse(name, args, { dir: { type: 'string' }, commit: { type: 'string' } });
      const dir = pathOption(name, 'dir', required(name, 'dir', v.dir), 'directory');
      const commit = v.commit ?? (await headOf(dir));
      const info = await versionOf(dir, commit);
      out.stdout(v.json ? JSON.stringify({ version: info.display, imageTag: info.imageTag, declared: info.declared.text }) : info.display);
      return 0;
    }
    case 'patch': {
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
    }
    case 'run': {
      const v = parse(name, args, {
        ...resolveOptions,
        ...patchOptions,
        demo: { type: 'boolean' },
        image: { type: 'string', multiple: true },
        'streaming-image': { type: 'string', multiple: true },
        platforms: { type: 'string' },
        tag: { type: 'string', multiple: true },
        'plan-only': { type: 'boolean' },
        config: { type: 'string' },
        'config-branch': { type: 'string' },
        'config-path': { type: 'string' },
        mode: { type: 'string' },
        'max-lag': { type: 'string' },
        'warn-only': { type: 'boolean' },
        'allow-downgrade': { type: 'boolean' },
        hold: { type: 'string' },
        checks: { type: 'string' },
        'required-check': { type: 'string', multiple: true },
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
          build: { images: v.image, streamingImages: v['streaming-image'], platforms: v.platforms, tags: v.tag, planOnly: v['plan-only'] },
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
              }
            : undefined,
          gate: { checks: v.checks, requiredChecks: v['required-check'], minAge: v['min-age'], checksRepository: v['checks-repository'] },
        },
        out.log,
      );
      out.stdout(
        v.json
          ? JSON.stringify({ ok: result.ok, failure: result.failure, upstream: result.upstream, nothingNew: Boolean(result.nothingNew), patch: result.prepared?.report, images: result.build?.images.flatMap((i) => i.pinned) ?? result.nothingNew?.pinned, deploy: result.deploy && { changed: result.deploy.changed, commit: result.deploy.commit, pullRequest: result.deploy.pullRequest?.url, lagHours: result.deploy.freshness?.lag.hours, rollout: result.deploy.rollout, holds: result.deploy.holds }, lagHours: result.freshness?.lag.hours, gate: result.gate }, null, 2)
          : pipelineSummaryMarkdown(result),
      );
      if (result.failure) out.log.error(result.failure);
      const late = result.freshness?.status === 'fail';
      if (late) out.log.error(`the cluster is ${result.freshness!.lag.hours} h behind upstream, past --max-lag ${result.freshness!.maxLagHours} h`);
      return result.ok && !late ? 0 : 1;
    }
    case 'build':
      return buildCommand(args, out);
    case 'runners': {
      const v = parse(name, args, { platforms: { type: 'string' }, runner: { type: 'string', multiple: true }, 'github-output': { type: 'string' } });
      const output = v['github-output'] && pathOption(name, 'github-output', v['github-output'], 'file');
      const labels: Record<string, string> = {};
      for (const r of v.runner ?? []) {
        const eq = r.indexOf('=');
        if (eq < 1) throw new OffmainError(`offmain runners: --runner "${r}" is not PLATFORM=LABEL (e.g. linux/arm64=emulate)`);
        if (r.slice(eq + 1)) labels[r.slice(0, eq)] = r.slice(eq + 1);
      }
      const matrix = JSON.stringify(runnerMatrix(v.platforms ?? 'linux/amd64,linux/arm64', labels));
      if (output) {
        try {
          appendFileSync(output, `matrix=${matrix}\n`);
        } catch (e) {
          throw new OffmainError(`offmain runners: cannot write --github-output ${v['github-output']} (${(e as Error).message}): pass a writable file`);
        }
      }
      out.stdout(matrix);
      return 0;
    }
    default: {
      const other = name === 'decide' ? decideCommand : deployCommands[name];
      if (other) return other(args, out);
      throw new OffmainError(
        `unknown command "${name}": expected one of resolve, version, patch, run, build, runners, decide, ${Object.keys(deployCommands).join(', ')} (see offmain --help)`,
      );
    }
  }
}

/** Runs the CLI; returns the exit code. `io` is for tests. */
export async function main(argv: string[], io?: Partial<Out>): Promise<number> {
  const quiet = argv.includes('--quiet') || argv.includes('-q');
  const out: Out = {
    // A workflow step may run the CLI: the runner reads its stdout too (results quote upstream text).
    stdout: io?.stdout ?? ((s) => process.stdout.write(`${runnerSafeResult(s)}\n`)),
    log: io?.log ?? stderrLogger({ quiet }),
  };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help' || rest.includes('--help') || rest.includes('-h')) {
    out.stdout(name === 'build' ? BUILD_USAGE : USAGE);
    return name ? 0 : 1;
  }
  try {
    return await command(name, rest, out);
  } catch (e) {
    if (isOffmainError(e)) {
      out.log.error(e.message);
      return 1;
    }
    const line = systemErrorLine(name, e);
    if (line) {
      out.log.error(line);
      return 1;
    }
    throw e;
  }
}
