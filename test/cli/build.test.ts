import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/cli/build.js';
import { memoryLogger } from '../../src/core/log.js';
import { FIXTURES } from '../support/tmp.js';
import { SHA } from '../support/plan.js';

describe('offmain build: arguments', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const log = memoryLogger();
    const code = await buildCommand(args, { stdout: (x) => out.push(x), log });
    return { code, out: out.join('\n'), errors: log.lines.filter((l) => l.startsWith('error: ')) };
  };

  it.each([
    [['--image', 'ghcr.io/a/m'], /--dir is required/],
    [['--dir', '.'], /--image is required/],
    [['--dir', '.', '--image', 'ghcr.io/a/m', '--mode', 'everything'], /--mode is "everything": expected all, platform, merge/],
    [['--dir', '.', '--image', 'ghcr.io/a/m', '--cache', 's3'], /--cache is "s3": expected gha, registry, none/],
    [['--dir', '.', '--image', 'ghcr.io/a/m', '--no-sbom', '--sbom-generator', 'x'], /contradict/],
    [['--dir', '.', '--bogus'], /offmain build: Unknown option '--bogus'/],
    [['--dir', join(FIXTURES, 'main'), '--commit', SHA, '--image', 'ghcr.io/Acme/m'], /has capital letters/],
    [['--dir', '.', '--image', 'ghcr.io/a/m', '--source-repository', 'http://github.com/a/b'], /--source-repository "http:\/\/github\.com\/a\/b" is not an https URL/],
    [['--dir', '.', '--image', 'ghcr.io/a/m', '--source-repository', 'https://a:ghp_x@github.com/a/b'], /--source-repository "https:\/\/github\.com\/a\/b" carries credentials/],
  ])('%j fails with one line', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(message);
  });

  it('--help prints the usage', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/usage: offmain build --dir DIR --image NAME/);
    expect(r.out).toMatch(/\{commit_time\}/);
    expect(r.out).toMatch(/--source-repository URL +the repository that runs offmain/);
  });
});
