/**
 * How far the deployed Mastodon is behind upstream, against the 48-hour goal.
 *
 * Lag = now minus the committer time of the oldest commit on the tracked upstream branch that the deployed
 * commit does not contain; 0 when the deployed commit is the branch head. Upstream is idle every weekend,
 * so the age of the head commit is not the measure: a cluster on Friday evening's head is fresh on Monday.
 * Only first-parent commits count (what the branch itself went through: a merged pull request counts from
 * its merge, not from the day its first commit was written).
 *
 * The pure part (`computeLag`, `assessFreshness`, `freshnessMarkdown`) is apart from the git part
 * (history.ts: a blobless fetch of the branch into a cache directory, as deep as needed).
 */
import { OffmainError } from '../core/errors.js';
import { isoUtc } from '../core/git.js';
import { cell } from '../core/markdown.js';
import { commitUrl, compareUrl } from '../core/remote.js';
import { inline } from '../core/untrusted.js';
import { UpstreamHistory, type CommitTime, type HistoryOptions } from './history.js';

export type { CommitTime };

export const DEFAULT_MAX_LAG_HOURS = 48;

export interface Lag {
  /** Hours, rounded to 0.1; 0 when nothing is missing. */
  hours: number;
  /** How many (first-parent) upstream commits the deployed commit lacks. */
  behind: number;
  /** The oldest of them. */
  oldest?: CommitTime;
}

/** The lag, given the upstream commits the deployed commit does not contain, and now. */
export function computeLag(notDeployed: CommitTime[], now: Date | number): Lag {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  let oldest: CommitTime | undefined;
  for (const c of notDeployed) if (!oldest || c.time < oldest.time) oldest = c;
  if (!oldest) return { hours: 0, behind: 0 };
  const hours = Math.max(0, (nowMs - oldest.time * 1000) / 3_600_000);
  return { hours: Math.round(hours * 10) / 10, behind: notDeployed.length, oldest };
}

export type FreshnessStatus = 'ok' | 'warn' | 'fail';

/** `ok` within `maxLagHours`; past it `fail`, or `warn` with `warnOnly`. */
export function assessFreshness(lag: Lag, maxLagHours = DEFAULT_MAX_LAG_HOURS, warnOnly = false): FreshnessStatus {
  if (lag.hours <= maxLagHours) return 'ok';
  return warnOnly ? 'warn' : 'fail';
}

/** `0 h`, `5.5 h`, `63 h (2.6 days)`. */
export function formatHours(hours: number): string {
  const h = Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
  return hours >= 48 ? `${h} h (${(hours / 24).toFixed(1)} days)` : `${h} h`;
}

export interface FreshnessReport {
  /** Upstream repository, without credentials. */
  upstream: string;
  ref: string;
  head: CommitTime & { date: string };
  deployed: CommitTime & { date: string };
  lag: Lag;
  /** ISO time of the oldest missing commit, when there is one. */
  oldestMissingDate?: string;
  maxLagHours: number;
  status: FreshnessStatus;
  /** When `now` was. */
  now: string;
  /** Whether the deployed commit is on the tracked branch at all. */
  onBranch: boolean;
  compareUrl?: string;
  deployedUrl?: string;
  headUrl?: string;
  /** The deployed image is held (hold.ts): why. Its lag is the held lag, reported, never a failure. */
  held?: string;
  /** Hours the upstream checks gate kept the build behind the branch head (the gate's lag, not the pipeline's). */
  gateLagHours?: number;
}

/** One line: what the lag is and why. */
export function freshnessLine(r: FreshnessReport): string {
  const dep = r.deployed.sha.slice(0, 7);
  if (r.lag.behind === 0) return `deployed ${dep} is the newest commit of ${r.ref}: lag 0 h (goal ${r.maxLagHours} h)`;
  const oldest = r.lag.oldest!;
  return (
    `deployed ${dep} is ${r.lag.behind} commit${r.lag.behind === 1 ? '' : 's'} behind ${r.ref} (${r.head.sha.slice(0, 7)}); ` +
    `the oldest missing one, ${oldest.sha.slice(0, 7)}, landed ${r.oldestMissingDate}: lag ${formatHours(r.lag.hours)} ` +
    `(goal ${r.maxLagHours} h)`
  );
}

/** The error line for a lag past the goal. */
export function freshnessFailure(r: FreshnessReport): string {
  return (
    `the deployed Mastodon is ${formatHours(r.lag.hours)} behind ${r.ref} of ${r.upstream}, past the ${r.maxLagHours} h goal: ` +
    `${freshnessLine(r)}; deploy a newer build (or raise max-lag)`
  );
}

const MARK: Record<FreshnessStatus, string> = { ok: '✅ within goal', warn: '⚠️ past goal', fail: '❌ past goal' };

export function freshnessMarkdown(r: FreshnessReport, heading = '### Freshness'): string {
  const link = (sha: string, url?: string) => (url ? `[\`${sha.slice(0, 7)}\`](${url})` : `\`${sha.slice(0, 7)}\``);
  const rows = [
    ['Deployed', `${link(r.deployed.sha, r.deployedUrl)} (${r.deployed.date})`],
    ['Upstream', `${link(r.head.sha, r.headUrl)} (${r.head.date}) on ${cell(r.ref)} of ${cell(r.upstream)}`],
    [
      'Behind',
      r.lag.behind === 0
        ? 'nothing: the deployed commit is the newest'
        : `${r.lag.behind} commit${r.lag.behind === 1 ? '' : 's'}${r.compareUrl ? ` ([compare](${r.compareUrl}))` : ''}; oldest missing \`${r.lag.oldest!.sha.slice(0, 7)}\` from ${r.oldestMissingDate}`,
    ],
    r.held !== undefined
      ? ['Held lag', `${formatHours(r.lag.hours)} (goal ${r.maxLagHours} h): ⏸️ held (${cell(inline(r.held, 200))})`]
      : ['Lag', `${formatHours(r.lag.hours)} (goal ${r.maxLagHours} h): ${MARK[r.status]}`],
  ];
  if (r.gateLagHours !== undefined) rows.push(['Gate lag', `${formatHours(r.gateLagHours)}: upstream commits the checks gate held back`]);
  return [heading, '', '| | |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`), ''].join('\n');
}


export interface FreshnessOptions extends HistoryOptions {
  /** The deployed upstream commit: sha, image tag or display version. */
  deployed: string;
  now?: Date;
  maxLagHours?: number;
  warnOnly?: boolean;
  /** An already opened history (deploy reuses the one it fetched). */
  history?: UpstreamHistory;
}

/** Measures the lag of `deployed` behind the tracked upstream branch. */
export async function freshness(opts: FreshnessOptions): Promise<FreshnessReport> {
  const maxLagHours = opts.maxLagHours ?? DEFAULT_MAX_LAG_HOURS;
  if (!Number.isFinite(maxLagHours) || maxLagHours < 0) {
    throw new OffmainError(`max-lag "${opts.maxLagHours}" is not a number of hours: pass e.g. 48`);
  }
  const history = opts.history ?? (await UpstreamHistory.open(opts));
  // In order: a question that fetches deeper (resolve, isAncestor) comes before the reads of the branch.
  const deployedSha = await history.resolve(opts.deployed);
  const head = await history.head();
  // The head deployed (a run with nothing new, mostly): nothing is missing, no more git to ask.
  const atHead = deployedSha === head.sha;
  const onBranch = atHead || (await history.isAncestor(deployedSha, head.sha)) === true;
  const [missing, deployedTime] = atHead ? [[], head.time] : await Promise.all([history.notDeployed(deployedSha), history.commitTime(deployedSha)]);
  const now = opts.now ?? new Date();
  const lag = computeLag(missing, now);
  const report: FreshnessReport = {
    upstream: history.repository,
    ref: history.ref,
    head: { ...head, date: isoUtc(head.time) },
    deployed: { sha: deployedSha, time: deployedTime, date: isoUtc(deployedTime) },
    lag,
    maxLagHours,
    status: assessFreshness(lag, maxLagHours, opts.warnOnly),
    now: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    onBranch,
  };
  if (lag.oldest) report.oldestMissingDate = isoUtc(lag.oldest.time);
  const cmp = lag.behind ? compareUrl(history.repository, deployedSha, head.sha) : undefined;
  if (cmp) report.compareUrl = cmp;
  const du = commitUrl(history.repository, deployedSha);
  if (du) report.deployedUrl = du;
  const hu = commitUrl(history.repository, head.sha);
  if (hu) report.headUrl = hu;
  return report;
}
