/**
 * Running `docker buildx`: the argument lists (pure, table-tested) and the processes.
 *
 * Modes
 *   all       one `docker buildx build` per image for every platform (QEMU for the foreign ones), pushed with
 *             every tag; the digest comes from `--metadata-file` (`containerimage.digest`).
 *   platform  one platform per job, pushed BY DIGEST only (no tag): with a builder that can do it
 *             (docker-container, remote, kubernetes) through `push-by-digest=true,name-canonical=true,
 *             oci-mediatypes=true`; the `docker` driver cannot (buildx refuses push-by-digest there), so
 *             offmain exports an OCI layout and uploads it by digest itself (registry.ts).
 *   merge     `docker buildx imagetools create` with every tag in every registry, from the per-platform
 *             digests, plus the index annotations.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { OffmainError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { platformSlug, type ImagePlan } from './plan.js';

export type BuildMode = 'all' | 'platform' | 'merge';
export type CacheMode = 'gha' | 'registry' | 'none';
export const BUILD_MODES: readonly BuildMode[] = ['all', 'platform', 'merge'];
export const CACHE_MODES: readonly CacheMode[] = ['gha', 'registry', 'none'];

export interface BuildxSettings {
  mode: Exclude<BuildMode, 'merge'>;
  /** The platforms of this build (one in platform mode). */
  platforms: string[];
  push: boolean;
  cache: CacheMode;
  /** Provenance attestation, mode=max. */
  provenance: boolean;
  /** SBOM attestation: true (BuildKit's default generator), false, or a generator image. */
  sbom: boolean | string;
  builder?: string;
  /** Platform mode: how the digest gets to the registry (see the module comment). */
  digestPush?: 'native' | 'oci-layout';
  /** Platform mode with `oci-layout`: where the layout goes. */
  ociLayoutDir?: string;
  metadataFile: string;
  /** Absolute path of the tree (the build context). */
  dir: string;
  /** The environment, to see whether the GitHub Actions cache service is there. */
  env?: NodeJS.ProcessEnv;
}

/** Whether the manifests of this build are wrapped in an index (several platforms, or attestations). */
export function hasIndex(s: Pick<BuildxSettings, 'platforms' | 'provenance' | 'sbom'>): boolean {
  return s.platforms.length > 1 || s.provenance || s.sbom !== false;
}

/** `--output` and the like quote values that hold commas (buildx reads them as CSV). */
function csvField(field: string): string {
  return /[",]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function ghaCacheAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL));
}

/** Cache flags: gha (scope per image and platform), registry (`<image>:buildcache`), none. */
export function cacheArgs(image: ImagePlan, s: Pick<BuildxSettings, 'mode' | 'platforms' | 'push' | 'cache' | 'env'>): string[] {
  const suffix = s.mode === 'platform' ? `-${platformSlug(s.platforms[0]!)}` : '';
  if (s.cache === 'gha') {
    // As build-push-action does: the repository and a GitHub token (OFFMAIN_CACHE_GHTOKEN) spare the cache
    // service's throttling. A failed export never fails a build that pushed (ignore-error).
    const env = s.env ?? {};
    const from = [`type=gha`, `scope=${image.key}-${s.platforms.map(platformSlug).join('_')}`];
    if (env.GITHUB_REPOSITORY) from.push(`repository=${env.GITHUB_REPOSITORY}`);
    if (env.OFFMAIN_CACHE_GHTOKEN) from.push(`ghtoken=${env.OFFMAIN_CACHE_GHTOKEN}`);
    return ['--cache-from', from.join(','), ...(s.push ? ['--cache-to', [...from, 'mode=max', 'ignore-error=true'].join(',')] : [])];
  }
  if (s.cache === 'registry') {
    const ref = `${image.repositories[0]}:buildcache${suffix}`;
    return [
      '--cache-from',
      `type=registry,ref=${ref}`,
      ...(s.push ? ['--cache-to', `type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`] : []),
    ];
  }
  return [];
}

/** The full argument list of `docker buildx build` for one image. */
export function buildxBuildArgs(image: ImagePlan, s: BuildxSettings): string[] {
  const args = ['buildx', 'build'];
  if (s.builder) args.push('--builder', s.builder);
  args.push('--progress', 'plain', '--file', `${s.dir}/${image.dockerfile}`, '--platform', s.platforms.join(','));
  for (const [k, v] of Object.entries(image.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  for (const [k, v] of Object.entries(image.labels)) args.push('--label', `${k}=${v}`);
  const index = hasIndex(s);
  for (const [k, v] of Object.entries(image.annotations)) {
    args.push('--annotation', `manifest:${k}=${v}`);
    if (index) args.push('--annotation', `index:${k}=${v}`);
  }
  args.push('--provenance', s.provenance ? 'mode=max' : 'false');
  args.push('--sbom', s.sbom === false ? 'false' : s.sbom === true ? 'true' : `generator=${s.sbom}`);
  args.push(...cacheArgs(image, s));
  if (s.mode === 'all') {
    for (const ref of image.refs) args.push('--tag', ref);
    args.push('--output', s.push ? 'type=image,push=true,oci-mediatypes=true' : 'type=image,push=false');
  } else if (s.push && s.digestPush === 'native') {
    args.push(
      '--output',
      ['type=image', csvField(`name=${image.repositories.join(',')}`), 'push-by-digest=true', 'name-canonical=true', 'oci-mediatypes=true', 'push=true'].join(','),
    );
  } else {
    if (!s.ociLayoutDir) throw new Error('buildxBuildArgs: ociLayoutDir is required in platform mode without native push-by-digest');
    args.push('--output', `type=oci,dest=${s.ociLayoutDir},tar=false,oci-mediatypes=true`);
  }
  args.push('--metadata-file', s.metadataFile, s.dir);
  return args;
}

/** Build arguments offmain sets itself: their values (a sha, a version suffix) are shown in the log. */
export const PUBLIC_BUILD_ARGS: ReadonlySet<string> = new Set([
  'MASTODON_VERSION_METADATA',
  'MASTODON_VERSION_SUFFIX',
  'MASTODON_VERSION_PRERELEASE',
  'SOURCE_COMMIT',
]);

/**
 * `docker ARGS` as it is logged: quoted where needed, with the value of every build argument left out
 * (`--build-arg NAME=***`) unless `shown(NAME)` (default: offmain's own, PUBLIC_BUILD_ARGS), and of every
 * `--secret` only its id (and no cache `ghtoken`): a value given as a build argument may be a secret, and the log is readable by
 * everyone who can read the repository.
 */
export function commandLine(args: readonly string[], shown: (name: string) => boolean = (n) => PUBLIC_BUILD_ARGS.has(n)): string {
  const value = (flag: string, v: string): string => {
    if (flag === '--secret') {
      const id = /(?:^|,)id=([^,]*)/.exec(v)?.[1];
      return id ? `id=${id},***` : '***';
    }
    const eq = v.indexOf('=');
    return eq < 0 || shown(v.slice(0, eq)) ? v : `${v.slice(0, eq)}=***`;
  };
  const words = args.map((a, i) => {
    const prev = args[i - 1];
    if (prev === '--build-arg' || prev === '--secret') return value(prev, a);
    if (prev === '--cache-from' || prev === '--cache-to') return a.replace(/(^|,)ghtoken=[^,]*/, '$1ghtoken=***');
    const joined = /^(--build-arg|--secret)=(.*)$/s.exec(a);
    return joined ? `${joined[1]}=${value(joined[1]!, joined[2]!)}` : a;
  });
  return `docker ${words.map((w) => (/[\s"']/.test(w) ? JSON.stringify(w) : w)).join(' ')}`;
}

/** `docker buildx imagetools create` for one repository: its tags, from per-platform digests. */
export function imagetoolsCreateArgs(opts: {
  repository: string;
  tags: string[];
  sources: string[];
  annotations: Record<string, string>;
  builder?: string;
}): string[] {
  const args = ['buildx', 'imagetools', 'create'];
  if (opts.builder) args.push('--builder', opts.builder);
  for (const [k, v] of Object.entries(opts.annotations)) args.push('--annotation', `index:${k}=${v}`);
  for (const t of opts.tags) args.push('--tag', `${opts.repository}:${t}`);
  args.push(...opts.sources);
  return args;
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

export interface DockerRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface DockerOptions {
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** Log each line of stderr (buildx progress) as it comes. */
  stream?: boolean;
  cwd?: string;
}

/** Runs `docker ARGS`; never throws for a non-zero exit (see `code`), only when docker is missing. */
export function docker(args: string[], opts: DockerOptions = {}): Promise<DockerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    // Streamed lines are the build's (a RUN step's output is anyone's text): they go to the logger's
    // `output`, which shows them without letting the runner obey them. Lines end at LF, CR or CRLF, as the
    // runner ends them, so a CR cannot hide a second line inside one.
    const log = opts.stream ? opts.log : undefined;
    const emit = (l: string) => {
      if (!l.trim()) return;
      if (log?.output) log.output(l);
      else log?.info(l);
    };
    const decoder = new StringDecoder('utf8');
    let partial = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      if (log) {
        const lines = (partial + decoder.write(b)).split(/\r\n|\r|\n/);
        partial = lines.pop() ?? '';
        lines.forEach(emit);
      }
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(new OffmainError('docker was not found on PATH: install Docker with the buildx plugin (on GitHub: docker/setup-buildx-action)'));
      } else reject(e);
    });
    child.on('close', (code) => {
      if (log) {
        (partial + decoder.end()).split(/\r\n|\r|\n/).forEach(emit);
        log.endOutput?.();
      }
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** The last line buildx printed that says what went wrong. */
export function buildxError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const error = [...lines].reverse().find((l) => /^(ERROR|error)\b:?/.test(l));
  return (error ?? lines[lines.length - 1] ?? 'no output').replace(/^ERROR:\s*/, '');
}

/** The driver of the builder buildx would use (`docker`, `docker-container`, ...). */
export async function builderDriver(builder: string | undefined, opts: DockerOptions = {}): Promise<string> {
  const r = await docker(['buildx', 'inspect', ...(builder ? [builder] : [])], opts);
  if (r.code !== 0) {
    if (/is not a docker command|unknown command/i.test(r.stderr)) {
      throw new OffmainError('docker buildx is not installed: install the buildx plugin (Debian: docker-buildx; on GitHub: docker/setup-buildx-action)');
    }
    throw new OffmainError(`docker buildx inspect${builder ? ` ${builder}` : ''} failed: ${buildxError(r.stderr)}`);
  }
  const m = /^Driver:\s*(\S+)/m.exec(r.stdout);
  return m?.[1] ?? 'unknown';
}

/** What one `docker buildx build` gave. */
export interface BuildxResult {
  digest: string;
  metadata: Record<string, unknown>;
  seconds: number;
  /** Build steps BuildKit ran or took from its cache (`#N [stage i/n] ...` lines). */
  steps: number;
  cached: number;
}

/** Counts the Dockerfile steps in plain progress output and how many came from the cache. */
export function progressStats(stderr: string): { steps: number; cached: number } {
  const steps = new Set<string>();
  const cached = new Set<string>();
  for (const line of stderr.split('\n')) {
    const step = /^#(\d+) \[(?:[^\]]*\s)?\d+\/\d+\]/.exec(line);
    if (step) steps.add(step[1]!);
    const c = /^#(\d+) CACHED\s*$/.exec(line);
    if (c) cached.add(c[1]!);
  }
  return { steps: steps.size, cached: [...cached].filter((c) => steps.has(c)).length };
}

export async function runBuildxBuild(args: string[], metadataFile: string, what: string, opts: DockerOptions): Promise<BuildxResult> {
  const t0 = performance.now();
  const r = await docker(args, { ...opts, stream: true });
  const seconds = (performance.now() - t0) / 1000;
  if (r.code !== 0) {
    if (/is not a docker command|unknown command/i.test(r.stderr)) {
      throw new OffmainError('docker buildx is not installed: install the buildx plugin (Debian: docker-buildx; on GitHub: docker/setup-buildx-action)');
    }
    const error = buildxError(r.stderr);
    const hint = /docker driver/i.test(error)
      ? ' (the default "docker" builder cannot do this: create a docker-container builder, e.g. with docker/setup-buildx-action, and pass it as builder)'
      : '';
    throw new OffmainError(`docker buildx build of ${what} failed: ${error}${hint}`);
  }
  if (!existsSync(metadataFile)) throw new OffmainError(`docker buildx build of ${what} wrote no metadata file (${metadataFile}); is buildx 0.10 or newer installed?`);
  const metadata = JSON.parse(readFileSync(metadataFile, 'utf8')) as Record<string, unknown>;
  const digest = metadata['containerimage.digest'];
  if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new OffmainError(`docker buildx build of ${what} reported no image digest in its metadata (containerimage.digest)`);
  }
  return { digest, metadata, seconds, ...progressStats(r.stderr) };
}

