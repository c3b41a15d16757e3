/**
 * The whole chain, first run against the second (no-op) run of the same commit, on the local engine,
 * registry and git repositories: the second run must build nothing, commit nothing, check nothing out, and
 * cost well under 5 s. Reported as a ratio of the first run, and against the decision baseline (issue 12):
 * the raw commands an admin would run one after the other to know that nothing is new, `git ls-remote` of
 * upstream + one registry HEAD + `git clone --depth 1 --no-tags` of the config repository + reading its
 * YAML files, measured in the same round (order alternating). Then the peak memory of a no-op `offmain run`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeDemoConfigRepo, makeDemoUpstream } from '../src/cli/demo.js';
import { RegistryClient } from '../src/build/index.js';
import { readServicesEnv } from '../src/cli/localservices.js';
import { git } from '../src/core/git.js';
import { memoryLogger } from '../src/core/log.js';
import { runPipeline, type PipelineOptions } from '../src/pipeline/run.js';
import { peakLine, peakOfCli, type Peak } from './peak.js';
import { readYaml } from './decide.js';
import { median } from './measure.js';

const ROUNDS = Number(process.env.BENCH_PIPELINE_ROUNDS ?? 5);



export async function benchPipeline(): Promise<{ first: number; second: number; ratio: number; baseline: number; noopRatio: number; peak?: Peak }> {
  const vars = readServicesEnv(resolve('.'));
  if (!vars) throw new Error('bench: .tmp/services.env is missing: bash scripts/services.sh start');
  const env = { ...process.env, DOCKER_HOST: vars.DOCKER_HOST, DOCKER_CONFIG: vars.DOCKER_CONFIG };
  const first: number[] = [];
  const second: number[] = [];
  const baseline: number[] = [];
  let peak: Peak | undefined;
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
      if (!a.ok || !a.deploy?.changed) throw new Error('bench: the first run did not deploy');
      const registry = new RegistryClient({ env });
      const noop = async () => {
        const t = performance.now();
        const b = await runPipeline(options(), memoryLogger());
        second.push((performance.now() - t) / 1000);
        if (!b.ok || !b.nothingNew || b.build || b.deploy) throw new Error('bench: the second run was not a no-op (it went past the decision)');
      };
      const raw = async () => {
        const t = performance.now();
        const sha = (await git(['ls-remote', upstream.url, 'refs/heads/main'])).stdout.split('\t')[0]!;
        if (!(await registry.digest(`${prefix}/mastodon`, a.upstream.imageTag))) throw new Error(`bench: no image for ${sha.slice(0, 7)}`);
        const clone = join(root, `raw-config-${i}`);
        await git(['clone', '-q', '--depth', '1', '--no-tags', config, clone]);
        if (!readYaml(clone)) throw new Error('bench: the config clone has no YAML');
        baseline.push(performance.now() - t);
        rmSync(clone, { recursive: true, force: true });
      };
      if (i % 2) {
        await raw();
        await noop();
      } else {
        await noop();
        await raw();
      }
      first.push(a.seconds);
      if (i === ROUNDS - 1) {
        const args = ['run', '--repository', upstream.url, '--path', join(root, 'mastodon-peak'), '--image', `${prefix}/mastodon`, '--config', config];
        peak = peakOfCli(args, { env, cli: process.env.OFFMAIN_BENCH_CLI || undefined });
        if (peak.status !== 0 || !/nothing new/.test(peak.stderr)) throw new Error(`bench: offmain run (no-op) failed: ${peak.stderr.trim().split('\n').pop()}`);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const f = median(first);
  const s = median(second);
  console.log(`pipeline (resolve, patch, build 2 images x 2 platforms, push, deploy, freshness), median of ${ROUNDS}:`);
  console.log(`  first run (builds and commits, baseline)  ${f.toFixed(2)} s`);
  const bl = median(baseline) / 1000;
  console.log(`  second run (nothing new: no checkout, build or commit)  ${s.toFixed(3)} s = ${(s / f).toFixed(2)}x the first run  (goal: under 5 s)`);
  console.log(`  raw ls-remote + registry HEAD + clone --depth 1 of the config + read its YAML  ${bl.toFixed(3)} s; the no-op run = ${(s / bl).toFixed(2)}x that  (goal: within 2x)`);
  if (peak) console.log(peakLine('offmain run, nothing new', peak));
  return { first: f, second: s, ratio: s / f, baseline: bl, noopRatio: s / bl, ...(peak ? { peak } : {}) };
}
