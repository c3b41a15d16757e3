import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appliedPatchIds, LABEL, parseBuildArgs, parsePlatforms, planBuild, sourceUrl, validateImageName, type PlanInput } from '../../src/build/plan.js';
import { versionOf } from '../../src/patch/version.js';
import { FIXTURES } from '../support/tmp.js';
import { planFor, SHA } from '../support/plan.js';

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
      [LABEL.upstreamSource]: 'https://github.com/mastodon/mastodon',
      [LABEL.upstreamRevision]: SHA,
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

  it('the source label is the repository that runs offmain; upstream keeps revision, url and offmain.upstream.*', async () => {
    const p = await planFor('main', { upstream: 'https://github.com/mastodon/mastodon.git', sourceRepository: 'https://github.com/acme/offmain-config.git/' });
    expect(p.sourceRepository).toBe('https://github.com/acme/offmain-config');
    expect(p.upstream).toBe('https://github.com/mastodon/mastodon');
    for (const image of p.images) {
      expect(image.labels).toMatchObject({
        [LABEL.source]: 'https://github.com/acme/offmain-config',
        [LABEL.url]: 'https://github.com/mastodon/mastodon',
        [LABEL.revision]: SHA,
        [LABEL.upstreamSource]: 'https://github.com/mastodon/mastodon',
        [LABEL.upstreamRevision]: SHA,
      });
      expect(image.labels[LABEL.description]).toContain(`built by offmain from https://github.com/mastodon/mastodon at 2f40549`);
      expect(image.annotations).toEqual(image.labels);
    }
    // Default (outside GitHub Actions, nothing given): upstream, as before.
    expect((await planFor('main')).sourceRepository).toBe('https://github.com/mastodon/mastodon');
    expect((await planFor('main', { sourceRepository: ' ' })).sourceRepository).toBe('https://github.com/mastodon/mastodon');
  });

  it.each([
    ['http://github.com/acme/offmain-config', /is not an https URL/],
    ['https://x-access-token:ghs_abc@github.com/acme/offmain-config', /carries credentials/],
    ['https://github.com/acme/offmain-config\n::error::forged', /contains white space or a control character/],
    ['acme/offmain-config', /is not a URL/],
  ] as [string, RegExp][])('a source repository %j is refused', async (sourceRepository, message) => {
    const e = await planFor('main', { sourceRepository }).catch((x: Error) => x);
    expect(String(e)).toMatch(message);
    expect(String(e)).not.toContain('ghs_abc');
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
