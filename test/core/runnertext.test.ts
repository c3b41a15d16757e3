import { describe, expect, it } from 'vitest';
import { isCommandLike, neutraliseLine, runnerSafe, runnerSafeLine, runnerSafeResult } from '../../src/core/runnertext.js';
import { commandShapedLines, runnerCommands } from '../support/runnercommands.js';

const Z = '\u200b';

describe('runnerSafe: text from outside offmain is never a runner command', () => {
  it.each([
    // [text, what is written]
    ['plain text', 'plain text'],
    ['a ::error:: in the middle', 'a ::error:: in the middle'],
    ['::error::x', `${Z}::error::x`],
    ['::add-mask::secret', `${Z}::add-mask::secret`],
    ['::set-output name=a::b', `${Z}::set-output name=a::b`],
    ['::stop-commands::abc', `${Z}::stop-commands::abc`],
    ['::ERROR::upper case', `${Z}::ERROR::upper case`],
    ['   ::warning::indented', `${Z}   ::warning::indented`],
    ['\t::warning::tab', `${Z}\t::warning::tab`],
    ['\u00a0\u2003\u3000::warning::unicode spaces', `${Z}\u00a0\u2003\u3000::warning::unicode spaces`],
    ['\ufeff::warning::bom', `${Z}\ufeff::warning::bom`],
    ['#5 0.2 ##[add-mask]legacy', `#5 0.2 ##${Z}[add-mask]legacy`],
    ['##[error]a ##[warning]b', `##${Z}[error]a ##${Z}[warning]b`],
    ['###[x]', `###${Z}[x]`],
    ['line\n::error::x', `line\n${Z}::error::x`],
    ['line\r::error::x', `line\n${Z}::error::x`],
    ['line\r\n::error::x\r\n', `line\n${Z}::error::x\n`],
    ['a\n\n  ::group::g', `a\n\n${Z}  ::group::g`],
  ])('%j', (text, written) => {
    expect(runnerSafe(text)).toBe(written);
    // What the runner would obey in it: nothing.
    expect(runnerCommands(runnerSafe(text))).toEqual([]);
    expect(commandShapedLines(runnerSafe(text))).toEqual([]);
  });

  it('was needed: the same texts as they are would be obeyed', () => {
    expect(runnerCommands('line\r::error::x').map((c) => c.command)).toEqual(['error']);
    expect(runnerCommands('#5 0.2 ##[add-mask]legacy')).toMatchObject([{ command: 'add-mask', data: 'legacy' }]);
    expect(runnerCommands('\u2003::warning::w')).toMatchObject([{ command: 'warning', data: 'w' }]);
  });

  it('changes nothing more when applied twice, and leaves invisible what it adds', () => {
    for (const t of ['::error::x', ' ::a::b\r##[c]d', 'x']) {
      expect(runnerSafe(runnerSafe(t))).toBe(runnerSafe(t));
      expect(runnerSafe(t).replaceAll(Z, '')).toBe(t.replace(/\r\n?/g, '\n'));
    }
  });

  it('isCommandLike and neutraliseLine agree', () => {
    for (const l of ['::x::y', ' ::x', 'a##[b]', 'a ::b', 'fine']) {
      expect(isCommandLike(neutraliseLine(l))).toBe(false);
    }
    expect(isCommandLike('  ::x::y')).toBe(true);
    expect(isCommandLike('a ::x::y')).toBe(false);
  });

  it('runnerSafeLine keeps a group name on one line', () => {
    expect(runnerSafeLine('Build\n::error::x')).toBe('Build ::error::x');
    expect(runnerSafeLine('::error::x')).toBe(`${Z}::error::x`);
    expect(runnerSafeLine('a\r\nb\rc')).toBe('a b c');
  });

  it('runnerSafeResult keeps JSON the same JSON', () => {
    const value = { reason: 'x ##[add-mask]y', text: 'a\n::error::b', list: ['::warning::c'] };
    for (const json of [JSON.stringify(value), JSON.stringify(value, null, 2)]) {
      const written = runnerSafeResult(json);
      expect(JSON.parse(written)).toEqual(value);
      expect(runnerCommands(written)).toEqual([]);
      expect(commandShapedLines(written)).toEqual([]);
    }
    expect(runnerSafeResult('## offmain patch\n::error::x')).toBe(`## offmain patch\n${Z}::error::x`);
    expect(runnerSafeResult('{ not json\n::error::x')).toBe(`{ not json\n${Z}::error::x`);
  });
});
