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
