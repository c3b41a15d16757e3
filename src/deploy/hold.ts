/**
 * Holds: an image the admin froze. A `# offmain: hold <reason>` comment next to an image reference in the
 * config repository (on its line or up to two lines above or below), or the `hold` input (every image),
 * keeps that image where it is: no bump, and the run says what holds it, why, and since when (the commit that
 * added the marker). Removing the marker resumes. The references are the ones the bump itself finds
 * (bump.ts, a dry run); the files are read through core/safefs.ts.
 */
import { canonicalRepository, repositoryPath } from '../build/index.js';
import { cell } from '../core/markdown.js';
import { ConfinedDir } from '../core/safefs.js';
import { inline } from '../core/untrusted.js';
import type { BumpChange, ImageTarget } from './bump.js';
import type { LineOrigin } from './configlog.js';

/** `# offmain: hold <reason>` (the reason may be empty). */
export const HOLD_MARKER = /#\s*offmain:\s*hold\b[ \t:]*(.*)$/i;
/** How many lines away from a reference a marker still holds it. */
const NEAR = 2;

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
  /** The references the bump found (its dry run's changes and unchanged references). */
  references: BumpChange[];
  /** The `hold` input: a reason holds every image. */
  input?: string;
  /** Who added a marker line (configlog.ts `lineOrigin`), file relative to the repository root. */
  origin?: (file: string, line: number) => Promise<LineOrigin | undefined>;
}

/** The marker's reason on a line, or undefined when the line has no marker. */
export function holdReason(line: string): string | undefined {
  const m = HOLD_MARKER.exec(line);
  return m ? m[1]!.trim() : undefined;
}

/** Whether a line names `repository` (any spelling of it, not as the start of a longer name). */
function mentions(line: string, repository: string): boolean {
  const path = repositoryPath(repository).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\w.-])${path}(?=[^\\w./-]|$)`, 'i').test(line.split('#')[0]!);
}

/** The images held, one entry per held target repository (the first marker found for it). */
export async function findHolds(opts: FindHoldsOptions): Promise<Hold[]> {
  const input = opts.input?.trim();
  if (input) return opts.targets.map((t) => ({ repository: t.repository, reason: input, source: 'input' as const }));
  const tree = new ConfinedDir(opts.dir, { what: 'the config repository', advice: '' });
  const lines = new Map<string, string[]>();
  const held = new Map<string, Hold>();
  const prefix = opts.prefix ? `${opts.prefix.replace(/\/+$/, '')}/` : '';
  // Each image's names: its repository, and the ones adopted for it (bump/adopt.ts) that its lines still say.
  const names = new Map(opts.targets.map((t) => [t, [t.repository]]));
  for (const ref of opts.references) {
    const t = ref.adopted && opts.targets.find((x) => canonicalRepository(x.repository) === canonicalRepository(ref.repository));
    if (t && !names.get(t)!.includes(ref.adopted!)) names.get(t)!.push(ref.adopted!);
  }
  const says = (line: string, t: ImageTarget) => names.get(t)!.some((r) => mentions(line, r));
  for (const ref of opts.references) {
    const target = opts.targets.find((t) => canonicalRepository(t.repository) === canonicalRepository(ref.repository));
    if (!target || held.has(target.repository)) continue;
    if (!lines.has(ref.file)) lines.set(ref.file, (tree.read(ref.file)?.toString('utf8') ?? '').split('\n'));
    const text = lines.get(ref.file)!;
    for (let i = Math.max(0, ref.line - 1 - NEAR); i <= Math.min(text.length - 1, ref.line - 1 + NEAR); i++) {
      const reason = holdReason(text[i]!);
      if (reason === undefined) continue;
      // A marker on another image's line is that image's.
      if (opts.targets.some((t) => t !== target && says(text[i]!, t) && !says(text[i]!, target))) continue;
      const hold: Hold = { repository: target.repository, reason, source: 'marker', file: `${prefix}${ref.file}`, line: i + 1 };
      const since = await opts.origin?.(hold.file!, hold.line!);
      if (since) hold.since = since;
      held.set(target.repository, hold);
      break;
    }
  }
  return [...held.values()];
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
