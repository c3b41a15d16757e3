/**
 * How far the deployed Mastodon is behind upstream, against the 48-hour goal.
 *
 * Lag = now minus the committer time of the oldest commit on the tracked upstream branch that the deployed
 * commit does not contain; 0 when the deployed commit is the branch head. Upstream is idle every weekend,
 * so the age of the head commit is not the measure: a cluster on Friday evening's head is fresh on Monday.
 * Only first-parent commits count (what the branch itself went through: a merged pull request counts from
 * its merge, not from the day its first commit was written).
 *
 * Commit dates are upstream text: whoever gets a commit onto the branch writes its date. A date that is too
 * early (backdated) can only make the lag look longer, which fails safe; a date that is too late would hide the
 * lag. So the date of the first missing commit (the one right after the deployed commit, whose date the lag
 * is) counts only when it is believable: not after now, and not after the date of a later commit of the branch
 * (one built on it, so made after it), each by more than the clock skew allowed (5 minutes). When it is not,
 * the lag cannot be measured: `behind` is still exact, the status fails closed (`fail`, or `warn` with
 * warn-only, never `ok`), and `hours` is the most the lag can be, counted from the earliest date that is not
 * in the future among the deployed commit and the commits it lacks. At the branch head the lag is 0 whatever
 * the dates say.
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

/** How far a commit date may lie after now, or after a later commit's, and still be believed (clocks differ). */
export const CLOCK_SKEW_SECONDS = 5 * 60;

/** Why the lag cannot be measured: the first missing commit's date is not believable. */
export interface Unmeasured {
  /** `future`: dated after now; `out-of-order`: dated after `than`, a later commit of the branch (built on it). */
  why: 'future' | 'out-of-order';
  /** The first commit the deployed one lacks (the one whose date would be the lag), and its date. */
  sha: string;
  time: number;
  date: string;
  than?: CommitTime & { date: string };
  /** The commit whose date `hours` counts from (the most the lag can be); absent when every date is in the future. */
  since?: CommitTime & { date: string };
}

export interface Lag {
  /** Hours, rounded to 0.1; 0 when nothing is missing. When `unmeasured`: the most the lag can be. */
  hours: number;
  /** How many (first-parent) upstream commits the deployed commit lacks. */
  behind: number;
  /** The oldest of them (by date; when `unmeasured`, the first of them on the branch). */
  oldest?: CommitTime;
  /** Set when the commit dates cannot tell the lag (see the module comment): the status is never `ok` then. */
  unmeasured?: Unmeasured;
}

const dated = (c: CommitTime) => ({ sha: c.sha, time: c.time, date: isoUtc(c.time) });
const hoursSince = (nowMs: number, c: CommitTime) => Math.round(Math.max(0, (nowMs - c.time * 1000) / 3_600_000) * 10) / 10;

/**
 * The lag, given the upstream commits the deployed commit does not contain in branch order, oldest first (as
 * `UpstreamHistory.notDeployed` lists them), and now. `deployed` (the commit they follow) bounds the lag when
 * the dates cannot tell it.
 */
export function computeLag(notDeployed: CommitTime[], now: Date | number, deployed?: CommitTime): Lag {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const first = notDeployed[0];
  if (!first) return { hours: 0, behind: 0 };
  let oldest = first;
  for (const c of notDeployed) if (c.time < oldest.time) oldest = c;
  const nowS = nowMs / 1000;
  // The earliest of the later commits dated earlier than the first one, beyond the skew: the dates are out of order.
  const than = oldest !== first && oldest.time < first.time - CLOCK_SKEW_SECONDS ? oldest : undefined;
  const why = first.time > nowS + CLOCK_SKEW_SECONDS ? 'future' : than ? 'out-of-order' : undefined;
  if (!why) return { hours: hoursSince(nowMs, oldest), behind: notDeployed.length, oldest };
  // The most the lag can be: the first missing commit came after the deployed one, so count from the earliest
  // date that is not in the future (the deployed commit's, mostly). A backdated one only makes it longer.
  let since: CommitTime | undefined;
  for (const c of deployed ? [deployed, ...notDeployed] : notDeployed) {
    if (c.time <= nowS + CLOCK_SKEW_SECONDS && (!since || c.time < since.time)) since = c;
  }
  const unmeasured: Unmeasured = { why, ...dated(first) };
  if (why === 'out-of-order' && than) unmeasured.than = dated(than);
  if (since) unmeasured.since = dated(since);
  return { hours: since ? hoursSince(nowMs, since) : 0, behind: notDeployed.length, oldest: first, unmeasured };
}

export type FreshnessStatus = 'ok' | 'warn' | 'fail';

/**
 * `ok` within `maxLagHours`; past it `fail`, or `warn` with `warnOnly`. A lag the dates cannot tell is never
 * `ok`: it fails closed the same way.
 */
export function assessFreshness(lag: Lag, maxLagHours = DEFAULT_MAX_LAG_HOURS, warnOnly = false): FreshnessStatus {
  if (lag.hours <= maxLagHours && !lag.unmeasured) return 'ok';
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

/** Why the lag cannot be measured, in words: `1234567 is dated 2027-01-01T00:00:00Z, in the future (now ...)`. */
export function unmeasuredWords(u: Unmeasured, now: string): string {
  const when = u.why === 'future' ? `in the future (now ${now})` : `after ${u.than!.sha.slice(0, 7)} (${u.than!.date}), a later commit built on it`;
  return `${u.sha.slice(0, 7)} is dated ${u.date}, ${when}`;
}

/** `at most 64 h (2.7 days), counted from 2026-08-21T17:00:00Z (abc1234)`, or that nothing bounds it. */
function boundWords(r: FreshnessReport): string {
  const since = r.lag.unmeasured!.since;
  return since ? `at most ${formatHours(r.lag.hours)}, counted from ${since.date} (${since.sha.slice(0, 7)})` : 'every date is in the future, so nothing bounds it';
}

/** One line: what the lag is and why. */
export function freshnessLine(r: FreshnessReport): string {
  const dep = r.deployed.sha.slice(0, 7);
  if (r.lag.behind === 0) return `deployed ${dep} is the newest commit of ${r.ref}: lag 0 h (goal ${r.maxLagHours} h)`;
  const oldest = r.lag.oldest!;
  const behind = `deployed ${dep} is ${r.lag.behind} commit${r.lag.behind === 1 ? '' : 's'} behind ${r.ref} (${r.head.sha.slice(0, 7)}); `;
  if (r.lag.unmeasured) {
    return (
      `${behind}the lag cannot be measured: the oldest missing one, ${unmeasuredWords(r.lag.unmeasured, r.now)}; ` +
      `${boundWords(r)} (goal ${r.maxLagHours} h)`
    );
  }
  return `${behind}the oldest missing one, ${oldest.sha.slice(0, 7)}, landed ${r.oldestMissingDate}: lag ${formatHours(r.lag.hours)} (goal ${r.maxLagHours} h)`;
}

/** The error line for a lag past the goal, or one the dates cannot tell. */
export function freshnessFailure(r: FreshnessReport): string {
  if (r.lag.unmeasured) {
    return (
      `the lag of the deployed Mastodon behind ${r.ref} of ${r.upstream} cannot be measured, so it does not count as within the ${r.maxLagHours} h goal: ` +
      `${freshnessLine(r)}; upstream's commit dates are wrong: deploy the branch head (its lag is 0 whatever the dates), or set warn-only`
    );
  }
  return (
    `the deployed Mastodon is ${formatHours(r.lag.hours)} behind ${r.ref} of ${r.upstream}, past the ${r.maxLagHours} h goal: ` +
    `${freshnessLine(r)}; deploy a newer build (or raise max-lag)`
  );
}

const MARK: Record<FreshnessStatus, string> = { ok: '✅ within goal', warn: '⚠️ past goal', fail: '❌ past goal' };
const UNMEASURED_MARK: Record<FreshnessStatus, string> = { ok: '', warn: '⚠️ cannot be measured', fail: '❌ cannot be measured' };

export function freshnessMarkdown(r: FreshnessReport, heading = '### Freshness'): string {
  const link = (sha: string, url?: string) => (url ? `[\`${sha.slice(0, 7)}\`](${url})` : `\`${sha.slice(0, 7)}\``);
  const u = r.lag.unmeasured;
  const lag = u
    ? `cannot be measured: ${cell(unmeasuredWords(u, r.now))}; ${cell(boundWords(r))} (goal ${r.maxLagHours} h)`
    : `${formatHours(r.lag.hours)} (goal ${r.maxLagHours} h)`;
  const oldest = u ? `\`${u.sha.slice(0, 7)}\`, dated ${u.date}` : `\`${r.lag.oldest?.sha.slice(0, 7)}\` from ${r.oldestMissingDate}`;
  const rows = [
    ['Deployed', `${link(r.deployed.sha, r.deployedUrl)} (${r.deployed.date})`],
    ['Upstream', `${link(r.head.sha, r.headUrl)} (${r.head.date}) on ${cell(r.ref)} of ${cell(r.upstream)}`],
    [
      'Behind',
      r.lag.behind === 0
        ? 'nothing: the deployed commit is the newest'
        : `${r.lag.behind} commit${r.lag.behind === 1 ? '' : 's'}${r.compareUrl ? ` ([compare](${r.compareUrl}))` : ''}; oldest missing ${oldest}`,
    ],
    r.held !== undefined
      ? ['Held lag', `${lag}: ⏸️ held (${cell(inline(r.held, 200))})`]
      : ['Lag', `${lag}: ${(u ? UNMEASURED_MARK : MARK)[r.status]}`],
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
  const lag = computeLag(missing, now, { sha: deployedSha, time: deployedTime });
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
