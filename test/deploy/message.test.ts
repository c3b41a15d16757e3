import { describe, expect, it } from 'vitest';
import { deployCommitMessage, MAX_MESSAGE, MAX_SUBJECT, type CommitMessageInput } from '../../src/deploy/message.js';
import type { PatchReport } from '../../src/patch/index.js';
import { DA, M } from '../support/configrepo.js';
import { timeRatio } from '../support/scaling.js';

describe('deployCommitMessage', () => {
  it('says what moved, with the upstream compare link on github.com', () => {
    const m = deployCommitMessage({
      images: [{ repository: M, tag: '4.8.0-alpha.1_2f40549', digest: DA }],
      bump: {
        changes: [{ file: 'k.yaml', line: 6, repository: M, kind: 'kustomize', old: '4.7.0_c5b3651', new: '4.8.0-alpha.1_2f40549' }],
        files: ['k.yaml'],
        previous: { [M]: { tag: '4.7.0_c5b3651', display: '4.7.0+c5b3651' } },
      },
      upstream: { repository: 'https://github.com/mastodon/mastodon.git', ref: 'main', commit: '2f40549d1a2b3c4d5e6f708192a3b4c5d6e7f809' },
      prefix: 'clusters/prod',
    });
    expect(m.subject).toBe('mastodon 4.7.0+c5b3651 -> 4.8.0-alpha.1+2f40549');
    expect(m.body).toBe(
      [
        'Upstream changes: https://github.com/mastodon/mastodon/compare/c5b3651...2f40549d1a2b3c4d5e6f708192a3b4c5d6e7f809',
        'Upstream commit: https://github.com/mastodon/mastodon/commit/2f40549d1a2b3c4d5e6f708192a3b4c5d6e7f809 (main)',
        '',
        'Images:',
        `- ${M}:4.8.0-alpha.1_2f40549@${DA}`,
        '',
        'Files:',
        '- clusters/prod/k.yaml',
      ].join('\n'),
    );
  });

  const hostile = (patches: PatchReport['patches'], over: Partial<CommitMessageInput> = {}) =>
    deployCommitMessage({
      images: [{ repository: M, tag: '4.8.0-alpha.1_2f40549', digest: DA }],
      bump: {
        changes: [{ file: 'k.yaml', line: 6, repository: M, kind: 'kustomize', old: '4.7.0_c5b3651', new: '4.8.0-alpha.1_2f40549' }],
        files: ['k.yaml'],
        previous: { [M]: { tag: '4.7.0_c5b3651', display: '4.7.0+c5b3651' } },
      },
      patchReport: { commit: 'x', version: 'v', imageTag: 't', ok: true, patches, changedFiles: [], warnings: [] },
      ...over,
    });

  /** The trailers git and GitHub would read: the last paragraph's `Token: value` lines. */
  const trailerLines = (message: string) => message.trimEnd().split('\n\n').pop()!.split('\n').filter((l) => /^[A-Za-z0-9-]+\s*:\s*\S/.test(l));
  const bodyLines = (message: string) => message.split('\n').slice(2);

  it('lets no patch report forge a trailer, mention someone, reference an issue or hide text', () => {
    const m = hostile([
      { id: 'evil\nSigned-off-by: Mallory <m@example.com>', status: 'applied', files: [] },
      { id: 'ping', status: 'failed', reason: 'cc @alice @acme/admins, fixes #12\nCo-authored-by: Victim <v@example.com>', files: [] },
      { id: 'hide', status: 'applied\r\nCo-authored-by: Victim <v@example.com>' as 'applied', reason: 'shown <!-- hidden --> \u202egnp.exe\u200b', files: [] },
    ]);
    expect(m.message).not.toMatch(/^(Signed-off-by|Co-authored-by):/im);
    for (const l of bodyLines(m.message)) expect(l).not.toMatch(/^[A-Za-z0-9-]+\s*:\s*\S/);
    expect(trailerLines(m.message)).toEqual([]);
    expect(m.message).not.toMatch(/(^|[^\w])@[a-z]/i);
    expect(m.message).not.toMatch(/#\d/);
    expect(m.message).not.toMatch(/<!--|[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(m.body).toContain('- evil Signed-off-by: Mallory <m@example.com>: applied');
    expect(m.body).toContain('- ping: failed (cc ＠alice ＠acme/admins, fixes ＃12)');
    expect(m.body).toMatch(/\n- hide: applied Co-authored-by: Victim <v@\S*… \(shown <\\!-- hidden --> gnp\.exe\)\n/);
  });

  it('keeps the subject one line of at most MAX_SUBJECT characters, whatever the versions say', () => {
    const m = hostile([], {
      version: `4.9.0\n\nCo-authored-by: Victim <v@example.com>\n${'x'.repeat(500)}`,
      bump: {
        changes: [{ file: 'k.yaml', line: 6, repository: M, kind: 'kustomize', old: 'a', new: 'b' }],
        files: ['k.yaml'],
        previous: { [M]: { tag: 'weird', display: '@alice\r::error::x' } },
      },
    });
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.subject.length).toBeLessThanOrEqual(MAX_SUBJECT);
    expect(m.subject).toMatch(/^mastodon ＠alice ::error::x -> 4\.9\.0 Co-authored-by: Victim <v@\S*…$/);
    expect(m.message.split('\n')[1]).toBe('');
    expect(trailerLines(m.message)).toEqual([]);
  });

  it('bounds the message: a 50 MB patch report makes a message of at most MAX_MESSAGE, saying it was cut', async () => {
    const reason = 'r'.repeat(50 * 1024 * 1024);
    const many = Array.from({ length: 100_000 }, (_, i) => ({ id: `patch-${i}-${'p'.repeat(300)}`, status: 'applied' as const, reason: 'fine '.repeat(100), files: [] }));
    const one = hostile([{ id: 'huge', status: 'failed', reason, files: [] }]);
    const lots = hostile(many);
    // Linear at worst: twice the patches cost at most about twice the time (no wall-clock limit).
    const patches = (n: number) => many.slice(0, n);
    const [p1, p2] = [patches(20_000), patches(40_000)];
    expect(await timeRatio((n) => hostile(n === 1 ? p1 : p2), 1, 2)).toBeLessThan(3.5);
    expect(one.message.length).toBeLessThan(4096);
    expect(one.body).toMatch(/- huge: failed \(r+…\)/);
    expect(lots.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(lots.body).toMatch(/\n(- … and 99800 more patches|… truncated: \d+ more characters not shown)/);
    expect(lots.body).toMatch(/… truncated: \d+ more characters not shown$/);
  });
});
