/**
 * Operations of a patch on one file's text: delete lines, replace, insert lines after an anchor. Each says
 * how many matches it expects; the outcome is the new text, "already done" (with whether anything proves
 * it), or a failure with the nearest lines. Pure: text in, text out.
 */
import type { Expect, Operation } from './format.js';
import { identity, mapNear, type LineMap } from './linemap.js';
import { lineAt, lineStarts, nearestLines } from './matching.js';
import type { NearLine, PatchFailure } from './result.js';

export type OpOutcome =
  | { state: 'apply'; text: string; firstLine: number; hits: NearLine[] }
  /** `weak`: nothing matched and nothing proves the result is there (a delete without `done`). */
  | { state: 'done'; weak: boolean }
  | { state: 'failed'; reason: string; failure: PatchFailure };

export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case 'delete':
      return `delete /${op.pattern.source}/`;
    case 'replace':
      return `replace /${op.pattern.source}/`;
    case 'insert-after':
      return `insert after ${op.occurrence === 'all' ? '' : `the ${op.occurrence} `}/${op.pattern.source}/`;
  }
}

function inRange(n: number, e: Expect): boolean {
  return n >= e.min && n <= e.max;
}

export function countText(e: Expect): string {
  return e.max === Infinity ? `at least ${e.min}` : String(e.min);
}

/** JS replacement text without $-patterns is inserted verbatim: its presence proves the replace ran. */
function isLiteralReplacement(s: string): boolean {
  return !/\$([$&`']|\d|<)/.test(s);
}

function splitLines(text: string): { lines: string[]; trailingNewline: boolean } {
  const trailingNewline = text.endsWith('\n');
  const lines = text.split('\n');
  if (trailingNewline) lines.pop();
  return { lines, trailingNewline };
}

function joinLines(lines: string[], trailingNewline: boolean): string {
  return lines.join('\n') + (trailingNewline && lines.length > 0 ? '\n' : '');
}

export function evaluateOperation(op: Operation, text: string, at: LineMap = identity): OpOutcome {
  const mismatch = (found: number, hits: NearLine[]): OpOutcome => {
    const unit = op.kind === 'replace' ? 'match' : 'line';
    const plural = op.expect.min === 1 && op.expect.max === 1 ? unit : `${unit}${unit === 'match' ? 'es' : 's'}`;
    const expected = `${countText(op.expect)} ${plural} matching /${op.pattern.source}/ (${op.kind})`;
    const nearest = found === 0 ? mapNear(nearestLines(text, op.pattern.source), at) : hits;
    return {
      state: 'failed',
      reason: `${op.file}: expected ${expected}, found ${found}${found === 0 && nearest[0] ? `; nearest is line ${nearest[0].line}` : ''}`,
      failure: { file: op.file, line: nearest[0]?.line, expected, nearest },
    };
  };
  const notDone = (): OpOutcome => {
    const expected = `${countText(op.expect)} match(es) of /${op.pattern.source}/ or its result /${op.done?.source}/`;
    const nearest = mapNear(nearestLines(text, op.pattern.source), at);
    return {
      state: 'failed',
      reason: `${op.file}: neither /${op.pattern.source}/ (to ${op.kind}) nor its result /${op.done?.source}/ is there`,
      failure: { file: op.file, line: nearest[0]?.line, expected, nearest },
    };
  };

  if (op.kind === 'delete') {
    const { lines, trailingNewline } = splitLines(text);
    const hits: NearLine[] = [];
    const drop = new Set<number>();
    lines.forEach((l, i) => {
      if (!op.pattern.re.test(l)) return;
      drop.add(i);
      hits.push({ line: at(i + 1), text: l });
    });
    if (hits.length === 0) {
      if (op.done && !op.done.re.test(text)) return notDone();
      return { state: 'done', weak: !op.done };
    }
    if (!inRange(hits.length, op.expect)) return mismatch(hits.length, hits);
    return { state: 'apply', text: joinLines(lines.filter((_, i) => !drop.has(i)), trailingNewline), firstLine: hits[0]!.line, hits };
  }

  if (op.kind === 'replace') {
    const re = new RegExp(op.pattern.re.source, 'gm');
    const starts = lineStarts(text);
    const matches = [...text.matchAll(re)];
    const hits = matches.slice(0, 5).map((m) => {
      const line = lineAt(starts, m.index ?? 0);
      return { line: at(line), text: text.split('\n')[line - 1] ?? '' };
    });
    if (matches.some((m) => m[0] === '')) {
      return {
        state: 'failed',
        reason: `${op.file}: /${op.pattern.source}/ matches empty text: make the pattern match what it replaces`,
        failure: { file: op.file, expected: 'a pattern that matches text', nearest: [] },
      };
    }
    if (matches.length === 0) {
      if (op.done) return op.done.re.test(text) ? { state: 'done', weak: false } : notDone();
      if (op.with !== '' && isLiteralReplacement(op.with) && !text.includes(op.with)) {
        const nearest = mapNear(nearestLines(text, op.pattern.source), at);
        const expected = `${countText(op.expect)} match(es) of /${op.pattern.source}/ (replace), or its replacement text`;
        return {
          state: 'failed',
          reason: `${op.file}: expected ${countText(op.expect)} match(es) of /${op.pattern.source}/ (replace), found 0 and its replacement is not there either${nearest[0] ? `; nearest is line ${nearest[0].line}` : ''}`,
          failure: { file: op.file, line: nearest[0]?.line, expected, nearest },
        };
      }
      return { state: 'done', weak: op.with === '' || !isLiteralReplacement(op.with) };
    }
    if (!inRange(matches.length, op.expect)) return mismatch(matches.length, hits);
    const out = text.replace(re, op.with);
    const again = [...out.matchAll(new RegExp(op.pattern.re.source, 'gm'))].length;
    if (again > 0) {
      return {
        state: 'failed',
        reason: `${op.file}: after the replacement /${op.pattern.source}/ still matches ${again} time(s): a second run would replace again; anchor the pattern so it does not match its own result`,
        failure: { file: op.file, line: hits[0]?.line, expected: 'a replacement the pattern no longer matches', nearest: hits },
      };
    }
    return { state: 'apply', text: out, firstLine: hits[0]!.line, hits };
  }

  // insert-after
  const { lines, trailingNewline } = splitLines(text);
  const anchors: number[] = [];
  lines.forEach((l, i) => {
    if (op.pattern.re.test(l)) anchors.push(i);
  });
  const hits = anchors.slice(0, 5).map((i) => ({ line: at(i + 1), text: lines[i] ?? '' }));
  if (!inRange(anchors.length, op.expect)) return mismatch(anchors.length, hits);
  const selected = op.occurrence === 'first' ? anchors.slice(0, 1) : op.occurrence === 'last' ? anchors.slice(-1) : anchors;
  const present = selected.map((i) => op.lines.every((l, k) => lines[i + 1 + k] === l));
  if (present.every(Boolean)) {
    if (op.done && !op.done.re.test(text)) return notDone();
    return { state: 'done', weak: false };
  }
  if (present.some(Boolean)) {
    const missing = selected.filter((_, k) => !present[k]).map((i) => ({ line: at(i + 1), text: lines[i] ?? '' }));
    return {
      state: 'failed',
      reason: `${op.file}:${missing[0]!.line}: the lines to insert are already after some matches of /${op.pattern.source}/ but not after this one (a half-patched file)`,
      failure: { file: op.file, line: missing[0]!.line, expected: `the inserted lines after every selected match of /${op.pattern.source}/`, nearest: missing },
    };
  }
  if (op.lines.some((l) => op.pattern.re.test(l))) {
    return {
      state: 'failed',
      reason: `${op.file}: a line to insert matches /${op.pattern.source}/ itself: a second run could not tell it from the anchor`,
      failure: { file: op.file, line: hits[0]?.line, expected: 'inserted lines that do not match the anchor', nearest: hits },
    };
  }
  const out = [...lines];
  for (const i of [...selected].reverse()) out.splice(i + 1, 0, ...op.lines);
  return { state: 'apply', text: joinLines(out, trailingNewline), firstLine: at(selected[0]! + 1), hits };
}
