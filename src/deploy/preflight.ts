/**
 * What the deploy checks and gathers in the config repository before it bumps anything: the holds (hold.ts:
 * markers next to the references the bump's scan finds, adopted ones too, or the `hold` input; a marker next to
 * nothing is an error here, before anything is bumped), the Redis driver check
 * (redisdriver.ts: stop, or warn with warn-only), and, once the bump knows what is deployed, what the rollout
 * brings (rollout.ts, with the patch statuses the last deploy commit listed).
 */
import { errorMessage, OffmainError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { parseImageTag, type PatchReport } from '../patch/index.js';
import { bump, type BumpOptions, type BumpResult, type ImageTarget } from './bump.js';
import { adoptionEntries, resolveAdoption } from './bump/adopt.js';
import { lastDeployMessage, lineOrigin } from './configlog.js';
import type { ConfigCheckout } from './configrepo.js';
import type { UpstreamHistory } from './history.js';
import { findHolds, holdLine, type Hold } from './hold.js';
import { findUncoveredRediss, redisDriverNeedFor, redisDriverProblem, type RedisDriverFinding, type RedisDriverSources } from './redisdriver.js';
import { patchesFromMessage, rollout, type RolloutReport } from './rollout.js';

export interface PreflightOptions {
  co: ConfigCheckout;
  /** The bump's options (its `dir` is the directory bumped), targets included. */
  bump: BumpOptions;
  /** The bumped directory's path inside the config repository ('' for the root). */
  sub: string;
  report?: PatchReport;
  /** The new commit's upstream tree and display version, for the Redis driver check (redisdriver.ts). */
  upstreamTree?: RedisDriverSources['tree'];
  version?: string;
  /** The `hold` input. */
  hold?: string;
  warnOnly?: boolean;
  log: Logger;
}

export interface Preflight {
  holds: Hold[];
  /** The targets not held: what the bump may move. */
  targets: ImageTarget[];
  /** The adoption for those targets, as `REPOSITORY=TARGET` (bump/adopt.ts): a held image adopts nothing. */
  adopt: string[];
  redisDriver: RedisDriverFinding[];
  /** What the config repository names now, per target repository. */
  previous: BumpResult['previous'];
}

export async function preflight(o: PreflightOptions): Promise<Preflight> {
  // Where the references are: the bump's own dry run, with no downgrade check (that comes with the real bump).
  const found = await bump({ ...o.bump, dryRun: true, allowDowngrade: true, upstream: undefined });
  const holds = await findHolds({
    dir: o.bump.dir,
    prefix: o.sub,
    targets: o.bump.targets,
    bump: o.bump,
    found,
    input: o.hold,
    origin: (file, line) => lineOrigin(o.co, file, line),
    log: o.log,
  });
  for (const h of holds) o.log.warning(holdLine(h));
  const held = new Set(holds.map((h) => h.repository));

  let redisDriver: RedisDriverFinding[] = [];
  const need = await redisDriverNeedFor({ tree: o.upstreamTree, report: o.report, version: o.version });
  if (need) {
    const listed = await o.co.run(['ls-files', '-z', '--', o.sub || '.']);
    const files = listed.stdout
      .split('\0')
      .filter(Boolean)
      .map((f) => (o.sub ? f.slice(o.sub.length + 1) : f));
    redisDriver = findUncoveredRediss(o.bump.dir, files, o.sub);
    const first = redisDriver[0];
    if (first && !o.warnOnly) {
      const more = redisDriver.length > 1 ? ` (and ${redisDriver.length - 1} more place${redisDriver.length === 2 ? '' : 's'})` : '';
      throw new OffmainError(`${redisDriverProblem(first, need)}${more}`, { file: first.file, line: first.line });
    }
    for (const f of redisDriver) o.log.warning(redisDriverProblem(f, need));
  }
  const adopt = adoptionEntries(resolveAdoption(o.bump.adopt, o.bump.targets), (t) => !held.has(t.repository));
  return { holds, targets: o.bump.targets.filter((t) => !held.has(t.repository)), adopt, redisDriver, previous: found.previous };
}

export interface RolloutForOptions {
  history: UpstreamHistory;
  co: ConfigCheckout;
  /** The tag the config repository names now, and the new upstream commit. */
  previousTag?: string;
  to: string;
  report?: PatchReport;
  log: Logger;
}

/** What the rollout brings, or undefined (with a warning) when the deployed commit is not known. */
export async function rolloutFor(o: RolloutForOptions): Promise<RolloutReport | undefined> {
  const prevSha = o.previousTag ? parseImageTag(o.previousTag)?.shortSha : undefined;
  if (!prevSha) return undefined;
  try {
    const from = await o.history.resolve(prevSha);
    const after = Array.isArray(o.report?.patches) ? Object.fromEntries(o.report.patches.map((p) => [String(p.id), String(p.status)])) : undefined;
    const message = after ? await lastDeployMessage(o.co) : undefined;
    return await rollout({ history: o.history, from, to: o.to, patchesBefore: message ? patchesFromMessage(message) : undefined, patchesAfter: after });
  } catch (e) {
    o.log.warning(`what the rollout brings is not known: ${errorMessage(e)}`);
    return undefined;
  }
}
