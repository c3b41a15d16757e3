import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerfileArgs } from '../../src/build/dockerfile.js';
import { readBuildTree } from '../../src/build/plan.js';
import { FIXTURES } from '../support/tmp.js';

describe('Dockerfile ARGs', () => {
  it('reads every ARG across stages, with defaults, continuations, several per line and comments', () => {
    const args = dockerfileArgs(
      [
        '# syntax=docker/dockerfile:1',
        'ARG TARGETPLATFORM=${TARGETPLATFORM}',
        'ARG RUBY_VERSION="3.4.8"',
        'FROM ruby:${RUBY_VERSION} AS ruby',
        'arg lower=1',
        'ARG A=1 B="two words" C',
        'RUN echo ARG NOT_AN_ARG=1 \\',
        '  # a comment inside',
        '  && true',
        'FROM ruby AS final',
        'ARG MASTODON_VERSION_METADATA=""',
        'ARG \\',
        '  CONTINUED="x"',
        '# ARG COMMENTED=1',
        '  ARG   INDENTED',
      ].join('\n'),
    );
    expect(Object.fromEntries(args)).toEqual({
      TARGETPLATFORM: '${TARGETPLATFORM}',
      RUBY_VERSION: '3.4.8',
      lower: '1',
      A: '1',
      B: 'two words',
      C: undefined,
      MASTODON_VERSION_METADATA: '',
      CONTINUED: 'x',
      INDENTED: undefined,
    });
  });

  it.each([
    ['v4.0', ['NODE_VERSION'], ['MASTODON_VERSION_METADATA', 'SOURCE_COMMIT']],
    ['v4.1', ['UID', 'GID'], ['MASTODON_VERSION_METADATA']],
    ['main-2023', ['MASTODON_VERSION_SUFFIX', 'MASTODON_VERSION_FLAGS'], ['MASTODON_VERSION_METADATA']],
    ['v4.2', ['MASTODON_VERSION_METADATA', 'MASTODON_VERSION_PRERELEASE'], ['SOURCE_COMMIT']],
    ['v4.3', ['MASTODON_VERSION_METADATA', 'TARGETPLATFORM'], ['SOURCE_COMMIT', 'BASE_REGISTRY']],
    ['v4.4', ['SOURCE_COMMIT', 'BASE_REGISTRY'], []],
    ['main', ['SOURCE_COMMIT', 'MASTODON_VERSION_METADATA', 'RUBY_VERSION'], []],
  ])('%s root Dockerfile declares %j and not %j', async (line, has, hasNot) => {
    const args = dockerfileArgs((await readBuildTree(join(FIXTURES, line))).dockerfile!);
    for (const a of has) expect(args.has(a), a).toBe(true);
    for (const a of hasNot) expect(args.has(a), a).toBe(false);
  });
});
