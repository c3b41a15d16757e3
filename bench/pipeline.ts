/**
 * The whole chain, first run against the second (no-op) run of the same commit, on the local engine,
 * registry and git repositories: the second run must build nothing, commit nothing, and cost well under
 * 5 s. Reported as a ratio of the first run, measured in the same round.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeDemoConfigRepo, makeDemoUpstream } from '../src/cli/demo.js';
import { readServicesEnv } from '../src/cli/localservices.js';
import { memoryLogger } from '../src/core/log.js';
import { runPipeline, type PipelineOptions } from '../src/pipeline/run.js';

const ROUNDS = Number(process.env.BENCH_PIPELINE_ROUNDS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchPipeline(): Promise<{ first: number; second: number; ratio: number }> {
  const vars = readServicesEnv(resolve('.'));
  if (!vars) throw new Error('bench: .tmp/services.env is missing: bash scripts/services.sh start');
  const env = { ...process.env, DOCKER_HOST: vars.DOCKER_HOST, DOCKER_CONFIG: vars.DOCKER_CONFIG };
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const root = mkdtempSync(join(tmpdir(), 'offmain-bench-pipeline-'));
    try {
      const upstream = await makeDemoUpstream(root);
      const prefix = `${vars.OFFMAIN_TEST_REGISTRY}/bench${Date.now().toString(36)}${i}`;
      const config = await makeDemoConfigRepo(root, prefix);
      let n = 0;
      const options = (): PipelineOptions => ({
        upstream: { repository: upstream.url, path: join(root, `mastodon-${n++}`) },
        build: {
          images: [`${prefix}/mastodon`],
          platforms: 'linux/amd64,linux/arm64',
          cache: 'none',
          env,
          buildArgs: { BASE_IMAGE: vars.OFFMAIN_TEST_BASE_IMAGE! },
          sbom: vars.OFFMAIN_TEST_SBOM_GENERATOR ?? false,
        },
        deploy: { repository: config, mode: 'push' },
      });
      const a = await runPipeline(options(), memoryLogger());
      const b = await runPipeline(options(), memoryLogger());
      if (!a.ok || !a.deploy?.changed || !b.build?.skipped || b.build.builds !== 0 || b.deploy?.changed) {
        throw new Error('bench: the second run was not a no-op (it built or committed something)');
      }
      first.push(a.seconds);
      second.push(b.seconds);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const f = median(first);
  const s = median(second);
  console.log(`pipeline (resolve, patch, build 2 images x 2 platforms, push, deploy, freshness), median of ${ROUNDS}:`);
  console.log(`  first run (builds and commits, baseline)  ${f.toFixed(2)} s`);
  console.log(`  second run (no build, no commit)          ${s.toFixed(2)} s = ${(s / f).toFixed(2)}x the first run  (goal: under 5 s)`);
  return { first: f, second: s, ratio: s / f };
}
