// Counting what git does: runs a function with GIT_TRACE2_EVENT pointed at a fresh file and returns the
// top-level events git wrote there (the processes offmain started itself, not git's own children).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Trace2Event {
  event: string;
  sid: string;
  name?: string;
  argv?: string[];
}

let n = 0;

/** The trace2 events of the git processes started by `fn` itself; the trace file is written under `dir`. */
export async function traceGit(dir: string, fn: () => Promise<unknown>): Promise<Trace2Event[]> {
  const trace = join(dir, `trace2-${process.pid}-${++n}.json`);
  const before = process.env.GIT_TRACE2_EVENT;
  process.env.GIT_TRACE2_EVENT = trace;
  try {
    await fn();
  } finally {
    if (before === undefined) delete process.env.GIT_TRACE2_EVENT;
    else process.env.GIT_TRACE2_EVENT = before;
  }
  let text = '';
  try {
    text = readFileSync(trace, 'utf8');
  } catch {
    return []; // no git process started
  }
  return text
    .trim()
    .split('\n')
    .filter((l) => l)
    .map((l) => JSON.parse(l) as Trace2Event)
    .filter((e) => !e.sid.includes('/'));
}
