/**
 * The GitHub REST (and GraphQL) client every stage uses: `@actions/github`'s Octokit, which takes the API
 * root from GITHUB_API_URL (GitHub Enterprise Server) and goes through the runner's proxy settings
 * (https_proxy, no_proxy), as a bare `@octokit/rest` client would not. Anonymous when no token is given.
 * Every request goes through core/apifetch.ts: to the API's own origin only (a `Link` or a redirect to another
 * host is refused, so the token stays on its host), cut after OFFMAIN_STALL_SECONDS (default 60) without
 * progress, and bounded in size.
 */
import { getOctokit } from '@actions/github';
import { defaults, GitHub } from '@actions/github/lib/utils';
import { apiFetch } from './apifetch.js';
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
  const baseUrl = apiRoot(opts.apiUrl);
  const options = {
    baseUrl,
    userAgent: 'offmain',
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log?.warning(m), error: () => {} },
    // One origin, a bounded wait per read and a bounded size for every request (core/apifetch.ts).
    // Over @actions/github's own fetch, which goes through the runner's proxy settings.
    request: { ...defaults.request, fetch: apiFetch({ baseUrl, stallSeconds: stallSeconds(), fetch: defaults.request?.fetch as typeof fetch | undefined }) },
  };
  return opts.token ? getOctokit(opts.token, options) : (new GitHub(options) as GitHubClient);
}
