import { describe, expect, it } from 'vitest';
import { OffmainError } from '../../../src/core/errors.js';
import { BUILTIN_PATCH_SETS } from '../../../src/patch/builtin.js';
import { parsePatchSet } from '../../../src/patch/patchset/format.js';

function parseError(yaml: string): OffmainError {
  try {
    parsePatchSet(yaml, 'patches/mine.yml');
  } catch (e) {
    expect(e).toBeInstanceOf(OffmainError);
    return e as OffmainError;
  }
  throw new Error('expected a parse error');
}

describe('parsePatchSet', () => {
  it('parses the built-in sets', () => {
    const redis = parsePatchSet(BUILTIN_PATCH_SETS['redis-tls']!, 'patches/redis-tls.yml');
    expect(redis.name).toBe('redis-tls');
    expect(redis.patches.map((p) => p.id)).toEqual(['hiredis-removal', 'streaming-redis']);
    expect(redis.patches[0]!.variants).toHaveLength(4);
    expect(redis.patches[0]!.description).toContain('~> 4.8.1');
    const meta = parsePatchSet(BUILTIN_PATCH_SETS['version-metadata']!, 'patches/version-metadata.yml');
    expect(meta.patches.map((p) => p.id)).toEqual(['version-metadata']);
  });

  it('accepts the single-variant form and the list form of conditions', () => {
    const set = parsePatchSet(
      `name: mine
patches:
  - id: one
    description: d
    when:
      - { version: ">=4.0.0" }
      - { file: Gemfile, exists: true }
    operations:
      - { file: Gemfile, delete: '^x$', expect: 1 }
    checks:
      - { file: Gemfile, absent: '^x$' }
      - { lockfile: true }
`,
      'mine.yml',
    );
    const v = set.patches[0]!.variants[0]!;
    expect(v.when).toMatchObject({ kind: 'all', items: [{ kind: 'version' }, { kind: 'exists', file: 'Gemfile' }] });
    expect(v.checks.map((c) => c.kind)).toEqual(['contains', 'lockfile']);
    expect(v.operations[0]).toMatchObject({ kind: 'delete', file: 'Gemfile', expect: { min: 1, max: 1 } });
  });

  it.each([
    [
      'two operation kinds',
      `name: mine
patches:
  - id: one
    description: d
    operations:
      - file: Gemfile
        delete: foo
        replace: bar
        with: baz
        expect: 1
`,
      'patches/mine.yml:6: operation needs exactly one of delete, replace, insert-after',
    ],
    [
      'no operation kind',
      `name: mine
patches:
  - id: one
    description: d
    operations:
      - { file: Gemfile, expect: 1 }
`,
      'patches/mine.yml:6: operation needs exactly one of delete, replace, insert-after',
    ],
    [
      'a YAML syntax error',
      `name: mine
patches:
  - id: one
    description: "unterminated
    operations: []
`,
      'patches/mine.yml:6: YAML syntax error: Missing closing "quote',
    ],
    [
      'an invalid regex',
      `name: mine
patches:
  - id: one
    description: d
    operations:
      - file: Gemfile
        delete: "gem ('hiredis'"
        expect: 1
`,
      'patches/mine.yml:7: invalid regular expression in delete',
    ],
    [
      'an unknown key (a typo must not disable a guard)',
      `name: mine
patches:
  - id: one
    description: d
    operations:
      - file: Gemfile
        delete: foo
        expected: 1
`,
      'patches/mine.yml:8: unknown key "expected" in an operation',
    ],
    [
      'a missing expect',
      `name: mine
patches:
  - id: one
    description: d
    operations:
      - { file: Gemfile, delete: foo }
`,
      'patches/mine.yml:6: operation delete on Gemfile needs expect: N',
    ],
    [
      'expect 0',
      `name: mine
patches:
  - id: one
    description: d
    operations:
      - { file: Gemfile, delete: foo, expect: 0 }
`,
      'patches/mine.yml:6: expect must be a whole number',
    ],
    [
      'a bad version range',
      `name: mine
patches:
  - id: one
    description: d
    when: { version: "four point two" }
    not-needed: because
`,
      'patches/mine.yml:5: version "four point two" is not a semver range',
    ],
    [
      'a patch without description',
      `name: mine
patches:
  - id: one
    not-needed: because
`,
      'patches/mine.yml:3: patch "one" needs a description',
    ],
    [
      'a duplicate id',
      `name: mine
patches:
  - { id: one, description: d, not-needed: x }
  - { id: one, description: d, not-needed: y }
`,
      'patches/mine.yml:4: duplicate patch id "one" (first used at line 3)',
    ],
    [
      'a path outside the tree',
      `name: mine
patches:
  - id: one
    description: d
    operations:
      - { file: ../etc/passwd, delete: root, expect: 1 }
`,
      'patches/mine.yml:6: file must be a path inside the Mastodon tree',
    ],
    [
      'lines on a replace',
      `name: mine
patches:
  - id: one
    description: d
    operations:
      - file: Gemfile
        replace: a
        with: b
        lines: [c]
        expect: 1
`,
      'patches/mine.yml:9: "lines" belongs to insert-after operations, not replace',
    ],
    [
      'both not-needed and operations',
      `name: mine
patches:
  - id: one
    description: d
    not-needed: because
    operations:
      - { file: Gemfile, delete: a, expect: 1 }
`,
      'patches/mine.yml:6: patch "one": a variant has either not-needed or operations, not both',
    ],
    [
      'a variant with nothing to do',
      `name: mine
patches:
  - id: one
    description: d
    variants:
      - when: { version: ">=4.0.0" }
`,
      'patches/mine.yml:6: patch "one": a variant needs operations',
    ],
    ['an empty file', '', 'patches/mine.yml:1: the patch set is empty'],
    ['no name', 'patches: []\n', 'patches/mine.yml:1: the patch set needs a name'],
  ])('rejects %s with file:line', (_what, yaml, message) => {
    const e = parseError(yaml);
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.location.file).toBe('patches/mine.yml');
    expect(e.location.line).toBe(Number(message.split(':')[1]));
  });
});
