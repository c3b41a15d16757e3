/**
 * Line numbers as the admin sees them: a patch sees upstream plus the edits of the patches before it, and
 * reports and annotations must point at the upstream file. Maps lines of the text seen to upstream lines
 * (a longest common subsequence, Myers' diff).
 */
import type { NearLine } from './result.js';

export type LineMap = (line: number) => number;

export const identity: LineMap = (line) => line;

/**
 * Map 1-based line numbers of `seen` (the text a patch saw: upstream plus the edits of the patches
 * before it) to the upstream file, so reports and annotations point at the file the admin can open.
 * A line that upstream does not have maps to the line after its closest upstream predecessor.
 */
export function lineMapper(upstream: string | null, seen: string): LineMap {
  if (upstream === null || upstream === seen) return identity;
  let map: Int32Array | undefined;
  return (line) => {
    map ??= matchLines(upstream.split('\n'), seen.split('\n'));
    for (let i = Math.min(line, map.length) - 1; i >= 0; i--) {
      const m = map[i]!;
      if (m >= 0) return i === line - 1 ? m + 1 : m + 2;
    }
    return 1;
  };
}

/** For each line of b, the index of the same line in a (a longest common subsequence), or -1. */
function matchLines(a: string[], b: string[]): Int32Array {
  const map = new Int32Array(b.length).fill(-1);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) map[pre] = pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) {
    map[b.length - 1 - suf] = a.length - 1 - suf;
    suf++;
  }
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  if (n === 0 || m === 0) return map;
  // Myers' O(ND) diff; D (lines changed) is small for patches. Give up on huge rewrites.
  const max = Math.min(n + m, 4000);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[k - 1 + off]! < v[k + 1 + off]!) ? v[k + 1 + off]! : v[k - 1 + off]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[k + off] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) return map;
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const t = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && t[k - 1 + off]! < t[k + 1 + off]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : t[prevK + off]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      map[pre + y] = pre + x;
    }
    x = prevX;
    y = prevY;
  }
  return map;
}

export function mapNear(near: NearLine[], at: LineMap): NearLine[] {
  return near.map((n) => ({ line: at(n.line), text: n.text }));
}

/** How line numbers of a file's text as seen by a patch map to the upstream file. */
export type LineMapping = (file: string, seen: string) => Promise<LineMap>;

export const noMapping: LineMapping = async () => identity;
