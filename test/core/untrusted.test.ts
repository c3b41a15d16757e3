import { describe, expect, it } from 'vitest';
import { timeRatio } from '../support/scaling.js';
import { bounded, inline, neutraliseReferences, neutraliseTrailers, stripHidden, visible } from '../../src/core/untrusted.js';

describe('inline: untrusted text as one bounded line', () => {
  it.each([
    ['4.8.0-alpha.1+2f40549', '4.8.0-alpha.1+2f40549'],
    ['ghcr.io/acme/mastodon:4.8.0_2f40549@sha256:abc', 'ghcr.io/acme/mastodon:4.8.0_2f40549@sha256:abc'],
    ['a\nCo-authored-by: Victim <v@example.com>', 'a Co-authored-by: Victim <v@example.com>'],
    ['a\r\nSigned-off-by: x', 'a Signed-off-by: x'],
    ['tab\tand  spaces', 'tab and spaces'],
    ['ping @alice and @acme/team', 'ping ＠alice and ＠acme/team'],
    ['@alice first', '＠alice first'],
    ['(@bob)', '(＠bob)'],
    ['`@bob` in a code span', '`＠bob` in a code span'],
    ['mail alice@example.com stays', 'mail alice@example.com stays'],
    ['fixes #12, closes acme/config#3, GH-7', 'fixes ＃12, closes acme/config＃3, GH‐7'],
    ['&#64;alice &commat;bob &amp;', '＆＃64;alice ＆commat;bob ＆amp;'],
    ['hidden <!-- comment --> rest', 'hidden <\\!-- comment --> rest'],
    ['zero\u200bwidth\u200d and \u202eevil\u202c \u2066iso\u2069 \ufeffbom \u00adsoft', 'zerowidth and evil iso bom soft'],
    ['tag chars \u{e0041}\u{e0042}', 'tag chars'],
    ['bell\u0007 and \u0085 next-line \u2028 ls', 'bell and next-line ls'],
    ['emoji ✅ and ⚠️ stay', 'emoji ✅ and ⚠️ stay'],
  ])('%j', (text, line) => {
    expect(inline(text)).toBe(line);
  });

  it('bounds the line, cheaply even for megabytes, and takes only strings', async () => {
    expect(inline('x'.repeat(500), 100)).toBe(`${'x'.repeat(99)}…`);
    expect(inline('x'.repeat(100), 100)).toBe('x'.repeat(100));
    const text = (n: number) => `${'y'.repeat(10)}\n${'z'.repeat(n)}`;
    const huge = text(50_000_000);
    expect(inline(huge, 50)).toBe(`${'y'.repeat(10)} ${'z'.repeat(38)}…`);
    // Bounded by the line's limit, not the input: 50x the input costs nowhere near 50x the time.
    const small = text(1_000_000);
    expect(await timeRatio((n) => inline(n === 1 ? small : huge, 50), 1, 50)).toBeLessThan(10);
    expect(inline('😀'.repeat(10), 6)).toBe('😀😀…');
    expect(inline(undefined)).toBe('');
    expect(inline({ toString: () => '@x' })).toBe('');
  });

  it('is stable: inlining twice changes nothing more', () => {
    for (const t of ['@a #1 <!-- &#64; GH-2', 'x\ny']) expect(inline(inline(t))).toBe(inline(t));
  });
});

describe('bounded', () => {
  it('keeps a short text, cuts a long one at a line with a line saying so', () => {
    expect(bounded('a\nb', 10)).toBe('a\nb');
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const b = bounded(text, 200);
    expect(b.length).toBeLessThanOrEqual(200);
    expect(b).toMatch(/^line 0\nline 1\n/);
    expect(b).toMatch(/\n… truncated: \d+ more characters not shown$/);
    const kept = b.split('\n').slice(0, -1);
    for (const l of kept) expect(text.split('\n')).toContain(l);
    const one = bounded('q'.repeat(1000), 100);
    expect(one.length).toBeLessThanOrEqual(100);
    expect(one).toMatch(/^q+\n… truncated: \d+ more characters not shown$/);
  });
});

describe('neutraliseTrailers', () => {
  it('quotes lines shaped like trailers but offmain’s own headings', () => {
    const body = ['Patches:', '- a: applied', 'Signed-off-by: Mallory <m@x>', 'Co-authored-by : V <v@x>', 'Fixes #1', 'Upstream commit: url', 'Files:'].join('\n');
    expect(neutraliseTrailers(body, ['Patches:', 'Files:']).split('\n')).toEqual([
      'Patches:',
      '- a: applied',
      '> Signed-off-by: Mallory <m@x>',
      '> Co-authored-by : V <v@x>',
      '> Fixes #1',
      'Upstream commit: url',
      'Files:',
    ]);
  });
});

describe('whole texts', () => {
  it('stripHidden and visible keep line breaks and Markdown, drop what hides', () => {
    expect(stripHidden('a\u200b\nb\u202e')).toBe('a\nb');
    expect(visible('| a | <!-- x --> |\n| @b | #1 |')).toBe('| a | <\\!-- x --> |\n| @b | #1 |');
    expect(neutraliseReferences('line one @a\nline two #2')).toBe('line one ＠a\nline two ＃2');
  });
});
