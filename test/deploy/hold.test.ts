import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { memoryLogger } from '../../src/core/log.js';
import { holdReason } from '../../src/deploy/hold.js';
import { deploySummaryMarkdown } from '../../src/deploy/message.js';
import { deploy } from '../../src/deploy/step.js';
import { git } from '../../src/core/git.js';
import { createBareRepo, type FixtureRepo } from '../support/git-fixture.js';
import { tempDir } from '../support/tmp.js';
import { rolloutUpstream, tagOf, type RolloutUpstream } from '../support/upstream-rollout.js';

const M = 'ghcr.io/acme/mastodon';
const S = 'ghcr.io/acme/mastodon-streaming';
let up: RolloutUpstream;

beforeAll(async () => {
  up = await rolloutUpstream();
});

function kustomization(tag: string, marker = ''): string {
  return [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'images:',
    ...(marker ? [`  # offmain: hold ${marker}`] : []),
    `  - name: ${M}`,
    `    newTag: ${tag}`,
    `  - name: ${S}`,
    `    newTag: ${tag}`,
    '',
  ].join('\n');
}

/** A config repository: the kustomization, then the marker added by Alice, then an unrelated commit. */
async function configRepo(marker: string | undefined): Promise<{ repo: FixtureRepo; markerCommit?: string }> {
  const repo = await createBareRepo(join(tempDir('offmain-hold-'), 'config.git'));
  const old = tagOf(up.c.base);
  await repo.commit({ files: { 'apps/kustomization.yaml': kustomization(old) }, message: 'initial', date: '2026-08-10T10:00:00Z', ref: 'refs/heads/main' });
  let markerCommit: string | undefined;
  if (marker !== undefined) {
    markerCommit = await repo.run(
      ['commit-tree', '-p', 'refs/heads/main', '-m', 'Hold mastodon', await treeWith(repo, 'apps/kustomization.yaml', kustomization(old, marker))],
      { GIT_AUTHOR_NAME: 'Alice Admin', GIT_AUTHOR_DATE: '2026-08-12T09:30:00Z', GIT_COMMITTER_DATE: '2026-08-12T09:30:00Z' },
    );
    await repo.setRef('refs/heads/main', markerCommit);
  }
  await repo.commit({ files: { 'README.md': 'notes\n' }, message: 'notes', date: '2026-08-13T10:00:00Z', parents: ['refs/heads/main'], ref: 'refs/heads/main' });
  return { repo, markerCommit };
}

async function treeWith(repo: FixtureRepo, file: string, text: string): Promise<string> {
  const tmp = await repo.commit({ files: { [file]: text }, message: 'x', date: '2026-08-12T09:30:00Z', parents: ['refs/heads/main'] });
  return repo.run(['rev-parse', `${tmp}^{tree}`]);
}

const opts = (repo: FixtureRepo) => ({
  repository: repo.dir,
  images: [
    { repository: M, tag: tagOf(up.c.docker) },
    { repository: S, tag: tagOf(up.c.docker) },
  ],
  upstream: { repository: up.url, cacheDir: join(tempDir(), 'cache') },
  now: new Date('2026-08-20T00:00:00Z'),
});

describe('hold markers', () => {
  it('reads the marker and its reason', () => {
    expect(holdReason('  # offmain: hold waiting for the 4.8 migration window')).toBe('waiting for the 4.8 migration window');
    expect(holdReason('image: x:1 # offmain: hold')).toBe('');
    expect(holdReason('# offmain: holder')).toBeUndefined();
    expect(holdReason('# hold this')).toBeUndefined();
  });

  it('freezes the image next to the marker, says who holds it since when, and bumps the others', async () => {
    const { repo, markerCommit } = await configRepo('waiting for the migration window');
    const log = memoryLogger();
    const r = await deploy({ ...opts(repo), log });
    expect(r.holds).toEqual([
      {
        repository: M,
        reason: 'waiting for the migration window',
        source: 'marker',
        file: 'apps/kustomization.yaml',
        line: 4,
        since: { commit: markerCommit, author: 'Alice Admin', date: '2026-08-12T09:30:00Z' },
      },
    ]);
    expect(log.lines.join('\n')).toContain(
      `warning: ${M} is held by the marker at apps/kustomization.yaml:4 since 2026-08-12T09:30:00Z (commit ${markerCommit!.slice(0, 7)} by Alice Admin): waiting for the migration window; remove the marker to resume`,
    );
    expect(r.changed).toBe(true);
    const text = await repo.run(['show', 'refs/heads/main:apps/kustomization.yaml']);
    expect(text).toContain(`  - name: ${M}\n    newTag: ${tagOf(up.c.base)}`);
    expect(text).toContain(`  - name: ${S}\n    newTag: ${tagOf(up.c.docker)}`);
    // The cluster's mastodon stays on base: the held lag is measured for it, and reported, not failed.
    expect(r.freshness?.held).toBe('waiting for the migration window');
    expect(r.freshness?.deployed.sha).toBe(up.c.base);
    expect(deploySummaryMarkdown(r)).toContain('| Held lag |');
    expect(deploySummaryMarkdown(r)).toContain('### Held');
  });

  it("a bare marker on the reference's own line (compose) holds that image only, even right next to another", async () => {
    const repo = await createBareRepo(join(tempDir('offmain-hold-'), 'config.git'));
    const old = tagOf(up.c.base);
    const compose = `services:\n  web:\n    image: ${M}:${old} # offmain: hold\n  streaming:\n    image: ${S}:${old}\n`;
    await repo.commit({ files: { 'docker-compose.yml': compose }, message: 'initial', date: '2026-08-10T10:00:00Z', ref: 'refs/heads/main' });
    const r = await deploy(opts(repo));
    expect(r.holds).toMatchObject([{ repository: M, reason: '', file: 'docker-compose.yml', line: 3 }]);
    expect(await repo.run(['show', 'refs/heads/main:docker-compose.yml'])).toBe(compose.replace(`${S}:${old}`, `${S}:${tagOf(up.c.docker)}`).trimEnd());
  });

  it('resumes once the marker is gone', async () => {
    const { repo } = await configRepo(undefined);
    const r = await deploy(opts(repo));
    expect(r.holds).toBeUndefined();
    const text = await repo.run(['show', 'refs/heads/main:apps/kustomization.yaml']);
    expect(text.match(new RegExp(tagOf(up.c.docker), 'g'))).toHaveLength(2);
    expect(r.freshness?.held).toBeUndefined();
  });

  it('the hold input freezes every image: nothing is pushed, and the lag past the goal is a held lag, not a failure', async () => {
    const { repo } = await configRepo(undefined);
    const before = await repo.run(['rev-parse', 'refs/heads/main']);
    const r = await deploy({ ...opts(repo), hold: 'freeze for the upgrade', maxLagHours: 1 });
    expect(r.changed).toBe(false);
    expect(r.reason).toBe(`held: ${M} (freeze for the upgrade), ${S} (freeze for the upgrade)`);
    expect(await repo.run(['rev-parse', 'refs/heads/main'])).toBe(before);
    expect(r.freshness).toMatchObject({ held: 'freeze for the upgrade; freeze for the upgrade', status: 'warn', deployed: { sha: up.c.base } });
    expect(r.freshness!.lag.hours).toBeGreaterThan(1);
  });
});

/** Layouts the attack review found holds ignored in, for a deploy against real git: `{M}` and `{S}` are the two images' tags. */
const FAR: Record<string, { file: string; line: number; text: string }> = {
  'kustomize newName': {
    file: 'apps/kustomization.yaml',
    line: 2,
    text: ['images:', '  # offmain: hold db migration', '  - name: ghcr.io/mastodon/mastodon', `    newName: ${M}`, '    newTag: {M}', `  - name: ${S}`, '    newTag: {S}', ''].join('\n'),
  },
  'Helm repository line, tag further below': {
    file: 'apps/values.yaml',
    line: 2,
    text: ['image:', `  repository: ${M} # offmain: hold db migration`, '  # tag: latest', '  pullPolicy: IfNotPresent', '  # pinned by offmain', '  tag: {M}', 'streaming:', '  image:', `    repository: ${S}`, '    tag: {S}', ''].join('\n'),
  },
  'raw Deployment': {
    file: 'apps/deployment.yaml',
    line: 9,
    text: ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:', '        # offmain: hold db migration', '        - name: web', `          image: ${M}:{M}`, '        - name: streaming', `          image: ${S}:{S}`, ''].join('\n'),
  },
};

describe('hold markers in every line ending, against real git', () => {
  const cases = Object.keys(FAR).flatMap((layout) => (['LF', 'CRLF', 'eol=crlf checkout'] as const).map((eol) => [layout, eol] as const));
  it.each(cases)('%s, %s: the held image stays, the other moves, the bytes are kept', async (layout, eol) => {
    const old = tagOf(up.c.base);
    const { file, line, text } = FAR[layout]!;
    const lines = (s: string) => (eol === 'CRLF' ? s.replace(/\n/g, '\r\n') : s);
    const committed = lines(text.replace('{M}', old).replace('{S}', old));
    const repo = await createBareRepo(join(tempDir('offmain-hold-'), 'config.git'));
    const files: Record<string, string> = { [file]: committed };
    if (eol === 'eol=crlf checkout') files['.gitattributes'] = '* text eol=crlf\n';
    await repo.commit({ files, message: 'initial', date: '2026-08-10T10:00:00Z', ref: 'refs/heads/main' });
    const r = await deploy(opts(repo));
    expect(r.holds).toMatchObject([{ repository: M, reason: 'db migration', source: 'marker', file, line }]);
    expect(r.changed).toBe(true);
    // Only the streaming image's tag moved, and the file is byte for byte as committed otherwise (git keeps LF
    // under eol=crlf: the checkout has CRLF, the commit converts back).
    const after = await git(['--git-dir', repo.dir, 'cat-file', 'blob', `refs/heads/main:${file}`]);
    expect(after.stdout).toBe(lines(text.replace('{M}', old).replace('{S}', tagOf(up.c.docker))));
  });

  it('a marker next to no reference stops the deploy before anything moves: nothing is pushed', async () => {
    const old = tagOf(up.c.base);
    const repo = await createBareRepo(join(tempDir('offmain-hold-'), 'config.git'));
    const text = ['# offmain: hold db migration', 'images:', `  - name: ${M}`, `    newTag: ${old}`, `  - name: ${S}`, `    newTag: ${old}`, ''].join('\r\n');
    await repo.commit({ files: { 'apps/kustomization.yaml': text }, message: 'initial', date: '2026-08-10T10:00:00Z', ref: 'refs/heads/main' });
    const before = await repo.run(['rev-parse', 'refs/heads/main']);
    await expect(deploy(opts(repo))).rejects.toThrow(
      /^apps\/kustomization\.yaml:1: this hold marker is next to no image reference \(it belongs to line 2, which is part of no image reference\), so it would hold nothing; .*nothing was changed$/,
    );
    expect(await repo.run(['rev-parse', 'refs/heads/main'])).toBe(before);
    expect(await repo.run(['for-each-ref', '--format=%(refname)'])).toBe('refs/heads/main');
  });

  it('markers holding every image: the deploy pushes nothing', async () => {
    const old = tagOf(up.c.base);
    const repo = await createBareRepo(join(tempDir('offmain-hold-'), 'config.git'));
    const text = ['images:', '  # offmain: hold one', `  - name: ${M}`, `    newTag: ${old}`, `  - name: ${S} # offmain: hold two`, `    newTag: ${old}`, ''].join('\r\n');
    await repo.commit({ files: { 'apps/kustomization.yaml': text, '.gitattributes': '* text eol=crlf\n' }, message: 'initial', date: '2026-08-10T10:00:00Z', ref: 'refs/heads/main' });
    const before = await repo.run(['rev-parse', 'refs/heads/main']);
    const r = await deploy(opts(repo));
    expect(r.changed).toBe(false);
    expect(r.reason).toBe(`held: ${M} (one), ${S} (two)`);
    expect(await repo.run(['rev-parse', 'refs/heads/main'])).toBe(before);
  });
});
