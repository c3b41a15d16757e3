/**
 * `npm run bench`: every stage against the raw tool that does the same job, run in this same script, reported
 * as ratios (wall-clock numbers alone vary from machine to machine); each section also prints the peak memory
 * of the CLI command that does the same work (bench/peak.ts; limit 120 MiB).
 *
 *  1. patch + verify on a Mastodon-sized tree (~6,000 files) vs. the blind `sed` patch it replaces, in process;
 *  2. start-up: `offmain --version` vs. `node -e 0`, and `offmain patch` on a 10,000-file checkout vs. the blind
 *     sed as one shell script, each a spawned process (bench/startup.ts);
 *  3. resolve (newest main, shallow) vs. the raw `git ls-remote` + `git fetch --depth=1` + checkout it needs,
 *     over real smart HTTP (git http-backend) and file://;
 *  4. bump on 5,000- and 50,000-file config repos vs. `grep -rl` for the image (bench/bump.ts);
 *  5. the build step vs. raw `docker buildx build` of the same context, and the skip path (bench/build.ts);
 *  6. the whole chain's second (no-op) run vs. its first run and vs. the raw decision (bench/pipeline.ts);
 *  7. the scheduled run's decision when nothing moved vs. raw `git ls-remote` + one registry HEAD + a depth-1
 *     clone of the config repository and reading its YAML (bench/decide.ts);
 *  8. resolve and freshness on upstream's real shape, 22,000 commits, vs. raw git (bench/history.ts), in a
 *     process of its own (`npm run bench -- --history-only` runs just this part).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { git } from '../src/core/git.js';
import { runPatches } from '../src/patch/apply.js';
import { resolveUpstream } from '../src/patch/upstream.js';
import { startGitHttpServer } from '../test/support/git-http-server.js';
import { benchBuild } from './build.js';
import { benchBump } from './bump.js';
import { benchHistory } from './history.js';
import { benchDecide } from './decide.js';
import { benchPipeline } from './pipeline.js';
import { benchStartup } from './startup.js';
import { BLIND_SED, mastodonSizedTree } from './mastodontree.js';
import { median, time } from './measure.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const FILES = 6000;
const root = mkdtempSync(join(tmpdir(), 'offmain-bench-'));



async function benchPatch() {
  const template = mastodonSizedTree(join(root, 'tree-template'), FILES);
  const copies = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => {
      const d = join(root, `${tag}-${i}`);
      cpSync(template, d, { recursive: true });
      return d;
    });
  const sedTrees = copies(ROUNDS, 'sed');
  const offTrees = copies(ROUNDS, 'offmain');

  const sed: number[] = [];
  const patch: number[] = [];
  const verify: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    sed.push(
      await time(() => {
        for (const [expr, file] of BLIND_SED) {
          try {
            execFileSync('sed', ['-i', expr, file], { cwd: sedTrees[i]!, stdio: 'ignore' });
          } catch {
            /* the blind patch ignores failures too (that is its problem) */
          }
        }
      }),
    );
    let ok = false;
    patch.push(
      await time(async () => {
        ok = (await runPatches({ dir: offTrees[i]!, version: '4.2.1', patchSets: ['redis-tls', 'version-metadata'] })).ok;
      }),
    );
    if (!ok) throw new Error('bench: the patch step failed on the v4.2 tree');
    verify.push(
      await time(() => runPatches({ dir: offTrees[i]!, version: '4.2.1', patchSets: ['redis-tls', 'version-metadata'] })),
    );
  }
  const s = median(sed);
  const p = median(patch);
  const v = median(verify);
  console.log(`patch step on a ${FILES + 20}-file tree (median of ${ROUNDS}):`);
  console.log(`  blind sed (9 sed -i calls, baseline)   ${s.toFixed(1)} ms`);
  console.log(`  offmain patch + verify (applied)        ${p.toFixed(1)} ms  = ${(p / s).toFixed(2)}x the blind sed  (goal: well under 1000 ms)`);
  console.log(`  offmain second run (already-applied)    ${v.toFixed(1)} ms  = ${(v / s).toFixed(2)}x the blind sed`);
  return { sed: s, patch: p, verify: v };
}

/** An upstream with a 6,000-file tree and a few hundred commits on main, made with git fast-import. */
async function benchUpstream(): Promise<string> {
  const bare = join(root, 'upstream.git');
  await git(['init', '-q', '--bare', '-b', 'main', bare]);
  const chunks: string[] = [];
  let mark = 1;
  const when = 1_700_000_000;
  const commit = (files: [string, string][], n: number, parent: boolean) => {
    const msg = `commit ${n}`;
    chunks.push(
      `commit refs/heads/main\nmark :${mark++}\ncommitter Dev <dev@upstream.invalid> ${when + n * 600} +0000\ndata ${msg.length}\n${msg}\n`,
    );
    if (parent) chunks.push(`from :${mark - 2}\n`);
    for (const [path, content] of files) chunks.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
  };
  const first: [string, string][] = [];
  for (let i = 0; i < FILES; i++) first.push([`app/group${i % 40}/file${i}.rb`, `class Thing${i}\n  def value = ${i}\nend\n`]);
  first.push(['lib/mastodon/version.rb', 'module Mastodon\n  module Version\n    def major = 4\n    def minor = 8\n    def patch = 0\n    def default_prerelease = "alpha.1"\n  end\nend\n']);
  commit(first, 0, false);
  for (let n = 1; n <= 300; n++) commit([[`app/group${n % 40}/file${n}.rb`, `class Thing${n}\n  def value = ${n * 2}\nend\n`]], n, true);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: bare, input: chunks.join('') });
  await git(['config', 'uploadpack.allowFilter', 'true'], { cwd: bare });
  await git(['config', 'uploadpack.allowAnySHA1InWant', 'true'], { cwd: bare });
  return bare;
}

async function rawGit(url: string, path: string) {
  const head = (await git(['ls-remote', url, 'refs/heads/main'])).stdout.split('\t')[0]!;
  await git(['init', '-q', path]);
  await git(['fetch', '-q', '--depth=1', url, head], { cwd: path });
  await git(['checkout', '-q', '--detach', head], { cwd: path });
  return head;
}

async function benchResolve() {
  const bare = await benchUpstream();
  const server = await startGitHttpServer({ root: join(root) });
  const results: Record<string, { raw: number; offmain: number }> = {};
  try {
    for (const [label, url] of [
      ['smart HTTP', `${server.url}/upstream.git`],
      ['file://', `file://${bare}`],
    ] as const) {
      const raw: number[] = [];
      const off: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        // Alternate the order so neither side always runs with warmer caches.
        const runRaw = async () => raw.push(await time(() => rawGit(url, join(root, `raw-${label.length}-${i}`))));
        const runOff = async () =>
          off.push(await time(() => resolveUpstream({ repository: url, path: join(root, `off-${label.length}-${i}`) })));
        if (i % 2) {
          await runRaw();
          await runOff();
        } else {
          await runOff();
          await runRaw();
        }
      }
      results[label] = { raw: median(raw), offmain: median(off) };
    }
  } finally {
    await server.close();
  }
  console.log(`resolve newest main of a ${FILES}-file, 301-commit upstream (median of ${ROUNDS}):`);
  for (const [label, r] of Object.entries(results)) {
    console.log(
      `  ${label.padEnd(10)} raw ls-remote + fetch --depth=1 + checkout ${r.raw.toFixed(0)} ms; offmain resolve ${r.offmain.toFixed(0)} ms = ${(r.offmain / r.raw).toFixed(2)}x  (goal: within 1.2x)`,
    );
  }
  return results;
}

/** Runs `fn` with the local engine and registry up, starting (and afterwards stopping) them if needed. */
async function withServices<T>(fn: () => Promise<T>): Promise<T> {
  const up = () => spawnSync('bash', ['scripts/services.sh', 'status'], { stdio: 'ignore' }).status === 0;
  const started = !up();
  if (started) execFileSync('bash', ['scripts/services.sh', 'start'], { stdio: 'inherit' });
  try {
    return await fn();
  } finally {
    if (started) execFileSync('bash', ['scripts/services.sh', 'stop'], { stdio: 'inherit' });
  }
}

if (process.argv.includes('--history-only')) {
  rmSync(root, { recursive: true, force: true });
  await benchHistory();
  process.exit(0);
}

try {
  const patch = await benchPatch();
  const startup = await benchStartup();
  const resolve = await benchResolve();
  const bumped = await benchBump();
  const built = await benchBuild();
  const pipeline = await withServices(benchPipeline);
  const decided = await withServices(benchDecide);
  // Upstream's real shape (22,000 commits): resolve and freshness against raw git. BENCH_HISTORY=0 skips it.
  // In a process of its own: what the sections above left in this one's memory would make every git process
  // it starts slower to fork (offmain starts more of them than the raw commands), which is no cost of offmain.
  if (process.env.BENCH_HISTORY !== '0') {
    const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', ...process.argv.slice(1), '--history-only'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`bench: the history section failed (exit ${r.status ?? r.signal})`);
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify({ patch, startup, resolve, bump: bumped, build: built, pipeline, decide: decided }));
} finally {
  rmSync(root, { recursive: true, force: true });
}
