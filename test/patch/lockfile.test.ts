import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLockfile, introducedProblems, parseGemfile, parseLockfile } from '../../src/patch/lockfile.js';

const FIXTURES = join(__dirname, '..', 'fixtures', 'mastodon');
const read = (line: string, file: string) => readFileSync(join(FIXTURES, line, file), 'utf8');
const pair = (line: string) => ({ gemfile: read(line, 'Gemfile'), lockfile: read(line, 'Gemfile.lock') });
const lineOf = (text: string, exact: string) => text.split('\n').indexOf(exact) + 1;

describe('parseGemfile', () => {
  it('finds gem declarations at any indentation, in groups, with either quote, and skips comments', () => {
    const g = parseGemfile(
      [
        "source 'https://rubygems.org'",
        "gem 'rails', '~> 7.1'",
        'gem "pg", "~> 1.5"',
        "gem('puma')",
        '# gem \'commented\'',
        'group :test do',
        "  gem 'rspec-rails'",
        "  # gem 'bullet'",
        '    gem "deep", require: false',
        'end',
        "platforms :mri do gem 'byebug' end",
        "gem 'rails', '~> 7.1' # twice",
      ].join('\n'),
    );
    expect([...g.gems.keys()]).toEqual(['rails', 'pg', 'puma', 'rspec-rails', 'deep']);
    expect(g.gems.get('rails')?.line).toBe(2);
    expect(g.gems.get('deep')?.line).toBe(9);
  });
});

describe('parseLockfile', () => {
  it('reads GIT and GEM specs with their dependencies, platform variants, and DEPENDENCIES', () => {
    const lock = parseLockfile(read('v4.2', 'Gemfile.lock'));
    const webpush = lock.specs.find((s) => s.name === 'webpush');
    expect(webpush).toMatchObject({ version: '0.3.8', section: 'GIT', key: 'webpush (0.3.8)' });
    expect(webpush?.deps.map((d) => d.text)).toEqual(['hkdf (~> 0.2)', 'jwt (~> 2.0)']);
    expect(lock.dependencies.get('webpush')).toMatchObject({ pinned: true, text: 'webpush!' });
    expect(lock.dependencies.get('redis')?.text).toBe("redis (~> 4.5)");
    expect(lock.specNames.has('hiredis')).toBe(true);

    const main = parseLockfile(read('main', 'Gemfile.lock'));
    const nokogiri = main.specs.filter((s) => s.name === 'nokogiri').map((s) => s.version);
    expect(nokogiri).toEqual(['1.18.10', '1.18.10-aarch64-linux-gnu', '1.18.10-x86_64-linux-gnu']);
    // RUBY VERSION and BUNDLED WITH are not dependencies.
    expect(main.dependencies.has('ruby')).toBe(false);
    expect([...main.dependencies.keys()]).not.toContain('2.7.2');
  });
});

describe('checkLockfile', () => {
  const lines = readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

  it('covers every upstream line', () => {
    expect(lines).toEqual(['main', 'main-2023', 'v4.0', 'v4.1', 'v4.2', 'v4.3', 'v4.4', 'v4.5', 'v4.6', 'v4.7']);
  });

  it.each(lines)('the %s fixture is consistent', (line) => {
    expect(checkLockfile(pair(line))).toEqual([]);
  });

  it("catches the 2023 sed's `/hiredis/d` on a 4.4 lockfile: both gems still in the Gemfile, an orphaned dependency", () => {
    const before = pair('v4.4');
    const lockfile = before.lockfile
      .split('\n')
      .filter((l) => !l.includes('hiredis'))
      .join('\n');
    const { introduced, preexisting } = introducedProblems(before, { gemfile: before.gemfile, lockfile });
    expect(preexisting).toEqual([]);
    const orphanLine = lineOf(lockfile, '      redis-client (= 0.24.0)');
    expect(introduced.map((p) => p.message)).toEqual([
      `Gemfile:${lineOf(before.gemfile, "gem 'hiredis', '~> 0.6'")}: declares hiredis but Gemfile.lock's DEPENDENCIES does not list it`,
      `Gemfile:${lineOf(before.gemfile, "gem 'hiredis-client'")}: declares hiredis-client but Gemfile.lock's DEPENDENCIES does not list it`,
      `Gemfile.lock:${orphanLine}: redis-client (= 0.24.0) is left under hashie (5.0.0), which does not depend on it: the spec line it belonged to was deleted`,
    ]);
    expect(introduced[2]).toMatchObject({ file: 'Gemfile.lock', line: orphanLine, text: 'redis-client (= 0.24.0)' });
  });

  it('names a gem listed in DEPENDENCIES that the Gemfile no longer declares', () => {
    const before = pair('v4.4');
    const gemfile = before.gemfile.replace("gem 'hiredis-client'\n", '');
    const { introduced } = introducedProblems(before, { gemfile, lockfile: before.lockfile });
    expect(introduced.map((p) => p.message)).toEqual([
      `Gemfile.lock:${lineOf(before.lockfile, '  hiredis-client')}: DEPENDENCIES lists hiredis-client but the Gemfile does not declare it`,
    ]);
  });

  it('names dependencies left without a spec', () => {
    const before = pair('v4.6');
    const lockfile = before.lockfile.replace('    redis-client (0.29.0)\n      connection_pool\n', '');
    const messages = introducedProblems(before, { gemfile: before.gemfile, lockfile }).introduced.map((p) => p.message);
    expect(messages).toContain(
      `Gemfile.lock:${lineOf(lockfile, '      redis-client (= 0.29.0)')}: hiredis-client (0.29.0) depends on redis-client, which has no spec in Gemfile.lock`,
    );
    expect(messages.some((m) => m.includes('redis (5.4.1) depends on redis-client'))).toBe(true);
    expect(messages.some((m) => m.includes('sidekiq (8.0.8) depends on redis-client'))).toBe(true);
  });

  it('does not blame a change for problems the pristine pair already had', () => {
    const before = pair('v4.1');
    // A pristine tree where the parser sees a Gemfile gem that the lockfile lacks (e.g. a limitation).
    const odd = { gemfile: `${before.gemfile}gem 'something-the-parser-misreads'\n`, lockfile: before.lockfile };
    const after = { gemfile: odd.gemfile.replace("gem 'rexml', '~> 3.2'\n", "gem 'rexml', '~> 3.2' # patched\n"), lockfile: odd.lockfile };
    const result = introducedProblems(odd, after);
    expect(result.introduced).toEqual([]);
    expect(result.preexisting.map((p) => p.key)).toEqual(['gemfile-only:something-the-parser-misreads']);
  });

  it('bundler is never required to have a spec', () => {
    expect(checkLockfile(pair('v4.0')).some((p) => p.message.includes('bundler'))).toBe(false);
    expect(read('v4.0', 'Gemfile.lock')).toContain('      bundler (>= 1.15.0)');
  });
});
