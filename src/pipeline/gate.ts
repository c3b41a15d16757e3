/**
 * The upstream checks gate (tracking main): before anything is built, walk the tracked branch's first-parent
 * line from its head and choose the newest commit that upstream's own CI passed (checks.ts) and that is older
 * than `min-age`. A commit whose checks failed is held back (the one before it is taken); one whose checks are
 * still running is waited for on a later run, never deployed blind. The result names every commit held back
 * and why, the lag the gate causes (how old the oldest held-back commit is), and the API rate limit left.
 *
 * Mode `require` is the default when upstream is on GitHub (every check that ran must be green), `names` a
 * list of required checks, `off` no gate. The history is the deploy's blobless one (deploy/history.ts).
 */
import { OffmainError } from '../core/errors.js';
import { isoUtc } from '../core/git.js';
import { DEFAULT_API_URL, githubClient } from '../core/github.js';
import type { Logger } from '../core/log.js';
import { cell } from '../core/markdown.js';
import { commitUrl, githubRepoSlug } from '../core/remote.js';
import { inline } from '../core/untrusted.js';
import { computeLag, formatHours, UpstreamHistory, type CommitTime } from '../deploy/index.js';
import { checksReader, parseChecksMode, type CheckResult, type ChecksMode, type RateLimit } from './checks.js';

/** How many first-parent commits the gate looks at, at most (two API requests each). */
export const MAX_GATE_COMMITS = 20;
/** A commit with nothing that proves it, younger than this, is said to be waited for (its CI may not have started). */
const NO_CHECKS_GRACE_HOURS = 24;

export interface GateOptions {
  mode?: ChecksMode;
  /** Required check names, with mode `names`. */
  required?: string[];
  /** Only commits older than this many hours pass. */
  minAgeHours?: number;
  /** Slugs of the apps whose check runs prove a commit; default GitHub Actions (upstream's own CI). */
  apps?: string[];
  /** Upstream git URL (the history) and tracked branch. */
  repository: string;
  ref?: string;
  token?: string;
  /**
   * GitHub REST API root of the repository whose checks are read; default https://api.github.com (upstream
   * Mastodon is there even when offmain runs on GitHub Enterprise Server).
   */
  apiUrl?: string;
  /** `owner/name` whose checks are read; default the upstream repository's, when it is on GitHub. */
  checksRepository?: string;
  cacheDir?: string;
  /** The history the run already opened (`offmain run` opens it once): not fetched again. */
  history?: UpstreamHistory | Promise<UpstreamHistory>;
  now?: Date;
  maxCommits?: number;
  log: Logger;
}

export interface HeldBack extends CommitTime {
  /** failed; pending (running, or not reported yet); unfinished (cancelled, stale, skipped); unproven (nothing proves it); too young (min-age). */
  why: 'failed' | 'pending' | 'unfinished' | 'unproven' | 'too young';
  /** The checks that held it back. */
  checks: CheckResult[];
}

export interface GateResult {
  mode: ChecksMode;
  /** Where the checks were read (`owner/name`). */
  checksRepository?: string;
  head: CommitTime;
  /** The commit to build; absent when none passed (then nothing is built). */
  chosen?: CommitTime;
  heldBack: HeldBack[];
  /** Hours the gate keeps the build behind the branch head: the age of the oldest commit held back. */
  lagHours: number;
  rateLimit?: RateLimit;
  requests: number;
  /** Why nothing was chosen. */
  failure?: string;
}

/** `2h`, `90m`, `1d`, `1.5` (hours) -> hours. */
export function parseMinAge(value: string | undefined): number | undefined {
  const v = (value ?? '').trim();
  if (!v) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)?$/i.exec(v);
  if (!m) throw new OffmainError(`min-age "${inline(v, 40)}" is not a duration: pass e.g. 2h, 90m or 1d`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'h').toLowerCase();
  return unit === 'd' ? n * 24 : unit.startsWith('m') ? n / 60 : n;
}

export async function gate(opts: GateOptions): Promise<GateResult> {
  const slug = opts.checksRepository?.trim() || githubRepoSlug(opts.repository);
  const mode: ChecksMode = opts.mode ?? (slug ? 'require' : 'off');
  if (mode === 'names' && !opts.required?.length) throw new OffmainError('checks: names needs the required-checks list: name the checks that must pass, or use checks: require');
  const history = (await opts.history) ?? (await UpstreamHistory.open({ repository: opts.repository, ref: opts.ref, cacheDir: opts.cacheDir, token: opts.token }));
  const head = await history.head();
  const now = (opts.now ?? new Date()).getTime();
  const minAge = opts.minAgeHours ?? 0;
  const max = opts.maxCommits ?? MAX_GATE_COMMITS;
  const listed = await history.read(['rev-list', '--first-parent', '--format=%ct', '-n', String(max), history.tracking]);
  const line: CommitTime[] = [];
  const rows = listed.stdout.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const m = /^commit ([0-9a-f]{40,64})$/.exec(rows[i]!);
    if (m) line.push({ sha: m[1]!, time: Number(rows[++i]) });
  }
  if (mode === 'off' && !minAge) return { mode, head, chosen: head, heldBack: [], lagHours: 0, requests: 0 };
  if (mode !== 'off' && !slug) {
    throw new OffmainError(`the upstream checks are read from GitHub, and ${inline(opts.repository, 200)} is not on GitHub: set checks: off, or name the GitHub repository whose checks count`);
  }
  const [owner, repo] = (slug ?? '/').split('/') as [string, string];
  const apiUrl = opts.apiUrl || DEFAULT_API_URL;
  const token = apiToken(opts.repository, apiUrl, opts.token);
  const reader = mode === 'off' ? undefined : checksReader({ client: githubClient({ token, apiUrl, log: opts.log }), owner, repo, mode, required: opts.required, apps: opts.apps });

  const heldBack: HeldBack[] = [];
  let chosen: CommitTime | undefined;
  let failure: string | undefined;
  for (const c of line) {
    const ageHours = (now - c.time * 1000) / 3_600_000;
    if (ageHours < minAge) {
      heldBack.push({ ...c, why: 'too young', checks: [] });
      continue;
    }
    if (!reader) {
      chosen = c;
      break;
    }
    if (reader.rateLimit.remaining !== undefined && reader.rateLimit.remaining < 2) {
      failure = `the GitHub API rate limit is nearly used up (${reader.rateLimit.remaining} left until ${reader.rateLimit.reset ?? 'the reset'}): pass a token (upstream-token), or run again later`;
      break;
    }
    const v = await reader.read(c.sha, { firstSeen: minAge > 0 });
    // min-age counts from when GitHub first saw the commit: a committer date is whatever its author wrote.
    if (minAge > 0) {
      const seenHours = v.firstSeen === undefined ? undefined : (now - v.firstSeen * 1000) / 3_600_000;
      if (seenHours === undefined || seenHours < minAge) {
        heldBack.push({ ...c, why: 'too young', checks: seenHours === undefined ? [{ name: '(none)', kind: 'check-run', state: 'pending', detail: 'GitHub has no record of when it first saw it' }] : [] });
        continue;
      }
    }
    if (v.verdict === 'pass') {
      chosen = c;
      break;
    }
    const why: HeldBack['why'] =
      v.verdict === 'fail' ? 'failed' : v.verdict === 'pending' ? 'pending' : v.verdict === 'unfinished' ? 'unfinished' : ageHours < NO_CHECKS_GRACE_HOURS ? 'pending' : 'unproven';
    const nothing: CheckResult = { name: '(none)', kind: 'check-run', state: 'pending', detail: why === 'pending' ? 'no check reported yet' : 'no check of upstream\'s CI succeeded' };
    heldBack.push({ ...c, why, checks: v.blocking.length ? v.blocking : [nothing] });
    opts.log.info(`held back ${c.sha.slice(0, 7)}: ${heldLine(heldBack[heldBack.length - 1]!)}`);
  }
  if (!chosen && !failure) {
    failure = `none of the newest ${line.length} commits of ${history.ref} passed the upstream checks gate (${mode}${minAge ? `, min-age ${minAge} h` : ''}): nothing is built; the next run looks again`;
  }
  // Every commit held back is after the chosen one on the branch (newest first here: computeLag wants oldest first).
  const lag = computeLag([...heldBack].reverse(), now, chosen);
  const result: GateResult = { mode, head, heldBack, lagHours: lag.hours, requests: reader?.requests ?? 0 };
  if (slug) result.checksRepository = slug;
  if (chosen) result.chosen = chosen;
  if (reader) result.rateLimit = { ...reader.rateLimit };
  if (failure) result.failure = failure;
  return result;
}

/**
 * The upstream token belongs to upstream's git server: it goes to the GitHub API only when upstream is on
 * github.com and the API is github.com's. For any other upstream (a mirror elsewhere, with
 * `checks-repository` naming the GitHub repository whose checks count) the checks are read anonymously.
 */
export function apiToken(repository: string, apiUrl: string, token: string | undefined): string | undefined {
  if (!token || !githubRepoSlug(repository)) return undefined;
  try {
    return new URL(apiUrl).origin === new URL(DEFAULT_API_URL).origin ? token : undefined;
  } catch {
    return undefined;
  }
}

/** Why one commit was held back, one line. */
export function heldLine(h: HeldBack): string {
  if (h.why === 'too young') return h.checks.length ? `younger than min-age: ${h.checks[0]!.detail}` : 'younger than min-age';
  const names = h.checks.slice(0, 5).map((c) => `${c.name} (${c.detail})`);
  const more = h.checks.length > 5 ? `, and ${h.checks.length - 5} more` : '';
  const what = { failed: 'checks failed', pending: 'checks still running', unfinished: 'checks never finished', unproven: 'nothing proves it passed' }[h.why];
  return `${what}: ${names.join(', ')}${more}`;
}

/** The gate's section of a job summary. */
export function gateMarkdown(g: GateResult, upstream: string): string {
  const link = (sha: string) => {
    const u = commitUrl(upstream, sha);
    return u ? `[\`${sha.slice(0, 7)}\`](${u})` : `\`${sha.slice(0, 7)}\``;
  };
  const rows = [
    ['Mode', `${g.mode}${g.checksRepository ? ` (checks of ${cell(g.checksRepository)})` : ''}`],
    ['Chosen', g.chosen ? `${link(g.chosen.sha)} (${isoUtc(g.chosen.time)})${g.chosen.sha === g.head.sha ? ': the branch head' : ''}` : `none: ${cell(g.failure ?? '')}`],
    ...g.heldBack.map((h) => [`Held back ${link(h.sha)}`, cell(heldLine(h))]),
    ['Gate lag', formatHours(g.lagHours)],
  ];
  if (g.rateLimit?.remaining !== undefined) rows.push(['API rate limit', `${g.rateLimit.remaining} of ${g.rateLimit.limit ?? '?'} left${g.rateLimit.reset ? `, resets ${g.rateLimit.reset}` : ''} (${g.requests} requests)`]);
  return ['### Upstream checks gate', '', '| | |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`), ''].join('\n');
}

export interface GateBeforePatchOptions {
  repository: string;
  ref?: string;
  track?: 'main' | 'release';
  /** A commit given by hand: no gate. */
  commit?: string;
  token?: string;
  /** The adapters' words: `checks`, `required-checks`, `checks-apps`, `min-age`, `checks-repository`. */
  checks?: string;
  requiredChecks?: string[];
  /** Slugs of the apps whose check runs prove a commit; empty for GitHub Actions (upstream's own CI). */
  checksApps?: string[];
  minAge?: string;
  checksRepository?: string;
  apiUrl?: string;
  now?: Date;
  /** The history the run already opened (or is opening), when it did. */
  history?: GateOptions['history'];
  log: Logger;
}

/**
 * The gate as the patch step runs it: only tracking main with no commit given; `undefined` when it does not
 * run (mode off and no min-age). A gate that chooses nothing is an error: nothing is built this time.
 */
export async function gateBeforePatch(o: GateBeforePatchOptions): Promise<{ result: GateResult; chosen: CommitTime; markdown: string } | undefined> {
  if ((o.track ?? 'main') !== 'main' || o.commit?.trim()) return undefined;
  const minAgeHours = parseMinAge(o.minAge);
  const slug = o.checksRepository?.trim() || githubRepoSlug(o.repository);
  const mode = parseChecksMode(o.checks) ?? (slug ? 'require' : 'off');
  if (mode === 'off' && !minAgeHours) return undefined;
  const result = await o.log.group('Upstream checks gate', () =>
    gate({
      mode,
      required: o.requiredChecks,
      apps: o.checksApps?.map((a) => a.trim()).filter(Boolean),
      minAgeHours,
      repository: o.repository,
      ref: o.ref,
      token: o.token,
      apiUrl: o.apiUrl,
      checksRepository: o.checksRepository,
      now: o.now,
      history: o.history,
      log: o.log,
    }),
  );
  if (!result.chosen) throw new OffmainError(result.failure!);
  for (const h of result.heldBack) o.log.warning(`upstream ${h.sha.slice(0, 7)} is held back: ${heldLine(h)}`);
  return { result, chosen: result.chosen, markdown: gateMarkdown(result, o.repository) };
}
