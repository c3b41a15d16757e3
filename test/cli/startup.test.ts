// What the committed CLI bundle loads before it does anything: `--version` reads no stage at all, and
// `patch` only the patch stage, never the GitHub client, the HTTP stack or the registry and deploy code.
// Measured on the real dist/cli (the one `npm run build` writes and CI checks is fresh), with a module hook
// that records every file node loads.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureCopy, tempDir } from '../support/tmp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'index.mjs');

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.OFFMAIN_TEST_LOADED, url + '\\n');
  return next(url, context);
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;

/** Runs the CLI bundle; returns its result and the source text of every file it loaded. */
function run(args: string[], cwd?: string) {
  const loaded = join(tempDir(), 'loaded.txt');
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, CLI, ...args], {
    cwd,
    env: { ...process.env, OFFMAIN_TEST_LOADED: loaded },
    encoding: 'utf8',
  });
  const files = readFileSync(loaded, 'utf8').trim().split('\n').map((u) => fileURLToPath(u));
  const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
  return { ...r, files, source };
}

// esbuild heads each bundled module with a `// path` comment: these name what a chunk holds.
const GITHUB_CLIENT = /^\/\/ node_modules\/@actions\/github\//m;
const HTTP_STACK = /^\/\/ node_modules\/undici\//m;
const DEPLOY = /^\/\/ src\/deploy\//m;
const BUILD = /^\/\/ src\/build\//m;

describe('offmain start-up', () => {
  it('--version prints the package version and loads nothing but the entry', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout).toBe(`offmain ${pkg.version}\n`);
    expect(r.files.length).toBeLessThanOrEqual(2);
    for (const stage of [GITHUB_CLIENT, HTTP_STACK, DEPLOY, BUILD, /^\/\/ src\/patch\//m, /^\/\/ node_modules\/yaml\//m]) {
      expect(r.source).not.toMatch(stage);
    }
  });

  it('patch loads the patch stage alone: no GitHub client, HTTP stack, build or deploy code', () => {
    const dir = fixtureCopy('v4.2');
    const r = run(['patch', '--dir', dir, '--commit', '2f40549d1a2b3c4d5e6f708192a3b4c5d6e7f809']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/`hiredis-removal` \| ✅ applied/);
    expect(r.source).toMatch(/^\/\/ src\/patch\/apply\.ts$/m); // the check sees what was loaded
    for (const stage of [GITHUB_CLIENT, HTTP_STACK, DEPLOY, BUILD]) expect(r.source).not.toMatch(stage);
  });

  it('a command that talks to GitHub still finds its client (the chunks resolve from any working directory)', () => {
    const r = run(['freshness', '--help'], tempDir());
    expect(r.status).toBe(0);
    const all = run(['decide', '--image', 'x', '--repository', join(tempDir(), 'missing.git')], tempDir());
    expect(all.status).toBe(1);
    expect(all.stderr).toMatch(/missing\.git/);
    expect(all.source).toMatch(GITHUB_CLIENT);
  });
});
