/**
 * README documents every input and output of each action, with the same defaults as its action.yml:
 * this test fails when the two disagree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/action.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const actions = readdirSync(ROOT).filter((d) => /^action-/.test(d)).sort();

/** The rows of the first Markdown table after `## heading` whose header's first cell is `first`. */
export function tableAfter(markdown: string, heading: string, first: string): string[][] {
  const start = markdown.search(new RegExp(`^##+ ${heading}\\s*$`, 'm'));
  if (start < 0) return [];
  const rest = markdown.slice(start).split('\n').slice(1);
  const end = rest.findIndex((l) => /^## /.test(l));
  const section = end < 0 ? rest : rest.slice(0, end);
  const header = section.findIndex((l) => new RegExp(`^\\|\\s*${first}\\s*\\|`).test(l));
  if (header < 0) return [];
  const rows: string[][] = [];
  for (const line of section.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const items = (text: string) =>
  text
    .replace(/`/g, '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

describe('README and action.yml agree', () => {
  it('there are actions to document', () => {
    expect(actions).toContain('action-patch');
  });

  describe.each(actions)('%s', (action) => {
    const meta = parse(readFileSync(join(ROOT, action, 'action.yml'), 'utf8')) as {
      inputs?: Record<string, { default?: string; description?: string }>;
      outputs?: Record<string, { description?: string }>;
    };
    const inputs = tableAfter(readme, action, 'input');
    const outputs = tableAfter(readme, action, 'output');

    it('documents exactly the inputs, with their defaults', () => {
      const documented = inputs.map((r) => r[0]!.replace(/`/g, ''));
      expect(documented.sort()).toEqual(Object.keys(meta.inputs ?? {}).sort());
      for (const row of inputs) {
        const name = row[0]!.replace(/`/g, '');
        expect(items(row[1] ?? ''), `default of ${name}`).toEqual(items(String(meta.inputs?.[name]?.default ?? '')));
        expect(row[2], `description of ${name}`).toMatch(/\w{3,}/);
      }
    });

    it('documents exactly the outputs', () => {
      const documented = outputs.map((r) => r[0]!.replace(/`/g, ''));
      expect(documented.sort()).toEqual(Object.keys(meta.outputs ?? {}).sort());
    });
  });

  it('finds a table the way a reader does', () => {
    const md = '## action-x\n\ntext\n\n| input | default | description |\n| --- | --- | --- |\n| `a` | `1`, `2` | the a \\| b |\n\n## next\n| input |\n';
    expect(tableAfter(md, 'action-x', 'input')).toEqual([['`a`', '`1`, `2`', 'the a \\| b']]);
    expect(tableAfter(md, 'action-y', 'input')).toEqual([]);
  });
});

// The README's setup steps against the reusable workflow they call: an admin who copies them exactly gets a
// run that starts (inputs and secrets that exist, passed explicitly, the permissions every job asks for).
describe("the README's quick start calls the reusable workflow as it is", () => {
  const workflow = parse(readFileSync(join(ROOT, '.github/workflows/offmain.yml'), 'utf8')) as {
    on: { workflow_call: { inputs: Record<string, { required?: boolean }>; secrets: Record<string, { required?: boolean }> } };
  };
  const { inputs, secrets } = workflow.on.workflow_call;
  const quickStart = readme.slice(readme.indexOf('## Quick start for an admin'), readme.indexOf('### The reusable workflow'));
  const block = /```yaml\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? '';
  const callers: [string, string][] = [
    ['README quick start', block],
    ...readdirSync(join(ROOT, 'examples')).map((f): [string, string] => [`examples/${f}`, readFileSync(join(ROOT, 'examples', f), 'utf8')]),
  ];
  type CallerJob = { uses?: string; permissions?: Record<string, string>; with?: Record<string, unknown>; secrets?: unknown };
  const calls = callers.flatMap(([where, text]) =>
    Object.entries((parse(text) as { jobs: Record<string, CallerJob> }).jobs)
      .filter(([, j]) => j.uses?.includes('/.github/workflows/offmain.yml@'))
      .map(([, j]) => [where, j, text] as const),
  );

  it('finds the calls', () => {
    expect(calls.map(([w]) => w)).toContain('README quick start');
    expect(calls.length).toBeGreaterThanOrEqual(3);
  });

  it.each(calls)('%s: known inputs, required ones given, secrets passed explicitly, enough permissions', (_where, job, text) => {
    for (const k of Object.keys(job.with ?? {})) expect(Object.keys(inputs), `input ${k}`).toContain(k);
    for (const [k, v] of Object.entries(inputs)) if (v.required) expect(job.with, `required input ${k}`).toHaveProperty(k);
    expect(job.secrets, 'secrets: inherit works only inside one organization').not.toBe('inherit');
    const passed = Object.keys((job.secrets as Record<string, string>) ?? {});
    for (const k of passed) expect(Object.keys(secrets), `secret ${k}`).toContain(k);
    expect(passed.includes('config-token') || (passed.includes('config-app-private-key') && 'config-app-client-id' in (job.with ?? {}))).toBe(true);
    // The Docker Hub user is never a secret (GitHub would drop the outputs that name the image).
    expect(text).not.toMatch(/dockerhub-username:\s*\$\{\{\s*secrets\./);
    // Permissions: test/project/workflows.test.ts checks every caller the way GitHub does at parse time.
  });

  it('lists exactly the inputs and secrets the workflow has', () => {
    const section = readme.slice(readme.indexOf('### The reusable workflow'), readme.indexOf('#### Pull requests and the default token'));
    const listed = (label: string) => [...(new RegExp(`\\*\\*${label}:?\\*\\*[^]*?(?=\\n\\n|\\*\\*Secrets)`).exec(section)?.[0] ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!);
    expect(new Set(listed('Inputs'))).toEqual(new Set(Object.keys(inputs)));
    const secretsText = /\*\*Secrets\*\*[^]*?\n\n/.exec(section)?.[0] ?? '';
    expect(new Set([...secretsText.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!))).toEqual(new Set(Object.keys(secrets)));
  });
});
