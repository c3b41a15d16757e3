import { describe, expect, it } from 'vitest';
import { commitUrl, compareUrl, githubRepoSlug, isLocalPath, redactText, redactUrl, splitCredentials } from '../../src/core/remote.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('github URLs', () => {
  it.each([
    ['https://github.com/mastodon/mastodon.git', 'mastodon/mastodon'],
    ['https://github.com/mastodon/mastodon', 'mastodon/mastodon'],
    ['https://github.com/mastodon/mastodon/', 'mastodon/mastodon'],
    ['http://github.com/Some-Org/my.repo.git', 'Some-Org/my.repo'],
    ['https://user:secret@github.com/mastodon/mastodon.git', 'mastodon/mastodon'],
    ['https://www.github.com/mastodon/mastodon', 'mastodon/mastodon'],
    ['ssh://git@github.com/mastodon/mastodon.git', 'mastodon/mastodon'],
    ['ssh://git@github.com:22/mastodon/mastodon', 'mastodon/mastodon'],
    ['git://github.com/mastodon/mastodon.git', 'mastodon/mastodon'],
    ['git@github.com:mastodon/mastodon.git', 'mastodon/mastodon'],
    ['git@github.com:mastodon/mastodon', 'mastodon/mastodon'],
    ['https://gitlab.com/mastodon/mastodon.git', undefined],
    ['https://github.example.com/mastodon/mastodon.git', undefined],
    ['https://notgithub.com/mastodon/mastodon.git', undefined],
    ['https://github.com/mastodon', undefined],
    ['https://github.com/mastodon/mastodon/tree/main', undefined],
    ['/srv/git/mastodon.git', undefined],
    ['file:///srv/github.com/mastodon/mastodon.git', undefined],
  ])('githubRepoSlug(%s) = %s', (url, slug) => {
    expect(githubRepoSlug(url)).toBe(slug);
  });

  it('builds commit and compare URLs only for github.com', () => {
    expect(commitUrl('git@github.com:mastodon/mastodon.git', A)).toBe(`https://github.com/mastodon/mastodon/commit/${A}`);
    expect(compareUrl('https://github.com/mastodon/mastodon', A, B)).toBe(
      `https://github.com/mastodon/mastodon/compare/${A}...${B}`,
    );
    expect(commitUrl('https://git.example.org/mastodon.git', A)).toBeUndefined();
    expect(compareUrl('/srv/mastodon.git', A, B)).toBeUndefined();
  });
});

describe('credentials and paths', () => {
  it('redacts credentials from URLs and text, keeping an ssh user', () => {
    expect(redactUrl('https://user:p%40ss@example.org/x.git')).toBe('https://example.org/x.git');
    expect(redactUrl('https://TOKEN123@example.org/x.git')).toBe('https://example.org/x.git');
    expect(redactUrl('ssh://git@example.org/x.git')).toBe('ssh://git@example.org/x.git');
    expect(redactUrl('ssh://git:pw@example.org/x.git')).toBe('ssh://example.org/x.git');
    expect(redactUrl('git@github.com:a/b.git')).toBe('git@github.com:a/b.git');
    expect(redactText("fatal: unable to access 'https://u:hunter22@h/x/': 403", ['hunter22'])).toBe(
      "fatal: unable to access 'https://h/x/': 403",
    );
    expect(redactText('token abcd1234 leaked', ['abcd1234'])).toBe('token *** leaked');
  });

  it('splits credentials out of http URLs', () => {
    expect(splitCredentials('https://u%20x:p%3Aw@h/x.git')).toEqual({ url: 'https://h/x.git', username: 'u x', password: 'p:w' });
    expect(splitCredentials('https://tok@h/x.git')).toEqual({ url: 'https://h/x.git', username: 'tok', password: undefined });
    expect(splitCredentials('ssh://git@h/x.git')).toEqual({ url: 'ssh://git@h/x.git' });
  });

  it('tells local paths from URLs', () => {
    expect(isLocalPath('/srv/x.git')).toBe(true);
    expect(isLocalPath('../x')).toBe(true);
    expect(isLocalPath('file:///srv/x.git')).toBe(false);
    expect(isLocalPath('git@github.com:a/b.git')).toBe(false);
    expect(isLocalPath('./dir:with/colon')).toBe(true);
  });

});
