/**
 * Builds local git repositories for tests with plumbing only (bare repos, no working tree):
 * commits with given files and dates, branches, lightweight and annotated tags, arbitrary refs.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { git } from '../../src/core/git.js';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'author@example.invalid',
  GIT_COMMITTER_NAME: 'Fixture Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.invalid',
};

export interface CommitSpec {
  /** Files to write (path -> content); `null` deletes the file. Other files are kept from the first parent. */
  files: Record<string, string | null>;
  message: string;
  /** Committer and author date, any format git accepts, e.g. `2026-08-21T16:03:11+02:00`. */
  date: string;
  /** Parent commits (shas or ref names); none for a root commit. */
  parents?: string[];
  /** Ref to point at the new commit, e.g. `refs/heads/main` or `refs/pull/1/head`. */
  ref?: string;
}

export class FixtureRepo {
  constructor(readonly dir: string) {}

  get url(): string {
    return pathToFileURL(this.dir).href;
  }

  async run(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<string> {
    const r = await git(args, { cwd: this.dir, env: { ...IDENTITY, ...env }, input });
    return r.stdout.trim();
  }

  async commit(spec: CommitSpec): Promise<string> {
    const parents = await Promise.all((spec.parents ?? []).map((p) => this.run(['rev-parse', '--verify', `${p}^{commit}`])));
    const index = path.join(this.dir, `offmain-fixture-index-${process.pid}`);
    const env = { GIT_INDEX_FILE: index };
    if (parents[0]) await this.run(['read-tree', parents[0]], env);
    else await this.run(['read-tree', '--empty'], env);
    const lines: string[] = [];
    for (const [file, content] of Object.entries(spec.files)) {
      if (content === null) {
        lines.push(`0 ${'0'.repeat(40)}\t${file}`);
      } else {
        const blob = await this.run(['hash-object', '-w', '--stdin'], {}, content);
        lines.push(`100644 ${blob}\t${file}`);
      }
    }
    await this.run(['update-index', '--index-info'], env, lines.join('\n') + '\n');
    const tree = await this.run(['write-tree'], env);
    await rm(index, { force: true });
    const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-m', spec.message];
    const sha = await this.run(args, { GIT_AUTHOR_DATE: spec.date, GIT_COMMITTER_DATE: spec.date });
    if (spec.ref) await this.setRef(spec.ref, sha);
    return sha;
  }

  async setRef(ref: string, sha: string): Promise<void> {
    await this.run(['update-ref', ref, sha]);
  }

  async branch(name: string, sha: string): Promise<void> {
    await this.setRef(`refs/heads/${name}`, sha);
  }

  /** A lightweight tag, or an annotated one when `message` is given. Returns the tag object's sha (annotated) or the commit's. */
  async tag(name: string, target: string, opts: { message?: string; date?: string } = {}): Promise<string> {
    if (opts.message === undefined) {
      await this.run(['tag', name, target]);
    } else {
      const date = opts.date ?? '2026-01-01T00:00:00Z';
      await this.run(['tag', '-a', '-m', opts.message, name, target], { GIT_COMMITTER_DATE: date });
    }
    return this.run(['rev-parse', `refs/tags/${name}`]);
  }

  /**
   * Appends `count` commits (each rewriting `counter.txt`) to `branch` in one `git fast-import`,
   * one minute apart from `startDate` (unix seconds). Returns their shas, oldest first.
   */
  async linearHistory(branch: string, count: number, startDate: number): Promise<string[]> {
    const ref = `refs/heads/${branch}`;
    const parent = (await git(['rev-parse', '--verify', '--quiet', ref], { cwd: this.dir, allowFailure: true })).stdout.trim();
    let stream = '';
    for (let i = 1; i <= count; i++) {
      const msg = `Commit ${i}\n`;
      const data = `${i}\n`;
      const when = `${startDate + i * 60} +0000`;
      stream += `commit ${ref}\nmark :${i}\n`;
      stream += `author Fixture Author <author@example.invalid> ${when}\ncommitter Fixture Committer <committer@example.invalid> ${when}\n`;
      stream += `data ${Buffer.byteLength(msg)}\n${msg}`;
      if (i === 1 && parent) stream += `from ${parent}\n`;
      stream += `M 100644 inline counter.txt\ndata ${Buffer.byteLength(data)}\n${data}\n`;
    }
    await this.run(['fast-import', '--quiet'], {}, stream);
    const shas = (await this.run(['rev-list', '--reverse', `-${count}`, ref])).split('\n');
    return shas;
  }

  async config(key: string, value: string): Promise<void> {
    await this.run(['config', key, value]);
  }
}

/** A new bare repository at `dir`, configured like a server that allows partial and by-sha fetches and pushes. */
export async function createBareRepo(dir: string, opts: { allowFilter?: boolean } = {}): Promise<FixtureRepo> {
  await mkdir(dir, { recursive: true });
  await git(['init', '-q', '--bare', '--initial-branch=main', dir]);
  const repo = new FixtureRepo(dir);
  await repo.config('uploadpack.allowFilter', String(opts.allowFilter ?? true));
  await repo.config('uploadpack.allowAnySHA1InWant', 'true');
  await repo.config('http.receivepack', 'true');
  return repo;
}

/** The v4.2+ shape of `lib/mastodon/version.rb`, reduced to what offmain reads. */
export function versionRb(major: number, minor: number, patch: number, defaultPrerelease = ''): string {
  return `# frozen_string_literal: true

module Mastodon
  module Version
    module_function

    def major
      ${major}
    end

    def minor
      ${minor}
    end

    def patch
      ${patch}
    end

    def default_prerelease
      '${defaultPrerelease}'
    end

    def prerelease
      ENV['MASTODON_VERSION_PRERELEASE'].presence || default_prerelease
    end

    def build_metadata
      ENV.fetch('MASTODON_VERSION_METADATA', nil)
    end

    def to_a
      [major, minor, patch].compact
    end

    def to_s
      components = [to_a.join('.')]
      components << "-#{prerelease}" if prerelease.present?
      components << "+#{build_metadata}" if build_metadata.present?
      components.join
    end
  end
end
`;
}

export const VERSION_RB = 'lib/mastodon/version.rb';

export interface UpstreamFixture {
  repo: FixtureRepo;
  /** file:// URL of the bare repository. */
  url: string;
  shas: {
    /** main, oldest first; mainHead is the last. */
    main1: string;
    /** tagged v4.2.0-beta.1 (annotated, a pre-release) */
    main2: string;
    /** tagged v4.2.0 (annotated), the fork point of stable-4.2 */
    v420: string;
    /** fork point of stable-4.3 */
    main4: string;
    main5: string;
    mainHead: string;
    /** stable-4.2: v4.2.1 (lightweight tag) */
    v421: string;
    /** stable-4.3: v4.3.0-rc.1 (lightweight), v4.3.0 (annotated), v4.3.1 (annotated), then an untagged fix */
    v430rc1: string;
    v430: string;
    v431: string;
    stable43Head: string;
    /** only reachable from refs/pull/1/head */
    fork: string;
  };
  /** Annotated tag objects (not commits), to check peeling. */
  tagObjects: { v420: string; v430: string; v431: string };
}

/**
 * A Mastodon-shaped history: stable releases live on stable-X.Y branches and are not on main.
 *
 *   main:        main1 - main2(v4.2.0-beta.1) - v420(v4.2.0) - main4 - main5 - mainHead
 *   stable-4.2:                                 v420 - v421(v4.2.1)
 *   stable-4.3:                                         main4 - v430rc1 - v430 - v431 - stable43Head
 *   refs/pull/1/head:                                            main5 - fork
 */
export async function makeUpstream(dir: string, opts: { allowFilter?: boolean } = {}): Promise<UpstreamFixture> {
  const repo = await createBareRepo(dir, opts);
  const c = (files: Record<string, string | null>, message: string, date: string, parents: string[], ref?: string) =>
    repo.commit({ files, message, date, parents, ref });

  const main1 = await c(
    { 'README.md': '# Mastodon\n', [VERSION_RB]: versionRb(4, 2, 0, 'alpha.1'), 'app/one.rb': 'one\n' },
    'Initial commit',
    '2026-01-05T10:00:00Z',
    [],
  );
  const main2 = await c({ [VERSION_RB]: versionRb(4, 2, 0, 'beta.1') }, 'Bump version to 4.2.0-beta.1', '2026-01-12T10:00:00Z', [main1]);
  const v420 = await c({ [VERSION_RB]: versionRb(4, 2, 0) }, 'Bump version to 4.2.0', '2026-01-19T10:00:00Z', [main2]);
  const main4 = await c(
    { [VERSION_RB]: versionRb(4, 3, 0, 'alpha.1'), 'app/two.rb': 'two\n' },
    'Add two',
    '2026-02-02T10:00:00Z',
    [v420],
  );
  const main5 = await c({ 'app/three.rb': 'three\n', 'app/one.rb': null }, 'Add three, remove one', '2026-03-02T09:00:00+01:00', [main4]);
  const mainHead = await c(
    { [VERSION_RB]: versionRb(4, 4, 0, 'alpha.1'), 'app/four.rb': 'four\n' },
    'Add four',
    '2026-08-21T16:03:11+02:00',
    [main5],
    'refs/heads/main',
  );

  const v421 = await c({ [VERSION_RB]: versionRb(4, 2, 1) }, 'Bump version to 4.2.1', '2026-02-10T10:00:00Z', [v420], 'refs/heads/stable-4.2');

  const v430rc1 = await c({ [VERSION_RB]: versionRb(4, 3, 0, 'rc.1') }, 'Bump version to 4.3.0-rc.1', '2026-02-20T10:00:00Z', [main4]);
  const v430 = await c({ [VERSION_RB]: versionRb(4, 3, 0) }, 'Bump version to 4.3.0', '2026-03-10T10:00:00Z', [v430rc1]);
  const v431 = await c({ [VERSION_RB]: versionRb(4, 3, 1) }, 'Bump version to 4.3.1', '2026-04-10T10:00:00Z', [v430]);
  const stable43Head = await c({ 'app/fix.rb': 'fix\n' }, 'Fix something', '2026-04-20T10:00:00Z', [v431], 'refs/heads/stable-4.3');

  const fork = await c({ 'app/fork.rb': 'fork\n' }, 'A pull request from a fork', '2026-03-05T10:00:00Z', [main5], 'refs/pull/1/head');

  const tagObjects = {
    v420: await repo.tag('v4.2.0', v420, { message: 'v4.2.0', date: '2026-01-19T11:00:00Z' }),
    v430: await repo.tag('v4.3.0', v430, { message: 'v4.3.0', date: '2026-03-10T11:00:00Z' }),
    v431: await repo.tag('v4.3.1', v431, { message: 'v4.3.1', date: '2026-04-10T11:00:00Z' }),
  };
  await repo.tag('v4.2.0-beta.1', main2, { message: 'v4.2.0-beta.1' });
  await repo.tag('v4.2.1', v421);
  await repo.tag('v4.3.0-rc.1', v430rc1);

  return {
    repo,
    url: repo.url,
    shas: { main1, main2, v420, main4, main5, mainHead, v421, v430rc1, v430, v431, stable43Head, fork },
    tagObjects,
  };
}
