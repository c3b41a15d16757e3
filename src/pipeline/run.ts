/**
 * The whole chain in one process: resolve and patch, build (or only plan the build), deploy to the config
 * repository, and measure the freshness. `offmain run` and the demo are thin adapters over `runPipeline`;
 * the reusable workflow runs the same steps as separate jobs through the actions.
 *
 * Order is safety: a patch that fails stops the run before anything is built or pushed, and the deploy is
 * checked (a dry run: downgrade, malformed YAML, an image the config never names) before the build, so a
 * refused deploy costs no build and pushes nothing.
 */
import { build, PUBLIC_BUILD_ARGS, type BuildOptions, type BuildPlan, type BuildResult, buildSummaryMarkdown, planBuild, readBuildTree } from '../build/index.js';
import { deploy, type DeployOptions, type DeployResult, deploySummaryMarkdown, type ImageTarget } from '../deploy/index.js';
import type { Logger } from '../core/log.js';
import { DEFAULT_REPOSITORY, failureLine, patchSummaryMarkdown, prepare, type PrepareOptions, type PrepareResult } from '../patch/index.js';
import { gateBeforePatch, gateMarkdown, type GateBeforePatchOptions, type GateResult } from './gate.js';

export type PipelineBuildOptions = Omit<
  BuildOptions,
  'dir' | 'commit' | 'commitDate' | 'upstream' | 'track' | 'branch' | 'patchReport' | 'mode' | 'digests' | 'push'
> & {
  /** No Docker engine: make the build plan (images, tags, args, labels) and deploy the tags without digests. */
  planOnly?: boolean;
};

export type PipelineDeployOptions = Omit<DeployOptions, 'images' | 'upstream' | 'version' | 'patchReport' | 'log'>;

export interface PipelineOptions {
  upstream: PrepareOptions;
  build: PipelineBuildOptions;
  /** Omit to stop after the build. */
  deploy?: PipelineDeployOptions;
  /**
   * The upstream checks gate (tracking main, no commit given): which upstream commit to build. Default: mode
   * `require` when upstream is on GitHub, else off.
   */
  gate?: Pick<GateBeforePatchOptions, 'checks' | 'requiredChecks' | 'minAge' | 'checksRepository' | 'apiUrl' | 'now'>;
}

export interface PipelineResult {
  ok: boolean;
  /** The one line that says why the run stopped (a failed patch). Errors of the other steps are thrown. */
  failure?: string;
  prepared: PrepareResult;
  /** The upstream checks gate's choice, when it ran. */
  gate?: GateResult;
  plan?: BuildPlan;
  build?: BuildResult;
  deploy?: DeployResult;
  seconds: number;
}

/** The build plan alone, for a machine with no Docker engine. */
async function planOnly(prepared: PrepareResult, opts: PipelineOptions): Promise<BuildPlan> {
  const u = prepared.upstream;
  return planBuild(
    {
      dir: prepared.dir,
      commit: u.sha,
      commitTime: u.date,
      version: prepared.version,
      upstream: u.repository,
      track: u.track,
      branch: u.track === 'main' ? u.ref : undefined,
      images: opts.build.images,
      streamingImages: opts.build.streamingImages,
      platforms: opts.build.platforms,
      tags: opts.build.tags,
      buildArgs: Array.isArray(opts.build.buildArgs) ? undefined : opts.build.buildArgs,
      prerelease: opts.build.prerelease,
      patches: prepared.report.patches.filter((p) => p.status === 'applied' || p.status === 'already-applied').map((p) => p.id),
    },
    await readBuildTree(prepared.dir),
  );
}

/** What the config repository should run: every pinned reference (or, from a plan, every tag). */
export function deployTargets(result: { build?: BuildResult; plan?: BuildPlan }): ImageTarget[] {
  if (result.build) {
    return result.build.images.flatMap((img) =>
      img.repositories.map((repository) => ({ repository, tag: result.build!.plan.imageTag, digest: img.digest })),
    );
  }
  const plan = result.plan!;
  return plan.images.flatMap((img) => img.repositories.map((repository) => ({ repository, tag: plan.imageTag })));
}

export async function runPipeline(opts: PipelineOptions, log: Logger): Promise<PipelineResult> {
  const t0 = performance.now();
  const seconds = () => Math.round((performance.now() - t0) / 10) / 100;
  // The checks gate picks the commit before anything is resolved, built or pushed.
  const gated = await gateBeforePatch({
    ...opts.gate,
    repository: opts.upstream.repository ?? DEFAULT_REPOSITORY,
    ref: opts.upstream.ref,
    track: opts.upstream.track,
    commit: opts.upstream.commit,
    token: opts.upstream.token,
    log,
  });
  const upstreamOptions = gated ? { ...opts.upstream, commit: gated.chosen.sha } : opts.upstream;
  const prepared = await prepare(upstreamOptions, log);
  const failure = failureLine(prepared);
  if (failure) return { ok: false, failure, prepared, gate: gated?.result, seconds: seconds() };

  const u = prepared.upstream;
  const deployOptions = (images: ImageTarget[]): DeployOptions => ({
    ...opts.deploy!,
    images,
    // The repository as given (credentials written in its URL serve the history fetch too), not u.repository (redacted).
    upstream: { repository: opts.upstream.repository ?? u.repository, ref: u.ref, commit: u.sha, path: prepared.dir, token: opts.upstream.token },
    version: prepared.version.display,
    patchReport: prepared.report,
    // The lag the gate causes, reported apart from the pipeline's own.
    ...(gated ? { gateLagHours: gated.result.lagHours } : {}),
    log,
  });
  if (opts.deploy && !opts.build.planOnly) {
    // Refuse a downgrade, malformed YAML or an image the config never names BEFORE spending time on a build.
    await log.group('Check the deploy before building', async () => {
      const check = await deploy({ ...deployOptions(deployTargets({ plan: await planOnly(prepared, opts) })), pinDigest: false, dryRun: true });
      log.info(
        check.changed
          ? `${check.files.join(', ')} will move from ${check.previous.version ?? 'an unknown version'} to ${check.next.version}`
          : `the config repository already runs ${check.next.version}`,
      );
    });
  }

  let built: BuildResult | undefined;
  let plan: BuildPlan | undefined;
  if (opts.build.planOnly) {
    plan = await log.group('Build plan (no Docker engine: nothing is built)', async () => {
      const p = await planOnly(prepared, opts);
      for (const img of p.images) {
        log.info(`${img.key}: ${img.dockerfile} for ${p.platforms.join(', ')} -> ${img.refs.join(', ')}`);
        // Values of the admin's own build args may be secrets: only offmain's own are shown.
        const args = Object.entries(img.buildArgs).map(([k, v]) => `${k}=${PUBLIC_BUILD_ARGS.has(k) ? v : '***'}`);
        log.info(`  build args: ${args.join(' ') || 'none'}`);
      }
      return p;
    });
  } else {
    const { planOnly: _ignored, ...buildOptions } = opts.build;
    built = await build(
      {
        ...buildOptions,
        dir: prepared.dir,
        commit: u.sha,
        commitDate: u.date,
        upstream: u.repository,
        track: u.track,
        branch: u.track === 'main' ? u.ref : undefined,
        patchReport: prepared.report,
        mode: 'all',
        push: true,
      },
      log,
    );
  }

  let deployed: DeployResult | undefined;
  if (opts.deploy) {
    deployed = await log.group('Deploy', () => deploy(deployOptions(deployTargets({ build: built, plan }))));
  }
  return { ok: true, prepared, gate: gated?.result, plan, build: built, deploy: deployed, seconds: seconds() };
}

function planMarkdown(plan: BuildPlan): string {
  const rows = plan.images.map(
    (img) => `| ${img.key} | \`${img.dockerfile}\` | ${plan.platforms.join(', ')} | ${img.refs.map((r) => `\`${r}\``).join('<br>')} |`,
  );
  return [
    '## offmain build plan',
    '',
    '_No Docker engine here: this is what would be built._',
    '',
    '| Image | Dockerfile | Platforms | Tags |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** The job summary of a whole run: patch, build (or plan), deploy with freshness. */
export function pipelineSummaryMarkdown(r: PipelineResult): string {
  const parts: string[] = [];
  if (r.gate) parts.push(gateMarkdown(r.gate, r.prepared.upstream.repository));
  parts.push(patchSummaryMarkdown(r.prepared));
  if (r.build) parts.push(buildSummaryMarkdown(r.build));
  if (r.plan) parts.push(planMarkdown(r.plan));
  if (r.deploy) parts.push(deploySummaryMarkdown(r.deploy));
  if (r.failure) parts.push(`**Stopped before anything was built or pushed:** ${r.failure}\n`);
  return parts.join('\n');
}
