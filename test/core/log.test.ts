import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger, stderrLogger } from '../../src/core/log.js';
import { commandShapedLines, runnerCommands } from '../support/runnercommands.js';

afterEach(() => vi.restoreAllMocks());

describe('stderrLogger: the CLI in a workflow step writes nothing the runner obeys', () => {
  it('neutralises every line of info, warning, error, group names and program output', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const log = stderrLogger();
    log.info('a\n::error::forged\r::add-mask::forged');
    log.warning('w\n::warning::forged', { file: '::error::forged', line: 1 });
    log.error('e\n  ::set-output name=x::forged');
    await log.group('g\n::error::forged', async () => log.output!('#5 0.1 ##[add-mask]forged'));
    const text = written.join('');
    expect(runnerCommands(text)).toEqual([]);
    expect(commandShapedLines(text)).toEqual([]);
    expect(text.replaceAll('\u200b', '')).toContain('#5 0.1 ##[add-mask]forged');
    expect(text).toContain('== g ::error::forged\n');
  });

  it('memoryLogger keeps what it was told as it was', () => {
    const log = memoryLogger();
    log.info('::error::x');
    log.output!('##[add-mask]y');
    expect(log.lines).toEqual(['::error::x', '##[add-mask]y']);
  });
});
