/**
 * What every command pays before it does anything, and the patch command as an admin runs it, start-up
 * included (issue 12):
 *  - `offmain --version` vs `node -e 0` (the floor: node itself starting and exiting);
 *  - `offmain patch --dir TREE` on a 10,000-file tree vs the blind sed of the Redis TLS patch run as one
 *    shell script (`bash -c "sed -i ...; sed -i ...; ..."`, nine seds), each spawned the same way.
 * Both run the committed CLI bundle (dist/cli/index.mjs: `npm run build` first), alternating with their
 * baseline round by round; each tree is put back with `git checkout` between rounds, outside the timing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BLIND_SED, mastodonSizedTree } from './mastodontree.js';
import { median } from './measure.js';
import { peakLine, peakOfCli, type Peak } from './peak.js';

const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 21);
const PATCH_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const FILES = 10_000;

/** Wall-clock milliseconds of one spawned command; throws when it fails. */
function spawned(cmd: string, args: readonly string[], cwd?: string): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`bench: ${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Runs `a` and `b` alternately (neither always first), `rounds` times each; medians of each. */
function alternate(rounds: number, a: () => number, b: () => number): [number, number] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2) {
      xs.push(a());
      ys.push(b());
    } else {
      ys.push(b());
      xs.push(a());
    }
  }
  return [median(xs), median(ys)];
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export async function benchStartup(): Promise<{ node: number; version: number; versionRatio: number; sed: number; patch: number; patchRatio: number; peaks: Record<string, Peak> }> {
  const cli = resolve('dist/cli/index.mjs');
  const root = mkdtempSync(join(tmpdir(), 'offmain-bench-startup-'));
  try {
    const [node, version] = alternate(
      ROUNDS,
      () => spawned(process.execPath, ['-e', '0']),
      () => spawned(process.execPath, [cli, '--version']),
    );

    // Two copies of a 10,000-file git checkout (the v4.2 fixture and filler): one for the sed, one for offmain.
    const fixtureFiles = readdirSync(resolve('test/fixtures/mastodon/v4.2'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    const tree = (name: string) => {
      const dir = mastodonSizedTree(join(root, name), FILES - fixtureFiles);
      execFileSync('git', ['init', '-q', dir]);
      execFileSync('git', ['add', '-A'], { cwd: dir });
      execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@offmain.invalid', 'commit', '-q', '-m', 'v4.2.1'], { cwd: dir });
      return dir;
    };
    const sedTree = tree('sed');
    const offTree = tree('offmain');
    const reset = (dir: string) => execFileSync('git', ['checkout', '-q', '--', '.'], { cwd: dir });
    const script = BLIND_SED.map(([expr, file]) => `sed -i ${quote(expr)} ${quote(file)}`).join('; ');
    const [sed, patch] = alternate(
      PATCH_ROUNDS,
      () => {
        reset(sedTree);
        return spawned('bash', ['-c', script], sedTree);
      },
      () => {
        reset(offTree);
        return spawned(process.execPath, [cli, 'patch', '--dir', offTree]);
      },
    );
    reset(offTree);
    const peaks = { version: peakOfCli(['--version'], { cli }), patch: peakOfCli(['patch', '--dir', offTree], { cli }) };

    const files = Number(execFileSync('git', ['ls-files'], { cwd: offTree, encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n').filter(Boolean).length);
    console.log(`start-up (median of ${ROUNDS}) and the patch command on a ${files}-file checkout (median of ${PATCH_ROUNDS}), each a spawned process:`);
    console.log(`  node -e 0 (baseline)                    ${node.toFixed(1)} ms`);
    console.log(`  offmain --version                       ${version.toFixed(1)} ms = ${(version / node).toFixed(2)}x node -e 0  (goal: within 1.3x)`);
    console.log(`  blind sed, nine seds in one bash -c     ${sed.toFixed(1)} ms`);
    console.log(`  offmain patch --dir (check, apply, verify every patch set) ${patch.toFixed(1)} ms = ${(patch / sed).toFixed(2)}x the blind sed  (goal: within 1.5x)`);
    console.log(`    of which node itself starting (node -e 0) ${node.toFixed(1)} ms = ${(node / sed).toFixed(2)}x the blind sed: the floor of any node command`);
    console.log(peakLine('offmain --version', peaks.version));
    console.log(peakLine(`offmain patch on ${files} files`, peaks.patch));
    return { node, version, versionRatio: version / node, sed, patch, patchRatio: patch / sed, peaks };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
