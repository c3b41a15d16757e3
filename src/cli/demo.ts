/**
 * `offmain run --demo`: the pipeline on embedded defaults, with nothing configured. It makes a local
 * upstream repository with Mastodon-shaped history (a stable line that needs the Redis TLS patch and
 * a main that does not) and runs the real steps against it.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OffmainError } from '../errors.js';
import { git } from '../git.js';
import type { Logger } from '../log.js';
import { failureLine, prepare } from '../prepare.js';
import { patchSummaryMarkdown } from '../summary.js';

/** Where the Mastodon-shaped fixture trees live in a clone of offmain. */
export function fixturesRoot(): string {
  const candidates = [
    typeof __dirname !== 'undefined' ? resolve(__dirname, '../../test/fixtures/mastodon') : undefined,
    resolve('test/fixtures/mastodon'),
  ].filter((p): p is string => p !== undefined);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new OffmainError(`the demo needs offmain's fixture trees (test/fixtures/mastodon): run it from a clone of offmain`);
  }
  return found;
}

export interface DemoUpstream {
  url: string;
  dir: string;
  shas: { stableRelease: string; main: string };
  releaseTag: string;
}

async function commitTree(
  work: string,
  tree: string,
  message: string,
  date: string,
  edit?: (work: string) => void,
): Promise<string> {
  for (const entry of readdirSync(work)) if (entry !== '.git') rmSync(join(work, entry), { recursive: true, force: true });
  cpSync(tree, work, { recursive: true });
  edit?.(work);
  await git(['add', '-A'], { cwd: work });
  const env = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  await git(['-c', 'user.name=Upstream Dev', '-c', 'user.email=dev@upstream.invalid', 'commit', '-q', '-m', message], {
    cwd: work,
    env,
  });
  return (await git(['rev-parse', 'HEAD'], { cwd: work })).stdout.trim();
}

/** A local upstream: main (needs no Redis patch) and stable-4.2 with a release tag that is not on main. */
export async function makeDemoUpstream(root: string, fixtures = fixturesRoot()): Promise<DemoUpstream> {
  const work = join(root, 'upstream-work');
  const bare = join(root, 'upstream.git');
  await git(['init', '-q', '-b', 'main', work]);
  const hour = 3600_000;
  const now = Date.now();
  const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

  await commitTree(work, join(fixtures, 'v4.2'), 'Bump version to v4.2.0', iso(now - 400 * 24 * hour));
  await git(['tag', 'v4.2.0'], { cwd: work });
  await git(['checkout', '-q', '-b', 'stable-4.2'], { cwd: work });
  const stableRelease = await commitTree(work, join(fixtures, 'v4.2'), 'Bump version to v4.2.1', iso(now - 390 * 24 * hour), (w) => {
    const file = join(w, 'lib/mastodon/version.rb');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(def patch\s+)\d+/, '$11'));
  });
  await git(['-c', 'user.name=Upstream Dev', '-c', 'user.email=dev@upstream.invalid', 'tag', '-a', 'v4.2.1', '-m', 'v4.2.1'], { cwd: work });
  await git(['checkout', '-q', 'main'], { cwd: work });
  const main = await commitTree(work, join(fixtures, 'main'), 'Add a feature on main', iso(now - 2 * hour));
  await git(['clone', '-q', '--bare', work, bare]);
  await git(['config', 'uploadpack.allowFilter', 'true'], { cwd: bare });
  await git(['config', 'uploadpack.allowAnySHA1InWant', 'true'], { cwd: bare });
  return { url: `file://${bare}`, dir: bare, shas: { stableRelease, main }, releaseTag: 'v4.2.1' };
}

export async function runDemo(out: { stdout: (s: string) => void; log: Logger }): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'offmain-demo-'));
  out.stdout(`offmain demo: local upstream, patch sets redis-tls + version-metadata, in ${root}`);
  const upstream = await makeDemoUpstream(root);
  out.stdout(`upstream: ${upstream.url} (main, and stable-4.2 with ${upstream.releaseTag})\n`);

  let code = 0;
  for (const trackName of ['main', 'release'] as const) {
    const result = await prepare(
      { repository: upstream.url, track: trackName, path: join(root, `mastodon-${trackName}`) },
      out.log,
    );
    out.stdout(`# track: ${trackName}\n`);
    out.stdout(patchSummaryMarkdown(result));
    const failed = failureLine(result);
    if (failed) {
      out.log.error(failed);
      code = 1;
    }
  }
  return code;
}
