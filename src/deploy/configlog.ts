/**
 * The config repository's own history, read from the shallow clone (configrepo.ts) and deepened a little at a
 * time when a question needs older commits: which commit added a line (a hold marker: who holds an image and
 * since when), and the message of the last offmain deploy commit (the patch statuses it listed).
 */
import { isoUtc } from '../core/git.js';
import type { ConfigCheckout } from './configrepo.js';

/** Commits fetched per deepening step, and how many steps at most. */
const STEP = 100;
const STEPS = 3;

export interface LineOrigin {
  commit: string;
  author: string;
  /** Author date, ISO 8601 UTC. */
  date: string;
  /** The clone was not deep enough to see the commit that added the line: it is at least this old. */
  boundary?: boolean;
}

async function deepen(co: ConfigCheckout): Promise<boolean> {
  if ((await co.run(['rev-parse', '--is-shallow-repository'], true)).stdout.trim() !== 'true') return false;
  const r = await co.run(['fetch', '-q', '--no-tags', `--deepen=${STEP}`, 'origin', `refs/heads/${co.branch}`], true);
  return r.code === 0;
}

/** The commit that last set line `line` (1-based) of `file` (relative to the repository root) at HEAD. */
export async function lineOrigin(co: ConfigCheckout, file: string, line: number): Promise<LineOrigin | undefined> {
  for (let step = 0; ; step++) {
    const r = await co.run(['blame', '--porcelain', '-L', `${line},${line}`, 'HEAD', '--', file], true);
    if (r.code !== 0) return undefined;
    const commit = /^([0-9a-f]{40,64}) /.exec(r.stdout)?.[1];
    if (!commit) return undefined;
    const boundary = /^boundary$/m.test(r.stdout);
    if (boundary && step < STEPS && (await deepen(co))) continue;
    const author = /^author (.*)$/m.exec(r.stdout)?.[1] ?? '';
    const time = Number(/^author-time (\d+)$/m.exec(r.stdout)?.[1] ?? 0);
    return { commit, author, date: isoUtc(time), ...(boundary ? { boundary: true } : {}) };
  }
}

/** The message of the newest commit (in reach) whose message has a `Patches:` list: the last offmain deploy. */
export async function lastDeployMessage(co: ConfigCheckout): Promise<string | undefined> {
  for (let step = 0; ; step++) {
    const r = await co.run(['log', '-1', '--format=%B', '--grep=^Patches:$', 'HEAD'], true);
    if (r.code === 0 && r.stdout.trim()) return r.stdout;
    if (step >= 1 || !(await deepen(co))) return undefined;
  }
}
