/**
 * The whole chain in one process: resolve and patch, build (or only plan the build), deploy to the config
 * repository, and measure the freshness. `offmain run` and the demo are thin adapters over `runPipeline`;
 * the reusable workflow runs the same steps as separate jobs through the actions.
 *
 * A run that may stop early decides first (decide.ts, the decision of `offmain decide`): when every image of
 * the upstream commit is in every registry and the config repository runs it, the run stops there, with no
 * upstream checkout, patch or build (nothingnew.ts). Otherwise it goes on, and reuses what the decision
 * opened: one clone of the config repository (the check before building and the deploy bump it; a push
 * that finds the branch moved refreshes it) and one upstream history (the gate, the downgrade check, the
 * rollout and the lag read it), each fetched once per run.
 *
 * Order is safety: a patch that fails stops the run before anything is built or pushed, and the deploy is
 * checked (a dry run: downgrade, malformed YAML, an image the config never names) before the build, so a
 * refused deploy costs no build and pushes nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, PUBLIC_BUILD_ARGS, type BuildOptions, type BuildPlan, type BuildResult, buildSummaryMarkdown, planBuild, readBuildTree } from '../build/index.js';
import {
  ConfigCheckout,
  configRemote,
  deploy,
  type DeployOptions,
  type DeployResult,
  deploySummaryMarkdown,
  freshness,
  freshnessFailure,
  freshnessLine,
  freshnessMarkdown,
  type FreshnessReport,
  type ImageTarget,
  UpstreamHistory,
} from '../deploy/index.js';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { DEFAULT_PATCH_SETS, DEFAULT_REPOSITORY, failureLine, parseImageTag, patchSummaryMarkdown, prepare, type PrepareOptions, type PrepareResult } from '../patch/index.js';
import { redactUrl } from '../core/remote.js';
import { decideForRun, type Decision } from './decide.js';
import { gateBeforePatch, gateMarkdown, type GateBeforePatchOptions, type GateResult } from './gate.js';
import { nothingNewMarkdown, type NothingNew } from './nothingnew.js';

export type PipelineBuildOptions = Omit<
  BuildOptions,
  'dir' | 'commit' | 'commitDate' | 'upstream' | 'track' | 'branch' | 'patchReport' | 'mode' | 'digests' | 'push'
> & {
  /**
   * No Docker engine: make the build plan (images, tags, args, labels) and show what the deploy would bump.
   * Nothing is built or pushed, and nothing is written to the config repository (a dry run of the deploy).
   */
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
  gate?: Pick<GateBeforePatchOptions, 'checks' | 'requiredChecks' | 'checksApps' | 'minAge' | 'checksRepository' | 'apiUrl' | 'now'>;
}

export interface PipelineResult {
  ok: boolean;
  /** The one line that says why the run stopped (a failed patch). Errors of the other steps are thrown. */
  failure?: string;
  /** The upstream commit of this run, its version and image tag: in every run. */
  upstream: { repository: string; ref: string; commit: string; version: string; imageTag: string };
  /** The decision made first (absent when the run was not to stop early, or it could not be made without a checkout). */
  decision?: Decision;
  /** Set when the run stopped at the decision: nothing to build, merge or deploy. */
  nothingNew?: NothingNew;
  /** The patch step's result (absent when the run stopped at the decision). */
  prepared?: PrepareResult;
  /** The upstream checks gate's choice, when it ran. */
  gate?: GateResult;
  plan?: BuildPlan;
  build?: BuildResult;
  deploy?: DeployResult;
  /** How far the cluster is behind upstream (the deploy's, or the one measured when nothing was new). */
  freshness?: FreshnessReport;
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
      sourceRepository: opts.build.sourceRepository,
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

/** A promise that is awaited later: a rejection before then is not an unhandled one. */
function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** Whether the run may stop at the decision: it deploys, builds for real, and is not told to rebuild. */
function decidesFirst(opts: PipelineOptions): boolean {
  const commit = opts.upstream.commit?.trim();
  return Boolean(opts.deploy) && !opts.build.planOnly && !opts.build.force && (!commit || /^[0-9a-f]{40}$/i.test(commit));
}

export async function runPipeline(opts: PipelineOptions, log: Logger): Promise<PipelineResult> {
  const t0 = performance.now();
  const seconds = () => Math.round((performance.now() - t0) / 10) / 100;
  const repository = opts.upstream.repository ?? DEFAULT_REPOSITORY;
  const track = opts.upstream.track ?? 'main';
  // Opened once, side by side with everything else: the config clone and (tracking main) the upstream history.
  const workDir = opts.deploy ? (opts.deploy.workDir ?? (await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'offmain-config-')))) : undefined;
  let checkout: Promise<ConfigCheckout> | undefined;
  let mainHistory: Promise<UpstreamHistory> | undefined;
  try {
    const d = opts.deploy;
    const remote = d && configRemote(d.repository, { token: d.token, serverUrl: d.serverUrl, tokenForGitHubOnly: d.tokenForGitHubOnly });
    checkout = remote && later(ConfigCheckout.clone({ remote, dir: join(workDir!, 'config'), branch: d.branch?.trim() || undefined }));
    const openHistory = (ref: string | undefined) => UpstreamHistory.open({ repository, ref, token: opts.upstream.token });
    mainHistory = track === 'main' && d ? later(openHistory(opts.upstream.ref)) : undefined;

    // The checks gate picks the commit before anything is resolved, built or pushed.
    const gated = await gateBeforePatch({
      ...opts.gate,
      repository,
      ref: opts.upstream.ref,
      track: opts.upstream.track,
      commit: opts.upstream.commit,
      token: opts.upstream.token,
      ...(mainHistory ? { history: mainHistory } : {}),
      log,
    });
    const upstreamOptions = gated ? { ...opts.upstream, commit: gated.chosen.sha } : opts.upstream;

    let decision: Decision | undefined;
    if (decidesFirst(opts)) {
      decision = await log.group('Decide', () =>
        decideForRun({
          upstream: repository,
          track,
          ref: opts.upstream.ref,
          commit: upstreamOptions.commit,
          upstreamToken: opts.upstream.token,
          patchSets: opts.upstream.patchSets ?? DEFAULT_PATCH_SETS,
          patches: opts.upstream.diffs,
          baseDir: opts.upstream.baseDir,
          images: opts.build.images,
          streamingImages: opts.build.streamingImages,
          platforms: Array.isArray(opts.build.platforms) ? opts.build.platforms.join(',') : (opts.build.platforms as string | undefined),
          config: { repository: d!.repository, branch: d!.branch, path: d!.path, token: d!.token },
          adopt: d!.adopt,
          checkout,
          gate: opts.gate,
          env: opts.build.env,
          log,
        }),
      );
      const co = await checkout!; // a config repository that cannot be read stops the run here
      if (decision) log.info(decision.line);
      if (decision && !decision.deploy && !decision.merge && !decision.platforms.length) {
        return await stopHere(decision, co, { opts, history: mainHistory ?? later(openHistory(decision.ref)), gate: gated?.result, log, seconds });
      }
    }
    return await goOn(opts, { upstreamOptions, gated, decision, checkout, history: mainHistory, openHistory, log, seconds });
  } finally {
    // A clone or fetch still running (a run stopped by a failed patch) is done before its directory goes.
    await Promise.allSettled([checkout, mainHistory]);
    if (workDir && !opts.deploy?.workDir) await rm(workDir, { recursive: true, force: true });
  }
}

/** Nothing to build, merge or deploy: the result of the decision, with the freshness. */
async function stopHere(
  decision: Decision,
  co: ConfigCheckout,
  c: { opts: PipelineOptions; history: Promise<UpstreamHistory>; gate?: GateResult; log: Logger; seconds: () => number },
): Promise<PipelineResult> {
  const d = c.opts.deploy!;
  const configHead = later(co.head());
  const nothingNew: NothingNew = {
    line: decision.line,
    images: decision.images,
    pinned: decision.pinned,
    config: { repository: co.remote.display, branch: co.branch, commit: '' },
  };
  try {
    const history = await c.history;
    nothingNew.freshness = await c.log.group('Freshness', async () => {
      const f = await freshness({ history, deployed: decision.commit, now: d.now, maxLagHours: d.maxLagHours, warnOnly: d.warnOnly });
      if (c.gate) f.gateLagHours = c.gate.lagHours;
      c.log.info(freshnessLine(f));
      if (f.status === 'warn') c.log.warning(freshnessFailure(f));
      return f;
    });
  } catch (e) {
    nothingNew.freshnessError = errorMessage(e);
    c.log.warning(`the lag cannot be measured: ${nothingNew.freshnessError}`);
  }
  nothingNew.config.commit = await configHead;
  return {
    ok: true,
    upstream: { repository: redactUrl(c.opts.upstream.repository ?? DEFAULT_REPOSITORY), ref: decision.ref, commit: decision.commit, version: decision.version, imageTag: decision.imageTag },
    decision,
    nothingNew,
    ...(c.gate ? { gate: c.gate } : {}),
    ...(nothingNew.freshness ? { freshness: nothingNew.freshness } : {}),
    seconds: c.seconds(),
  };
}

interface GoOn {
  upstreamOptions: PrepareOptions;
  gated?: Awaited<ReturnType<typeof gateBeforePatch>>;
  decision?: Decision;
  checkout?: Promise<ConfigCheckout>;
  history?: Promise<UpstreamHistory>;
  openHistory: (ref: string) => Promise<UpstreamHistory>;
  log: Logger;
  seconds: () => number;
}

/** The whole way: patch, check the deploy, build (or plan), deploy. */
async function goOn(opts: PipelineOptions, c: GoOn): Promise<PipelineResult> {
  const { log, gated, seconds } = c;
  const prepared = await prepare(c.upstreamOptions, log);
  const u = prepared.upstream;
  const upstream = { repository: u.repository, ref: u.ref, commit: u.sha, version: prepared.version.display, imageTag: prepared.version.imageTag };
  const failure = failureLine(prepared);
  const decided = c.decision ? { decision: c.decision } : {};
  if (failure) return { ok: false, failure, upstream, ...decided, prepared, gate: gated?.result, seconds: seconds() };

  // One history for the whole run: the one opened at the start (tracking main), else the release's branch.
  let history: Promise<UpstreamHistory> | undefined;
  const historyOnce = () => (history ??= c.history ?? later(c.openHistory(u.ref)));
  const deployOptions = async (images: ImageTarget[]): Promise<DeployOptions> => ({
    ...opts.deploy!,
    images,
    // The repository as given (credentials written in its URL serve the history fetch too), not u.repository (redacted).
    upstream: { repository: opts.upstream.repository ?? u.repository, ref: u.ref, commit: u.sha, token: opts.upstream.token, history: await historyOnce() },
    checkout: await c.checkout!,
    version: prepared.version.display,
    patchReport: prepared.report,
    // The lag the gate causes, reported apart from the pipeline's own.
    ...(gated ? { gateLagHours: gated.result.lagHours } : {}),
    log,
  });
  if (opts.deploy && !opts.build.planOnly) {
    // Refuse a downgrade, malformed YAML or an image the config never names BEFORE spending time on a build.
    await log.group('Check the deploy before building', async () => {
      const check = await deploy({ ...(await deployOptions(deployTargets({ plan: await planOnly(prepared, opts) }))), pinDigest: false, dryRun: true });
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
  let planFreshness: FreshnessReport | undefined;
  if (opts.deploy && plan) {
    // Nothing was built: the images do not exist, so nothing may name them. Only show what the bump would be.
    deployed = await log.group('Deploy (plan only: nothing is written)', async () => {
      const r = await deploy({ ...(await deployOptions(deployTargets({ plan }))), pinDigest: false, dryRun: true });
      log.info(
        r.changed
          ? `the bump would move ${r.files.join(', ')} from ${r.previous.version ?? 'an unknown version'} to ${r.next.version}; nothing was committed or pushed`
          : `the config repository already names ${r.next.version}`,
      );
      return r;
    });
    planFreshness = await lagOfDeployed(deployed, await historyOnce(), opts.deploy, gated?.result.lagHours, log);
  } else if (opts.deploy) {
    deployed = await log.group('Deploy', async () => deploy(await deployOptions(deployTargets({ build: built, plan }))));
  }
  return {
    ok: true,
    upstream,
    ...decided,
    prepared,
    gate: gated?.result,
    plan,
    build: built,
    deploy: deployed,
    ...(deployed?.freshness ? { freshness: deployed.freshness } : planFreshness ? { freshness: planFreshness } : {}),
    seconds: seconds(),
  };
}

/**
 * Plan only: how far behind the cluster is now, on the commit the config repository still names. Reported,
 * never a failure (this run deploys nothing that could make it better).
 */
async function lagOfDeployed(
  r: DeployResult,
  history: UpstreamHistory,
  d: PipelineDeployOptions,
  gateLagHours: number | undefined,
  log: Logger,
): Promise<FreshnessReport | undefined> {
  const running = r.previous.tag ? parseImageTag(r.previous.tag)?.shortSha : undefined;
  if (!running) return undefined;
  try {
    const f = await freshness({ history, deployed: running, now: d.now, maxLagHours: d.maxLagHours, warnOnly: true });
    if (gateLagHours !== undefined) f.gateLagHours = gateLagHours;
    log.info(`the cluster still runs ${running}: ${freshnessLine(f)}`);
    return f;
  } catch (e) {
    log.warning(`the lag cannot be measured: ${errorMessage(e)}`);
    return undefined;
  }
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

/** The job summary of a whole run: patch, build (or plan), deploy with freshness; or what a run with nothing new found. */
export function pipelineSummaryMarkdown(r: PipelineResult): string {
  const parts: string[] = [];
  if (r.gate) parts.push(gateMarkdown(r.gate, r.upstream.repository));
  if (r.nothingNew) parts.push(nothingNewMarkdown(r.nothingNew, r.upstream));
  if (r.prepared) parts.push(patchSummaryMarkdown(r.prepared));
  if (r.build) parts.push(buildSummaryMarkdown(r.build));
  if (r.plan) parts.push(planMarkdown(r.plan));
  if (r.deploy) parts.push(deploySummaryMarkdown(r.deploy));
  if (r.deploy?.dryRun && r.freshness) parts.push(freshnessMarkdown(r.freshness));
  if (r.failure) parts.push(`**Stopped before anything was built or pushed:** ${r.failure}\n`);
  return parts.join('\n');
}
