/**
 * Keys given twice in one mapping, the way Helm, Flux and Argo CD read them: the last occurrence wins.
 *
 * The official mastodon/chart values.yaml has long had one (`replica:` twice under `redis`), so such a file
 * is read, never refused. A duplicate away from every image is a warning with its file and line. One on the
 * way to an image (an ancestor key, or the tag key itself) is followed to the occurrence that wins: a
 * reference inside a losing occurrence is dropped, and the reference that is edited says so in its note.
 */
import type { Document, Node, Pair } from 'yaml';
import { duplicateKeys } from './parse.js';
import type { Mention, Reference } from './refs.js';

export interface Settled {
  refs: Reference[];
  /** Offsets and one-line messages, for duplicates away from every kept reference. */
  warnings: { offset: number; message: string }[];
  /** The references dropped (in an occurrence that loses). */
  dropped: Mention[];
}

/** Drops references inside a losing occurrence, notes the ones on a duplicate's path, warns about the rest. */
export function settleDuplicates(doc: Document.Parsed, refs: Reference[], lineOf: (offset: number) => number): Settled {
  const dups = duplicateKeys(doc);
  if (dups.length === 0) return { refs, warnings: [], dropped: [] };
  const losing = dups.flatMap((d) => d.pairs.slice(0, -1).map((p) => span(p)));
  const kept = refs.filter((r) => !losing.some(([a, b]) => r.offset >= a && r.offset < b));
  const warnings: Settled['warnings'] = [];
  const dropped: Mention[] = [];
  for (const d of dups) {
    const lines = d.pairs.map((p) => lineOf(span(p)[0]));
    const shown = `"${d.key}" is given ${d.pairs.length} times in one mapping (lines ${lines.join(', ')})`;
    const winner = span(d.pairs[d.pairs.length - 1]!);
    const onPath = kept.filter((r) => (r.offset >= winner[0] && r.offset < winner[1]) || ('map' in r && r.map === d.map));
    const lostRefs = refs.filter((r) => !kept.includes(r) && d.pairs.slice(0, -1).some((p) => inside(r.offset, p)));
    const lost = lostRefs.length > 0;
    for (const r of lostRefs) {
      const why = `${shown}: this one is not used, the one on line ${lines[lines.length - 1]} wins (as in Helm and Flux); set the image there`;
      dropped.push({ offset: r.offset, repository: r.repository, why, marker: false });
    }
    for (const r of onPath) {
      (r.notes ??= []).push(`${shown}: edited the last one, which Helm and Flux use`);
    }
    if (onPath.length === 0) {
      const what = lost ? 'an image reference in an earlier occurrence was left as it is, because the last one wins' : 'Helm and Flux use the last one';
      warnings.push({ offset: span(d.pairs[1]!)[0], message: `${shown}; ${what}` });
    }
  }
  warnings.sort((a, b) => a.offset - b.offset);
  return { refs: kept, warnings, dropped };
}

function inside(offset: number, pair: Pair): boolean {
  const [a, b] = span(pair);
  return offset >= a && offset < b;
}

/** From a pair's key to the end of its value. */
function span(pair: Pair): [number, number] {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
  return [start, value?.range?.[1] ?? key?.range?.[1] ?? start];
}
