import { describe, expect, it } from 'vitest';
import { apiRoot, githubClient } from '../../src/core/github.js';
import { withEnv } from '../support/env.js';
import { withTarpit } from '../support/tarpit.js';

describe('githubClient', () => {
  it('takes the API root from the argument, else GITHUB_API_URL', () => {
    expect(apiRoot('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com/api/v3');
  });

  it('gives up on an API that accepts and never answers, after OFFMAIN_STALL_SECONDS', async () => {
    await withEnv({ OFFMAIN_STALL_SECONDS: '1' }, () =>
      withTarpit(async (port) => {
        const gh = githubClient({ token: 't', apiUrl: `http://127.0.0.1:${port}` });
        await expect(gh.rest.repos.get({ owner: 'acme', repo: 'config' })).rejects.toThrow(/the GitHub API at http:\/\/127\.0\.0\.1:\d+ did not answer \/repos\/acme\/config completely: no answer for 1 s/);
      }),
    );
  }, 20_000);
});
