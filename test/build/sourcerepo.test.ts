/**
 * The repository that runs offmain, for the images' source label: what is accepted (and how it is written),
 * what is refused (and that a refusal never shows a credential), and the job's repository in GitHub Actions.
 */
import { describe, expect, it } from 'vitest';
import { runningRepository, validateSourceRepository } from '../../src/build/sourcerepo.js';

describe('a source repository given by hand', () => {
  it.each([
    ['https://github.com/acme/offmain-config', 'https://github.com/acme/offmain-config'],
    ['  https://github.com/acme/offmain-config/  ', 'https://github.com/acme/offmain-config'],
    ['https://github.com/acme/offmain-config.git', 'https://github.com/acme/offmain-config'],
    ['https://GHE.example.org/Team/Mastodon-Build', 'https://ghe.example.org/Team/Mastodon-Build'],
    ['https://git.example.org:8443/a/b/c', 'https://git.example.org:8443/a/b/c'],
  ])('%j is %j', (value, url) => expect(validateSourceRepository(value)).toBe(url));

  it.each([
    ['http://github.com/acme/x', /is not an https URL/],
    ['ssh://git@github.com/acme/x', /is not an https URL/],
    ['git@github.com:acme/x.git', /is not a URL|is not an https URL/],
    ['github.com/acme/x', /is not a URL/],
    ['https://token@github.com/acme/x', /carries credentials/],
    ['https://x-access-token:ghs_SECRET@github.com/acme/x', /carries credentials/],
    ['https://github.com/acme/x?ref=main', /has a query or fragment/],
    ['https://github.com/acme/x#readme', /has a query or fragment/],
    ['https://github.com/', /names no repository/],
    ['https://github.com', /names no repository/],
    ['https://github.com/acme/x\n::warning::forged', /contains white space or a control character/],
    ['https://github.com/acme/x\u0007', /contains white space or a control character/],
    ['https://github.com/acme/x\u2028y', /contains white space or a control character/],
    ['https://github.com/acme x', /contains white space or a control character/],
  ])('%j is refused: %s', (value, why) => {
    let message = '';
    try {
      validateSourceRepository(value, 'input source-repository');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(why);
    expect(message).toMatch(/^input source-repository ".*" (is|has|names|contains|carries) [^"]*: give the web address of the repository that runs offmain, e\.g\. https:\/\/github\.com\/OWNER\/REPOSITORY$/);
    expect(message).not.toContain('ghs_SECRET');
    expect(message).not.toContain('\n');
  });
});

describe('the repository a GitHub Actions job runs in', () => {
  it('is GITHUB_SERVER_URL/GITHUB_REPOSITORY, in GitHub Actions only', () => {
    expect(runningRepository({ GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/offmain-config' })).toBe(
      'https://github.com/acme/offmain-config',
    );
    expect(runningRepository({ GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://ghe.example.org/', GITHUB_REPOSITORY: 'team/build' })).toBe('https://ghe.example.org/team/build');
    expect(runningRepository({ GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/offmain-config' })).toBe('https://github.com/acme/offmain-config');
    expect(runningRepository({ GITHUB_REPOSITORY: 'acme/offmain-config' })).toBeUndefined();
    expect(runningRepository({ GITHUB_ACTIONS: 'true' })).toBeUndefined();
    expect(runningRepository({})).toBeUndefined();
  });

  it('refuses what the runner would never set', () => {
    expect(() => runningRepository({ GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/x/../y' })).toThrow(/GITHUB_REPOSITORY is "acme\/x\/\.\.\/y", not OWNER\/REPOSITORY/);
    expect(() => runningRepository({ GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'http://github.com', GITHUB_REPOSITORY: 'acme/x' })).toThrow(
      /GITHUB_SERVER_URL\/GITHUB_REPOSITORY "http:\/\/github\.com\/acme\/x" is not an https URL/,
    );
  });
});
