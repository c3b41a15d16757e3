import { describe, expect, it } from 'vitest';
import { parseLsRemote } from '../../src/core/remote.js';
import { newestStableTag, stableBranches } from '../../src/patch/releases.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = 'd'.repeat(40);
const E = 'e'.repeat(40);

describe('newestStableTag', () => {
  it('prefers the peeled commit of an annotated tag', () => {
    const out = `${A}\trefs/tags/v4.3.1\n${B}\trefs/tags/v4.3.1^{}\n${C}\trefs/tags/v4.3.0\n`;
    expect(newestStableTag(out)).toEqual({ tag: 'v4.3.1', sha: B });
  });

  it('takes a lightweight tag as is', () => {
    expect(newestStableTag(`${C}\trefs/tags/v4.2.1\n${A}\trefs/tags/v4.2.0\n${D}\trefs/tags/v4.2.0^{}\n`)).toEqual({
      tag: 'v4.2.1',
      sha: C,
    });
  });

  it('excludes pre-releases and anything that is not exactly vX.Y.Z', () => {
    const out = [
      `${A}\trefs/tags/v4.3.0-rc.1`,
      `${B}\trefs/tags/v4.3.0-beta.2`,
      `${C}\trefs/tags/v4.2.0`,
      `${D}\trefs/tags/v5.0.0-alpha`,
      `${D}\trefs/tags/4.9.0`,
      `${D}\trefs/tags/v4.9`,
      `${D}\trefs/tags/v4.9.0+build`,
      `${D}\trefs/tags/v04.9.0`,
      `${E}\trefs/heads/v9.9.9`,
    ].join('\n');
    expect(newestStableTag(out)).toEqual({ tag: 'v4.2.0', sha: C });
  });

  it('compares by semver, not as text', () => {
    const out = `${A}\trefs/tags/v4.9.9\n${B}\trefs/tags/v4.10.0\n${C}\trefs/tags/v3.99.99\n`;
    expect(newestStableTag(out)).toEqual({ tag: 'v4.10.0', sha: B });
  });

  it('can be limited to one series, and is undefined without stable tags', () => {
    const out = `${A}\trefs/tags/v4.3.1\n${B}\trefs/tags/v4.2.9\n${C}\trefs/tags/v4.2.10\n`;
    expect(newestStableTag(out, { major: 4, minor: 2 })).toEqual({ tag: 'v4.2.10', sha: C });
    expect(newestStableTag(`${A}\trefs/tags/v4.3.0-rc.1\n`)).toBeUndefined();
    expect(newestStableTag('')).toBeUndefined();
  });

  it('orders stable-X.Y branches by version', () => {
    const refs = parseLsRemote(
      `${A}\trefs/heads/stable-4.9\n${A}\trefs/heads/main\n${A}\trefs/heads/stable-4.10\n${A}\trefs/heads/stable-3.5\n${A}\trefs/heads/stable-4.3-fix\n`,
    );
    expect(stableBranches(refs)).toEqual(['stable-4.10', 'stable-4.9', 'stable-3.5']);
  });
});
