/**
 * The real Docker engine and registry the build tests use, as `bash scripts/services.sh start` left them
 * (the test command starts them first). Nothing is skipped when they are missing: the tests fail and say so.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readServicesEnv, servicesEnvFile } from '../../src/cli/localservices.js';
import { ROOT } from './action.js';
import { tempDir } from './tmp.js';

export interface Services {
  /** Environment for docker and offmain: DOCKER_HOST, DOCKER_CONFIG (logged in to the registry). */
  env: NodeJS.ProcessEnv;
  /** `127.0.0.1:PORT` */
  registry: string;
  user: string;
  password: string;
  /** busybox-static for linux/amd64 and linux/arm64, in the registry. */
  baseImage: string;
  /** A generator that follows BuildKit's SBOM protocol (the default one cannot be pulled here). */
  sbomGenerator: string;
}

export const SERVICES_ENV = servicesEnvFile(ROOT);

export function services(): Services {
  const vars = readServicesEnv(ROOT);
  if (!vars) {
    throw new Error(`${SERVICES_ENV} is missing: start the Docker engine and the registry first (bash scripts/services.sh start; scripts/test.sh does it)`);
  }
  const need = (k: string) => {
    const v = vars[k];
    if (!v) throw new Error(`${SERVICES_ENV} has no ${k}: run bash scripts/services.sh start again`);
    return v;
  };
  return {
    env: { ...process.env, DOCKER_HOST: need('DOCKER_HOST'), DOCKER_CONFIG: need('DOCKER_CONFIG') },
    registry: need('OFFMAIN_TEST_REGISTRY'),
    user: need('OFFMAIN_TEST_REGISTRY_USER'),
    password: need('OFFMAIN_TEST_REGISTRY_PASSWORD'),
    baseImage: need('OFFMAIN_TEST_BASE_IMAGE'),
    sbomGenerator: need('OFFMAIN_TEST_SBOM_GENERATOR'),
  };
}

/** A unique repository namespace in the test registry, e.g. `127.0.0.1:5000/t1a2b3c`. */
export function namespace(s: Services, label = 't'): string {
  return `${s.registry}/${label}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A Docker config directory with the given credentials for the registry (wrong ones, for example). */
export function dockerConfigWith(registry: string, user: string, password: string): string {
  const dir = tempDir('offmain-docker-config-');
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [registry]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } } }));
  return dir;
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export const COMMIT_DATE = '2026-08-21T16:03:11+02:00';

export interface MiniTree {
  dir: string;
  sha: string;
}

/**
 * A small Mastodon-shaped tree in its own git repository: lib/mastodon/version.rb (4.8.0-alpha.1), a root
 * Dockerfile and streaming/Dockerfile FROM the busybox base image, each with a RUN that writes its build
 * arguments into a file, so the test can read them back out of the pushed image.
 */
export function miniMastodon(s: Services, opts: { streaming?: boolean; dockerfile?: boolean; note?: string } = {}): MiniTree {
  const dir = tempDir('offmain-mini-mastodon-');
  mkdirSync(join(dir, 'lib/mastodon'), { recursive: true });
  writeFileSync(join(dir, 'lib/mastodon/version.rb'), readFileSync(join(ROOT, 'test/fixtures/mastodon/main/lib/mastodon/version.rb')));
  writeFileSync(join(dir, 'README.md'), `# mini mastodon ${opts.note ?? ''}\n`);
  if (opts.dockerfile !== false) {
    writeFileSync(
      join(dir, 'Dockerfile'),
      [
        `ARG BASE_IMAGE=${s.baseImage}`,
        'FROM ${BASE_IMAGE} AS base',
        'ARG MASTODON_VERSION_PRERELEASE=""',
        'ARG MASTODON_VERSION_METADATA=""',
        '# Git commit the image is built from',
        'ARG SOURCE_COMMIT=""',
        'ENV MASTODON_VERSION_METADATA="${MASTODON_VERSION_METADATA}"',
        'COPY lib/mastodon/version.rb README.md /opt/mastodon/',
        'RUN echo "metadata=${MASTODON_VERSION_METADATA} commit=${SOURCE_COMMIT} prerelease=${MASTODON_VERSION_PRERELEASE} arch=$(uname -m)" > /opt/mastodon/build-args.txt',
        '',
      ].join('\n'),
    );
  }
  if (opts.streaming !== false) {
    mkdirSync(join(dir, 'streaming'), { recursive: true });
    writeFileSync(join(dir, 'streaming/index.js'), "console.log('streaming');\n");
    writeFileSync(
      join(dir, 'streaming/Dockerfile'),
      [
        `FROM ${s.baseImage}`,
        'ARG MASTODON_VERSION_METADATA=""',
        'COPY ./streaming /opt/mastodon/streaming',
        'RUN echo "metadata=${MASTODON_VERSION_METADATA} commit=${SOURCE_COMMIT:-unset} arch=$(uname -m)" > /opt/mastodon/build-args.txt',
        '',
      ].join('\n'),
    );
  }
  const env = { ...process.env, GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE };
  const g = (...a: string[]) => execFileSync('git', a, { cwd: dir, env, encoding: 'utf8' }).trim();
  g('init', '-q', '-b', 'main');
  g('add', '-A');
  g('-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.invalid', 'commit', '-q', '-m', 'mini mastodon');
  return { dir, sha: g('rev-parse', 'HEAD') };
}

/** Files of a gzipped (or plain) tar layer: path -> content. */
export function untar(blob: Buffer): Map<string, Buffer> {
  const tar = blob[0] === 0x1f && blob[1] === 0x8b ? gunzipSync(blob) : blob;
  const files = new Map<string, Buffer>();
  let off = 0;
  let longName: string | undefined;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a: number, n: number) => header.subarray(a, a + n).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(str(124, 12).trim() || '0', 8);
    const type = str(156, 1);
    const prefix = str(345, 155);
    let name = longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    longName = undefined;
    const body = tar.subarray(off + 512, off + 512 + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type === '0' || type === '') files.set(name.replace(/^\.?\//, ''), Buffer.from(body));
    off += 512 + Math.ceil(size / 512) * 512;
    name = '';
  }
  return files;
}
