/**
 * Pull-request mode of the deploy: ONE open pull request per offmain branch (`offmain/<tag>`), opened or
 * updated through the GitHub REST API (core/github.ts), with labels and optional auto-merge (GraphQL
 * `enablePullRequestAutoMerge`, the only API for it). Earlier offmain pull requests that this one supersedes
 * may be closed with a comment; a pull request is only ever closed when offmain opened it: its head branch is
 * `offmain/...` in the same repository, its author is the same account as this run's, and its body carries
 * offmain's marker. Anything a person opened is left alone. An open pull request from offmain's own branch is
 * updated only when offmain opened it and its head is still the commit offmain pushed (else the deploy stops),
 * and auto-merge is pinned to that commit (`expectedHeadOid`): commits someone else pushes never ride along.
 */
import { OffmainError } from '../core/errors.js';
import { githubClient, type GitHubClient } from '../core/github.js';
import type { Logger } from '../core/log.js';
import { bounded, inline, neutraliseReferences, stripHidden } from '../core/untrusted.js';

/** In the body of every pull request offmain opens. */
export const PR_MARKER = '<!-- offmain:deploy -->';
export const BRANCH_PREFIX = 'offmain/';

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface PullRequestInfo {
  number: number;
  url: string;
  nodeId: string;
  author: string;
  headRef: string;
  headSha: string;
  title: string;
  /** Its description as GitHub has it (to find offmain's marker). */
  body: string;
}

export interface GitHubOptions {
  token: string;
  owner: string;
  repo: string;
  /** REST API root (default GITHUB_API_URL or https://api.github.com); GraphQL is derived from it. */
  apiUrl?: string;
  log?: Logger;
}

export interface PullRequestOptions {
  base: string;
  /** Branch name in the same repository, e.g. `offmain/4.8.0-alpha.1_2f40549`. */
  head: string;
  /**
   * The commit offmain just pushed to `head`: an open pull request from that branch is taken over only when
   * offmain opened it and its head is still this commit, and auto-merge is pinned to it.
   */
  headSha: string;
  title: string;
  /** The marker is appended when missing. */
  body: string;
  labels?: string[];
  autoMerge?: MergeMethod;
  /** Close earlier offmain pull requests this one supersedes (default true). */
  closeSuperseded?: boolean;
  /**
   * Whether the deploy on another offmain branch is older than this one: only then is its pull request
   * closed. Default: never (nothing is closed).
   */
  isSuperseded?: (headRef: string) => Promise<boolean>;
}

export interface PullRequestResult {
  pullRequest: PullRequestInfo;
  created: boolean;
  labels: string[];
  /** `enabled`, or why not. */
  autoMerge?: 'enabled' | string;
  closed: PullRequestInfo[];
}

interface RawPull {
  number: number;
  html_url: string;
  node_id: string;
  title: string;
  body?: string | null;
  user: { login: string } | null;
  head: { ref: string; sha: string; repo: { full_name: string } | null };
}

function info(p: RawPull): PullRequestInfo {
  return {
    number: p.number,
    url: p.html_url,
    nodeId: p.node_id,
    author: p.user?.login ?? '',
    headRef: p.head.ref,
    headSha: p.head.sha,
    title: p.title,
    body: p.body ?? '',
  };
}

interface HttpError {
  status: number;
  message: string;
  response?: { data?: unknown };
}

function isHttpError(e: unknown): e is HttpError {
  return typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number' && (e as { response?: unknown }).response !== undefined;
}

/** GitHub's own text of an error response: `message` plus each `errors[].message`. */
function apiText(e: HttpError): string {
  const data = e.response?.data as { message?: string; errors?: Array<{ message?: string; code?: string; field?: string }> } | undefined;
  const parts = [data?.message ?? e.message];
  for (const x of data?.errors ?? []) parts.push(x.message ?? [x.field, x.code].filter(Boolean).join(' '));
  return parts.filter(Boolean).join(': ');
}

export class GitHubPullRequests {
  readonly octokit: GitHubClient;
  readonly slug: string;

  constructor(readonly opts: GitHubOptions) {
    const log = opts.log;
    this.slug = `${opts.owner}/${opts.repo}`;
    this.octokit = githubClient({ token: opts.token, apiUrl: opts.apiUrl, log });
  }

  /** Turns an API failure into one line naming the repository and what to do. */
  private fail(e: unknown, doing: string): never {
    if (!isHttpError(e)) {
      // Octokit reports a network failure or a timeout as a RequestError with status 500 and no response.
      const why = (e as { message?: string })?.message ?? String(e);
      throw new OffmainError(`GitHub could not be reached while ${doing} in ${this.slug} (${why}): check the API URL, the network and the proxy, and run again`);
    }
    const text = apiText(e);
    switch (e.status) {
      case 401:
        throw new OffmainError(`GitHub refused the token while ${doing} in ${this.slug} (401 ${text}): check the token`);
      case 403:
        throw new OffmainError(
          `GitHub refused ${doing} in ${this.slug} (403 ${text}): the token needs pull-requests: write and contents: write ` +
            '(for GITHUB_TOKEN, also allow GitHub Actions to create pull requests in the repository settings)',
        );
      case 404:
        throw new OffmainError(`${this.slug} was not found while ${doing} (404): check the repository, and that the token can see it`);
      default:
        throw new OffmainError(`GitHub answered ${e.status} while ${doing} in ${this.slug}: ${text}`);
    }
  }

  /** Checks that the token can see the repository; returns what the deploy needs to know of it. */
  async repository(): Promise<{ defaultBranch: string; allowAutoMerge?: boolean; canPush?: boolean }> {
    try {
      const { data } = await this.octokit.rest.repos.get({ owner: this.opts.owner, repo: this.opts.repo });
      const out: { defaultBranch: string; allowAutoMerge?: boolean; canPush?: boolean } = { defaultBranch: data.default_branch };
      if (typeof data.allow_auto_merge === 'boolean') out.allowAutoMerge = data.allow_auto_merge;
      if (data.permissions) out.canPush = data.permissions.push;
      return out;
    } catch (e) {
      this.fail(e, 'reading the repository');
    }
  }

  /** The open pull request from `head` (a branch of this repository) into `base`, if any. */
  async findOpen(head: string, base?: string): Promise<PullRequestInfo | undefined> {
    try {
      const { data } = await this.octokit.rest.pulls.list({
        owner: this.opts.owner,
        repo: this.opts.repo,
        state: 'open',
        head: `${this.opts.owner}:${head}`,
        ...(base ? { base } : {}),
        per_page: 100,
      });
      const mine = (data as RawPull[]).find((p) => p.head.ref === head && p.head.repo?.full_name === this.slug);
      return mine && info(mine);
    } catch (e) {
      this.fail(e, 'listing pull requests');
    }
  }

  private async listOpen(base: string): Promise<RawPull[]> {
    try {
      const all = await this.octokit.paginate(this.octokit.rest.pulls.list, {
        owner: this.opts.owner,
        repo: this.opts.repo,
        state: 'open',
        base,
        per_page: 100,
      });
      return all as RawPull[];
    } catch (e) {
      this.fail(e, 'listing pull requests');
    }
  }

  /** Opens the pull request, or updates the one already open for the same branch. */
  async openOrUpdate(o: PullRequestOptions): Promise<PullRequestResult> {
    const log = this.opts.log;
    const title = pullRequestTitle(o.title);
    const body = pullRequestBody(o.body);
    const { owner, repo } = this.opts;
    let pr = await this.findOpen(o.head, o.base);
    let created = false;
    if (pr) await this.mayTakeOver(pr, o);
    if (pr) {
      try {
        const { data } = await this.octokit.rest.pulls.update({ owner, repo, pull_number: pr.number, title, body, base: o.base });
        pr = info(data as RawPull);
        log?.info(`updated pull request #${pr.number}: ${pr.url}`);
      } catch (e) {
        this.fail(e, `updating pull request #${pr.number}`);
      }
    } else {
      try {
        const { data } = await this.octokit.rest.pulls.create({ owner, repo, title, body, head: o.head, base: o.base });
        pr = info(data as RawPull);
        created = true;
        log?.info(`opened pull request #${pr.number}: ${pr.url}`);
      } catch (e) {
        // Another run opened it in between: update that one.
        if (isHttpError(e) && e.status === 422 && /already exists/i.test(apiText(e))) {
          const other = await this.findOpen(o.head, o.base);
          if (!other) this.fail(e, 'opening a pull request');
          await this.mayTakeOver(other, o);
          try {
            const { data } = await this.octokit.rest.pulls.update({ owner, repo, pull_number: other.number, title, body });
            pr = info(data as RawPull);
          } catch (e2) {
            this.fail(e2, `updating pull request #${other.number}`);
          }
        } else {
          this.fail(e, 'opening a pull request');
        }
      }
    }

    const result: PullRequestResult = { pullRequest: pr, created, labels: [], closed: [] };
    const labels = [...new Set((o.labels ?? []).map((l) => l.trim()).filter(Boolean))];
    if (labels.length) {
      try {
        const { data } = await this.octokit.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels });
        result.labels = data.map((l) => l.name);
      } catch (e) {
        this.fail(e, `labelling pull request #${pr.number}`);
      }
    }

    if (o.autoMerge) result.autoMerge = await this.enableAutoMerge(pr, o.autoMerge, o.headSha);

    if (o.closeSuperseded !== false && o.isSuperseded) {
      for (const other of await this.listOpen(o.base)) {
        if (other.number === pr.number || !other.head.ref.startsWith(BRANCH_PREFIX) || other.head.ref === o.head) continue;
        const offmains =
          other.head.repo?.full_name === this.slug && other.user?.login === pr.author && (other.body ?? '').includes(PR_MARKER);
        if (!offmains) {
          log?.info(`left pull request #${other.number} (${other.head.ref}) open: it was not opened by offmain as ${pr.author}`);
          continue;
        }
        if (!(await o.isSuperseded(other.head.ref))) {
          log?.info(`left pull request #${other.number} (${other.head.ref}) open: it is not older than this deploy`);
          continue;
        }
        try {
          await this.octokit.rest.issues.createComment({
            owner,
            repo,
            issue_number: other.number,
            body: `Superseded by #${pr.number} (${o.head}). Closed by offmain.`,
          });
          await this.octokit.rest.pulls.update({ owner, repo, pull_number: other.number, state: 'closed' });
          result.closed.push(info(other));
          log?.info(`closed pull request #${other.number} (${other.head.ref}): superseded by #${pr.number}`);
        } catch (e) {
          log?.warning(`could not close the superseded pull request #${other.number}: ${isHttpError(e) ? apiText(e) : String(e)}`);
        }
      }
    }
    return result;
  }

  /** Who the token is (GraphQL `viewer`: it answers for user, App installation and Actions tokens alike). */
  async viewerLogin(): Promise<string> {
    try {
      const r = await this.octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
      if (typeof r.viewer?.login !== 'string' || !r.viewer.login) throw new OffmainError('GitHub named no account for the token');
      return r.viewer.login;
    } catch (e) {
      if (e instanceof OffmainError) throw e;
      this.fail(e, 'asking GitHub which account the token is');
    }
  }

  /**
   * An open pull request from offmain's branch is offmain's to update only when offmain opened it (as this
   * token's account, with its marker) and nobody pushed to it since offmain did: else a person's commits on
   * that branch would ride along into the cluster. Anything else stops the deploy and says what to do.
   */
  private async mayTakeOver(pr: PullRequestInfo, o: PullRequestOptions): Promise<void> {
    const me = await this.viewerLogin();
    const problems: string[] = [];
    if (pr.author !== me) problems.push(`it was opened by ${inline(pr.author, 60) || 'an unknown account'}, not by offmain as ${inline(me, 60)}`);
    else if (!pr.body.includes(PR_MARKER)) problems.push('its description lost the marker offmain writes');
    if (pr.headSha !== o.headSha) problems.push(`its head is ${pr.headSha.slice(0, 12)}, not the commit offmain pushed (${o.headSha.slice(0, 12)}): someone pushed to ${o.head} since`);
    if (problems.length) {
      throw new OffmainError(
        `pull request #${pr.number} from ${o.head} is not offmain's to update (${problems.join('; ')}): offmain does not take it over. ` +
          `Close it (and delete the branch ${o.head}); the next run opens its own`,
      );
    }
  }

  /** Enables auto-merge, pinned to the head offmain pushed; on failure warns and returns why (the pull request itself stands). */
  async enableAutoMerge(pr: PullRequestInfo, method: MergeMethod, expectedHeadOid: string): Promise<string> {
    const mutation = `mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!, $expectedHeadOid: GitObjectID!) {
  enablePullRequestAutoMerge(input: {pullRequestId: $pullRequestId, mergeMethod: $mergeMethod, expectedHeadOid: $expectedHeadOid}) {
    pullRequest { number autoMergeRequest { enabledAt mergeMethod } }
  }
}`;
    try {
      await this.octokit.graphql(mutation, { pullRequestId: pr.nodeId, mergeMethod: method.toUpperCase(), expectedHeadOid });
      this.opts.log?.info(`enabled auto-merge (${method}) on #${pr.number}`);
      return 'enabled';
    } catch (e) {
      const errors = (e as { errors?: Array<{ message?: string }> }).errors;
      const why = errors?.map((x) => x.message).filter(Boolean).join('; ') || (isHttpError(e) ? apiText(e) : String(e));
      this.opts.log?.warning(
        `auto-merge could not be enabled on pull request #${pr.number} (${why}): allow auto-merge in the repository settings ` +
          'and protect the base branch with a required check, or merge it by hand',
      );
      return why;
    }
  }
}

/** GitHub's limits: a pull request's title (characters) and body (characters). */
export const MAX_TITLE = 256;
export const MAX_BODY = 65536;

/** The title: one line, no invisible characters, mentions or references, at most MAX_TITLE characters. */
export function pullRequestTitle(title: string): string {
  return inline(title, MAX_TITLE) || 'offmain deploy';
}

/**
 * The body as GitHub gets it: no invisible characters, no mention or issue reference, no HTML comment but
 * offmain's marker, which ends it exactly once (the body is cut, with a "… truncated" line, to fit
 * MAX_BODY with it).
 */
export function pullRequestBody(body: string): string {
  const end = `\n\n${PR_MARKER}\n`;
  const text = neutraliseReferences(stripHidden(body.split(PR_MARKER).join('')).replace(/\r\n?/g, '\n')).trimEnd();
  return `${bounded(text, MAX_BODY - end.length)}${end}`;
}

/** The `auto-merge` setting: `false`/empty for none, `true` for squash, or a merge method. */
export function parseMergeMethod(value: string | undefined): MergeMethod | undefined {
  if (value === undefined || value === '' || value === 'false') return undefined;
  if (value === 'true') return 'squash';
  if (value === 'merge' || value === 'squash' || value === 'rebase') return value;
  throw new OffmainError(`auto-merge is "${value}": expected merge, squash, rebase (or true for squash, false for none)`);
}
