/**
 * Errors of `offmain bump` as a user reads them on the command line: the file and line printed once.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { bump } from '../../../src/deploy/bump.js';
import type { Logger } from '../../../src/core/log.js';
import { memoryLogger } from '../../../src/core/log.js';
import { tempDir } from '../../support/tmp.js';
import { M, NEW } from '../../support/configrepo.js';

/** A logger that prints each error the way the CLI's stderr logger does: `error: FILE:LINE: message`. */
function printing(): Logger & { lines: string[] } {
  const base = memoryLogger();
  const at = (w?: { file?: string; line?: number }) => (w?.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : '');
  return { ...base, error: (m, w) => void base.lines.push(`error: ${at(w)}${m}`), warning: (m, w) => void base.lines.push(`warning: ${at(w)}${m}`) };
}

describe('offmain bump: errors name their place once', () => {
  it('prints a location the message already starts with once', async () => {
    const dir = tempDir('offmain-bump-');
    writeFileSync(join(dir, 'values.yaml'), `image:\n  repository: ${M}\n  tag: &v "4.8.0-alpha.1_2f40549"\nother:\n  tag: *v\n`);
    const log = printing();
    const code = await main(['bump', '--dir', dir, '--set', `${M}=${NEW}`], { stdout: () => {}, log });
    expect(code).toBe(1);
    expect(log.lines).toEqual([
      'error: values.yaml:3: this tag is anchored and also used on line 5, which is not an image being bumped; changing it would move that too: ' +
        'give the image its own tag (or bump every image that uses it), nothing was changed',
    ]);
  });

  it('prints the warning for a key given twice with its file and line, and still bumps', async () => {
    const dir = tempDir('offmain-bump-');
    writeFileSync(join(dir, 'values.yaml'), `image:\n  repository: ${M}\n  tag: "4.8.0-alpha.1_2f40549"\nredis:\n  replica: {}\n  replica:\n    nodeSelector: {}\n`);
    const log = printing();
    const out: string[] = [];
    const code = await main(['bump', '--dir', dir, '--set', `${M}=${NEW}`, '--digest-in-tag'], { stdout: (s) => out.push(s), log });
    expect(code).toBe(0);
    expect(log.lines).toEqual(['warning: values.yaml:6: "replica" is given 2 times in one mapping (lines 5, 6); Helm and Flux use the last one']);
    expect(out.join('\n')).toContain(`values.yaml:3: 4.8.0-alpha.1_2f40549 -> ${NEW}`);
  });

  it('gives each warning once per logger: a deploy bumps twice (dry run, then for real)', async () => {
    const dir = tempDir('offmain-bump-');
    writeFileSync(join(dir, 'values.yaml'), `image:\n  repository: ${M}\n  tag: "4.8.0-alpha.1_2f40549"\nx: 1\nx: 2\n`);
    const seen: string[] = [];
    const log = { warning: (m: string) => void seen.push(m) };
    await bump({ dir, targets: [{ repository: M, tag: NEW }], log, dryRun: true });
    await bump({ dir, targets: [{ repository: M, tag: NEW }], log });
    expect(seen).toEqual(['"x" is given 2 times in one mapping (lines 4, 5); Helm and Flux use the last one']);
    await bump({ dir, targets: [{ repository: M, tag: NEW }], log: { warning: (m: string) => void seen.push(m) } });
    expect(seen).toHaveLength(2);
  });
});
