import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryLogger } from '../../src/core/log.js';
import { runnerMatrix } from '../../src/build/runners.js';
import { tempDir } from '../support/tmp.js';

describe('runnerMatrix', () => {
  it('gives each platform its native runner', () => {
    expect(runnerMatrix('linux/amd64,linux/arm64')).toEqual({
      include: [
        { platform: 'linux/amd64', runner: 'ubuntu-24.04', slug: 'linux-amd64' },
        { platform: 'linux/arm64', runner: 'ubuntu-24.04-arm', slug: 'linux-arm64' },
      ],
    });
    expect(runnerMatrix(' linux/arm64 ,linux/arm64\n').include).toHaveLength(1);
  });

  it('refuses a platform with no native runner or none offmain builds; none given means the default two', () => {
    expect(() => runnerMatrix('linux/s390x')).toThrow(/platform linux\/s390x has no native GitHub runner/);
    expect(() => runnerMatrix('windows/amd64')).toThrow(/platform "windows\/amd64" is not one offmain builds/);
    expect(runnerMatrix(' , ').include.map((l) => l.platform)).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('writes the matrix to GITHUB_OUTPUT from the CLI', async () => {
    const file = join(tempDir(), 'output');
    writeFileSync(file, '');
    const out: string[] = [];
    const code = await main(['runners', '--platforms', 'linux/arm64', '--github-output', file], { stdout: (s) => out.push(s), log: memoryLogger() });
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`matrix=${out[0]}\n`);
    expect(JSON.parse(out[0]!).include[0].runner).toBe('ubuntu-24.04-arm');
  });
});
