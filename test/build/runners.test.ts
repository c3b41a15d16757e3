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
        { platform: 'linux/amd64', runner: 'ubuntu-24.04', slug: 'linux-amd64', emulate: false },
        { platform: 'linux/arm64', runner: 'ubuntu-24.04-arm', slug: 'linux-arm64', emulate: false },
      ],
    });
    expect(runnerMatrix(' linux/arm64 ,linux/arm64\n').include).toHaveLength(1);
  });

  it('refuses a platform with no native runner or none offmain builds; none given means the default two', () => {
    expect(() => runnerMatrix('linux/s390x')).toThrow(/platform linux\/s390x has no native GitHub runner/);
    expect(() => runnerMatrix('windows/amd64')).toThrow(/platform "windows\/amd64" is not one offmain builds/);
    expect(runnerMatrix(' , ').include.map((l) => l.platform)).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('takes runner labels per platform, and emulate builds arm64 under QEMU on the amd64 runner', async () => {
    expect(runnerMatrix('linux/amd64,linux/arm64', { 'linux/amd64': 'big-x64', 'linux/arm64': 'emulate' }).include).toEqual([
      { platform: 'linux/amd64', runner: 'big-x64', slug: 'linux-amd64', emulate: false },
      { platform: 'linux/arm64', runner: 'big-x64', slug: 'linux-arm64', emulate: true },
    ]);
    expect(runnerMatrix('linux/arm64', { 'linux/arm64': 'my-arm' }).include[0]).toMatchObject({ runner: 'my-arm', emulate: false });
    expect(() => runnerMatrix('linux/amd64', { 'linux/amd64': 'emulate' })).toThrow(/linux\/amd64 cannot be emulated/);
    expect(() => runnerMatrix('linux/amd64', { 'linux/amd64': '[self-hosted, x64]' })).toThrow(/is not a runner label/);
    const out: string[] = [];
    const log = memoryLogger();
    expect(await main(['runners', '--platforms', 'linux/arm64', '--runner', 'linux/arm64=emulate', '--runner', 'linux/amd64=ubuntu-24.04'], { stdout: (s) => out.push(s), log })).toBe(0);
    expect(JSON.parse(out[0]!).include[0]).toMatchObject({ runner: 'ubuntu-24.04', emulate: true });
    expect(await main(['runners', '--runner', 'emulate'], { stdout: () => {}, log })).toBe(1);
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
