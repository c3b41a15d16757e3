/**
 * The GitHub REST (and GraphQL) client every stage uses: `@actions/github`'s Octokit, which takes the API
 * root from GITHUB_API_URL (GitHub Enterprise Server) and goes through the runner's proxy settings
 * (https_proxy, no_proxy), as a bare `@octokit/rest` client would not. Anonymous when no token is given.
 * Every request gives up after OFFMAIN_STALL_SECONDS (default 60): an API that never answers cannot hang a run.
 */
import { getOctokit } from '@actions/github';
import { GitHub } from '@actions/github/lib/utils';
import type { Logger } from './log.js';
import { stallSeconds } from './timeouts.js';

export const DEFAULT_API_URL = 'https://api.github.com';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  /** A token (sent as `Authorization: token ...`); none for anonymous reads of public repositories. */
  token?: string;
  /** REST API root; default GITHUB_API_URL or https://api.github.com. GraphQL is derived from it. */
  apiUrl?: string;
  log?: Logger;
}

export function apiRoot(apiUrl?: string): string {
  return (apiUrl || process.env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
}

export function githubClient(opts: GitHubClientOptions): GitHubClient {
  const log = opts.log;
  const options = {
    baseUrl: apiRoot(opts.apiUrl),
    userAgent: 'offmain',
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log?.warning(m), error: () => {} },
  };
  const client = opts.token ? getOctokit(opts.token, options) : (new GitHub(options) as GitHubClient);
  const stall = stallSeconds();
  client.hook.wrap('request', (request, o) => {
    o.request = { ...o.request, signal: o.request?.signal ?? AbortSignal.timeout(stall * 1000) };
    return request(o);
  });
  return client;
}
