/**
 * Where a `# offmain: hold <reason>` marker sits in one file, and which image reference it belongs to. Pure: works
 * on a file's text and the references the scan (refs.ts) found in it; hold.ts decides what a placed marker holds.
 *
 * The rule, for every layout the bump edits:
 *  - a marker at the end of a line belongs to that line; a marker on a line of its own belongs to the next line
 *    with YAML on it (comments and blank lines skipped), the way a YAML comment heads what follows it;
 *  - a line belongs to a reference when it is one of the reference's lines or between two of them: the scalars
 *    the bump edits or reads (Kustomize `name`/`newName`/`newTag`/`digest`, Helm `repository`/`registry`/`tag`/
 *    `digest` and the key the mapping is under, an `image:` line, an Argo CD parameter's entries) and what heads
 *    them (the `- name:` of an images entry or a container, a compose service's key). When references nest, the
 *    innermost one has the line.
 * A marker whose line belongs to no reference is placed nowhere (hold.ts makes that an error).
 *
 * Only comments count: a `# offmain: hold` inside a string (a script in a block scalar, a quoted value) is text,
 * except in a block string the bump reads as YAML (Argo CD's `helm.values: |`), where the embedded comments count.
 * Line endings do not matter: a `\r` before the line break is no part of a line.
 */
import { isScalar, visit, type Document } from 'yaml';
import { embeddedDocuments } from './blockstring.js';
import { parseYaml } from './parse.js';
import { lineAt, type Reference, type SourceScalar } from './reference.js';

/** `# offmain: hold <reason>` (the reason may be empty). */
export const HOLD_MARKER = /#\s*offmain:\s*hold\b[ \t:]*(.*)$/i;
/** Every marker on a line (to skip those inside strings). */
const HOLD_MARKERS = /#\s*offmain:\s*hold\b/gi;
/** A quick test of a whole file: does it hold a marker at all. */
export const MAY_HOLD = /offmain:\s*hold\b/i;

/** The marker's reason on a line, or undefined when the line has no marker. */
export function holdReason(line: string): string | undefined {
  const m = HOLD_MARKER.exec(line.replace(/\r$/, ''));
  return m ? m[1]!.trim() : undefined;
}

export interface PlacedMarker {
  /** 1-based line of the marker. */
  line: number;
  reason: string;
  /** The line it belongs to: its own (after YAML on it), or the next one with YAML; none at the end of the file. */
  belongs?: number;
  /** The innermost references that line belongs to (none: the marker is placed nowhere). */
  refs: Reference[];
}

/** The first and last line of a reference (see the module comment). */
export function referenceLines(text: string, ref: Reference): [number, number] {
  const at: number[] = [ref.offset, ...(ref.heads ?? [])];
  if (ref.shape === 'whole') at.push(ref.scalar.range[0], ref.scalar.range[1]);
  else {
    for (const slot of [ref.tag, ref.digest, ref.repo, ref.registry, ref.nameAfter]) {
      if (!slot) continue;
      const key = slot.pair?.key;
      if (isScalar(key) && key.range) at.push(key.range[0]);
      at.push(slot.scalar.range[0], slot.scalar.range[1]);
    }
    if (!ref.tag && !ref.digest && ref.map.range) at.push(ref.map.range[0]);
  }
  const lines = at.map((o) => lineAt(text, o));
  return [Math.min(...lines), Math.max(...lines)];
}

/** The hold markers of a file (only real comments), each with the references it is next to. */
export function placeHoldMarkers(text: string, refs: Reference[]): PlacedMarker[] {
  if (!MAY_HOLD.test(text)) return [];
  const raw = text.split('\n');
  const lines = raw.map((l) => l.replace(/\r$/, ''));
  const strings = stringRanges(text, parseYaml(text), refs);
  const spans = refs.map((r) => ({ ref: r, span: referenceLines(text, r) }));
  const out: PlacedMarker[] = [];
  let start = 0;
  for (let i = 0; i < lines.length; start += raw[i]!.length + 1, i++) {
    const line = lines[i]!;
    HOLD_MARKERS.lastIndex = 0;
    let hash = -1;
    for (let m = HOLD_MARKERS.exec(line); m; m = HOLD_MARKERS.exec(line)) {
      if (!inside(strings, start + m.index)) {
        hash = m.index;
        break;
      }
    }
    if (hash < 0) continue;
    const reason = holdReason(line.slice(hash))!;
    let belongs: number | undefined;
    if (line.slice(0, hash).trim()) belongs = i + 1;
    else {
      for (let j = i + 1; j < lines.length && belongs === undefined; j++) {
        const t = lines[j]!.trim();
        if (t && !t.startsWith('#')) belongs = j + 1;
      }
    }
    const containing = belongs === undefined ? [] : spans.filter(({ span }) => span[0] <= belongs! && belongs! <= span[1]);
    const size = Math.min(...containing.map(({ span }) => span[1] - span[0]));
    out.push({ line: i + 1, reason, belongs, refs: containing.filter(({ span }) => span[1] - span[0] === size).map(({ ref }) => ref) });
  }
  return out;
}

/**
 * The source ranges of the strings of the documents (sorted by start): a `#` in one is text, not a comment. A
 * literal block string holding a reference is YAML the bump reads: the strings inside it count instead.
 */
function stringRanges(text: string, docs: Document.Parsed[], refs: Reference[]): [number, number][] {
  const out: [number, number][] = [];
  const walk = (doc: Document.Parsed) =>
    visit(doc, {
      Scalar: (_, node) => {
        const s = node as SourceScalar;
        if (!s.range || s.range[0] === s.range[1]) return;
        if (s.type === 'BLOCK_LITERAL' && refs.some((r) => s.range[0] <= r.offset && r.offset < s.range[1])) {
          const inner = embeddedDocuments(text, s);
          if (typeof inner !== 'string') {
            inner.forEach(walk);
            return;
          }
        }
        out.push([s.range[0], s.range[1]]);
      },
    });
  docs.forEach(walk);
  return out.sort((a, b) => a[0] - b[0]);
}

/** Whether `offset` is inside one of the sorted ranges. */
function inside(ranges: [number, number][], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid]![0] <= offset) lo = mid + 1;
    else hi = mid;
  }
  // Scalars do not overlap: only the last one starting at or before `offset` can hold it.
  return lo > 0 && offset < ranges[lo - 1]![1];
}
