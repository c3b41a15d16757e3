/**
 * The tree the patch benchmarks work on: the v4.2 fixture (the files the Redis TLS patch touches) padded
 * with filler files to a Mastodon-sized tree, and the blind sed of that patch that offmain replaces.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// npm runs scripts from the project root (a bench bundle may run from node_modules/.cache).
const fixtures = resolve('test/fixtures/mastodon');

/** A Mastodon-sized tree: the v4.2 fixture plus filler files spread like app/, spec/, config/. */
export function mastodonSizedTree(into: string, files: number): string {
  cpSync(join(fixtures, 'v4.2'), into, { recursive: true });
  const dirs = ['app/models', 'app/controllers', 'app/javascript/mastodon/components', 'spec/models', 'config/locales', 'db/migrate'];
  for (let i = 0; i < files; i++) {
    const d = join(into, dirs[i % dirs.length]!, `group${i % 40}`);
    if (i < 240) mkdirSync(d, { recursive: true });
    writeFileSync(join(d, `file${i}.rb`), `# frozen_string_literal: true\n\nclass Thing${i}\n  def value\n    ${i}\n  end\nend\n`);
  }
  return into;
}

// The blind sed of the 2023 Redis TLS patch (nine lines), the way admins ran it.
export const BLIND_SED: [string, string][] = [
  ['/hiredis/d', 'Gemfile.lock'],
  ["s/redis (~> 4.5)/redis (~> 4.8.1)/", 'Gemfile.lock'],
  ["/gem 'hiredis'/d", 'Gemfile'],
  ["s/, require: \\['redis', 'redis\\/connection\\/hiredis'\\]//", 'Gemfile'],
  ["s/gem 'redis', '~> 4.5'/gem 'redis', '~> 4.8.1'/", 'Gemfile'],
  ['/driver: :hiredis,/d', 'lib/mastodon/redis_config.rb'],
  ['/driver: :hiredis,/d', 'lib/tasks/mastodon.rake'],
  ['s/Redis.new(url: url, driver: :hiredis)/Redis.new(url: url)/', 'app/lib/redis_configuration.rb'],
  ['s/"redis": "^4.0.6 <4.1.0",/"redis": "^4.6.5",/', 'package.json'],
];
