import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDigests } from '../src/build.js';
import {
  appliedPatchIds,
  dockerfileArgs,
  LABEL,
  parseBuildArgs,
  parsePlatforms,
  planBuild,
  readBuildTree,
  sourceUrl,
  validateImageName,
  type PlanInput,
} from '../src/buildplan.js';
import { buildxBuildArgs, buildxError, cacheArgs, imagetoolsCreateArgs, progressStats, type BuildxSettings } from '../src/buildx.js';
import { buildCommand } from '../src/cli/build.js';
import { memoryLogger } from '../src/log.js';
import { renderTag, renderTags, sortableTime, tagSafe, type TagContext } from '../src/tags.js';
import { versionOf } from '../src/version.js';
import { FIXTURES } from './support/tmp.js';

const SHA = '2f40549d1e8a7c2b9f3e4d5c6b7a8e9f0a1b2c3d';

async function planFor(line: string, extra: Partial<PlanInput> = {}) {
  const dir = join(FIXTURES, line);
  const version = await versionOf(dir, SHA);
  return planBuild(
    { dir, commit: SHA, commitTime: '2026-08-21T16:03:11+02:00', version, images: ['ghcr.io/acme/mastodon'], ...extra },
    await readBuildTree(dir),
  );
}

describe('Dockerfile ARGs', () => {
  it('reads every ARG across stages, with defaults, continuations, several per line and comments', () => {
    const args = dockerfileArgs(
      [
        '# syntax=docker/dockerfile:1',
        'ARG TARGETPLATFORM=${TARGETPLATFORM}',
        'ARG RUBY_VERSION="3.4.8"',
        'FROM ruby:${RUBY_VERSION} AS ruby',
        'arg lower=1',
        'ARG A=1 B="two words" C',
        'RUN echo ARG NOT_AN_ARG=1 \\',
        '  # a comment inside',
        '  && true',
        'FROM ruby AS final',
        'ARG MASTODON_VERSION_METADATA=""',
        'ARG \\',
        '  CONTINUED="x"',
        '# ARG COMMENTED=1',
        '  ARG   INDENTED',
      ].join('\n'),
    );
    expect(Object.fromEntries(args)).toEqual({
      TARGETPLATFORM: '${TARGETPLATFORM}',
      RUBY_VERSION: '3.4.8',
      lower: '1',
      A: '1',
      B: 'two words',
      C: undefined,
      MASTODON_VERSION_METADATA: '',
      CONTINUED: 'x',
      INDENTED: undefined,
    });
  });

  it.each([
    ['v4.0', ['NODE_VERSION'], ['MASTODON_VERSION_METADATA', 'SOURCE_COMMIT']],
    ['v4.1', ['UID', 'GID'], ['MASTODON_VERSION_METADATA']],
    ['main-2023', ['MASTODON_VERSION_SUFFIX', 'MASTODON_VERSION_FLAGS'], ['MASTODON_VERSION_METADATA']],
    ['v4.2', ['MASTODON_VERSION_METADATA', 'MASTODON_VERSION_PRERELEASE'], ['SOURCE_COMMIT']],
    ['v4.3', ['MASTODON_VERSION_METADATA', 'TARGETPLATFORM'], ['SOURCE_COMMIT', 'BASE_REGISTRY']],
    ['v4.4', ['SOURCE_COMMIT', 'BASE_REGISTRY'], []],
    ['main', ['SOURCE_COMMIT', 'MASTODON_VERSION_METADATA', 'RUBY_VERSION'], []],
  ])('%s root Dockerfile declares %j and not %j', async (line, has, hasNot) => {
    const args = dockerfileArgs((await readBuildTree(join(FIXTURES, line))).dockerfile!);
    for (const a of has) expect(args.has(a), a).toBe(true);
    for (const a of hasNot) expect(args.has(a), a).toBe(false);
  });
});

describe('validation', () => {
  it.each([
    ['linux/amd64,linux/arm64', ['linux/amd64', 'linux/arm64']],
    [' linux/arm64 , linux/amd64 ', ['linux/arm64', 'linux/amd64']],
    ['linux/arm/v7', ['linux/arm/v7']],
    ['linux/arm64/v8,linux/arm64/v8', ['linux/arm64/v8']],
    ['', ['linux/amd64', 'linux/arm64']],
  ])('platforms %j -> %j', (input, out) => {
    expect(parsePlatforms(input)).toEqual(out);
  });

  it.each(['linux/arm65', 'windows/amd64', 'linux', 'amd64', 'linux/amd64/v9', 'linux/arm64/v8/x', 'linux//amd64'])(
    'platform %j is refused with a message naming it',
    (p) => {
      expect(() => parsePlatforms(p)).toThrow(new RegExp(`platform "${p.replace(/[/]/g, '\\/')}" is not one offmain builds`));
    },
  );

  it.each(['ghcr.io/acme/mastodon', 'acme/mastodon', 'mastodon', 'localhost:5000/x/y', '127.0.0.1:5000/a/b-c_d.e', 'docker.io/acme/mastodon'])(
    'image name %j is accepted',
    (n) => expect(validateImageName(n)).toBe(n),
  );

  it.each([
    ['ghcr.io/Acme/mastodon', /capital letters.*"ghcr\.io\/acme\/mastodon"/],
    ['Acme/Mastodon', /capital letters.*"acme\/mastodon"/],
    ['ghcr..io/acme/mastodon', /"ghcr\.\.io" is not a registry host/],
    ['ghcr.io:abc/acme/mastodon', /"ghcr\.io:abc" is not a registry host/],
    ['-bad.io/acme/mastodon', /"-bad\.io" is not a registry host/],
    ['ghcr.io/acme/mastodon:latest', /carries a tag: give the repository only/],
    [`ghcr.io/acme/mastodon@sha256:${'a'.repeat(64)}`, /carries a digest/],
    ['ghcr.io/acme/-mastodon', /is not an image repository/],
    ['ghcr.io/acme//mastodon', /is not an image repository/],
    ['ghcr.io/acme/mast odon', /is not an image repository/],
  ])('image name %j is refused: %s', (n, message) => {
    expect(() => validateImageName(n)).toThrow(message);
  });

  it('build args are KEY=VALUE', () => {
    expect(parseBuildArgs(['A=1', 'B=x=y', '', '# comment', 'EMPTY='])).toEqual({ A: '1', B: 'x=y', EMPTY: '' });
    expect(() => parseBuildArgs(['NOVALUE'])).toThrow(/"NOVALUE" is not KEY=VALUE/);
    expect(() => parseBuildArgs(['1A=2'])).toThrow(/not KEY=VALUE/);
  });

  it.each([
    ['https://github.com/mastodon/mastodon.git', 'https://github.com/mastodon/mastodon'],
    ['git@github.com:acme/mastodon.git', 'https://github.com/acme/mastodon'],
    ['https://user:token@git.example.org/m/mastodon.git', 'https://git.example.org/m/mastodon'],
  ])('source label of %j is %j', (repo, url) => expect(sourceUrl(repo)).toBe(url));
});

describe('tag templates', () => {
  const ctx: TagContext = {
    version: '4.8.0-alpha.1_2f40549',
    declared: '4.8.0-alpha.1',
    major: 4,
    minor: 8,
    patch: 0,
    sha: SHA,
    commitTime: '2026-08-21T16:03:11+02:00',
    branch: 'main',
  };

  it.each([
    ['{version}', '4.8.0-alpha.1_2f40549'],
    ['edge', 'edge'],
    ['main-{commit_time}-{sha7}', 'main-20260821140311-2f40549'],
    ['{branch}-{sha}', `main-${SHA}`],
    ['v{major}.{minor}', 'v4.8'],
    ['{declared}', '4.8.0-alpha.1'],
    ['{ sha7 }', '2f40549'],
    ['{display}', '4.8.0-alpha.1_2f40549'],
  ])('%j -> %j', (template, tag) => expect(renderTag(template, ctx)).toBe(tag));

  it('{commit_time} is UTC and sorts like time', () => {
    expect(sortableTime('2026-08-21T16:03:11+02:00')).toBe('20260821140311');
    expect(sortableTime('2026-08-21T14:03:11Z')).toBe('20260821140311');
    expect(sortableTime('2026-12-31T23:59:59-01:00') > sortableTime('2026-12-31T23:59:59Z')).toBe(true);
    expect(() => sortableTime('yesterday')).toThrow(/not an ISO 8601 date/);
  });

  it('a branch name becomes tag text', () => {
    expect(tagSafe('feature/x y')).toBe('feature-x-y');
    expect(renderTag('{branch}', { ...ctx, branch: 'stable-4.3' })).toBe('stable-4.3');
    expect(renderTag('b-{branch}', { ...ctx, branch: 'user/feature' })).toBe('b-user-feature');
  });

  it.each([
    ['{versoin}', /unknown placeholder \{versoin\}; use \{version\}/],
    ['{version', /unbalanced/],
    ['latest+1', /gives "latest\+1", which is not a valid image tag/],
    ['.hidden', /not a valid image tag/],
    [`{sha}{sha}{sha}{sha}`, /not a valid image tag/],
  ])('%j is refused', (template, message) => expect(() => renderTag(template, ctx)).toThrow(message));

  it('renders a list without duplicates or blanks', () => {
    expect(renderTags(['{version}', 'edge', '', 'edge', '{version}'], ctx)).toEqual(['4.8.0-alpha.1_2f40549', 'edge']);
  });
});

describe('the build plan', () => {
  it('main: both images from the root context, immutable tag + edge, args the Dockerfiles declare', async () => {
    const p = await planFor('main', { images: ['ghcr.io/acme/mastodon', 'docker.io/acme/mastodon'], patches: ['redis-tls'] });
    expect(p.version).toBe('4.8.0-alpha.1+2f40549');
    expect(p.tags).toEqual(['4.8.0-alpha.1_2f40549', 'edge']);
    expect(p.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(p.images.map((i) => [i.key, i.dockerfile, i.context, i.repositories])).toEqual([
      ['mastodon', 'Dockerfile', '.', ['ghcr.io/acme/mastodon', 'docker.io/acme/mastodon']],
      ['mastodon-streaming', 'streaming/Dockerfile', '.', ['ghcr.io/acme/mastodon-streaming', 'docker.io/acme/mastodon-streaming']],
    ]);
    const [web, streaming] = p.images;
    expect(web!.buildArgs).toEqual({ MASTODON_VERSION_METADATA: '2f40549', SOURCE_COMMIT: SHA });
    // The streaming Dockerfile has no SOURCE_COMMIT: not passed.
    expect(streaming!.buildArgs).toEqual({ MASTODON_VERSION_METADATA: '2f40549' });
    expect(web!.refs).toEqual([
      'ghcr.io/acme/mastodon:4.8.0-alpha.1_2f40549',
      'ghcr.io/acme/mastodon:edge',
      'docker.io/acme/mastodon:4.8.0-alpha.1_2f40549',
      'docker.io/acme/mastodon:edge',
    ]);
    expect(web!.labels).toEqual({
      [LABEL.source]: 'https://github.com/mastodon/mastodon',
      [LABEL.url]: 'https://github.com/mastodon/mastodon',
      [LABEL.revision]: SHA,
      [LABEL.version]: '4.8.0-alpha.1+2f40549',
      [LABEL.created]: '2026-08-21T14:03:11Z',
      [LABEL.title]: 'mastodon',
      [LABEL.description]: expect.stringContaining('Mastodon 4.8.0-alpha.1+2f40549 (web and Sidekiq)'),
      [LABEL.licenses]: 'AGPL-3.0',
      [LABEL.patches]: 'redis-tls',
    });
    expect(web!.annotations).toEqual(web!.labels);
    expect(streaming!.labels[LABEL.title]).toBe('mastodon-streaming');
    expect(p.warnings).toEqual([]);
  });

  it('release: latest and vX.Y, branch stable-X.Y', async () => {
    const p = await planFor('v4.7', { track: 'release', tags: undefined });
    expect(p.tags).toEqual(['4.7.0_2f40549', 'latest', 'v4.7']);
    expect(p.branch).toBe('stable-4.7');
  });

  it('tag templates replace the moving tags; the immutable tag stays first', async () => {
    const p = await planFor('main', { tags: ['main-{commit_time}-{sha7}', '{branch}'] });
    expect(p.tags).toEqual(['4.8.0-alpha.1_2f40549', 'main-20260821140311-2f40549', 'main']);
  });

  it.each([
    ['v4.2', ['mastodon'], { MASTODON_VERSION_METADATA: '2f40549' }],
    ['v4.1', ['mastodon'], {}],
    ['main-2023', ['mastodon'], { MASTODON_VERSION_SUFFIX: '+2f40549' }],
    ['v4.3', ['mastodon', 'mastodon-streaming'], { MASTODON_VERSION_METADATA: '2f40549' }],
    ['v4.4', ['mastodon', 'mastodon-streaming'], { MASTODON_VERSION_METADATA: '2f40549', SOURCE_COMMIT: SHA }],
  ])('%s builds %j with args %j', async (line, keys, args) => {
    const p = await planFor(line);
    expect(p.images.map((i) => i.key)).toEqual(keys);
    expect(p.images[0]!.buildArgs).toEqual(args);
  });

  it('MASTODON_VERSION_PRERELEASE only when asked; extra args only where declared', async () => {
    expect((await planFor('main')).images[0]!.buildArgs).not.toHaveProperty('MASTODON_VERSION_PRERELEASE');
    const p = await planFor('main', { prerelease: 'nightly.2026-08-21', buildArgs: { RUBY_YJIT_ENABLE: '0', NOT_DECLARED: 'x' } });
    expect(p.images[0]!.buildArgs).toMatchObject({ MASTODON_VERSION_PRERELEASE: 'nightly.2026-08-21', RUBY_YJIT_ENABLE: '0' });
    expect(p.images[0]!.buildArgs).not.toHaveProperty('NOT_DECLARED');
    // The streaming Dockerfile declares neither RUBY_YJIT_ENABLE nor NOT_DECLARED.
    expect(p.images[1]!.skippedArgs).toEqual(['RUBY_YJIT_ENABLE', 'NOT_DECLARED']);
    expect(p.warnings).toContain('build argument NOT_DECLARED is not declared by Dockerfile: not passed to the mastodon image');
    const v41 = await planFor('v4.1', { prerelease: 'rc1' });
    expect(v41.images[0]!.buildArgs).toEqual({});
    expect(v41.warnings[0]).toMatch(/MASTODON_VERSION_PRERELEASE is not declared by Dockerfile/);
  });

  it('streaming names: derived, or given', async () => {
    const given = await planFor('v4.3', { streamingImages: ['ghcr.io/acme/streaming'] });
    expect(given.images[1]!.repositories).toEqual(['ghcr.io/acme/streaming']);
    const none = await planFor('v4.2', { streamingImages: ['ghcr.io/acme/streaming'] });
    expect(none.images).toHaveLength(1);
    expect(none.warnings[0]).toMatch(/streaming\/Dockerfile does not exist/);
    await expect(planFor('v4.3', { streamingImages: ['ghcr.io/acme/mastodon'] })).rejects.toThrow(/also a mastodon image name/);
  });

  it.each([
    [{ commit: '2f40549' }, /not a full sha: pass all 40/],
    [{ images: [] }, /no image name given/],
    [{ images: ['ghcr.io/Acme/mastodon'] }, /capital letters/],
    [{ platforms: 'linux/amd64,linux/arm65' }, /platform "linux\/arm65"/],
    [{ tags: ['{nope}'] }, /unknown placeholder/],
    [{ commitTime: 'not a date' }, /not an ISO 8601 date/],
  ] as [Partial<PlanInput>, RegExp][])('refuses %j', async (extra, message) => {
    await expect(planFor('main', extra)).rejects.toThrow(message);
  });

  it('a tree without a Dockerfile has no image', async () => {
    const version = await versionOf(join(FIXTURES, 'main'), SHA);
    expect(() =>
      planBuild({ dir: '/x', commit: SHA, commitTime: '2026-08-21T14:03:11Z', version, images: ['ghcr.io/a/m'] }, {}),
    ).toThrow(/\/x: no Dockerfile at the tree root/);
  });

  it('applied patch ids from a patch report', () => {
    expect(
      appliedPatchIds({
        patches: [
          { id: 'redis-tls', status: 'not-needed' },
          { id: 'version-metadata', status: 'applied' },
          { id: 'mine', status: 'already-applied' },
        ],
      }),
    ).toEqual(['version-metadata', 'mine']);
  });
});

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
    ['registry', 'all', true, ['--cache-from', 'type=registry,ref=ghcr.io/acme/mastodon:buildcache', '--cache-to', 'type=registry,ref=ghcr.io/acme/mastodon:buildcache,mode=max,image-manifest=true,oci-mediatypes=true']],
    ['registry', 'platform', false, ['--cache-from', 'type=registry,ref=ghcr.io/acme/mastodon:buildcache-linux-arm64']],
    ['gha', 'platform', true, ['--cache-from', 'type=gha,scope=mastodon-linux-arm64', '--cache-to', 'type=gha,scope=mastodon-linux-arm64,mode=max']],
    ['gha', 'all', true, ['--cache-from', 'type=gha,scope=mastodon-linux-amd64_linux-arm64', '--cache-to', 'type=gha,scope=mastodon-linux-amd64_linux-arm64,mode=max']],
  ] as const)('cache %s in %s mode (push %s)', async (cache, mode, push, expected) => {
    const p = await planFor('main');
    const platforms = mode === 'platform' ? ['linux/arm64'] : ['linux/amd64', 'linux/arm64'];
    expect(cacheArgs(p.images[0]!, { mode, platforms, push, cache })).toEqual(expected);
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

describe('offmain build: arguments', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const log = memoryLogger();
    const code = await buildCommand(args, { stdout: (x) => out.push(x), log });
    return { code, out: out.join('\n'), errors: log.lines.filter((l) => l.startsWith('error: ')) };
  };

  it.each([
    [['--image', 'ghcr.io/a/m'], /--dir is required/],
    [['--dir', '.'], /--image is required/],
    [['--dir', '.', '--image', 'ghcr.io/a/m', '--mode', 'everything'], /--mode is "everything": expected all, platform, merge/],
    [['--dir', '.', '--image', 'ghcr.io/a/m', '--cache', 's3'], /--cache is "s3": expected gha, registry, none/],
    [['--dir', '.', '--image', 'ghcr.io/a/m', '--no-sbom', '--sbom-generator', 'x'], /contradict/],
    [['--dir', '.', '--bogus'], /offmain build: Unknown option '--bogus'/],
    [['--dir', join(FIXTURES, 'main'), '--commit', SHA, '--image', 'ghcr.io/Acme/m'], /has capital letters/],
  ])('%j fails with one line', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(message);
  });

  it('--help prints the usage', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/usage: offmain build --dir DIR --image NAME/);
    expect(r.out).toMatch(/\{commit_time\}/);
  });
});
