/**
 * The downgrade and replay check of the bump: whether moving one image reference from the deployed tag to a
 * new one goes forward. It fails closed: a move it cannot show to go forward is refused (unless downgrades are
 * allowed) with one message saying why.
 *
 * - Both commits on the tracked branch (the upstream history given): ancestry decides, not the version numbers
 *   (main's own number drops at times). Forward when the new commit descends from the deployed one; a downgrade
 *   when it is an ancestor of it, or neither (a side branch); refused when the history cannot tell.
 * - Otherwise a lower version is a downgrade. Versions that cannot be compared are refused.
 * - An offmain tag replaced by one that is not (`latest`, `v4.3.1`) is refused: nothing tells what it holds.
 *   The reverse, the first offmain tag over a plain one, goes ahead.
 * - With the upstream history: the new commit, and the deployed one, must be on the tracked branch (a commit
 *   only elsewhere in upstream, or nowhere in it, is refused), but for a deployed commit of another release
 *   line (4.5.x off main, and now main or 4.6.x): then the version decides. A history that cannot answer (an
 *   error, a commit it cannot place) refuses too.
 * - Without it, the same version on another commit is refused: nothing tells which commit is newer.
 * - An adopted reference (bump/adopt.ts) runs another build: upstream's `v4.3.2`, a fork's. Another offmain tag
 *   is checked as above. Otherwise the old tag's version is compared where it has one: `v4.3.2` (or `4.3.2`,
 *   `v4.4.0-beta.1`) exactly; `v4.3` or `v4` as the newest release of that series, so the new version must be
 *   past the series (4.4.0-alpha.1 over `v4.3`) to go ahead and is a downgrade below its first release. A tag
 *   with no version (`latest`, `edge`, none: a chart's or a base's default) cannot tell, so it is refused: the
 *   database of a newer upstream release must never meet older code. Then the new commit is checked as any first
 *   offmain tag is.
 */
import semver from 'semver';
import { errorMessage, OffmainError } from '../../core/errors.js';
import { parseImageTag, semverOf } from '../../patch/index.js';

/** Where a commit is: on the tracked branch, in upstream only elsewhere (a fork, a pull request), or not found. */
export type Place = 'branch' | 'elsewhere' | 'missing';

/** The tracked upstream branch's history, as the check asks it (UpstreamHistory in the deploy step). */
export interface UpstreamAncestry {
  /** `main of https://github.com/mastodon/mastodon`, for messages. */
  readonly branch: string;
  /** Where the commit a sha prefix names is. */
  place(sha: string): Promise<Place>;
  /** Whether the commit `older` is an ancestor of (or equal to) `newer`; undefined when unknown. */
  isAncestor(older: string, newer: string): Promise<boolean | undefined>;
}

/** One reference about to move. */
export interface Move {
  file: string;
  line: number;
  repository: string;
  /** The tag there now, if any. */
  from?: string;
  to: string;
  /** The reference is adopted: the repository it names now (canonical), whose tag `from` is. */
  adopted?: string;
}

type Verdict = { downgrade: boolean; why: string } | undefined;

/** Verdicts per history and move: a tag named in many files is checked once. */
const verdicts = new WeakMap<UpstreamAncestry, Map<string, Promise<Verdict>>>();

/** Throws when moving from `move.from` to `move.to` is not shown to go forward. */
export async function refuseDowngrade(move: Move, upstream?: UpstreamAncestry): Promise<void> {
  let verdict: Promise<Verdict>;
  if (upstream) {
    const known = verdicts.get(upstream) ?? new Map<string, Promise<Verdict>>();
    verdicts.set(upstream, known);
    const key = `${move.adopted ? 'adopted' : ''}\0${move.from ?? ''}\0${move.to}`;
    verdict = known.get(key) ?? (move.adopted ? judgeAdopted(move.from, move.to, upstream) : judge(move.from, move.to, upstream));
    known.set(key, verdict);
  } else {
    verdict = move.adopted ? judgeAdopted(move.from, move.to) : judge(move.from, move.to);
  }
  const v = await verdict;
  if (!v) return;
  const shown = (tag: string) => parseImageTag(tag)?.display ?? tag;
  const before = move.adopted ? `${move.adopted}${move.from ? `:${move.from}` : ''}` : move.from && shown(move.from);
  const what = v.downgrade
    ? `refusing to downgrade ${move.repository} from ${before} (deployed) to ${shown(move.to)} (${v.why})`
    : `refusing to deploy ${move.repository} ${shown(move.to)}${before ? ` over ${before} (deployed)` : ''}: ${v.why}`;
  throw new OffmainError(`${move.file}:${move.line}: ${what}; pass --allow-downgrade to deploy it anyway`, {
    file: move.file,
    line: move.line,
  });
}

async function judge(from: string | undefined, to: string, upstream?: UpstreamAncestry): Promise<Verdict> {
  const a = from ? parseImageTag(from) : undefined;
  const b = parseImageTag(to);
  const undecided = (why: string): Verdict => ({ downgrade: false, why });
  if (a && !b) return undecided(`"${to}" is not an offmain image tag (VERSION_SHA), so nothing tells whether it goes back`);
  let order = 1;
  if (a && b) {
    try {
      order = semver.compare(semverOf(b.version), semverOf(a.version));
    } catch (e) {
      return undecided(`the versions ${a.version} and ${b.version} cannot be compared (${errorMessage(e)})`);
    }
  }
  if (!b) return undefined; // no offmain tag either side: nothing offmain deployed to protect
  const same = !!a && (a.shortSha.startsWith(b.shortSha) || b.shortSha.startsWith(a.shortSha));
  if (!upstream) {
    if (order < 0) return { downgrade: true, why: 'an older version' };
    if (!a || same || order > 0) return undefined;
    return undecided(
      `both are version ${b.version}, and without the upstream history nothing tells whether ${b.shortSha} descends from ${a.shortSha}: deploy with the upstream repository given`,
    );
  }
  try {
    const placed = await onBranch(upstream, b.shortSha, 'its commit');
    if (placed) return undecided(placed);
    if (!a || same) return undefined;
    const deployed = await onBranch(upstream, a.shortSha, 'the deployed commit');
    if (deployed) {
      // Across release lines (a 4.5.x release, off main, to main or to 4.6.x): the version decides.
      if (lineOf(a.version) !== lineOf(b.version)) return order < 0 ? { downgrade: true, why: 'an older version' } : order > 0 ? undefined : undecided(deployed);
      return undecided(deployed);
    }
    // Both on the tracked branch: the history decides, whatever the version numbers say (main's own number
    // drops at times, e.g. 4.7.1-alpha.1 at f440615 and 4.7.0-alpha.1 at its descendant 6d9d399).
    const forward = await upstream.isAncestor(a.shortSha, b.shortSha);
    if (forward === true) return undefined;
    if (forward === undefined) return undecided(`the history of ${upstream.branch} cannot tell whether ${b.shortSha} descends from ${a.shortSha}`);
    // Not forward: refused; the message says which way it goes, as far as a second question tells.
    if (order !== 0 && (await upstream.isAncestor(b.shortSha, a.shortSha)) === true) {
      return { downgrade: true, why: order < 0 ? 'an older version' : `an older commit than ${a.shortSha}` };
    }
    return { downgrade: true, why: `not a descendant of ${a.shortSha}` };
  } catch (e) {
    return undecided(`the upstream history could not be checked (${errorMessage(e)})`);
  }
}

/** The release series a tag names: `v4.3.2` exactly, `v4.3` / `v4` as any release of it; undefined for none. */
function releaseOf(tag: string | undefined): { exact: string } | { first: string; past: string } | undefined {
  const m = tag ? /^v?(\d+)(?:\.(\d+)(?:\.(\d+)([-.]?[0-9A-Za-z.-]+)?)?)?$/.exec(tag) : null;
  if (!m) return undefined;
  const [, major, minor, patch, pre] = m;
  if (patch !== undefined) {
    try {
      return { exact: semverOf(`${major}.${minor}.${patch}${pre ?? ''}`) };
    } catch {
      return undefined;
    }
  }
  if (minor !== undefined) return { first: `${major}.${minor}.0-0`, past: `${major}.${Number(minor) + 1}.0-0` };
  return { first: `${major}.0.0-0`, past: `${Number(major) + 1}.0.0-0` };
}

/** The check of an adopted reference (see the module comment): fails closed where the old tag tells no version. */
async function judgeAdopted(from: string | undefined, to: string, upstream?: UpstreamAncestry): Promise<Verdict> {
  if (from && parseImageTag(from)) return judge(from, to, upstream);
  const b = parseImageTag(to);
  const old = from ? `the tag ${from} names no version` : 'it has no tag (it runs the version the chart or the base sets)';
  if (!b) return { downgrade: false, why: `"${to}" is not an offmain image tag (VERSION_SHA), so nothing tells whether it goes back` };
  const release = releaseOf(from);
  if (!release) return { downgrade: false, why: `${old}, so nothing tells whether ${b.version} goes back: check the version the cluster runs` };
  let version: string;
  try {
    version = semverOf(b.version);
  } catch (e) {
    return { downgrade: false, why: `the version ${b.version} cannot be compared (${errorMessage(e)})` };
  }
  if ('exact' in release) {
    if (semver.lt(version, release.exact)) return { downgrade: true, why: 'an older version' };
  } else {
    if (semver.lt(version, release.first)) return { downgrade: true, why: 'an older version' };
    if (semver.lt(version, release.past)) {
      return { downgrade: false, why: `${from} is any release of its series, so nothing tells whether ${b.version} goes back` };
    }
  }
  return judge(undefined, to, upstream);
}

/** The release line of a version: `4.7` of 4.7.1-alpha.1. */
function lineOf(version: string): string {
  const v = semver.parse(semverOf(version));
  return v ? `${v.major}.${v.minor}` : version;
}

/** Why `sha` does not count as on the tracked branch, or undefined when it is. */
async function onBranch(upstream: UpstreamAncestry, sha: string, what: string): Promise<string | undefined> {
  const place = await upstream.place(sha);
  if (place === 'branch') return undefined;
  if (place === 'elsewhere') return `${what} ${sha} is in upstream but not on ${upstream.branch} (a fork or an unmerged branch)`;
  return `${what} ${sha} was not found in upstream (not on ${upstream.branch}, whose whole history was searched)`;
}
