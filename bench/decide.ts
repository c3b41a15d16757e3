/**
 * The scheduled run's decision (`offmain decide`) when nothing moved, against the raw commands an admin would
 * run one after the other for the same answer (issue 12): `git ls-remote` of upstream, one registry HEAD of
 * the image tag, and reading the config files: `git clone --depth 1 --no-tags` of the config repository
 * (the cheapest raw way to the files' content here: a blobless sparse clone needs a second round trip for
 * the blobs of the files it then reads) and reading every file the bump reads (the YAML files). The old
 * two-part baseline (ls-remote + HEAD) is reported too. Local servers: the upstream and the config repository
 * over smart HTTP (git http-backend), the local registry with htpasswd auth. Goal: under 1.5 s, within 2x of
 * the baseline. Reported as a ratio, measured in the same rounds; peak memory of `offmain decide` (bench/peak.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RegistryClient } from '../src/build/index.js';
import { makeDemoConfigRepo, makeDemoUpstream } from '../src/cli/demo.js';
import { readServicesEnv } from '../src/cli/localservices.js';
import { git } from '../src/core/git.js';
import { memoryLogger } from '../src/core/log.js';
import { decide } from '../src/pipeline/decide.js';
import { DEFAULT_PATCH_SETS } from '../src/patch/index.js';
import { runPipeline } from '../src/pipeline/run.js';
import { startGitHttpServer } from '../test/support/git-http-server.js';
import { peakLine, peakOfCli, type Peak } from './peak.js';
import { median } from './measure.js';

const ROUNDS = Number(process.env.BENCH_DECIDE_ROUNDS ?? 9);


/** Every YAML file under `dir` (what the bump reads), read: the bytes read. */
export function readYaml(dir: string): number {
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) bytes += readYaml(p);
    else if (/\.ya?ml$/.test(e.name)) bytes += readFileSync(p).length;
  }
  return bytes;
}

export async function benchDecide(): Promise<{ baseline: number; decide: number; ratio: number; peak: Peak }> {
  const vars = readServicesEnv(resolve('.'));
  if (!vars) throw new Error('bench: .tmp/services.env is missing: bash scripts/services.sh start');
  const env = { ...process.env, DOCKER_HOST: vars.DOCKER_HOST, DOCKER_CONFIG: vars.DOCKER_CONFIG };
  const root = mkdtempSync(join(tmpdir(), 'offmain-bench-decide-'));
  const server = await startGitHttpServer({ root });
  try {
    await makeDemoUpstream(root);
    await git(['config', 'uploadpack.allowFilter', 'true'], { cwd: join(root, 'upstream.git') });
    await git(['config', 'uploadpack.allowAnySHA1InWant', 'true'], { cwd: join(root, 'upstream.git') });
    const prefix = `${vars.OFFMAIN_TEST_REGISTRY}/benchdecide${Date.now().toString(36)}`;
    await makeDemoConfigRepo(root, prefix);
    const upstream = `${server.url}/upstream.git`;
    const config = `${server.url}/config.git`;
    // One real run puts the images in the registry and the config repository on them.
    const first = await runPipeline(
      {
        upstream: { repository: upstream, path: join(root, 'mastodon') },
        build: { images: [`${prefix}/mastodon`], platforms: 'linux/amd64,linux/arm64', cache: 'none', env, buildArgs: { BASE_IMAGE: vars.OFFMAIN_TEST_BASE_IMAGE! }, sbom: false },
        deploy: { repository: config, mode: 'push' },
      },
      memoryLogger(),
    );
    if (!first.ok) throw new Error('bench: the first pipeline run failed');
    const registry = new RegistryClient({ env });
    const baseline: number[] = [];
    const decided: number[] = [];
    const lsHead: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const raw = async () => {
        const t = performance.now();
        const sha = (await git(['ls-remote', upstream, 'refs/heads/main'])).stdout.split('\t')[0]!;
        if (!(await registry.digest(`${prefix}/mastodon`, `${first.upstream.imageTag}`))) throw new Error(`bench: no image for ${sha.slice(0, 7)}`);
        const two = performance.now();
        const clone = join(root, `raw-config-${i}`);
        await git(['clone', '-q', '--depth', '1', '--no-tags', config, clone]);
        if (!readYaml(clone)) throw new Error('bench: the config clone has no YAML');
        baseline.push(performance.now() - t);
        lsHead.push(two - t);
        rmSync(clone, { recursive: true, force: true });
      };
      const ours = async () => {
        const t = performance.now();
        const d = await decide({ upstream, patchSets: DEFAULT_PATCH_SETS, images: [`${prefix}/mastodon`], config: { repository: config }, env, log: memoryLogger() });
        decided.push(performance.now() - t);
        if (d.deploy || d.merge || d.platforms.length) throw new Error(`bench: the decision after a full run was not "nothing new": ${d.line}`);
      };
      // Alternate the order so neither side always runs with warmer caches.
      if (i % 2) {
        await raw();
        await ours();
      } else {
        await ours();
        await raw();
      }
    }
    const b = median(baseline);
    const d = median(decided);
    const l = median(lsHead);
    // Over file://: peakOfCli waits synchronously, and the HTTP server runs in this very process.
    const cliArgs = ['decide', '--repository', `file://${join(root, 'upstream.git')}`, '--image', `${prefix}/mastodon`, '--config', `file://${join(root, 'config.git')}`];
    const peak = peakOfCli(cliArgs, { env, cli: process.env.OFFMAIN_BENCH_CLI || undefined });
    if (peak.status !== 0) throw new Error(`bench: offmain decide failed: ${peak.stderr.trim().split('\n').pop()}`);
    console.log(`decide when nothing moved (upstream and config over smart HTTP, local registry), median of ${ROUNDS}:`);
    console.log(`  raw ls-remote + registry HEAD + clone --depth 1 of the config + read its YAML (baseline)  ${b.toFixed(0)} ms`);
    console.log(`  raw ls-remote + registry HEAD only (the old two-part baseline)                          ${l.toFixed(0)} ms`);
    console.log(`  offmain decide                                    ${d.toFixed(0)} ms = ${(d / b).toFixed(2)}x the baseline, ${(d / l).toFixed(2)}x the two-part one  (goal: under 1500 ms, within 2x)`);
    console.log(peakLine('offmain decide, nothing new (file://)', peak));
    return { baseline: b, decide: d, ratio: d / b, peak };
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}
