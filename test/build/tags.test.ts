import { describe, expect, it } from 'vitest';
import { renderTag, renderTags, sortableTime, tagSafe, type TagContext } from '../../src/build/tags.js';
import { SHA } from '../support/plan.js';

describe('tag templates', () => {
  const ctx: TagContext = {
    version: '4.8.0-alpha.1_2f40549',
    declared: '4.8.0-alpha.1',
    major: 4,
    minor: 8,
    patch: 0,
    sha: SHA,
    commitTime: '2026-08-21T16:03:11+02:00',
    branch: 'main',
  };

  it.each([
    ['{version}', '4.8.0-alpha.1_2f40549'],
    ['edge', 'edge'],
    ['main-{commit_time}-{sha7}', 'main-20260821140311-2f40549'],
    ['{branch}-{sha}', `main-${SHA}`],
    ['v{major}.{minor}', 'v4.8'],
    ['{declared}', '4.8.0-alpha.1'],
    ['{ sha7 }', '2f40549'],
    ['{display}', '4.8.0-alpha.1_2f40549'],
  ])('%j -> %j', (template, tag) => expect(renderTag(template, ctx)).toBe(tag));

  it('{commit_time} is UTC and sorts like time', () => {
    expect(sortableTime('2026-08-21T16:03:11+02:00')).toBe('20260821140311');
    expect(sortableTime('2026-08-21T14:03:11Z')).toBe('20260821140311');
    expect(sortableTime('2026-12-31T23:59:59-01:00') > sortableTime('2026-12-31T23:59:59Z')).toBe(true);
    expect(() => sortableTime('yesterday')).toThrow(/not an ISO 8601 date/);
  });

  it('a branch name becomes tag text', () => {
    expect(tagSafe('feature/x y')).toBe('feature-x-y');
    expect(renderTag('{branch}', { ...ctx, branch: 'stable-4.3' })).toBe('stable-4.3');
    expect(renderTag('b-{branch}', { ...ctx, branch: 'user/feature' })).toBe('b-user-feature');
  });

  it.each([
    ['{versoin}', /unknown placeholder \{versoin\}; use \{version\}/],
    ['{version', /unbalanced/],
    ['latest+1', /gives "latest\+1", which is not a valid image tag/],
    ['.hidden', /not a valid image tag/],
    [`{sha}{sha}{sha}{sha}`, /not a valid image tag/],
  ])('%j is refused', (template, message) => expect(() => renderTag(template, ctx)).toThrow(message));

  it('renders a list without duplicates or blanks', () => {
    expect(renderTags(['{version}', 'edge', '', 'edge', '{version}'], ctx)).toEqual(['4.8.0-alpha.1_2f40549', 'edge']);
  });
});
