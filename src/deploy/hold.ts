/**
 * Holds: an image the admin froze. A `# offmain: hold <reason>` comment next to an image reference in the
 * config repository, or the `hold` input (every image), keeps that image where it is: no bump, and the run says
 * what holds it, why, and since when (the commit that added the marker). Removing the marker resumes.
 *
 * Which reference a marker is next to is bump/holdplace.ts's rule (the end of one of the reference's lines, or a
 * line of its own right above one, in any line ending), over the references the bump's own scan finds in the
 * file (bump/refs.ts), of every image: a marker next to an image this deploy does not bump holds nothing and is
 * a warning (another deploy's hold); a marker next to no reference at all, or next to two images, is an error
 * that names its line and changes nothing. The files are the ones the bump reads, read the way it reads them
 * (a ConfinedDir walk, core/safefs.ts: no link followed, files over the bump's size bound skipped as it skips them).
 */
import { canonicalRepository } from '../build/index.js';
import { errorMessage, OffmainError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { cell } from '../core/markdown.js';
import { ConfinedDir } from '../core/safefs.js';
import { inline } from '../core/untrusted.js';
import { reader, YAML_WALK, type BumpOptions, type BumpResult, type ImageTarget } from './bump.js';
import { resolveAdoption } from './bump/adopt.js';
import { holdReason, MAY_HOLD, placeHoldMarkers, type PlacedMarker } from './bump/holdplace.js';
import { MAX_YAML_BYTES } from './bump/parse.js';
import type { Repositories } from './bump/reference.js';
import { findReferences, type Reference } from './bump/refs.js';
import type { LineOrigin } from './configlog.js';

export { HOLD_MARKER, holdReason } from './bump/holdplace.js';

export interface Hold {
  /** The target repository held. */
  repository: string;
  reason: string;
  /** `marker` in the config repository, or the `hold` input. */
  source: 'marker' | 'input';
  /** Where the marker is (relative to the config repository root), 1-based line. */
  file?: string;
  line?: number;
  /** The commit that added the marker. */
  since?: LineOrigin;
}

export interface FindHoldsOptions {
  /** The directory the bump reads (its `dir`). */
  dir: string;
  /** Its path inside the config repository ('' for the root), to name files from the root. */
  prefix?: string;
  targets: ImageTarget[];
  /** The bump's options that change what its scan finds. */
  bump?: Pick<BumpOptions, 'policies' | 'helmKeys' | 'adopt'>;
  /** What the bump's dry run found: the names its Kustomize entries replace (a base's image by such a name is the target's). */
  found?: Pick<BumpResult, 'matched'>;
  /** The `hold` input: a reason holds every image. */
  input?: string;
  /** Who added a marker line (configlog.ts `lineOrigin`), file relative to the repository root. */
  origin?: (file: string, line: number) => Promise<LineOrigin | undefined>;
  /** Where a marker next to an image not being bumped is said. */
  log?: Pick<Logger, 'warning'>;
}

/** Every repository, for the scan: a marker next to any image is placed (`# offmain: hold` names no image). */
const HOLD_NAME = canonicalRepository('hold');
const EVERY: Repositories = { has: (c: string) => c !== HOLD_NAME, *[Symbol.iterator]() {} };

const WHERE =
  'put it at the end of one of the reference\'s lines (image:, newTag:, tag:, repository:) or on a line of its own right above the ' +
  'reference (above the "- name:" of a Kustomize images entry, the key of a Helm values image mapping, an image: line)';

/** The images held, one entry per held target repository (the first marker found for it, in file order). */
export async function findHolds(opts: FindHoldsOptions): Promise<Hold[]> {
  const input = opts.input?.trim();
  if (input) return opts.targets.map((t) => ({ repository: t.repository, reason: input, source: 'input' as const }));
  const byName = new Map(opts.targets.map((t) => [canonicalRepository(t.repository), t]));
  const adoption = resolveAdoption(opts.bump?.adopt, opts.targets);
  const matched = opts.found?.matched ?? {};
  const owner = (r: Reference): ImageTarget | undefined =>
    byName.get(r.repository) ?? adoption.get(r.repository) ?? (matched[r.repository] ? byName.get(canonicalRepository(matched[r.repository]!)) : undefined);
  const prefix = opts.prefix ? `${opts.prefix.replace(/\/+$/, '')}/` : '';
  const held = new Map<string, Hold>();
  for (const { file, text } of markedFiles(opts.dir)) {
    const shown = `${prefix}${file}`;
    for (const m of placed(text, file, shown, opts.bump)) {
      const mine = [...new Set(m.refs.map(owner))];
      const at = { file: shown, line: m.line };
      if (!m.refs.length) {
        const why = m.belongs === undefined ? 'nothing follows it' : `it belongs to line ${m.belongs}, which is part of no image reference`;
        throw new OffmainError(`${shown}:${m.line}: this hold marker is next to no image reference (${why}), so it would hold nothing; ${WHERE}; nothing was changed`, at);
      }
      const targets = mine.filter((t): t is ImageTarget => !!t);
      if (targets.length > 1 || (targets.length === 1 && mine.length > 1)) {
        const names = [...new Set(m.refs.map((r) => owner(r)?.repository ?? r.repository))].join(' and ');
        throw new OffmainError(`${shown}:${m.line}: this hold marker is next to ${names} at once; give the one to hold a line of its own and put the marker there; nothing was changed`, at);
      }
      const target = targets[0];
      if (!target) {
        const deploys = opts.targets.map((t) => t.repository).join(', ');
        opts.log?.warning(`this hold marker is next to ${inline(m.refs[0]!.repository, 200)}, which this deploy does not bump (it bumps ${deploys}): it holds nothing here`, at);
        continue;
      }
      if (held.has(target.repository)) continue;
      const hold: Hold = { repository: target.repository, reason: m.reason, source: 'marker', file: shown, line: m.line };
      const since = await opts.origin?.(shown, m.line);
      if (since) hold.since = since;
      held.set(target.repository, hold);
    }
  }
  return opts.targets.flatMap((t) => held.get(t.repository) ?? []);
}

/** The YAML files the bump reads that hold a marker, with their texts, in the walk's order. */
function markedFiles(dir: string): { file: string; text: string }[] {
  const tree = new ConfinedDir(dir, { what: 'the config repository', advice: '' });
  const read = reader();
  const out: { file: string; text: string }[] = [];
  tree.eachFile(YAML_WALK, (f) => {
    if (f.stat.size > MAX_YAML_BYTES) return; // the bump does not read it either
    const buf = read(f);
    if (MAY_HOLD.test(buf.toString('latin1'))) out.push({ file: f.rel, text: buf.toString('utf8') });
  });
  return out;
}

/** The markers of one file, placed among every image reference the bump's scan finds there. */
function placed(text: string, file: string, shown: string, bump: FindHoldsOptions['bump']): PlacedMarker[] {
  let refs: Reference[];
  try {
    refs = findReferences(text, file, { repositories: EVERY, policies: bump?.policies, helmKeys: bump?.helmKeys }).refs;
  } catch (e) {
    const line = text.split('\n').findIndex((l) => holdReason(l) !== undefined) + 1;
    throw new OffmainError(`${shown}:${line}: this hold marker cannot be placed: ${errorMessage(e)}`, { file: shown, line });
  }
  return placeHoldMarkers(text, refs);
}

/** One line: what holds the image, why and since when. */
export function holdLine(h: Hold): string {
  const why = h.reason ? `: ${inline(h.reason, 200)}` : '';
  if (h.source === 'input') return `${inline(h.repository, 200)} is held by the hold input${why}`;
  const since = h.since
    ? ` since ${h.since.boundary ? 'at least ' : ''}${h.since.date} (commit ${h.since.commit.slice(0, 7)} by ${inline(h.since.author, 80)})`
    : '';
  return `${inline(h.repository, 200)} is held by the marker at ${inline(h.file, 300)}:${h.line}${since}${why}; remove the marker to resume`;
}

/** The holds section of a job summary. */
export function holdsMarkdown(holds: Hold[]): string {
  const rows = holds.map((h) => {
    const where = h.source === 'input' ? 'hold input' : `\`${cell(inline(h.file, 300))}:${h.line}\``;
    const since = h.since ? `${h.since.date} (\`${h.since.commit.slice(0, 7)}\`, ${cell(inline(h.since.author, 80))})` : '';
    return `| \`${cell(h.repository)}\` | ${where} | ${since} | ${cell(inline(h.reason, 200))} |`;
  });
  return ['### Held', '', '| Image | Held by | Since | Reason |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}
