import { describe, expect, it } from 'vitest';
import { deployCommitMessage } from '../../src/deploy/message.js';
import { DA, M } from '../support/configrepo.js';

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
});
