import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../src/core/git.js';
import { UpstreamHistory } from '../../src/deploy/history.js';
import { buildArgNames, envNames, patchChanges, patchesFromMessage, rollout, rolloutLines, rolloutMarkdown } from '../../src/deploy/rollout.js';
import { deployCommitMessage, deploySummaryMarkdown } from '../../src/deploy/message.js';
import { deploy } from '../../src/deploy/step.js';
import { createBareRepo } from '../support/git-fixture.js';
import { rolloutUpstream, tagOf, type RolloutUpstream } from '../support/upstream-rollout.js';
import { tempDir } from '../support/tmp.js';

let up: RolloutUpstream;
let history: UpstreamHistory;
let cache: string;

beforeAll(async () => {
  up = await rolloutUpstream();
  cache = join(tempDir(), 'cache');
  history = await UpstreamHistory.open({ repository: up.url, cacheDir: cache });
});

describe('rollout', () => {
  it('lists commits, migrations, post-deployment migrations, env and build changes from the blobless history', async () => {
    const r = await rollout({ history, from: up.c.base, to: up.c.docker });
    expect(r).toMatchObject({
      direction: 'forward',
      commits: 4,
      migrations: ['20260817020000_add_fetch_replies.rb'],
      postMigrations: ['20260817030000_remove_old_column.rb'],
      removedMigrations: [],
      env: { added: ['FETCH_REPLIES_ENABLED', 'FETCH_REPLIES_MAX_GLOBAL'], removed: ['OLD_SETTING'], changed: [], touched: true },
      build: { files: ['Dockerfile'], argsAdded: ['SOURCE_COMMIT'], argsRemoved: [], dockerfiles: [{ file: 'Dockerfile', status: 'changed', argsAdded: ['SOURCE_COMMIT'], argsRemoved: [] }] },
      patches: [],
    });
    // Only the blobs read were fetched: the migrations' contents never were.
    const missing = await git(['rev-list', '--objects', '--missing=print', `${up.c.base}..${up.c.docker}`], { cwd: cache });
    const migBlob = (await git(['rev-parse', `${up.c.post}:db/post_migrate/20260817030000_remove_old_column.rb`], { cwd: cache })).stdout.trim();
    expect(missing.stdout).toContain(`?${migBlob}`);

    const lines = rolloutLines(r).join('\n');
    expect(lines).toContain('- 4 upstream commits brought in');
    expect(lines).toContain('- 1 migration (db/migrate): 20260817020000_add_fetch_replies.rb');
    expect(lines).toContain('- 1 post-deployment migration (db/post_migrate): 20260817030000_remove_old_column.rb');
    expect(lines).toMatch(/WARNING: post-deployment migrations run after the new code is live/);
    expect(lines).toContain('.env.production.sample adds: FETCH_REPLIES_ENABLED, FETCH_REPLIES_MAX_GLOBAL');
    expect(lines).toContain('.env.production.sample removes: OLD_SETTING');
    expect(lines).toContain('Dockerfiles changed: Dockerfile (build args added: SOURCE_COMMIT)');
    expect(rolloutMarkdown(r)).toContain('| Post-deployment migrations | ⚠️ `20260817030000_remove_old_column.rb`');
  });

  it('says a plain range brings no migration, env, runtime or build change', async () => {
    const r = await rollout({ history, from: up.c.docker, to: up.c.running });
    expect(r.commits).toBe(2);
    expect(rolloutLines(r)).toEqual(['Rollout:', '- 2 upstream commits brought in', '- no migration, env, runtime or build change']);
  });

  it('reads a rollback: the commits taken out and the migrations the database keeps', async () => {
    const r = await rollout({ history, from: up.c.docker, to: up.c.migrate });
    expect(r).toMatchObject({ direction: 'rollback', commits: 3, migrations: [], postMigrations: [], removedMigrations: ['20260817030000_remove_old_column.rb'] });
    expect(r.env).toEqual({ added: ['OLD_SETTING'], removed: ['FETCH_REPLIES_ENABLED', 'FETCH_REPLIES_MAX_GLOBAL'], changed: [], touched: true });
    expect(r.build.argsRemoved).toEqual(['SOURCE_COMMIT']);
    expect(rolloutLines(r).join('\n')).toContain('3 upstream commits taken out (rollback)');
    expect(rolloutLines(r).join('\n')).toContain('the database keeps them');
  });

  it('bounds a large range: counts, and the first few of each kind, with hostile names made inert', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 25; i++) files[`db/migrate/2026090100${String(i).padStart(4, '0')}_m${i}.rb`] = `${i}\n`;
    files['db/post_migrate/20260902000000_ping-@admin-#12.rb'] = 'x\n';
    const big = await up.repo.commit({ files, message: 'Many', date: '2026-09-01T00:00:00Z', parents: ['refs/heads/main'], ref: 'refs/heads/many' });
    const h = await UpstreamHistory.open({ repository: up.url, ref: 'many', cacheDir: join(tempDir(), 'c') });
    const r = await rollout({ history: h, from: up.c.running, to: big });
    expect(r.migrations).toHaveLength(25);
    const text = rolloutLines(r).join('\n');
    expect(text).toContain('- 25 migrations (db/migrate): ');
    expect(text).toContain('… and 15 more');
    expect(text).not.toContain('m10.rb');
    expect(text).toContain('ping-＠admin-＃12.rb');
    expect(text).not.toContain('@admin');
  });
});

describe('the pieces', () => {
  it('reads env names (commented examples too), build args and patch statuses', () => {
    expect([...envNames('A=1\n# B_C=\n#not a var\nlower=1\n  export D=2\n')]).toEqual(['A', 'B_C', 'D']);
    expect([...buildArgNames('ARG X\narg Y=1\nRUN echo ARG Z\n')]).toEqual(['X', 'Y']);
    const before = patchesFromMessage('mastodon a -> b\n\nPatches:\n- redis-tls: applied\n- streaming-redis: not-needed (ioredis)\n\nImages:\n- x\n');
    expect(before).toEqual({ 'redis-tls': 'applied', 'streaming-redis': 'not-needed' });
    expect(patchChanges(before, { 'redis-tls': 'not-needed', 'streaming-redis': 'not-needed', extra: 'applied' })).toEqual([
      { id: 'extra', from: 'absent', to: 'applied' },
      { id: 'redis-tls', from: 'applied', to: 'not-needed' },
    ]);
  });

  it('puts the section in the commit message, where no line of it reads as a trailer', async () => {
    const r = await rollout({ history, from: up.c.base, to: up.c.docker });
    r.patches = [{ id: 'redis-tls', from: 'applied', to: 'not-needed' }];
    const m = deployCommitMessage({
      images: [{ repository: 'ghcr.io/acme/mastodon', tag: '4.8.0-alpha.1_abcdef0' }],
      bump: { changes: [{ file: 'k.yaml', line: 1, repository: 'ghcr.io/acme/mastodon', kind: 'kustomize', old: 'a', new: 'b' }], files: ['k.yaml'], previous: {} },
      rollout: r,
    });
    expect(m.body).toContain('Rollout:\n- 4 upstream commits brought in');
    expect(m.body).toContain('- patch redis-tls: applied -> not-needed');
    expect(m.body).not.toMatch(/^> Rollout:/m);
  });
});

describe('the deploy says what the rollout brings', () => {
  it('in the pushed commit message, the result (--json) and the job summary, with the patch status changes', async () => {
    const M = 'ghcr.io/acme/mastodon';
    const config = await createBareRepo(join(tempDir('offmain-rcfg-'), 'config.git'));
    await config.commit({
      files: { 'apps/kustomization.yaml': `images:\n  - name: ${M}\n    newTag: ${tagOf(up.c.base)}\n` },
      message: `mastodon 4.8.0-alpha.1+x -> 4.8.0-alpha.1+${up.c.base.slice(0, 7)}\n\nPatches:\n- hiredis-removal: applied\n- streaming-redis: not-needed (ioredis)\n\nImages:\n- x\n`,
      date: '2026-08-10T10:00:00Z',
      ref: 'refs/heads/main',
    });
    await config.commit({ files: { 'README.md': 'x\n' }, message: 'notes', date: '2026-08-11T10:00:00Z', parents: ['refs/heads/main'], ref: 'refs/heads/main' });
    const report = {
      commit: up.c.docker,
      version: '4.8.0-alpha.1',
      imageTag: tagOf(up.c.docker),
      ok: true,
      patches: [
        { id: 'hiredis-removal', status: 'not-needed' as const, reason: 'From Mastodon 4.6 ...', files: [] },
        { id: 'streaming-redis', status: 'not-needed' as const, files: [] },
      ],
      changedFiles: [],
      warnings: [],
    };
    const r = await deploy({
      repository: config.dir,
      images: [{ repository: M, tag: tagOf(up.c.docker) }],
      upstream: { repository: up.url, cacheDir: join(tempDir(), 'c') },
      patchReport: report,
    });
    expect(r.changed).toBe(true);
    const message = await config.run(['log', '-1', '--format=%B', 'refs/heads/main']);
    expect(message).toContain('Rollout:\n- 4 upstream commits brought in\n- 1 migration (db/migrate): 20260817020000_add_fetch_replies.rb');
    expect(message).toContain('- patch hiredis-removal: applied -> not-needed');
    expect(message).not.toContain('streaming-redis: not-needed ->');
    expect(r.rollout).toMatchObject({ commits: 4, postMigrations: ['20260817030000_remove_old_column.rb'], patches: [{ id: 'hiredis-removal', from: 'applied', to: 'not-needed' }] });
    expect(JSON.parse(JSON.stringify(r)).rollout.env.added).toEqual(['FETCH_REPLIES_ENABLED', 'FETCH_REPLIES_MAX_GLOBAL']);
    expect(deploySummaryMarkdown(r)).toContain('### What the rollout brings');
  });
});

/** Real files of upstream (test/fixtures/upstream/<sha10>/<path>). */
const real = (sha10: string, file: string) => readFileSync(join(__dirname, '..', 'fixtures', 'upstream', sha10, file), 'utf8');

describe('rollout on real upstream changes', () => {
  const MOVED = ['20240720140205_drop_end_to_end_message_tables.rb', '20240916190140_remove_crypto_scope_values.rb'];
  let c: Record<string, string>;
  let h: UpstreamHistory;
  beforeAll(async () => {
    const repo = await createBareRepo(join(tempDir('offmain-real-'), 'mastodon.git'));
    const commit = (files: Record<string, string | null>, message: string, date: string, parents: string[]) =>
      repo.commit({ files, message, date, parents, ref: 'refs/heads/main' });
    c = {};
    c.base = await commit(
      {
        ...Object.fromEntries(MOVED.map((m) => [`db/migrate/${m}`, real('29656cb9e0', `db/migrate/${m}`)])),
        '.env.production.sample': real('46e13dd81c', '.env.production.sample'),
        '.ruby-version': real('f82c5c37f2', '.ruby-version'),
        '.nvmrc': real('fc7b36a97f', '.nvmrc'),
        Dockerfile: real('8ebc94dd22', 'Dockerfile'),
      },
      'Base',
      '2026-01-01T10:00:00Z',
      [],
    );
    // 62a39d6 (#31963): both migrations moved to db/post_migrate, unchanged.
    c.moved = await commit(
      Object.fromEntries(MOVED.flatMap((m) => [[`db/migrate/${m}`, null], [`db/post_migrate/${m}`, real('29656cb9e0', `db/migrate/${m}`)]])),
      'Fix rolling updates by moving DropEndToEndMessageTables to post-deployment migrations (#31963)',
      '2026-01-02T10:00:00Z',
      [c.base],
    );
    // 9db26db (#34147): FETCH_REPLIES_ENABLED=true -> false, and a comment.
    c.env = await commit({ '.env.production.sample': real('9db26db495', '.env.production.sample') }, 'Refactor reply-fetching code and disable it by default (#34147)', '2026-01-03T10:00:00Z', [c.moved]);
    c.runtime = await commit({ '.ruby-version': real('61bed5bef5', '.ruby-version'), '.nvmrc': real('8e592b88d6', '.nvmrc') }, 'Use ruby version 4.0.6 (#39811), Node.js 24.19 (#40032)', '2026-01-04T10:00:00Z', [c.env]);
    // a80530d (#26850): the Dockerfile rewritten, and a streaming Dockerfile of its own.
    c.docker = await commit({ Dockerfile: real('a80530d1df', 'Dockerfile'), 'streaming/Dockerfile': real('a80530d1df', 'streaming/Dockerfile') }, 'Dockerfile rewrite (#26850)', '2026-01-05T10:00:00Z', [c.runtime]);
    c.side = await repo.commit({ files: { 'app/side.rb': '1\n' }, message: 'Side', date: '2026-01-02T12:00:00Z', parents: [c.base], ref: 'refs/heads/side' });
    h = await UpstreamHistory.open({ repository: `file://${repo.dir}`, cacheDir: join(tempDir(), 'c') });
    await h.read(['fetch', '-q', '--filter=blob:none', 'origin', '+refs/heads/side:refs/remotes/origin/side']);
  });

  it('62a39d6: migrations moved to db/post_migrate are neither new nor removed, and no post-deployment warning is raised', async () => {
    const r = await rollout({ history: h, from: c.base!, to: c.moved! });
    expect(r).toMatchObject({ migrations: [], postMigrations: [], removedMigrations: [] });
    expect(r.movedMigrations).toEqual(MOVED.map((file) => ({ file, from: 'db/migrate', to: 'db/post_migrate' })));
    const text = rolloutLines(r).join('\n');
    expect(text).not.toMatch(/post-deployment migration \(db\/post_migrate\)|not in the new commit|WARNING/);
    expect(text).toContain(`- 2 migrations moved between db/migrate and db/post_migrate (nothing new to run): ${MOVED[0]} (db/migrate -> db/post_migrate), ${MOVED[1]} (db/migrate -> db/post_migrate)`);
  });

  it('9db26db: a changed value of .env.production.sample is reported', async () => {
    const r = await rollout({ history: h, from: c.moved!, to: c.env! });
    expect(r.env).toMatchObject({ added: [], removed: [], changed: [{ name: 'FETCH_REPLIES_ENABLED', from: 'true', to: 'false' }], touched: true });
    expect(rolloutLines(r)).toEqual(['Rollout:', '- 1 upstream commit brought in', '- .env.production.sample changes: FETCH_REPLIES_ENABLED true -> false']);
    expect(rolloutMarkdown(r)).toContain('| Env variables | changes: `FETCH_REPLIES_ENABLED true -> false` |');
  });

  it('names Ruby and Node.js version changes', async () => {
    const r = await rollout({ history: h, from: c.env!, to: c.runtime! });
    expect(r.runtime).toEqual([
      { name: 'Node.js', file: '.nvmrc', from: '24.18', to: '24.19' },
      { name: 'Ruby', file: '.ruby-version', from: '4.0.5', to: '4.0.6' },
    ]);
    expect(rolloutLines(r)).toEqual(['Rollout:', '- 1 upstream commit brought in', '- Node.js 24.18 -> 24.19 (.nvmrc)', '- Ruby 4.0.5 -> 4.0.6 (.ruby-version)']);
  });

  it('a80530d: build args per Dockerfile; a new Dockerfile\'s args are its own, not "added" to the image', async () => {
    const r = await rollout({ history: h, from: c.runtime!, to: c.docker! });
    const [root, streaming] = r.build.dockerfiles;
    expect([root!.file, root!.status, streaming!.file, streaming!.status]).toEqual(['Dockerfile', 'changed', 'streaming/Dockerfile', 'added']);
    expect(streaming!.argsAdded).toEqual(expect.arrayContaining(['NODE_MAJOR_VERSION', 'DEBIAN_VERSION']));
    // Args the root Dockerfile had before are not announced as added, though the new streaming one declares them.
    const before = [...buildArgNames(real('8ebc94dd22', 'Dockerfile'))];
    expect(r.build.argsAdded.filter((a) => before.includes(a))).toEqual([]);
    expect(r.build.argsAdded).toEqual(root!.argsAdded);
    const line = rolloutLines(r).find((l) => l.startsWith('- Dockerfiles changed: '))!;
    expect(line).toMatch(/^- Dockerfiles changed: Dockerfile \(build args added: .*\), streaming\/Dockerfile \(new; build args: .*NODE_MAJOR_VERSION/);
  });

  it('a sideways range states both sides', async () => {
    const r = await rollout({ history: h, from: c.side!, to: c.env! });
    expect(r).toMatchObject({ direction: 'sideways', commits: 2, commitsTakenOut: 1 });
    expect(rolloutLines(r)[1]).toBe('- 2 upstream commits brought in and 1 upstream commit taken out (the two commits are not on one line)');
  });
});
