/**
 * Peak memory of one offmain command (issue 12: under 120 MiB each). The command runs as the real CLI bundle
 * (dist/cli/index.mjs) in a child process; a preloaded hook writes the process's own peak resident set
 * (`process.resourceUsage().maxRSS`) when it exits. Where GNU time is installed, the peak over the whole
 * process tree (offmain and the git and docker processes it waits for) is read too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PEAK_LIMIT_MIB = 120;

export interface Peak {
  /** The offmain (node) process alone. */
  selfMiB: number;
  /** The largest of offmain and every process it waited for (GNU time); undefined where it is not installed. */
  treeMiB?: number;
  status: number | null;
  stderr: string;
}

const HOOK = `process.on('exit', () => require('node:fs').writeFileSync(process.env.OFFMAIN_BENCH_PEAK_FILE, String(process.resourceUsage().maxRSS)));\n`;

/** Runs `offmain ...args` (the committed bundle) and returns its peak memory in MiB. */
export function peakOfCli(args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; cli?: string } = {}): Peak {
  const dir = mkdtempSync(join(tmpdir(), 'offmain-peak-'));
  try {
    const hook = join(dir, 'hook.cjs');
    writeFileSync(hook, HOOK);
    const selfFile = join(dir, 'self');
    const treeFile = join(dir, 'tree');
    const cli = opts.cli ?? resolve('dist/cli/index.mjs');
    const node = [process.execPath, '-r', hook, cli, ...args];
    const gnuTime = existsSync('/usr/bin/time');
    const argv = gnuTime ? ['/usr/bin/time', '-f', '%M', '-o', treeFile, ...node] : node;
    const r = spawnSync(argv[0]!, argv.slice(1), {
      cwd: opts.cwd,
      env: { ...(opts.env ?? process.env), OFFMAIN_BENCH_PEAK_FILE: selfFile },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const kib = (f: string) => (existsSync(f) ? Number(readFileSync(f, 'utf8').trim().split('\n').pop()) : NaN);
    const self = kib(selfFile);
    const tree = gnuTime ? kib(treeFile) : NaN;
    return { selfMiB: self / 1024, treeMiB: Number.isFinite(tree) ? tree / 1024 : undefined, status: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One report line: `peak memory <what>: 61 MiB (git and children: 84 MiB); limit 120 MiB`. */
export function peakLine(what: string, p: Peak): string {
  const tree = p.treeMiB === undefined ? '' : ` (with the processes it waited for: ${p.treeMiB.toFixed(0)} MiB)`;
  const verdict = p.selfMiB <= PEAK_LIMIT_MIB ? 'under' : 'OVER';
  return `  peak memory, ${what}: ${p.selfMiB.toFixed(0)} MiB${tree}; ${verdict} the ${PEAK_LIMIT_MIB} MiB limit`;
}
