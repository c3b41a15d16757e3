/**
 * The scheduled run's decision (`offmain decide`) when nothing moved, against what it cannot do without:
 * a raw `git ls-remote` of upstream plus one registry HEAD of the image tag. Local servers: the upstream
 * and the config repository over smart HTTP (git http-backend), the local registry with htpasswd auth.
 * Goal: under 3 s, within 2x of that baseline. Reported as a ratio, measured in the same rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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

const ROUNDS = Number(process.env.BENCH_DECIDE_ROUNDS ?? 9);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchDecide(): Promise<{ baseline: number; decide: number; ratio: number }> {
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
    for (let i = 0; i < ROUNDS; i++) {
      const raw = async () => {
        const t = performance.now();
        const sha = (await git(['ls-remote', upstream, 'refs/heads/main'])).stdout.split('\t')[0]!;
        if (!(await registry.digest(`${prefix}/mastodon`, `${first.prepared.version.imageTag}`))) throw new Error(`bench: no image for ${sha.slice(0, 7)}`);
        baseline.push(performance.now() - t);
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
    console.log(`decide when nothing moved (upstream and config over smart HTTP, local registry), median of ${ROUNDS}:`);
    console.log(`  raw git ls-remote + one registry HEAD (baseline)  ${b.toFixed(0)} ms`);
    console.log(`  offmain decide                                    ${d.toFixed(0)} ms = ${(d / b).toFixed(2)}x  (goal: under 3000 ms, within 2x)`);
    return { baseline: b, decide: d, ratio: d / b };
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}
