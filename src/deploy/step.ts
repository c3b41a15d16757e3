/**
 * The deploy step as one core call: clone the GitOps config repository, bump the image references (bump.ts),
 * commit with a message that says what moved, and either push to the branch (mode `push`) or push a branch
 * `offmain/<tag>` and open or update one pull request (mode `pull-request`). Then measure how far the deployed
 * commit is behind upstream (freshness.ts).
 *
 * Nothing is pushed unless every step before the push succeeded. A push that loses a race is not rebased:
 * the tree is reset to the new remote head and the bump is applied again (configrepo.ts `updateBranch`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { errorMessage, OffmainError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { commitUrl, compareUrl, isValidBranchName } from '../core/remote.js';
import { ConfinedDir, UnsafePathError } from '../core/safefs.js';
import { parseImageTag, semverOf, type PatchReport } from '../patch/index.js';
import { bump, type BumpChange, type BumpResult, type HelmKeys, type ImageTarget, type UpstreamAncestry } from './bump.js';
import {
  ConfigCheckout,
  configRemote,
  DEFAULT_AUTHOR,
  type ConfigRemote,
  parseAuthor,
  updateBranch,
  type PushResult,
  type UpdateAttempt,
} from './configrepo.js';
import { freshness, freshnessFailure, freshnessLine, type FreshnessReport } from './freshness.js';
import { shaOf, UpstreamHistory } from './history.js';
import { deployCommitMessage, displayOf } from './message.js';
import { BRANCH_PREFIX, GitHubPullRequests, PR_MARKER, type MergeMethod, type PullRequestResult } from './pullrequest.js';
import type { Hold } from './hold.js';
import { preflight, rolloutFor } from './preflight.js';
import { MAX_UPSTREAM_BYTES, type RedisDriverFinding } from './redisdriver.js';
import type { RolloutReport } from './rollout.js';

export type DeployMode = 'push' | 'pull-request';

export interface UpstreamInfo {
  /** Upstream git URL (for the links, the downgrade check and the lag); read from `path`'s origin when omitted. */
  repository?: string;
  /** Tracked branch, default main. */
  ref?: string;
  /** The upstream commit the images were built from (full sha); else the short sha in the image tag. */
  commit?: string;
  /** The patch step's upstream checkout, reused for the history (fetched deeper, blobless, as needed). */
  path?: string;
  token?: string;
  /** Where to keep the blobless upstream history when no `path` is given. */
  cacheDir?: string;
  /** The history already opened (the pipeline opens it once per run): used as it is, not fetched again. */
  history?: UpstreamHistory;
}

export interface DeployOptions {
  /** The config repository: `OWNER/NAME` on GitHub, or any git URL or path. */
  repository: string;
  /** Default: the repository's default branch. */
  branch?: string;
  /** Token for HTTPS (sent as a header, never in a URL); also the GitHub API token in pull-request mode. */
  token?: string;
  /** GitHub web server for `OWNER/NAME` (default GITHUB_SERVER_URL or https://github.com). */
  serverUrl?: string;
  /**
   * The token belongs to the GitHub server (the actions' default `github.token`): it is sent to a config
   * repository on that server only, never to one elsewhere.
   */
  tokenForGitHubOnly?: boolean;
  /** GitHub REST API root (default GITHUB_API_URL or https://api.github.com). */
  apiUrl?: string;
  images: ImageTarget[];
  /** Directory inside the config repository to bump (default: all of it). */
  path?: string;
  mode?: DeployMode;
  pinDigest?: boolean;
  /** Pin Helm image mappings without a digest key as `tag@digest` (bump.ts BumpOptions.digestInTag). */
  digestInTag?: boolean;
  allowDowngrade?: boolean;
  policies?: Record<string, string>;
  helmKeys?: HelmKeys;
  /**
   * Repositories the config repository names now that become the images deployed, repository, tag and digest
   * (bump.ts BumpOptions.adopt): the first deploy over upstream's ghcr.io/mastodon/mastodon.
   */
  adopt?: readonly string[];
  /** `Name <email>`, author and committer; default DEFAULT_AUTHOR. */
  author?: string;
  upstream?: UpstreamInfo;
  /** Display version of the build (`4.8.0-alpha.1+2f40549`); else read from the first image's tag. */
  version?: string;
  /** The patch step's report (object or JSON text), for the commit message. */
  patchReport?: PatchReport | string;
  labels?: string[];
  autoMerge?: MergeMethod;
  closeSuperseded?: boolean;
  /** The `hold` input: a reason freezes every image (no bump); markers in the config repository hold one. */
  hold?: string;
  /** Hours the upstream checks gate kept the build behind the branch head (the patch step's gate-lag-hours), for the freshness report. */
  gateLagHours?: number;
  maxLagHours?: number;
  warnOnly?: boolean;
  now?: Date;
  /** Pushes in all when racing other writers (default 5). */
  attempts?: number;
  /** Base of the jittered backoff between pushes (default 250 ms). */
  backoffMs?: number;
  /** Test seam: awaited right before each push. */
  beforePush?: (attempt: number) => Promise<void>;
  /** Where to clone; default a temporary directory, removed afterwards. */
  workDir?: string;
  /**
   * A clone of this repository's branch made earlier in the run (the pipeline's decision made it): bumped in
   * place instead of cloning again. A push that finds the branch moved refreshes it and bumps again.
   * The caller removes it.
   */
  checkout?: ConfigCheckout;
  /**
   * Only check: clone, bump in memory (the downgrade check, malformed YAML, missing references) and report
   * what would change; commit, push and open nothing. The pipeline runs it before it spends time building.
   */
  dryRun?: boolean;
  log?: Logger;
}

export interface DeployResult {
  changed: boolean;
  mode: DeployMode;
  /** The config repository, without credentials. */
  repository: string;
  branch: string;
  /** The commit pushed (to `branch`, or to the pull request's branch). */
  commit?: string;
  commitUrl?: string;
  pullRequest?: { number: number; url: string; created: boolean; branch: string; closed: number[]; autoMerge?: string; labels: string[] };
  /** Files changed, relative to the config repository root. */
  files: string[];
  changes: BumpChange[];
  /** What was deployed before (the first image's reference). */
  previous: { tag?: string; version?: string };
  /** What is deployed now. */
  next: { tag: string; version: string; commit?: string };
  images: ImageTarget[];
  message?: string;
  /** Why nothing was pushed, when nothing was. */
  reason?: string;
  /** A dry run: `changed` says what a deploy would change; nothing was committed or pushed. */
  dryRun?: boolean;
  attempts: number;
  upstream?: { repository: string; ref: string; compareUrl?: string; commitUrl?: string };
  /** What the rollout brings (upstream commits, migrations, env and build changes, patch status changes). */
  rollout?: RolloutReport;
  /** Images held (no bump), and why. */
  holds?: Hold[];
  /** rediss:// URLs without REDIS_DRIVER=ruby (a warning with warn-only; else the deploy stopped). */
  redisDriver?: RedisDriverFinding[];
  freshness?: FreshnessReport;
  /** Set when the lag could not be measured. */
  freshnessError?: string;
}

function parseReport(report: PatchReport | string | undefined): PatchReport | undefined {
  if (report === undefined || report === '') return undefined;
  if (typeof report !== 'string') return report;
  try {
    const r = JSON.parse(report) as PatchReport;
    if (!r || typeof r !== 'object' || !Array.isArray(r.patches)) throw new Error('no patches list');
    return r;
  } catch (e) {
    throw new OffmainError(`the patch report is not the patch step's JSON (${errorMessage(e)}): pass its patch-report output unchanged`);
  }
}

/**
 * The upstream commit given must be the one in each offmain image tag: otherwise the downgrade check, the
 * commit message and the lag would speak of another commit than the one deployed.
 */
function refuseOtherCommit(commit: string | undefined, images: ImageTarget[]): void {
  if (!commit?.trim()) return;
  const given = shaOf(commit);
  for (const t of images) {
    const tag = parseImageTag(t.tag);
    if (!tag || given.startsWith(tag.shortSha) || tag.shortSha.startsWith(given)) continue;
    throw new OffmainError(
      `the upstream commit ${commit.trim()} is not the commit ${tag.shortSha} in the image tag ${t.repository}:${t.tag}: ` +
        'give the commit the images were built from (or none: it is read from the tag), or pass --allow-downgrade to deploy it anyway',
    );
  }
}

/**
 * The directory to bump: `sub` of the clone, a real directory of it. A symbolic link the repository commits
 * on the way could lead anywhere (out of the clone, or past git, which will not add a path beyond a link).
 */
function configDir(clone: string, sub: string, given: string): string {
  if (!sub) return clone;
  const tree = new ConfinedDir(clone, { what: 'the config repository', advice: '' });
  try {
    tree.lstat(sub);
  } catch (e) {
    if (!(e instanceof UnsafePathError) || !e.link) throw e;
    throw new OffmainError(
      `path "${given}" goes through ${e.link}, a symbolic link in the config repository: offmain bumps only real directories of the clone; give the directory the link points to`,
    );
  }
  return tree.abs(sub);
}

/** The new commit's files, read from the upstream history (bounded), for the Redis driver check. */
function upstreamTree(history: UpstreamHistory | undefined, sha: string | undefined) {
  return history && sha ? { commit: sha, read: (file: string) => history.fileAt(sha, file, MAX_UPSTREAM_BYTES) } : undefined;
}

/** A clone made earlier in the run: it must be of this repository and branch. */
function reused(co: ConfigCheckout, remote: ConfigRemote, branch: string | undefined): ConfigCheckout {
  if (co.remote.fetchUrl !== remote.fetchUrl || (branch && co.branch !== branch)) {
    throw new OffmainError(`the config checkout given is of ${co.remote.display} ${co.branch}, not ${remote.display} ${branch ?? ''}: pass the clone of the repository deployed to`);
  }
  return co;
}

/** Whether the deploy on offmain branch `otherRef` is older than `ours` (a tag). */
async function olderDeploy(otherRef: string, ours: string, history?: UpstreamHistory): Promise<boolean> {
  const theirs = parseImageTag(otherRef.slice(BRANCH_PREFIX.length));
  const mine = parseImageTag(ours);
  if (!theirs || !mine) return false;
  if (theirs.shortSha === mine.shortSha) return false;
  // On the tracked branch the history decides (main's version number drops at times), then the version.
  const ancestry = await history?.isAncestor(theirs.shortSha, mine.shortSha).catch(() => undefined);
  if (ancestry !== undefined) return ancestry;
  let order: number;
  try {
    order = semver.compare(semverOf(mine.version), semverOf(theirs.version));
  } catch {
    return false;
  }
  return order > 0;
}

// ---------------------------------------------------------------------------------------------
// The core call
// ---------------------------------------------------------------------------------------------

const quiet: Logger = { info() {}, warning() {}, error() {}, group: (_n, fn) => fn() };

export async function deploy(opts: DeployOptions): Promise<DeployResult> {
  const log = opts.log ?? quiet;
  const mode: DeployMode = opts.mode ?? 'push';
  if (mode !== 'push' && mode !== 'pull-request') throw new OffmainError(`mode "${String(mode)}" is not known: use push or pull-request`);
  if (!opts.images.length) throw new OffmainError('no image to deploy: give at least one REPOSITORY=TAG@DIGEST');
  const author = parseAuthor(opts.author?.trim() || DEFAULT_AUTHOR);
  const report = parseReport(opts.patchReport);
  const sub = path.posix.normalize(`${(opts.path ?? '').trim() || '.'}/`).replace(/^\.\/$/, '').replace(/\/+$/, '');
  if (sub === '..' || sub.startsWith('../') || path.isAbsolute(sub)) {
    throw new OffmainError(`path "${opts.path}" must be a directory inside the config repository (relative, no ..)`);
  }
  const lead = opts.images[0]!;
  const nextVersion = opts.version?.trim() || displayOf(lead.tag)!;
  const remote = configRemote(opts.repository, { token: opts.token, serverUrl: opts.serverUrl, tokenForGitHubOnly: opts.tokenForGitHubOnly });
  if (remote.withheld) log.warning(`${remote.withheld}: write credentials for ${remote.display} in its https URL if it needs them`);
  const prBranch = `${BRANCH_PREFIX}${lead.tag}`;

  let gh: GitHubPullRequests | undefined;
  if (mode === 'pull-request') {
    if (!remote.github) {
      throw new OffmainError(
        `mode pull-request needs a repository on GitHub (OWNER/NAME, or a URL on ${opts.serverUrl || process.env.GITHUB_SERVER_URL || 'https://github.com'}); ${remote.display} is not: use mode push`,
      );
    }
    if (!opts.token) throw new OffmainError('mode pull-request needs a token (pull-requests: write, contents: write) to open the pull request');
    if (!isValidBranchName(prBranch)) throw new OffmainError(`"${lead.tag}" cannot be part of a branch name: use an image tag such as 4.8.0_2f40549`);
    gh = new GitHubPullRequests({ token: opts.token, owner: remote.github.owner, repo: remote.github.repo, apiUrl: opts.apiUrl, log });
  }

  if (!opts.allowDowngrade) refuseOtherCommit(opts.upstream?.commit, opts.images);

  // Upstream history first: the downgrade check and the lag need it; a failure here stops everything.
  let history: UpstreamHistory | undefined;
  let deployedSha: string | undefined;
  let freshnessError: string | undefined;
  const up = opts.upstream;
  if (up && (up.repository || up.path || up.history)) {
    history = await log.group('Upstream history', async () => {
      const h = up.history ?? (await UpstreamHistory.open({ repository: up.repository, ref: up.ref, dir: up.path, cacheDir: up.cacheDir, token: up.token }));
      const head = await h.head();
      log.info(`${h.repository} ${h.ref} is at ${head.sha.slice(0, 7)}`);
      try {
        deployedSha = await h.resolve(up.commit ?? shaOf(lead.tag));
        log.info(`the images are built from ${deployedSha.slice(0, 7)}`);
      } catch (e) {
        freshnessError = errorMessage(e);
        log.warning(`the lag cannot be measured: ${freshnessError}`);
      }
      return h;
    });
  }

  const workDir = opts.checkout ? undefined : (opts.workDir ?? (await mkdtemp(path.join(process.env.RUNNER_TEMP || tmpdir(), 'offmain-config-'))));
  try {
    const repoInfo = gh
      ? await log.group('GitHub', async () => {
          const info = await gh!.repository();
          log.info(`${gh!.slug}: default branch ${info.defaultBranch}`);
          if (opts.autoMerge && info.allowAutoMerge === false) {
            log.warning(`auto-merge is not allowed in ${gh!.slug}'s settings: the pull request will be opened without it`);
          }
          return info;
        })
      : undefined;

    const co = opts.checkout
      ? reused(opts.checkout, remote, opts.branch?.trim())
      : await log.group('Clone the config repository', () =>
          ConfigCheckout.clone({ remote, dir: path.join(workDir!, 'config'), branch: opts.branch?.trim() || repoInfo?.defaultBranch, log }),
        );
    const bumpDir = configDir(co.dir, sub, opts.path ?? '');
    const tracked = history;
    const ancestry: UpstreamAncestry | undefined = tracked && {
      branch: `${tracked.ref} of ${tracked.repository}`,
      place: (sha) => tracked.place(sha),
      isAncestor: (a, b) => tracked.isAncestor(a, b),
    };

    const bumpOptions = {
      dir: bumpDir,
      targets: opts.images,
      pinDigest: opts.pinDigest,
      digestInTag: opts.digestInTag,
      allowDowngrade: opts.allowDowngrade,
      policies: opts.policies,
      helmKeys: opts.helmKeys,
      adopt: opts.adopt,
      upstream: ancestry,
      log,
    };
    const pre = await log.group('Check the config repository', () =>
      preflight({ co, bump: bumpOptions, sub, report, upstreamTree: upstreamTree(history, deployedSha), version: nextVersion, hold: opts.hold, warnOnly: opts.warnOnly, log }),
    );
    bumpOptions.targets = pre.targets;
    bumpOptions.adopt = pre.adopt;
    const heldReason = `held: ${pre.holds.map((h) => `${h.repository}${h.reason ? ` (${h.reason})` : ''}`).join(', ')}`;
    const extra = {
      ...(pre.holds.length ? { holds: pre.holds } : {}),
      ...(pre.redisDriver.length ? { redisDriver: pre.redisDriver } : {}),
    };
    let rolloutReport: RolloutReport | undefined;
    let rolloutFrom: string | undefined;
    const rolloutOf = async (previousTag: string | undefined) => {
      if (!history || !deployedSha || rolloutFrom === previousTag) return rolloutReport;
      rolloutFrom = previousTag;
      rolloutReport = await rolloutFor({ history, co, previousTag, to: deployedSha, report, log });
      return rolloutReport;
    };
    if (opts.dryRun) {
      const r = pre.targets.length ? await bump({ ...bumpOptions, dryRun: true }) : { changed: false, changes: [], files: [], previous: pre.previous };
      const prev = r.previous[lead.repository];
      const ro = r.changed ? await rolloutOf(prev?.tag) : undefined;
      return {
        ...extra,
        ...(ro ? { rollout: ro } : {}),
        dryRun: true,
        changed: r.changed,
        mode,
        repository: remote.display,
        branch: co.branch,
        files: r.files.map((f) => (sub ? `${sub}/${f}` : f)),
        changes: r.changes,
        previous: prev?.tag ? { tag: prev.tag, version: prev.display ?? prev.tag } : {},
        next: { tag: lead.tag, version: nextVersion, ...(deployedSha ? { commit: deployedSha } : {}) },
        images: opts.images,
        attempts: 0,
        reason: pre.targets.length ? 'dry run: nothing committed or pushed' : heldReason,
      };
    }

    let last: BumpResult | undefined;
    let lastMessage = '';
    const apply = async (attempt: number): Promise<UpdateAttempt | string> => {
      if (!pre.targets.length) return heldReason;
      let r: BumpResult;
      try {
        r = await bump(bumpOptions);
      } catch (e) {
        // A newer deploy landed while this one was racing: it supersedes this one; nothing to do.
        if (attempt > 1 && /refusing to downgrade/.test(errorMessage(e))) {
          return `superseded: a newer version is already deployed on ${co.branch} (${errorMessage(e).replace(/^.*?from (\S+) \(deployed\).*$/, '$1')})`;
        }
        throw e;
      }
      last = r;
      for (const c of r.changes) log.info(`${sub ? `${sub}/` : ''}${c.file}:${c.line}: ${c.old} -> ${c.new}${c.note ? ` (${c.note})` : ''}`);
      if (!r.changed) return `already at the target: ${r.unchanged.length} reference${r.unchanged.length === 1 ? '' : 's'} already at ${opts.images.map((t) => t.tag).join(', ')}`;
      const ro = await rolloutOf(r.previous[lead.repository]?.tag ?? r.previous[pre.targets[0]!.repository]?.tag);
      const msg = deployCommitMessage({
        rollout: ro,
        images: pre.targets,
        bump: r,
        version: nextVersion,
        prefix: sub,
        upstream: history ? { repository: history.repository, ref: history.ref, commit: deployedSha } : undefined,
        patchReport: report,
      });
      lastMessage = msg.message;
      return { message: msg.message, files: r.files.map((f) => (sub ? `${sub}/${f}` : f)) };
    };

    let prLease: string | undefined = co.heads.get(prBranch) ?? '';
    let createdBranch = false;
    const pushPr = async (): Promise<PushResult> => {
      const tip = prLease ? await co.inspectRemoteBranch(prBranch) : undefined;
      const head = await co.head();
      const base = (await co.run(['rev-parse', 'HEAD^'])).stdout.trim();
      if (tip && tip.tree === (await co.treeOf(head)) && tip.parents[0] === base) {
        log.info(`${prBranch} already holds this change on the current ${co.branch}: not pushed again`);
        return { ok: true, sha: tip.sha };
      }
      const r = await co.push(prBranch, { lease: prLease ?? '' });
      if (r.ok) {
        createdBranch = !prLease;
        log.info(`pushed ${r.sha.slice(0, 7)} to ${prBranch}`);
      } else {
        prLease = (await co.remoteBranch(prBranch)) ?? '';
      }
      return r;
    };

    const outcome = await log.group(mode === 'push' ? `Bump and push to ${co.branch}` : `Bump and push ${prBranch}`, () =>
      updateBranch({
        checkout: co,
        apply,
        author,
        attempts: opts.attempts,
        backoffMs: opts.backoffMs,
        beforePush: opts.beforePush,
        push: gh ? pushPr : undefined,
        target: gh ? prBranch : undefined,
        log,
      }),
    );
    const bumped = last as BumpResult | undefined;

    const result: DeployResult = {
      ...extra,
      ...(outcome.pushed && rolloutReport ? { rollout: rolloutReport } : {}),
      changed: outcome.pushed,
      mode,
      repository: remote.display,
      branch: co.branch,
      files: outcome.pushed ? outcome.files : [],
      changes: outcome.pushed && bumped ? bumped.changes : [],
      previous: {},
      next: { tag: lead.tag, version: nextVersion, ...(deployedSha ? { commit: deployedSha } : {}) },
      images: opts.images,
      attempts: outcome.attempts,
    };
    const prev = bumped?.previous[lead.repository] ?? pre.previous[lead.repository];
    if (prev?.tag) result.previous = { tag: prev.tag, version: prev.display ?? prev.tag };
    if (history) {
      const oldSha = prev?.tag ? parseImageTag(prev.tag)?.shortSha : undefined;
      const newSha = deployedSha ?? parseImageTag(lead.tag)?.shortSha;
      result.upstream = { repository: history.repository, ref: history.ref };
      const cmp = oldSha && newSha && !newSha.startsWith(oldSha) ? compareUrl(history.repository, oldSha, newSha) : undefined;
      if (cmp) result.upstream.compareUrl = cmp;
      const cu = newSha ? commitUrl(history.repository, newSha) : undefined;
      if (cu) result.upstream.commitUrl = cu;
    }

    if (outcome.pushed) {
      result.commit = outcome.commit;
      result.message = lastMessage;
      if (remote.webUrl) result.commitUrl = `${remote.webUrl}/commit/${outcome.commit}`;
    } else {
      result.reason = outcome.reason;
      log.info(`nothing pushed: ${outcome.reason}`);
    }

    if (gh && outcome.pushed) {
      const [subject, ...rest] = lastMessage.split('\n');
      try {
        const pr: PullRequestResult = await log.group('Pull request', () =>
          gh!.openOrUpdate({
            base: co.branch,
            head: prBranch,
            headSha: outcome.commit,
            title: subject!,
            body: `${rest.join('\n').trim()}\n\nOpened by offmain: merging it rolls the cluster out to \`${nextVersion}\`.\n\n${PR_MARKER}\n`,
            labels: opts.labels,
            autoMerge: opts.autoMerge,
            closeSuperseded: opts.closeSuperseded,
            isSuperseded: (ref) => olderDeploy(ref, lead.tag, history),
          }),
        );
        result.pullRequest = {
          number: pr.pullRequest.number,
          url: pr.pullRequest.url,
          created: pr.created,
          branch: prBranch,
          closed: pr.closed.map((c) => c.number),
          labels: pr.labels,
          ...(pr.autoMerge ? { autoMerge: pr.autoMerge } : {}),
        };
      } catch (e) {
        // Leave no orphan branch behind: remove the branch this run created.
        if (createdBranch && (await co.deleteRemoteBranch(prBranch, outcome.commit))) {
          log.info(`removed the branch ${prBranch} again: the pull request could not be opened`);
        }
        throw e;
      }
    }

    // What the cluster runs: the new build once pushed to the branch; in pull-request mode, until the pull
    // request is merged, what the base branch still names.
    let running = deployedSha;
    const leadHeld = pre.holds.some((h) => h.repository === lead.repository);
    if (history && ((mode === 'pull-request' && result.changed) || leadHeld)) {
      const prevSha = result.previous.tag ? parseImageTag(result.previous.tag)?.shortSha : undefined;
      running = undefined;
      if (prevSha) {
        try {
          running = await history.resolve(prevSha);
          log.info(`${leadHeld ? 'held' : 'until the pull request is merged'}, the cluster runs ${prevSha}: the lag is measured for it`);
        } catch (e) {
          freshnessError = errorMessage(e);
        }
      } else {
        freshnessError = `the base branch names ${result.previous.tag ?? 'no offmain tag'}, so the commit the cluster runs until the pull request is merged is unknown`;
      }
    }
    if (history && running) {
      const h = history;
      const sha = running;
      result.freshness = await log.group('Freshness', async () => {
        // A hold is the admin's choice: its lag is reported (held lag), never a failure.
        const f = await freshness({ history: h, deployed: sha, now: opts.now, maxLagHours: opts.maxLagHours, warnOnly: opts.warnOnly || leadHeld });
        if (leadHeld) f.held = pre.holds.map((x) => x.reason || x.repository).join('; ');
        if (opts.gateLagHours !== undefined) f.gateLagHours = opts.gateLagHours;
        log.info(freshnessLine(f));
        if (f.status === 'warn') log.warning(freshnessFailure(f));
        return f;
      });
    } else if (freshnessError) {
      result.freshnessError = freshnessError;
    }
    return result;
  } finally {
    if (!opts.workDir && workDir) await rm(workDir, { recursive: true, force: true });
  }
}
