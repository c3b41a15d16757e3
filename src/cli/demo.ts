/**
 * `offmain run --demo`: the whole pipeline on embedded defaults, with nothing configured. It makes
 *  - a local upstream repository with Mastodon-shaped history: a stable-4.2 line whose release needs the
 *    Redis TLS patch, and a main (4.8.0-alpha.1) that does not;
 *  - a local config repository in Kustomize form, deployed at an older version;
 * and runs the real steps against them: resolve, patch, build both images for both platforms and push them
 * to the local registry (when `scripts/services.sh` has a Docker engine and a registry running; otherwise
 * it says so first and prints the build plan), bump, commit, push, and the freshness. Then it runs again
 * to show that a second run builds nothing and commits nothing: with a registry it stops at the decision,
 * before any upstream checkout.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OffmainError } from '../core/errors.js';
import { git } from '../core/git.js';
import type { Logger } from '../core/log.js';
import { readServicesEnv } from './localservices.js';
import { pipelineSummaryMarkdown, runPipeline, type PipelineOptions } from '../pipeline/run.js';
import { patchSummaryMarkdown, prepare } from '../patch/index.js';
import type { CommandOut } from './args.js';

/** Where the Mastodon-shaped fixture trees live in a clone of offmain. */
export function fixturesRoot(): string {
  const candidates = [
    typeof __dirname !== 'undefined' ? resolve(__dirname, '../../test/fixtures/mastodon') : undefined,
    resolve('test/fixtures/mastodon'),
  ].filter((p): p is string => p !== undefined);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new OffmainError(`the demo needs offmain's fixture trees (test/fixtures/mastodon): run it from a clone of offmain`);
  }
  return found;
}

export interface DemoUpstream {
  url: string;
  dir: string;
  shas: { stableRelease: string; main: string };
  releaseTag: string;
}

// Upstream's real Dockerfiles need the internet to build; these keep their shape (the ARGs offmain passes,
// the root as context for streaming) and build in a second from a local base image.
const MINI_DOCKERFILE = `# Mastodon-shaped for the offmain demo: same ARGs as upstream's, builds offline.
ARG BASE_IMAGE=busybox
FROM \${BASE_IMAGE}
ARG MASTODON_VERSION_PRERELEASE=""
ARG MASTODON_VERSION_METADATA=""
ARG SOURCE_COMMIT=""
COPY lib/mastodon/version.rb /opt/mastodon/lib/mastodon/version.rb
RUN echo "metadata=\${MASTODON_VERSION_METADATA} commit=\${SOURCE_COMMIT}" > /opt/mastodon/BUILD
`;
const MINI_STREAMING_DOCKERFILE = `# Mastodon-shaped streaming image for the offmain demo (context: the repository root).
ARG BASE_IMAGE=busybox
FROM \${BASE_IMAGE}
ARG MASTODON_VERSION_METADATA=""
COPY package.json /opt/mastodon/package.json
RUN echo "streaming metadata=\${MASTODON_VERSION_METADATA}" > /opt/mastodon/BUILD
`;

function miniDockerfiles(work: string): void {
  writeFileSync(join(work, 'Dockerfile'), MINI_DOCKERFILE);
  if (existsSync(join(work, 'streaming'))) writeFileSync(join(work, 'streaming', 'Dockerfile'), MINI_STREAMING_DOCKERFILE);
}

async function commitTree(
  work: string,
  tree: string,
  message: string,
  date: string,
  edit?: (work: string) => void,
): Promise<string> {
  for (const entry of readdirSync(work)) if (entry !== '.git') rmSync(join(work, entry), { recursive: true, force: true });
  cpSync(tree, work, { recursive: true });
  miniDockerfiles(work);
  edit?.(work);
  await git(['add', '-A'], { cwd: work });
  const env = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  await git(['-c', 'user.name=Upstream Dev', '-c', 'user.email=dev@upstream.invalid', 'commit', '-q', '-m', message], {
    cwd: work,
    env,
  });
  return (await git(['rev-parse', 'HEAD'], { cwd: work })).stdout.trim();
}

// What main brings over v4.2.0 in the demo, for the rollout section: a migration, a post-deployment
// migration, a new env variable.
const DEMO_ENV = 'LOCAL_DOMAIN=example.com\nREDIS_HOST=localhost\n# REDIS_PASSWORD=\n';
function demoMainChanges(w: string): void {
  writeFileSync(join(w, '.env.production.sample'), `${DEMO_ENV}# Fetch all replies of a thread\nFETCH_REPLIES_ENABLED=false\n`);
  mkdirSync(join(w, 'db/migrate'), { recursive: true });
  mkdirSync(join(w, 'db/post_migrate'), { recursive: true });
  writeFileSync(join(w, 'db/migrate/20260817020000_add_fetch_replies_to_statuses.rb'), 'class AddFetchRepliesToStatuses < ActiveRecord::Migration[8.0]; end\n');
  writeFileSync(join(w, 'db/post_migrate/20260817030000_remove_legacy_columns.rb'), 'class RemoveLegacyColumns < ActiveRecord::Migration[8.0]; end\n');
}

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A local upstream: main (needs no Redis patch) and stable-4.2 with a release tag that is not on main. */
export async function makeDemoUpstream(root: string, fixtures = fixturesRoot()): Promise<DemoUpstream> {
  const work = join(root, 'upstream-work');
  const bare = join(root, 'upstream.git');
  await git(['init', '-q', '-b', 'main', work]);
  const hour = 3600_000;
  const now = Date.now();

  await commitTree(work, join(fixtures, 'v4.2'), 'Bump version to v4.2.0', iso(now - 400 * 24 * hour), (w) => writeFileSync(join(w, '.env.production.sample'), DEMO_ENV));
  await git(['tag', 'v4.2.0'], { cwd: work });
  await git(['checkout', '-q', '-b', 'stable-4.2'], { cwd: work });
  const stableRelease = await commitTree(work, join(fixtures, 'v4.2'), 'Bump version to v4.2.1', iso(now - 390 * 24 * hour), (w) => {
    const file = join(w, 'lib/mastodon/version.rb');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(def patch\s+)\d+/, '$11'));
  });
  await git(['-c', 'user.name=Upstream Dev', '-c', 'user.email=dev@upstream.invalid', 'tag', '-a', 'v4.2.1', '-m', 'v4.2.1'], { cwd: work });
  await git(['checkout', '-q', 'main'], { cwd: work });
  const main = await commitTree(work, join(fixtures, 'main'), 'Add a feature on main', iso(now - 2 * hour), demoMainChanges);
  await git(['clone', '-q', '--bare', work, bare]);
  await git(['config', 'uploadpack.allowFilter', 'true'], { cwd: bare });
  await git(['config', 'uploadpack.allowAnySHA1InWant', 'true'], { cwd: bare });
  return { url: `file://${bare}`, dir: bare, shas: { stableRelease, main }, releaseTag: 'v4.2.1' };
}

/** The Kustomize overlay of the demo cluster, at an older Mastodon, with the comments an admin keeps. */
export function demoKustomization(imagePrefix: string, tag = '4.7.0_c5b3651'): string {
  return `# Mastodon on the demo cluster. Flux reconciles this directory; offmain bumps the images below.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: mastodon
resources:
  - web.yaml        # puma
  - sidekiq.yaml    # default, push, pull queues
  - streaming.yaml

images:
  # Upstream's images are replaced by ours (patched: Redis over TLS).
  - name: ghcr.io/mastodon/mastodon
    newName: ${imagePrefix}/mastodon
    newTag: "${tag}"
  - name: ghcr.io/mastodon/mastodon-streaming
    newName: ${imagePrefix}/mastodon-streaming
    newTag: '${tag}'
`;
}

/**
 * What the demo cluster runs: offmain's build of v4.2.0 of the demo upstream in `root` (a commit on its main,
 * so the deploy's downgrade check can place it), else a made-up older build.
 */
export async function demoDeployedTag(root: string): Promise<string> {
  const r = await git(['rev-parse', '--verify', '-q', 'v4.2.0^{commit}'], { cwd: join(root, 'upstream.git'), allowFailure: true });
  return r.code === 0 ? `4.2.0_${r.stdout.trim().slice(0, 7)}` : '4.7.0_c5b3651';
}

/**
 * A local config repository (bare, served over file://) in Kustomize form, for images under `imagePrefix`,
 * deployed at `demoDeployedTag(root)`: make the demo upstream in `root` first.
 */
export async function makeDemoConfigRepo(root: string, imagePrefix: string): Promise<string> {
  const work = join(root, 'config-work');
  const bare = join(root, 'config.git');
  mkdirSync(join(work, 'apps/mastodon'), { recursive: true });
  writeFileSync(join(work, 'apps/mastodon/kustomization.yaml'), demoKustomization(imagePrefix, await demoDeployedTag(root)));
  const workload = (name: string, image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ${image}\n`;
  writeFileSync(join(work, 'apps/mastodon/web.yaml'), workload('web', 'ghcr.io/mastodon/mastodon'));
  writeFileSync(join(work, 'apps/mastodon/sidekiq.yaml'), workload('sidekiq', 'ghcr.io/mastodon/mastodon'));
  writeFileSync(join(work, 'apps/mastodon/streaming.yaml'), workload('streaming', 'ghcr.io/mastodon/mastodon-streaming'));
  await git(['init', '-q', '-b', 'main', work]);
  await git(['add', '-A'], { cwd: work });
  await git(['-c', 'user.name=Admin', '-c', 'user.email=admin@example.invalid', 'commit', '-q', '-m', 'Mastodon 4.2.0'], { cwd: work });
  await git(['clone', '-q', '--bare', work, bare]);
  return `file://${bare}`;
}

export interface DemoServices {
  env: NodeJS.ProcessEnv;
  registry: string;
  baseImage: string;
  sbomGenerator?: string;
}

/** The Docker engine and registry `scripts/services.sh start` left running, if they answer. */
export async function demoServices(root = resolve(fixturesRoot(), '../../..')): Promise<DemoServices | undefined> {
  const vars = readServicesEnv(root);
  if (!vars) return undefined;
  const { DOCKER_HOST, DOCKER_CONFIG, OFFMAIN_TEST_REGISTRY: registry, OFFMAIN_TEST_BASE_IMAGE: baseImage } = vars;
  if (!DOCKER_HOST || !DOCKER_CONFIG || !registry || !baseImage) return undefined;
  const socket = DOCKER_HOST.replace(/^unix:\/\//, '');
  if (DOCKER_HOST.startsWith('unix://') && !existsSync(socket)) return undefined;
  try {
    const r = await fetch(`http://${registry}/v2/`, { signal: AbortSignal.timeout(2000) });
    if (r.status !== 200 && r.status !== 401) return undefined;
  } catch {
    return undefined;
  }
  return {
    env: { ...process.env, DOCKER_HOST, DOCKER_CONFIG },
    registry,
    baseImage,
    sbomGenerator: vars.OFFMAIN_TEST_SBOM_GENERATOR,
  };
}

export async function runDemo(out: CommandOut & { log: Logger }, opts: { root?: string; services?: DemoServices | null } = {}): Promise<number> {
  const services = opts.services === null ? undefined : (opts.services ?? (await demoServices()));
  out.stdout(
    services
      ? `offmain demo: real build with the Docker engine and registry at ${services.registry} (scripts/services.sh)`
      : 'offmain demo: no Docker engine is available here, so the build runs as a printed plan and the deploy as a dry run (start one with `bash scripts/services.sh start`); every other step is real',
  );
  const root = opts.root ?? mkdtempSync(join(tmpdir(), 'offmain-demo-'));
  const registry = services?.registry ?? '127.0.0.1:5000';
  const upstream = await makeDemoUpstream(root);
  const config = await makeDemoConfigRepo(root, `${registry}/offmain-demo`);
  out.stdout(`upstream:    ${upstream.url} (main at 4.8.0-alpha.1; stable-4.2 with ${upstream.releaseTag})`);
  out.stdout(`config repo: ${config} (apps/mastodon, Kustomize, deployed: ${await demoDeployedTag(root)})\n`);

  const options: PipelineOptions = {
    upstream: { repository: upstream.url, track: 'main', path: join(root, 'mastodon') },
    build: {
      images: [`${registry}/offmain-demo/mastodon`],
      platforms: 'linux/amd64,linux/arm64',
      planOnly: !services,
      cache: 'none',
      ...(services
        ? {
            env: services.env,
            buildArgs: { BASE_IMAGE: services.baseImage },
            sbom: services.sbomGenerator ?? false,
          }
        : {}),
    },
    deploy: { repository: config, mode: 'push', workDir: join(root, 'config-checkout'), maxLagHours: 48 },
  };

  const first = await runPipeline(options, out.log);
  out.stdout(pipelineSummaryMarkdown(first));
  if (!first.ok) {
    out.log.error(first.failure ?? 'the pipeline failed');
    return 1;
  }

  rmSync(join(root, 'config-checkout'), { recursive: true, force: true });
  const second = await runPipeline(options, out.log);
  if (second.nothingNew) {
    // Decided before any checkout: every image is in the registry and the config repository runs it.
    out.stdout(`\nsecond run: nothing new, stopped at the decision (no upstream checkout, no patch, no build); deploy changed nothing (the config repository runs it); ${second.seconds} s\n`);
    out.stdout(pipelineSummaryMarkdown(second));
  } else {
    const built = second.build ? `${second.build.builds} builds${second.build.skipped ? ' (skipped: already in the registry)' : ''}` : 'plan only';
    out.stdout(
      `\nsecond run: ${built}; deploy ${second.deploy?.dryRun ? 'shown as a dry run (nothing built, so nothing written)' : second.deploy?.changed ? `committed ${second.deploy.commit}` : 'changed nothing (already at the target)'}; ${second.seconds} s`,
    );
  }
  // The other upstream line: the newest stable release needs the Redis TLS patch (shown, not deployed).
  const release = await prepare({ repository: upstream.url, track: 'release', path: join(root, 'mastodon-release') }, out.log);
  out.stdout(`\n# The newest release (${upstream.releaseTag}, on stable-4.2) needs the Redis TLS patch:\n`);
  out.stdout(patchSummaryMarkdown(release));
  out.stdout(`work files: ${root}`);
  return second.ok && release.report.ok ? 0 : 1;
}
