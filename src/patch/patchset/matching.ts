/**
 * Where did the expected text go? When an operation finds nothing, the lines of the file most similar to
 * what it looked for (a bigram similarity of the pattern's literal text), and the lines a pattern matches.
 */
import type { NearLine } from './result.js';

/** Turn a regex source into the plain text it looks for, roughly: what to compare lines with. */
function literalize(source: string): string {
  let out = '';
  const skipQuantifier = (i: number): number => {
    let j = i;
    const brace = /^\{\d+(?:,\d*)?\}/.exec(source.slice(j + 1));
    if (brace) j += brace[0].length;
    else if ('*+?'.includes(source[j + 1] ?? '_')) j++;
    if (source[j + 1] === '?') j++;
    return j;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[++i] ?? '';
      const map: Record<string, string> = { n: '\n', t: '\t', s: ' ', d: '0', w: 'x', b: '', B: '', S: 'x', D: 'x', W: ' ' };
      out += map[n] ?? n;
      i = skipQuantifier(i);
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = skipQuantifier(j);
      continue;
    }
    if (c === '(') {
      const group = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(source.slice(i));
      if (group) i += group[0].length - 1;
      continue;
    }
    if (c === '.') {
      out += ' ';
      i = skipQuantifier(i);
      continue;
    }
    if (')|^$*+?'.includes(c)) continue;
    out += c;
  }
  return out;
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const t = s.toLowerCase().replace(/\s+/g, ' ').trim();
  for (let i = 0; i < t.length - 1; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function dice(a: Map<string, number>, aSize: number, b: string): number {
  const bg = bigrams(b);
  let bSize = 0;
  let common = 0;
  for (const [g, n] of bg) {
    bSize += n;
    const an = a.get(g);
    if (an) common += Math.min(an, n);
  }
  return aSize + bSize === 0 ? 0 : (2 * common) / (aSize + bSize);
}

/**
 * The lines of `text` most similar to what `pattern` (a regex source or plain text) looks for, best
 * first, with 1-based line numbers. A multi-line pattern is compared by its most distinctive line.
 */
export function nearestLines(text: string, pattern: string, limit = 3, isRegex = true): NearLine[] {
  const wanted = isRegex ? literalize(pattern) : pattern;
  const segments = wanted.split('\n').map((s) => s.trim());
  const key = segments.reduce((best, s) => (s.replace(/[^A-Za-z0-9]/g, '').length > best.replace(/[^A-Za-z0-9]/g, '').length ? s : best), '');
  if (key === '') return [];
  const a = bigrams(key);
  let aSize = 0;
  for (const n of a.values()) aSize += n;
  const scored: { line: number; text: string; score: number }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l.trim() === '') continue;
    const score = dice(a, aSize, l);
    if (score > 0.2) scored.push({ line: i + 1, text: l, score });
  }
  scored.sort((x, y) => y.score - x.score || x.line - y.line);
  return scored.slice(0, limit).map(({ line, text: t }) => ({ line, text: t }));
}

export function matchingLines(text: string, re: RegExp, limit = 5): NearLine[] {
  const out: NearLine[] = [];
  const g = new RegExp(re.source, 'gm');
  const starts = lineStarts(text);
  const lines = text.split('\n');
  for (const m of text.matchAll(g)) {
    if (out.length >= limit) break;
    const line = lineAt(starts, m.index ?? 0);
    if (out.some((o) => o.line === line)) continue;
    out.push({ line, text: lines[line - 1] ?? '' });
    if (m[0] === '') break;
  }
  return out;
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
