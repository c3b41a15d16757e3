import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildxBuildArgs, buildxError, cacheArgs, commandLine, docker, imagetoolsCreateArgs, progressStats, type BuildxSettings } from '../../src/build/buildx.js';
import { memoryLogger, type Logger } from '../../src/core/log.js';
import { LABEL } from '../../src/build/plan.js';
import { parseDigests } from '../../src/build/step.js';
import { planFor, SHA } from '../support/plan.js';
import { tempDir } from '../support/tmp.js';

describe('docker buildx arguments', () => {
  const settings = (over: Partial<BuildxSettings> = {}): BuildxSettings => ({
    mode: 'all',
    platforms: ['linux/amd64', 'linux/arm64'],
    push: true,
    cache: 'none',
    provenance: true,
    sbom: true,
    metadataFile: '/tmp/m.json',
    dir: '/src/mastodon',
    ...over,
  });

  it('all: every tag, both platforms, labels, manifest and index annotations, attestations', async () => {
    const p = await planFor('main', { images: ['ghcr.io/acme/mastodon', 'docker.io/acme/mastodon'] });
    const args = buildxBuildArgs(p.images[0]!, settings());
    expect(args.slice(0, 8)).toEqual(['buildx', 'build', '--progress', 'plain', '--file', '/src/mastodon/Dockerfile', '--platform', 'linux/amd64,linux/arm64']);
    const pairs = (flag: string) => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));
    expect(pairs('--build-arg')).toEqual(['MASTODON_VERSION_METADATA=2f40549', `SOURCE_COMMIT=${SHA}`]);
    expect(pairs('--tag')).toEqual(p.images[0]!.refs);
    expect(pairs('--label')).toContain(`${LABEL.revision}=${SHA}`);
    expect(pairs('--annotation')).toContain(`manifest:${LABEL.revision}=${SHA}`);
    expect(pairs('--annotation')).toContain(`index:${LABEL.version}=4.8.0-alpha.1+2f40549`);
    expect(pairs('--provenance')).toEqual(['mode=max']);
    expect(pairs('--sbom')).toEqual(['true']);
    expect(pairs('--output')).toEqual(['type=image,push=true,oci-mediatypes=true']);
    expect(pairs('--metadata-file')).toEqual(['/tmp/m.json']);
    expect(args[args.length - 1]).toBe('/src/mastodon');
  });

  it('switches: no attestations on one platform means no index (and no index annotations)', async () => {
    const p = await planFor('main');
    const args = buildxBuildArgs(p.images[0]!, settings({ platforms: ['linux/amd64'], provenance: false, sbom: false, push: false }));
    expect(args).toContain('--provenance');
    expect(args[args.indexOf('--provenance') + 1]).toBe('false');
    expect(args[args.indexOf('--sbom') + 1]).toBe('false');
    expect(args.some((a) => a.startsWith('index:'))).toBe(false);
    expect(args[args.indexOf('--output') + 1]).toBe('type=image,push=false');
    expect(buildxBuildArgs(p.images[0]!, settings({ sbom: 'registry.local/scanner:1' }))).toContain('generator=registry.local/scanner:1');
  });

  it('platform mode: by digest only, to every repository, no tags', async () => {
    const p = await planFor('main', { images: ['ghcr.io/acme/mastodon', 'docker.io/acme/mastodon'], platforms: 'linux/arm64' });
    const native = buildxBuildArgs(p.images[0]!, settings({ mode: 'platform', platforms: ['linux/arm64'], digestPush: 'native' }));
    expect(native).not.toContain('--tag');
    expect(native[native.indexOf('--output') + 1]).toBe(
      'type=image,"name=ghcr.io/acme/mastodon,docker.io/acme/mastodon",push-by-digest=true,name-canonical=true,oci-mediatypes=true,push=true',
    );
    const layout = buildxBuildArgs(p.images[0]!, settings({ mode: 'platform', platforms: ['linux/arm64'], digestPush: 'oci-layout', ociLayoutDir: '/tmp/oci' }));
    expect(layout[layout.indexOf('--output') + 1]).toBe('type=oci,dest=/tmp/oci,tar=false,oci-mediatypes=true');
  });

  it.each([
    ['none', 'all', true, []],
    ['registry', 'all', true, ['--cache-from', 'type=registry,ref=ghcr.io/acme/mastodon:buildcache', '--cache-to', 'type=registry,ref=ghcr.io/acme/mastodon:buildcache,mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true']],
    ['registry', 'platform', false, ['--cache-from', 'type=registry,ref=ghcr.io/acme/mastodon:buildcache-linux-arm64']],
    ['gha', 'platform', true, ['--cache-from', 'type=gha,scope=mastodon-linux-arm64', '--cache-to', 'type=gha,scope=mastodon-linux-arm64,mode=max,ignore-error=true']],
    ['gha', 'all', true, ['--cache-from', 'type=gha,scope=mastodon-linux-amd64_linux-arm64', '--cache-to', 'type=gha,scope=mastodon-linux-amd64_linux-arm64,mode=max,ignore-error=true']],
  ] as const)('cache %s in %s mode (push %s)', async (cache, mode, push, expected) => {
    const p = await planFor('main');
    const platforms = mode === 'platform' ? ['linux/arm64'] : ['linux/amd64', 'linux/arm64'];
    expect(cacheArgs(p.images[0]!, { mode, platforms, push, cache })).toEqual(expected);
  });

  it('gha cache: repository and ghtoken as build-push-action passes them, when the workflow gives them', async () => {
    const p = await planFor('main');
    const env = { GITHUB_REPOSITORY: 'acme/offmain-run', OFFMAIN_CACHE_GHTOKEN: 'ghs_x' };
    expect(cacheArgs(p.images[0]!, { mode: 'platform', platforms: ['linux/amd64'], push: true, cache: 'gha', env })).toEqual([
      '--cache-from',
      'type=gha,scope=mastodon-linux-amd64,repository=acme/offmain-run,ghtoken=ghs_x',
      '--cache-to',
      'type=gha,scope=mastodon-linux-amd64,repository=acme/offmain-run,ghtoken=ghs_x,mode=max,ignore-error=true',
    ]);
    const logged = commandLine(cacheArgs(p.images[0]!, { mode: 'platform', platforms: ['linux/amd64'], push: true, cache: 'gha', env }));
    expect(logged).not.toContain('ghs_x');
    expect(logged).toContain('ghtoken=***,mode=max');
  });

  it('merge: imagetools create with index annotations and every tag, from the per-platform digests', () => {
    const a = `sha256:${'a'.repeat(64)}`;
    const b = `sha256:${'b'.repeat(64)}`;
    expect(
      imagetoolsCreateArgs({ repository: 'ghcr.io/acme/mastodon', tags: ['1_abc', 'edge'], sources: [`ghcr.io/acme/mastodon@${a}`, `ghcr.io/acme/mastodon@${b}`], annotations: { k: 'v w' } }),
    ).toEqual([
      'buildx', 'imagetools', 'create', '--annotation', 'index:k=v w', '--tag', 'ghcr.io/acme/mastodon:1_abc', '--tag', 'ghcr.io/acme/mastodon:edge',
      `ghcr.io/acme/mastodon@${a}`, `ghcr.io/acme/mastodon@${b}`,
    ]);
  });

  it('merge digests by image key or repository', async () => {
    const p = await planFor('main', { images: ['ghcr.io/acme/mastodon'] });
    const a = `sha256:${'a'.repeat(64)}`;
    const b = `sha256:${'b'.repeat(64)}`;
    const m = parseDigests([`mastodon@${a}\nghcr.io/acme/mastodon@${b}`, `mastodon-streaming@${a}`, `mastodon@${a}`], p);
    expect(m.get('mastodon')).toEqual([a, b]);
    expect(m.get('mastodon-streaming')).toEqual([a]);
    expect(() => parseDigests(['mastodon@sha256:123'], p)).toThrow(/not IMAGE@sha256/);
    expect(() => parseDigests([`other@${a}`], p)).toThrow(/names "other"/);
  });

  it('reads step and cache counts from plain progress, and the error line', () => {
    const progress = [
      '#1 [internal] load build definition from Dockerfile',
      '#5 [base 1/3] FROM 127.0.0.1:5000/busybox@sha256:abc',
      '#5 CACHED',
      '#6 [base 2/3] COPY README.md /x',
      '#6 CACHED',
      '#7 [base 3/3] RUN echo hi',
      '#7 DONE 0.3s',
      '#8 [linux/arm64 base 3/3] RUN echo hi',
      '#8 DONE 0.5s',
    ].join('\n');
    expect(progressStats(progress)).toEqual({ steps: 4, cached: 2 });
    expect(buildxError('#1 ...\nERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1\n')).toBe(
      'failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
    );
  });
});

describe('the logged docker command line', () => {
  it.each([
    // [args, logged]
    [['buildx', 'build', '--build-arg', 'NPM_TOKEN=hunter2'], 'docker buildx build --build-arg NPM_TOKEN=***'],
    [['buildx', 'build', '--build-arg', 'SOURCE_COMMIT=abc', '--build-arg', 'MASTODON_VERSION_METADATA=abc1234'], 'docker buildx build --build-arg SOURCE_COMMIT=abc --build-arg MASTODON_VERSION_METADATA=abc1234'],
    [['buildx', 'build', '--build-arg', 'HTTP_PROXY'], 'docker buildx build --build-arg HTTP_PROXY'],
    [['buildx', 'build', '--build-arg=DB_PASSWORD=a=b'], 'docker buildx build --build-arg=DB_PASSWORD=***'],
    [['buildx', 'build', '--build-arg', 'KEY=with space'], 'docker buildx build --build-arg KEY=***'],
    [['buildx', 'build', '--secret', 'id=npm,src=/home/me/.npmrc'], 'docker buildx build --secret id=npm,***'],
    [['buildx', 'build', '--secret', 'env=TOKEN'], 'docker buildx build --secret ***'],
    [['buildx', 'build', '--label', 'a=b c', '/src'], 'docker buildx build --label "a=b c" /src'],
  ])('%j', (args, logged) => {
    expect(commandLine(args)).toBe(logged);
  });
});

describe('docker: streamed output goes to the logger line by line', () => {
  it('ends lines at LF, CR and CRLF, hands them to output, and ends the run of output', async () => {
    // `docker` is only the program here; a shell stands in for it through PATH.
    const bin = tempDir('offmain-fake-docker-');
    writeFileSync(join(bin, 'docker'), "#!/bin/sh\nprintf 'a\\r::error::x\\r\\nb\\n\\n\\303\\251t\\303\\251' >&2\n");
    chmodSync(join(bin, 'docker'), 0o755);
    const events: string[] = [];
    const log: Logger = { ...memoryLogger(), output: (l) => events.push(`output ${l}`), endOutput: () => events.push('end') };
    const r = await docker(['x'], { log, stream: true, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(r.code).toBe(0);
    expect(events).toEqual(['output a', 'output ::error::x', 'output b', 'output été', 'end']);
  });
});
