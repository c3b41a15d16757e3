/**
 * The actions' Logger as the runner reads it: what it writes to stdout, parsed the way actions/runner parses
 * it (test/support/runnercommands.ts). Only offmain's own commands may come out.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { maskSecretBuildArgs } from '../../src/actions/build.js';
import { actionsLogger, resumeCommands, setFailed } from '../../src/actions/logger.js';
import { patchTree } from '../../src/patch/index.js';
import { ROOT } from '../support/action.js';
import { commandShapedLines, runnerCommands } from '../support/runnercommands.js';
import { tempDir } from '../support/tmp.js';

let written: string[] = [];
let exitCode: typeof process.exitCode;
beforeEach(() => {
  written = [];
  exitCode = process.exitCode;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
});
afterEach(() => {
  resumeCommands();
  vi.restoreAllMocks();
  process.exitCode = exitCode;
});
const stdout = () => written.join('');

const HOSTILE = [
  '::add-mask::forged-mask',
  '::error::forged-error',
  '::set-output name=digest::forged-output',
  '::stop-commands::abc',
  'abc',
  '  ::warning::forged-indented',
  '\u2003::warning::forged-unicode-space',
  'progress\r::error::forged-after-cr',
  '#5 0.2 ##[add-mask]forged-legacy',
  'one message\n::error::forged-after-lf',
];

describe('actionsLogger: untrusted text is shown, never obeyed', () => {
  it('info: every line of every message', () => {
    const log = actionsLogger();
    for (const m of HOSTILE) log.info(m);
    log.info(HOSTILE.join('\n'));
    expect(runnerCommands(stdout())).toEqual([]);
    expect(commandShapedLines(stdout())).toEqual([]);
    // Shown as it was (but for the invisible U+200B and CR becoming LF).
    expect(stdout().replaceAll('\u200b', '')).toContain('#5 0.2 ##[add-mask]forged-legacy');
  });

  it('warning and error: one annotation each, whatever the message, file or title holds', () => {
    const log = actionsLogger('mastodon');
    log.warning('bad\n::error::forged-after-lf\r::add-mask::forged', { file: 'Gemfile', line: 3, title: 'a::b,c\n::error::forged' });
    log.error('##[add-mask]forged %0A::error::forged-escaped');
    const commands = runnerCommands(stdout());
    expect(commands.map((c) => c.command)).toEqual(['warning', 'error']);
    expect(commands[0]!.data).toBe('bad\n::error::forged-after-lf\r::add-mask::forged');
    expect(commands[0]!.line).toMatch(/^::warning title=a%3A%3Ab%2Cc%0A%3A%3Aerror%3A%3Aforged,file=mastodon\/Gemfile,line=3::bad%0A/);
    expect(commands[1]!.data).toBe('##[add-mask]forged %0A::error::forged-escaped');
  });

  it('group: the name stays on its one line; the group ends', async () => {
    const log = actionsLogger();
    await log.group('Build\n::error::forged', async () => log.info('inside'));
    expect(runnerCommands(stdout())).toMatchObject([
      { command: 'group', data: 'Build ::error::forged' },
      { command: 'endgroup', data: '' },
    ]);
  });

  it('output: lines of another program go between stop-commands and a random token, then commands work again', async () => {
    const log = actionsLogger();
    await log.group('Build mastodon', async () => {
      for (const l of HOSTILE) log.output!(l);
      log.info('offmain speaks again');
      log.output!('second block');
      log.endOutput!();
      log.warning('offmain warns');
      log.output!('third block, closed by the end of the group');
    });
    const commands = runnerCommands(stdout());
    const tokens = commands.filter((c) => c.command === 'stop-commands').map((c) => c.data);
    expect(tokens).toHaveLength(3);
    for (const t of tokens) expect(t).toMatch(/^offmain-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(tokens).size).toBe(3);
    expect(commands.map((c) => c.command)).toEqual([
      'group',
      'stop-commands',
      tokens[0]!.toLowerCase(),
      'stop-commands',
      tokens[1]!.toLowerCase(),
      'warning',
      'stop-commands',
      tokens[2]!.toLowerCase(),
      'endgroup',
    ]);
    // Belt and braces: even without the stop-commands block no line would be a command.
    const own = /^(::(group|endgroup|warning)[ :]|::stop-commands::offmain-|::offmain-[0-9a-f-]+::$)/;
    expect(commandShapedLines(stdout()).filter((l) => !own.test(l))).toEqual([]);
  });

  it('setFailed ends an open block, so the failure is annotated', () => {
    const log = actionsLogger();
    log.output!('::error::forged');
    setFailed('the build failed');
    expect(runnerCommands(stdout()).map((c) => [c.command, c.command === 'error' ? c.data : ''])).toEqual([
      ['stop-commands', ''],
      [expect.stringMatching(/^offmain-/), ''],
      ['error', 'the build failed'],
    ]);
  });
});

describe('the build action masks secret build arguments', () => {
  it('masks the values whose names say secret, and leaves short or ordinary ones', () => {
    const masked = maskSecretBuildArgs(['NPM_TOKEN=npm_0123456789', 'RAILS_MASTER_KEY=abcdef0123', 'DB_PASSWORD=hunter22', 'RUBY_YJIT_ENABLE=1', 'API_KEY=abc', 'MONKEY=banana']);
    expect(masked).toEqual(['NPM_TOKEN', 'RAILS_MASTER_KEY', 'DB_PASSWORD']);
    expect(runnerCommands(stdout())).toEqual([
      expect.objectContaining({ command: 'add-mask', data: 'npm_0123456789' }),
      expect.objectContaining({ command: 'add-mask', data: 'abcdef0123' }),
      expect.objectContaining({ command: 'add-mask', data: 'hunter22' }),
    ]);
  });
});

describe('a patch that no longer applies, next to a hostile upstream line', () => {
  it('quotes the nearest lines without the runner obeying them', async () => {
    const root = tempDir();
    const dir = join(root, 'mastodon');
    mkdirSync(join(dir, 'lib/mastodon'), { recursive: true });
    writeFileSync(join(dir, 'lib/mastodon/version.rb'), readFileSync(join(ROOT, 'test/fixtures/mastodon/main/lib/mastodon/version.rb')));
    writeFileSync(
      join(dir, 'Gemfile'),
      [
        "source 'https://rubygems.org'",
        "gem 'puma', '~> 6.0' # \r::error::forged-nearest\r::add-mask::forged-mask",
        "gem 'pumas', '~> 6.1' ##[add-mask]forged-legacy",
        "  ::set-output name=x::gem 'puma', '~> 6.2'",
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(root, 'mine.yml'),
      "name: mine\npatches:\n  - id: stale\n    description: a stale edit\n    operations:\n      - file: Gemfile\n        replace: \"gem 'puma', '~> 1.0'\"\n        with: \"gem 'puma', '~> 2.0'\"\n        expect: 1\n",
    );
    const r = await patchTree({ dir, commit: '2f40549d1a2b3c4d5e6f708192a3b4c5d6e7f809', patchSets: ['mine.yml'], baseDir: root }, actionsLogger('mastodon'));
    expect(r.report.ok).toBe(false);
    const out = stdout();
    // The nearest lines are quoted...
    expect(out).toMatch(/nearest Gemfile:2: gem 'puma'/);
    expect(out.replaceAll('\u200b', '')).toContain('##[add-mask]forged-legacy');
    // ...and the runner obeys only offmain's own commands: the groups and the failure's annotation.
    const commands = runnerCommands(out);
    expect(commands.map((c) => c.command)).toEqual(['group', 'endgroup', 'group', 'error', 'endgroup']);
    expect(commands.find((c) => c.command === 'error')!.data).toMatch(/^patch stale failed: Gemfile/);
    expect(commands.some((c) => /forged/.test(c.data))).toBe(false);
  });
});
