/**
 * Upstream's real shape (issue 12): about 22,000 commits, 21,400 on the first-parent line with 600 merges of
 * one-commit branches, a 10,000-file tree, about 60 commits a week on weekdays, made with git fast-import in
 * a few seconds. Measures resolve (newest, and a commit N first-parent commits back) and freshness (cold and
 * warm: the whole `freshness` call the deploy makes, from the deployed image tag) against the raw git commands
 * that do the same job, over smart HTTP and file://, as ratios.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { git } from '../src/core/git.js';
import { freshness } from '../src/deploy/freshness.js';
import { resolveUpstream } from '../src/patch/upstream.js';
import { startGitHttpServer } from '../test/support/git-http-server.js';
import { peakLine, peakOfCli } from './peak.js';
import { median, time } from './measure.js';

const FIRST_PARENT = 21_400;
const MERGES = 600;
const FILES = 10_000;
const ROUNDS = Number(process.env.BENCH_HISTORY_ROUNDS ?? 3);
/**
 * `newest` measures only resolve newest (and its peaks), `resolve` resolve newest and N back, `freshness` only
 * freshness (cold and warm, and its peak), for a quick look at one part.
 */
const ONLY = process.env.BENCH_HISTORY_ONLY;



/** Builds the repository; returns the first-parent line, oldest first. */
export function realShapedUpstream(bare: string): string[] {
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  const out: string[] = [];
  let mark = 0;
  // Weekdays 09:00-17:00 UTC, one commit every 40 minutes: 12 a day, 60 a week, from Monday 2019-01-07.
  let slot = 0;
  const timeOf = () => {
    const day = Math.floor(slot / 12);
    const week = Math.floor(day / 5);
    const t = Date.UTC(2019, 0, 7) / 1000 + (week * 7 + (day % 5)) * 86_400 + 9 * 3600 + (slot % 12) * 2400;
    slot++;
    return t;
  };
  const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const first: string[] = [];
  for (let i = 0; i < FILES; i++) first.push(`M 100644 inline app/dir${i % 200}/file${i}.rb\n${data(`class Thing${i}\nend\n`)}`);
  first.push(`M 100644 inline lib/mastodon/version.rb\n${data('module Mastodon\n  module Version\n    def major = 4\n    def minor = 6\n    def patch = 0\n  end\nend\n')}`);
  out.push(`commit refs/heads/main\nmark :${++mark}\ncommitter Dev <dev@upstream.invalid> ${timeOf()} +0000\n${data('initial')}${first.join('')}`);
  const line: number[] = [mark];
  const mergeEvery = Math.floor(FIRST_PARENT / MERGES);
  for (let n = 1; n < FIRST_PARENT; n++) {
    const parent = line[line.length - 1]!;
    const file = `M 100644 inline app/dir${n % 200}/file${n % FILES}.rb\n${data(`class Thing${n % FILES}\n  # change ${n}\nend\n`)}`;
    if (n % mergeEvery === 0) {
      const side = ++mark;
      out.push(`commit refs/heads/side\nmark :${side}\ncommitter Dev <dev@upstream.invalid> ${timeOf()} +0000\n${data(`topic ${n}`)}from :${parent}\n${file}`);
      out.push(`commit refs/heads/main\nmark :${++mark}\ncommitter Dev <dev@upstream.invalid> ${timeOf()} +0000\n${data(`Merge topic ${n}`)}from :${parent}\nmerge :${side}\n`);
    } else {
      out.push(`commit refs/heads/main\nmark :${++mark}\ncommitter Dev <dev@upstream.invalid> ${timeOf()} +0000\n${data(`commit ${n}`)}from :${parent}\n${file}`);
    }
    line.push(mark);
  }
  out.push('reset refs/heads/side\nfrom 0000000000000000000000000000000000000000\n');
  const marks = join(bare, 'marks');
  execFileSync('git', ['fast-import', '--quiet', `--export-marks=${marks}`], { cwd: bare, input: out.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['update-ref', '-d', 'refs/heads/side'], { cwd: bare });
  execFileSync('git', ['config', 'uploadpack.allowFilter', 'true'], { cwd: bare });
  execFileSync('git', ['config', 'uploadpack.allowAnySHA1InWant', 'true'], { cwd: bare });
  const shaOf = new Map(
    execFileSync('cat', [marks], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
  return line.map((m) => shaOf.get(`:${m}`)!);
}

export async function benchHistory(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'offmain-bench-history-'));
  const t0 = performance.now();
  const line = realShapedUpstream(join(root, 'upstream.git'));
  const made = (performance.now() - t0) / 1000;
  const count = execFileSync('git', ['rev-list', '--count', 'main'], { cwd: join(root, 'upstream.git'), encoding: 'utf8' }).trim();
  console.log(`upstream of the real shape (${count} commits, ${line.length} first-parent, ${FILES} files) made in ${made.toFixed(1)} s; median of ${ROUNDS}:`);
  const server = await startGitHttpServer({ root });
  let n = 0;
  const fresh = () => join(root, `w${n++}`);
  const row = (what: string, raw: number, off: number, goal: number) =>
    console.log(`  ${what.padEnd(58)} raw ${raw.toFixed(0).padStart(5)} ms, offmain ${off.toFixed(0).padStart(5)} ms = ${(off / raw).toFixed(2)}x (goal: within ${goal}x)`);
  const measure = async (raw: () => Promise<unknown>, off: () => Promise<unknown>) => {
    const r: number[] = [];
    const o: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      if (i % 2) {
        o.push(await time(off));
        r.push(await time(raw));
      } else {
        r.push(await time(raw));
        o.push(await time(off));
      }
    }
    return [median(r), median(o)] as const;
  };
  /** Resolve newest, its peaks, and resolving a commit N back. */
  const resolveRows = async (label: string, url: string) => {
    const [r0, o0] = await measure(
      () => git(['clone', '-q', '--depth', '1', url, fresh()]),
      () => resolveUpstream({ repository: url, path: fresh() }),
    );
    row('resolve newest vs git clone --depth 1', r0, o0, 1.1);
    if (label === 'file://') {
      // The CLI bundle in a child process (peakOfCli waits synchronously, so over file:// only: the HTTP
      // server runs in this process). OFFMAIN_BENCH_CLI names a bundle built from the working tree.
      const cli = process.env.OFFMAIN_BENCH_CLI || undefined;
      const newest = peakOfCli(['resolve', '--repository', url, '--path', fresh()], { cli });
      console.log(peakLine('offmain resolve (newest)', newest) + (newest.status ? ` [exit ${newest.status}]` : ''));
      const old = peakOfCli(['resolve', '--repository', url, '--commit', line[line.length - 5001]!, '--path', fresh()], { cli });
      console.log(peakLine('offmain resolve --commit (5000 back)', old) + (old.status ? ` [exit ${old.status}]` : ''));
    }
    if (ONLY === 'newest') return;
    for (const back of [10, 500, 5000]) {
      const sha = line[line.length - 1 - back]!;
      const [r, o] = await measure(
        async () => {
          const d = fresh();
          await git(['init', '-q', d]);
          await git(['fetch', '-q', `--depth=${back + 1}`, url, 'main'], { cwd: d });
          await git(['checkout', '-q', '--detach', sha], { cwd: d });
        },
        () => resolveUpstream({ repository: url, commit: sha, path: fresh() }),
      );
      row(`resolve a commit ${back} back vs fetch --depth=${back + 1} + checkout`, r, o, 1.2);
    }
  };
  try {
    for (const [label, url] of [
      ['smart HTTP', `${server.url}/upstream.git`],
      ['file://', `file://${join(root, 'upstream.git')}`],
    ] as const) {
      console.log(` ${label}`);
      if (ONLY !== 'freshness') await resolveRows(label, url);
      if (ONLY === 'newest' || ONLY === 'resolve') continue;
      for (const back of [10, 1000, 5000]) {
        const sha = line[line.length - 1 - back]!;
        // What the config repository holds: the image tag, which names the commit by its first 7 hex digits.
        const tagged = `4.6.0_${sha.slice(0, 7)}`;
        const log = (d: string) => git(['log', '--first-parent', '--format=%H %ct', `${sha}..main`], { cwd: d });
        const [r, o] = await measure(
          async () => {
            const d = fresh();
            await git(['clone', '-q', '--bare', '--filter=blob:none', '--single-branch', url, d]);
            await log(d);
          },
          () => freshness({ repository: url, cacheDir: fresh(), deployed: tagged }),
        );
        row(`freshness ${back} back, cold vs blobless clone + log`, r, o, 1.0);
        if (label === 'file://' && back === 5000) {
          const cold = peakOfCli(['freshness', '--upstream', url, '--deployed', tagged, '--warn-only', '--cache', fresh()], { cli: process.env.OFFMAIN_BENCH_CLI || undefined });
          console.log(peakLine('offmain freshness (5000 back, cold)', cold) + (cold.status ? ` [exit ${cold.status}]` : ''));
        }
        const kept = fresh();
        await git(['clone', '-q', '--bare', '--filter=blob:none', '--single-branch', url, kept]);
        const cache = fresh();
        await freshness({ repository: url, cacheDir: cache, deployed: tagged });
        const [rw, ow] = await measure(
          async () => {
            await git(['fetch', '-q', url, '+refs/heads/main:refs/heads/main'], { cwd: kept });
            await log(kept);
          },
          () => freshness({ repository: url, cacheDir: cache, deployed: tagged }),
        );
        row(`freshness ${back} back, warm vs git fetch + log on a kept clone`, rw, ow, 2);
      }
    }
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}
