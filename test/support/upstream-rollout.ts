/**
 * A local upstream whose main adds, commit by commit, a migration, a post-deployment migration, env sample
 * changes, a Dockerfile build arg, and then two plain commits (the gate tests give the first a failing
 * check and the second running checks). Shared by the rollout, hold, redis driver and gate tests.
 */
import { join } from 'node:path';
import { createBareRepo, versionRb, type FixtureRepo } from './git-fixture.js';
import { tempDir } from './tmp.js';

export const ENV_BEFORE = `# Federation
LOCAL_DOMAIN=example.com
REDIS_HOST=localhost
REDIS_PORT=6379
# REDIS_PASSWORD=
# OLD_SETTING=true
`;

export const ENV_AFTER = `# Federation
LOCAL_DOMAIN=example.com
REDIS_HOST=localhost
REDIS_PORT=6379
# REDIS_PASSWORD=
# Fetch replies (new)
FETCH_REPLIES_ENABLED=false
# FETCH_REPLIES_MAX_GLOBAL=1000
`;

export const DOCKERFILE_BEFORE = `# syntax=docker/dockerfile:1.12
ARG RUBY_VERSION="3.4.5"
FROM ruby:\${RUBY_VERSION}
ARG MASTODON_VERSION_PRERELEASE=""
ARG MASTODON_VERSION_METADATA=""
`;
export const DOCKERFILE_AFTER = `${DOCKERFILE_BEFORE}ARG SOURCE_COMMIT=""\n`;

export interface RolloutUpstream {
  repo: FixtureRepo;
  url: string;
  /** base, +migration, +post-deployment migration, env change, Dockerfile arg, plain (red), plain (running). */
  c: { base: string; migrate: string; post: string; env: string; docker: string; red: string; running: string };
  /** Unix seconds of each commit, same keys. */
  times: Record<string, number>;
}

const DAY = '2026-08-17';

export async function rolloutUpstream(): Promise<RolloutUpstream> {
  const repo = await createBareRepo(join(tempDir('offmain-rollout-'), 'mastodon.git'));
  const at = (h: number) => `${DAY}T${String(h).padStart(2, '0')}:00:00Z`;
  const times: Record<string, number> = {};
  const commit = async (key: string, h: number, files: Record<string, string | null>, message: string) => {
    const sha = await repo.commit({ files, message, date: at(h), parents: key === 'base' ? [] : ['refs/heads/main'], ref: 'refs/heads/main' });
    times[key] = Date.parse(at(h)) / 1000;
    return sha;
  };
  const base = await commit(
    'base',
    1,
    { 'Dockerfile': DOCKERFILE_BEFORE, '.env.production.sample': ENV_BEFORE, 'lib/mastodon/version.rb': versionRb(4, 8, 0, 'alpha.1'), 'db/migrate/20260101000000_create_things.rb': 'class CreateThings; end\n', 'app/a.rb': '1\n' },
    'Base',
  );
  const migrate = await commit('migrate', 2, { 'db/migrate/20260817020000_add_fetch_replies.rb': 'class AddFetchReplies; end\n' }, 'Add fetch replies columns (#35001)');
  const post = await commit('post', 3, { 'db/post_migrate/20260817030000_remove_old_column.rb': 'class RemoveOldColumn; end\n' }, 'Remove old column (#35002)');
  const env = await commit('env', 4, { '.env.production.sample': ENV_AFTER }, 'Document fetch replies settings (#35003)');
  const docker = await commit('docker', 5, { 'Dockerfile': DOCKERFILE_AFTER }, 'Pass SOURCE_COMMIT (#35004)');
  const red = await commit('red', 6, { 'app/a.rb': '2\n' }, 'Refactor (#35005)');
  const running = await commit('running', 7, { 'app/a.rb': '3\n' }, 'Refactor more (#35006)');
  return { repo, url: `file://${repo.dir}`, c: { base, migrate, post, env, docker, red, running }, times };
}

/** The offmain image tag of an upstream commit. */
export const tagOf = (sha: string) => `4.8.0-alpha.1_${sha.slice(0, 7)}`;
