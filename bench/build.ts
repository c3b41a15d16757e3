/**
 * The build step against its baseline, in the same run on the same engine and registry:
 *
 *   raw      the `docker buildx build` commands themselves (the same arguments offmain passes: both images,
 *            linux/amd64 + linux/arm64 under QEMU, provenance + SBOM, pushed with every tag), one after the other;
 *   offmain  `build()`: plan, registry check, the same builds, reading back what was pushed.
 *
 * Each round changes a file of the context first (a fresh commit for offmain, so nothing is skipped), so the
 * COPY and RUN steps really run for both; the order alternates between rounds. Then the skip path: the same
 * commit again, which must build nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from '../src/build/step.js';
import { planBuild, readBuildTree } from '../src/build/plan.js';
import { buildxBuildArgs, docker } from '../src/build/buildx.js';
import { readServicesEnv } from '../src/cli/localservices.js';
import { memoryLogger } from '../src/core/log.js';
import { versionOf } from '../src/patch/version.js';
import { median } from './measure.js';

const ROUNDS = Number(process.env.BENCH_BUILD_ROUNDS ?? 7);
const ROOT = resolve('.');


function servicesEnv(): Record<string, string> {
  const vars = readServicesEnv(ROOT);
  if (!vars) throw new Error('bench: .tmp/services.env is missing: bash scripts/services.sh start');
  return vars;
}

export async function benchBuild(): Promise<{ raw: number; offmain: number; overhead: number; skip: number }> {
  let started = false;
  try {
    execFileSync('bash', ['scripts/services.sh', 'status'], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    execFileSync('bash', ['scripts/services.sh', 'start'], { cwd: ROOT, stdio: 'inherit' });
    started = true;
  }
  const dir = mkdtempSync(join(tmpdir(), 'offmain-bench-build-'));
  try {
    const vars = servicesEnv();
    const env = { ...process.env, DOCKER_HOST: vars.DOCKER_HOST, DOCKER_CONFIG: vars.DOCKER_CONFIG };
    const base = vars.OFFMAIN_TEST_BASE_IMAGE!;
    const sbom = vars.OFFMAIN_TEST_SBOM_GENERATOR!;
    const ns = `${vars.OFFMAIN_TEST_REGISTRY}/bench${Date.now().toString(36)}`;

    // A small Mastodon-shaped tree (see test/support/services.ts), in its own git repository.
    mkdirSync(join(dir, 'lib/mastodon'), { recursive: true });
    mkdirSync(join(dir, 'streaming'), { recursive: true });
    writeFileSync(join(dir, 'lib/mastodon/version.rb'), readFileSync(join(ROOT, 'test/fixtures/mastodon/main/lib/mastodon/version.rb')));
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM ${base}\nARG MASTODON_VERSION_METADATA=""\nARG SOURCE_COMMIT=""\nCOPY . /opt/mastodon/\nRUN echo "metadata=\${MASTODON_VERSION_METADATA} commit=\${SOURCE_COMMIT} arch=$(uname -m)" > /opt/mastodon/build-args.txt\n`,
    );
    writeFileSync(
      join(dir, 'streaming/Dockerfile'),
      `FROM ${base}\nARG MASTODON_VERSION_METADATA=""\nCOPY ./streaming /opt/mastodon/streaming\nRUN echo "metadata=\${MASTODON_VERSION_METADATA} arch=$(uname -m)" > /opt/mastodon/build-args.txt\n`,
    );
    const g = (...a: string[]) =>
      execFileSync('git', a, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2026-08-21T14:03:11Z', GIT_COMMITTER_DATE: '2026-08-21T14:03:11Z' } }).trim();
    g('init', '-q', '-b', 'main');
    let n = 0;
    const commit = () => {
      n++;
      writeFileSync(join(dir, 'nonce.txt'), `${n} ${Math.random()}\n`);
      writeFileSync(join(dir, 'streaming/nonce.txt'), `${n} ${Math.random()}\n`);
      g('add', '-A');
      g('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-m', `round ${n}`);
      return g('rev-parse', 'HEAD');
    };

    const offmainRound = async () => {
      const sha = commit();
      const t = performance.now();
      const r = await build({ dir, commit: sha, images: [`${ns}/offmain/mastodon`], push: true, sbom, env }, memoryLogger());
      const ms = performance.now() - t;
      if (r.builds !== 2) throw new Error('bench: offmain did not build both images');
      // offmain's own work: everything but the docker buildx build processes.
      const own = ms - r.images.reduce((sum, i) => sum + i.seconds * 1000, 0);
      return { ms, sha, own };
    };
    const rawRound = async () => {
      const sha = commit();
      const plan = planBuild(
        { dir, commit: sha, commitTime: '2026-08-21T14:03:11Z', version: await versionOf(dir, sha), images: [`${ns}/raw/mastodon`] },
        await readBuildTree(dir),
      );
      const commands = plan.images.map((image) =>
        buildxBuildArgs(image, { mode: 'all', platforms: plan.platforms, push: true, cache: 'none', provenance: true, sbom, metadataFile: join(dir, `.${image.key}.json`), dir }),
      );
      const t = performance.now();
      for (const args of commands) {
        const r = await docker(args, { env });
        if (r.code !== 0) throw new Error(`bench: raw docker buildx build failed: ${r.stderr.slice(-400)}`);
      }
      return performance.now() - t;
    };

    // One warm-up of each (base image layers, frontend), not counted.
    await rawRound();
    await offmainRound();
    const raw: number[] = [];
    const off: number[] = [];
    const own: number[] = [];
    const ratio: number[] = [];
    const skip: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let o: { ms: number; sha: string; own: number };
      if (i % 2 === 0) {
        raw.push(await rawRound());
        o = await offmainRound();
      } else {
        o = await offmainRound();
        raw.push(await rawRound());
      }
      off.push(o.ms);
      own.push(o.own);
      ratio.push(o.ms / raw[raw.length - 1]! - 1);
      const t = performance.now();
      const again = await build({ dir, commit: o.sha, images: [`${ns}/offmain/mastodon`], push: true, sbom, env }, memoryLogger());
      skip.push(performance.now() - t);
      if (!again.skipped || again.builds !== 0) throw new Error('bench: the second run of a commit was not skipped');
    }
    const r = median(raw);
    const o = median(off);
    const s = median(skip);
    const overhead = median(ratio);
    const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
    console.log(`build step: a small Mastodon-shaped tree, 2 images x linux/amd64+linux/arm64 (QEMU), provenance + SBOM, pushed (median of ${ROUNDS}):`);
    console.log(`  raw docker buildx build, same arguments (baseline)    ${(r / 1000).toFixed(2)} s`);
    console.log(`  offmain build (plan, registry check, build, read back) ${(o / 1000).toFixed(2)} s  = ${pct(overhead)} per round (target: under +10%)`);
    console.log(`    of which offmain's own work (all but buildx)        ${median(own).toFixed(0)} ms  = ${pct(median(own) / r)} of the baseline`);
    console.log(`  skip path: the same commit again, nothing built        ${s.toFixed(0)} ms  (target: under 2000 ms)`);
    return { raw: r, offmain: o, overhead, skip: s };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (started && existsSync(join(ROOT, 'scripts/services.sh'))) execFileSync('bash', ['scripts/services.sh', 'stop'], { cwd: ROOT, stdio: 'inherit' });
  }
}
