/**
 * Releases: the ref the README and examples tell callers to use (`@v1`) is the major tag the release workflow
 * makes from package.json's version, and the release workflow itself, run here with bash against real git
 * (a bare origin), tags only main's commits, never moves a release, and moves the major tag only forward.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/action.js';
import { tempDir } from '../support/tmp.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
type Step = { name?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> };
type Job = { if?: string; needs?: string; environment?: string; permissions?: Record<string, string>; steps: Step[] };
const release = parse(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as { jobs: Record<string, Job> };

describe('version, release workflow and README agree', () => {
  const major = `v${pkg.version.split('.')[0]}`;

  it('callers are told to use the major tag the release of package.json makes', () => {
    expect(pkg.version).toMatch(/^[1-9]\d*\.\d+\.\d+$/);
    const texts = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`), ...readdirSync(join(ROOT, 'examples')).map((f) => `examples/${f}`)];
    const refs = texts.flatMap((f) => [...readFileSync(join(ROOT, f), 'utf8').matchAll(/OWNER\/offmain\/[\w./-]+@(v\d+)\b/g)].map((m) => `${f}: ${m[1]}`));
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs) expect(r.endsWith(`: ${major}`), r).toBe(true);
  });

  it('CHANGELOG.md has a section for this version and the versioning policy', () => {
    expect(changelog).toMatch(new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}( |$)`, 'm'));
    expect(changelog).toMatch(/^## Versioning$/m);
  });

  it('releases run from main only, behind an environment, tags pushed only by the tag job', () => {
    for (const job of Object.values(release.jobs)) expect(job.if).toBe("github.ref == 'refs/heads/main'");
    expect(release.jobs.tag!.environment).toBe('release');
    expect(release.jobs.tag!.needs).toBe('verify');
    expect(release.jobs.verify!.permissions).toEqual({ contents: 'read' });
    expect(release.jobs.tag!.permissions).toEqual({ contents: 'write' });
  });
});

describe('the release script, on real git', () => {
  const script = release.jobs.tag!.steps.find((s) => s.run)!.run!;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@example.invalid', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@example.invalid' } }).trim();

  /** An origin with main, and a clone of it, as actions/checkout leaves it. */
  function repo(): { origin: string; work: string } {
    const origin = tempDir();
    git(origin, 'init', '-q', '--bare', '-b', 'main');
    const work = tempDir();
    git(work, 'init', '-q', '-b', 'main');
    git(work, 'remote', 'add', 'origin', origin);
    return { origin, work };
  }
  function commit(work: string, version: string, changelogFor = version): string {
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'offmain', version }));
    writeFileSync(join(work, 'CHANGELOG.md'), `# Changelog\n\n## ${changelogFor} (test)\n`);
    writeFileSync(join(work, 'src.txt'), `${Math.random()}\n`);
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', `release ${version}`);
    return git(work, 'rev-parse', 'HEAD');
  }
  function run(work: string, version: string, ref = 'refs/heads/main') {
    const summary = join(tempDir(), 'summary');
    writeFileSync(summary, '');
    const r = spawnSync('bash', ['-e', '-c', script], { cwd: work, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, VERSION: version, REF: ref, GITHUB_STEP_SUMMARY: summary, GIT_CONFIG_NOSYSTEM: '1' } });
    return { code: r.status, out: r.stdout + r.stderr, summary: readFileSync(summary, 'utf8') };
  }
  const tagAt = (origin: string, tag: string) => spawnSync('git', ['rev-parse', '-q', '--verify', `refs/tags/${tag}^{commit}`], { cwd: origin, encoding: 'utf8' }).stdout.trim();

  it('tags vX.Y.Z and moves vX forward only; never moves a release', () => {
    const { origin, work } = repo();
    const c1 = commit(work, '1.0.0');
    git(work, 'push', '-q', 'origin', 'main');
    const first = run(work, '1.0.0');
    expect(first.code, first.out).toBe(0);
    expect(tagAt(origin, 'v1.0.0')).toBe(c1);
    expect(tagAt(origin, 'v1')).toBe(c1);

    const c2 = commit(work, '1.1.0');
    git(work, 'push', '-q', 'origin', 'main');
    git(work, 'fetch', '-q', '--tags', 'origin');
    expect(run(work, '1.1.0').code).toBe(0);
    expect(tagAt(origin, 'v1')).toBe(c2);

    // A fix for the older minor, released later, leaves v1 on the newer release.
    const c3 = commit(work, '1.0.1');
    git(work, 'push', '-q', 'origin', 'main');
    git(work, 'fetch', '-q', '--tags', 'origin');
    const fix = run(work, '1.0.1');
    expect(fix.code, fix.out).toBe(0);
    expect(tagAt(origin, 'v1.0.1')).toBe(c3);
    expect(tagAt(origin, 'v1')).toBe(c2);
    expect(fix.summary).toMatch(/v1 stays on v1\.1\.0/);

    const again = run(work, '1.0.1');
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/^::error::v1\.0\.1 exists already; releases are never moved/m);
  });

  it.each([
    ['another branch', (w: string) => run(w, '1.0.0', 'refs/heads/feature'), /releases are made from main only/],
    ['a version package.json does not say', (w: string) => run(w, '1.2.0'), /package\.json says 1\.0\.0/],
    ['no X.Y.Z', (w: string) => run(w, 'v1'), /version must be X\.Y\.Z/],
  ] as const)('refuses %s', (_what, act, message) => {
    const { origin, work } = repo();
    commit(work, '1.0.0');
    git(work, 'push', '-q', 'origin', 'main');
    const r = act(work);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(message);
    expect(tagAt(origin, 'v1')).toBe('');
  });

  it('refuses a commit that is not on main, and a version without a CHANGELOG section', () => {
    const { origin, work } = repo();
    commit(work, '1.0.0');
    git(work, 'push', '-q', 'origin', 'main');
    git(work, 'checkout', '-q', '-b', 'side');
    commit(work, '1.0.0');
    expect(run(work, '1.0.0').out).toMatch(/is not on main/);
    git(work, 'checkout', '-q', 'main');
    commit(work, '1.0.1', '1.0.0');
    git(work, 'push', '-q', 'origin', 'main');
    const r = run(work, '1.0.1');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/CHANGELOG\.md has no section '## 1\.0\.1'/);
    expect(tagAt(origin, 'v1')).toBe('');
  });
});
