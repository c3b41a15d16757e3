import { describe, expect, it } from 'vitest';
import { isoUtc } from '../../src/core/git.js';

describe('isoUtc', () => {
  it('formats committer dates in UTC', () => {
    expect(isoUtc(0)).toBe('1970-01-01T00:00:00Z');
    expect(isoUtc(Date.UTC(2026, 7, 21, 14, 3, 11) / 1000)).toBe('2026-08-21T14:03:11Z');
  });
});
