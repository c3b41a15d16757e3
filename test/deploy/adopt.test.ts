/**
 * The first deploy over upstream's images, as the deploy step makes it: one commit that adopts and bumps, saying
 * so; the run after it finds our references; without `adopt` nothing is pushed and the error says how; a hold
 * marker on an adopted reference holds that image (and adopts nothing for it); the downgrade check applies.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/core/log.js';
import { deploy, type DeployOptions } from '../../src/deploy/step.js';
import { createBareRepo, type FixtureRepo } from '../support/git-fixture.js';
import { tempDir } from '../support/tmp.js';
import { rolloutUpstream, tagOf, type RolloutUpstream } from '../support/upstream-rollout.js';

const M = 'ghcr.io/acme/mastodon';
const S = 'ghcr.io/acme/mastodon-streaming';
const UP = 'ghcr.io/mastodon/mastodon';
const UPS = 'ghcr.io/mastodon/mastodon-streaming';
const DA = `sha256:${'a1'.repeat(32)}`;
const DB = `sha256:${'b2'.repeat(32)}`;
let up: RolloutUpstream;

beforeAll(async () => {
  up = await rolloutUpstream();
});

/** upstream's docker-compose.yml, trimmed: web, sidekiq and streaming on upstream's images. */
const compose = (web: string, streaming: string, hold = '') =>
  `services:\n  web:\n    image: ${web}\n  sidekiq:\n    image: ${web}\n  streaming:\n    image: ${streaming}${hold}\n`;

async function configRepo(text: string): Promise<FixtureRepo> {
  const repo = await createBareRepo(join(tempDir('offmain-adopt-'), 'config.git'));
  await repo.commit({ files: { 'docker-compose.yml': text }, message: 'initial', date: '2026-08-10T10:00:00Z', ref: 'refs/heads/main' });
  return repo;
}

const opts = (repo: FixtureRepo, more: Partial<DeployOptions> = {}): DeployOptions => ({
  repository: repo.dir,
  images: [
    { repository: M, tag: tagOf(up.c.docker), digest: DA },
    { repository: S, tag: tagOf(up.c.docker), digest: DB },
  ],
  upstream: { repository: up.url, cacheDir: join(tempDir(), 'cache') },
  now: new Date('2026-08-20T00:00:00Z'),
  ...more,
});

const show = (repo: FixtureRepo) => repo.run(['show', 'refs/heads/main:docker-compose.yml']);

describe('deploy --adopt', () => {
  it('adopts and bumps in one commit that says what it adopted; the next run finds our references', async () => {
    const repo = await configRepo(compose(`${UP}:v4.3.2`, `${UPS}:v4.3.2`));
    const log = memoryLogger();
    const r = await deploy(opts(repo, { adopt: [UP, UPS], log }));
    expect(r.changed).toBe(true);
    expect(r.previous).toEqual({ tag: 'v4.3.2', version: 'v4.3.2' });
    const tag = tagOf(up.c.docker);
    expect(await show(repo)).toBe(compose(`${M}:${tag}@${DA}`, `${S}:${tag}@${DB}`).trimEnd());
    expect(r.message).toMatch(new RegExp(`^mastodon v4\\.3\\.2 -> 4\\.8\\.0-alpha\\.1\\+${up.c.docker.slice(0, 7)}\\n`));
    expect(r.message).toContain(`\nAdopted:\n- ${UP} -> ${M} (2 references)\n- ${UPS} -> ${S} (1 reference)\n\nFiles:\n- docker-compose.yml (3 references)\n`);
    expect(log.lines.join('\n')).toContain(`docker-compose.yml:3: ${UP}:v4.3.2 -> ${M}:${tag}@${DA} (adopted: ${UP} -> ${M})`);

    const again = await deploy(opts(repo, { adopt: [UP, UPS] }));
    expect([again.changed, again.reason]).toEqual([false, `already at the target: 3 references already at ${tag}, ${tag}`]);
    expect((await deploy(opts(repo))).changed).toBe(false);
  });

  it('pushes nothing without adopt, and says which flag to pass', async () => {
    const repo = await configRepo(compose(`${UP}:v4.3.2`, `${UPS}:v4.3.2`));
    const head = await repo.run(['rev-parse', 'refs/heads/main']);
    const e = await deploy(opts(repo)).catch((x: Error) => x);
    expect((e as Error).message).toMatch(
      new RegExp(`it names another Mastodon image instead: docker-compose\\.yml:3 \\(${UP}\\), docker-compose\\.yml:5 \\(${UP}\\); to switch them to ${M} in this deploy, pass --adopt ${UP} \\(action-deploy: adopt\\)$`),
    );
    expect(await repo.run(['rev-parse', 'refs/heads/main'])).toBe(head);
  });

  it('holds an adopted reference next to a hold marker, and adopts only the images not held', async () => {
    const text = compose(`${UP}:v4.3.2`, `${UPS}:v4.3.2`, ' # offmain: hold streaming waits for the proxy change');
    const repo = await configRepo(text);
    const r = await deploy(opts(repo, { adopt: [UP, UPS] }));
    expect(r.holds).toMatchObject([{ repository: S, reason: 'streaming waits for the proxy change', file: 'docker-compose.yml', line: 7 }]);
    expect(await show(repo)).toBe(text.replaceAll(`${UP}:v4.3.2`, `${M}:${tagOf(up.c.docker)}@${DA}`).trimEnd());
    expect(r.message).toContain(`\nAdopted:\n- ${UP} -> ${M} (2 references)\n\n`);
  });

  it('refuses, pushing nothing, a move below the upstream release deployed', async () => {
    const repo = await configRepo(compose(`${UP}:v4.9.0`, `${UPS}:v4.9.0`));
    const head = await repo.run(['rev-parse', 'refs/heads/main']);
    const e = await deploy(opts(repo, { adopt: [UP, UPS] })).catch((x: Error) => x);
    expect((e as Error).message).toBe(
      `docker-compose.yml:3: refusing to downgrade ${M} from ${UP}:v4.9.0 (deployed) to 4.8.0-alpha.1+${up.c.docker.slice(0, 7)} (an older version); pass --allow-downgrade to deploy it anyway`,
    );
    expect(await repo.run(['rev-parse', 'refs/heads/main'])).toBe(head);
  });
});
