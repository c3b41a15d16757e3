/**
 * A local stand-in for the parts of the GitHub REST API (and one GraphQL mutation) that offmain's
 * pull-request mode uses, on 127.0.0.1. Responses follow GitHub's documented shapes (the OpenAPI
 * description @octokit/rest is typed from, and octokit/fixtures' recorded responses): every object literal
 * below is checked by `tsc` against those types (`satisfies Shape<...>`), so a misspelt or mistyped field
 * fails the typecheck. Error bodies are GitHub's: `{message, documentation_url, status}`, plus `errors` for 422.
 *
 *   GET    /repos/{o}/{r}
 *   GET    /repos/{o}/{r}/pulls?state=&head=OWNER:BRANCH&base=
 *   POST   /repos/{o}/{r}/pulls
 *   PATCH  /repos/{o}/{r}/pulls/{n}
 *   POST   /repos/{o}/{r}/issues/{n}/labels
 *   POST   /repos/{o}/{r}/issues/{n}/comments
 *   POST   /graphql   (viewer { login }; enablePullRequestAutoMerge, with expectedHeadOid checked against the head)
 *   GET    /repos/{o}/{r}/commits/{ref}/check-runs   (latest run per name; anonymous on a public repository; paged)
 *   GET    /repos/{o}/{r}/commits/{ref}/status       (combined status; anonymous on a public repository; paged)
 *   GET    /repos/{o}/{r}/commits/{ref}/check-suites (when GitHub first saw the commit)
 *
 * Lists are paged as GitHub pages them (`per_page`, `page`, a `Link` header with rel="next" and "last"), and
 * `intercept` lets a test answer any request itself (the hostile replies: HTML, a cut body, a stall).
 *
 * Every reply carries GitHub's rate-limit headers (`x-ratelimit-limit`, `-remaining`, `-used`, `-reset`,
 * `-resource`); with `rateLimit` given, each request uses one, and none left is GitHub's 403
 * `API rate limit exceeded` reply.
 *
 * A head branch must exist in the served bare repository (`gitDir`), as on GitHub (422 `head invalid`).
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RestEndpointMethodTypes } from '@octokit/rest';

type Shape<T> = T extends Array<infer U> ? Array<Shape<U>> : T extends object ? { [K in keyof T]?: Shape<T[K]> } : T;
type Pull = RestEndpointMethodTypes['pulls']['get']['response']['data'];
type Repo = RestEndpointMethodTypes['repos']['get']['response']['data'];
type User = NonNullable<Pull['user']>;
type Label = RestEndpointMethodTypes['issues']['addLabels']['response']['data'][number];
type IssueComment = RestEndpointMethodTypes['issues']['createComment']['response']['data'];
type CheckRun = RestEndpointMethodTypes['checks']['listForRef']['response']['data']['check_runs'][number];
type CheckRunList = RestEndpointMethodTypes['checks']['listForRef']['response']['data'];
type CombinedStatus = RestEndpointMethodTypes['repos']['getCombinedStatusForRef']['response']['data'];

/** A check run as a test declares it: GitHub's lifecycle status and conclusion. */
export interface StandInCheckRun {
  name: string;
  /** The app that reported it (its slug); default `github-actions`, null for none. */
  app?: string | null;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion?: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | 'stale' | null;
}

/** A commit status (the older Statuses API) as a test declares it. */
export interface StandInStatus {
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description?: string;
}

export interface StandInRepo {
  defaultBranch?: string;
  allowAutoMerge?: boolean;
  /** The bare repository the git server serves, to check head branches and read their shas. */
  gitDir?: string;
  /** Readable without a token (the check endpoints). */
  public?: boolean;
  /** Commit sha -> its check runs and statuses, and when its check suites were created (ISO times). */
  checks?: Record<string, { runs?: StandInCheckRun[]; statuses?: StandInStatus[]; suites?: string[] }>;
}

export interface StandInOptions {
  /** token -> the account it belongs to; `readOnly` tokens get 403 on every write. */
  tokens: Record<string, { login: string; readOnly?: boolean }>;
  /** `owner/name` -> repository. */
  repos: Record<string, StandInRepo>;
  /** The rate limit window: each request uses one; default 5000 left, never used up. */
  rateLimit?: { limit: number; remaining: number; reset: number };
  /** Answers a request itself when it returns true (after the request is recorded). */
  intercept?: (path: string, res: http.ServerResponse) => boolean;
}

export interface StoredPull {
  number: number;
  owner: string;
  repo: string;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  head: string;
  /** Repository the head branch is in (`owner/name`): another one for a fork. */
  headRepo: string;
  base: string;
  user: string;
  labels: string[];
  comments: string[];
  autoMerge?: string;
  createdAt: string;
  updatedAt: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  login?: string;
}

export interface GitHubStandIn {
  url: string;
  pulls: StoredPull[];
  requests: RecordedRequest[];
  /** Adds a pull request as if someone had opened it. */
  addPull(p: Partial<StoredPull> & Pick<StoredPull, 'owner' | 'repo' | 'head' | 'base' | 'user' | 'title'>): StoredPull;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';
const NOW = '2026-08-24T09:00:00Z';

function nodeId(kind: string, n: number): string {
  return Buffer.from(`0:${kind}${n}`).toString('base64').replace(/=+$/, '');
}

function userShape(login: string, url: string): Shape<User> {
  const id = [...login].reduce((a, c) => a * 31 + c.charCodeAt(0), 7) % 1_000_000;
  return {
    login,
    id,
    node_id: nodeId('User', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: `${url}/users/${encodeURIComponent(login)}`,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/users/${login}/followers`,
    following_url: `${url}/users/${login}/following{/other_user}`,
    gists_url: `${url}/users/${login}/gists{/gist_id}`,
    starred_url: `${url}/users/${login}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/users/${login}/subscriptions`,
    organizations_url: `${url}/users/${login}/orgs`,
    repos_url: `${url}/users/${login}/repos`,
    events_url: `${url}/users/${login}/events{/privacy}`,
    received_events_url: `${url}/users/${login}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
  } satisfies Shape<User>;
}

function repoShape(slug: string, r: StandInRepo, url: string, perms?: { push: boolean }) {
  const [owner, name] = slug.split('/') as [string, string];
  const api = `${url}/repos/${slug}`;
  return {
    id: 1000 + slug.length,
    node_id: nodeId('Repository', slug.length),
    name,
    full_name: slug,
    owner: userShape(owner, url),
    private: true,
    html_url: `https://github.com/${slug}`,
    description: null,
    fork: false,
    url: api,
    pulls_url: `${api}/pulls{/number}`,
    issues_url: `${api}/issues{/number}`,
    labels_url: `${api}/labels{/name}`,
    git_url: `git://github.com/${slug}.git`,
    ssh_url: `git@github.com:${slug}.git`,
    clone_url: `https://github.com/${slug}.git`,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: NOW,
    pushed_at: NOW,
    default_branch: r.defaultBranch ?? 'main',
    archived: false,
    disabled: false,
    visibility: 'private',
    allow_auto_merge: r.allowAutoMerge ?? false,
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: true,
    delete_branch_on_merge: false,
    ...(perms ? { permissions: { admin: false, maintain: false, push: perms.push, triage: perms.push, pull: true } } : {}),
  } satisfies Shape<Repo>;
}

export async function startGitHubStandIn(opts: StandInOptions): Promise<GitHubStandIn> {
  const pulls: StoredPull[] = [];
  const requests: RecordedRequest[] = [];
  let next = 1;
  let url = '';

  const sha = (p: { owner: string; repo: string; head: string; headRepo?: string }): string | undefined => {
    const r = opts.repos[p.headRepo ?? `${p.owner}/${p.repo}`] ?? opts.repos[`${p.owner}/${p.repo}`];
    if (!r?.gitDir) return '0'.repeat(40);
    try {
      return execFileSync('git', ['rev-parse', '--verify', '-q', `refs/heads/${p.head}`], { cwd: r.gitDir, encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  };

  const pullShape = (p: StoredPull): Shape<Pull> => {
    const slug = `${p.owner}/${p.repo}`;
    const api = `${url}/repos/${slug}`;
    const repo = repoShape(slug, opts.repos[slug] ?? {}, url);
    const headRepo = p.headRepo === slug ? repo : repoShape(p.headRepo, {}, url);
    const link = (href: string) => ({ href });
    return {
      url: `${api}/pulls/${p.number}`,
      id: 5000 + p.number,
      node_id: nodeId('PullRequest', p.number),
      html_url: `https://github.com/${slug}/pull/${p.number}`,
      diff_url: `https://github.com/${slug}/pull/${p.number}.diff`,
      patch_url: `https://github.com/${slug}/pull/${p.number}.patch`,
      issue_url: `${api}/issues/${p.number}`,
      commits_url: `${api}/pulls/${p.number}/commits`,
      review_comments_url: `${api}/pulls/${p.number}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${p.number}/comments`,
      statuses_url: `${api}/statuses/${sha(p) ?? ''}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: userShape(p.user, url),
      body: p.body,
      labels: p.labels.map((name, i) => labelShape(slug, name, i)),
      milestone: null,
      active_lock_reason: null,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      closed_at: p.state === 'closed' ? p.updatedAt : null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: { label: `${p.headRepo.split('/')[0]}:${p.head}`, ref: p.head, sha: sha(p) ?? '0'.repeat(40), user: userShape(p.headRepo.split('/')[0]!, url), repo: headRepo },
      base: { label: `${p.owner}:${p.base}`, ref: p.base, sha: sha({ ...p, head: p.base, headRepo: slug }) ?? '0'.repeat(40), user: userShape(p.owner, url), repo },
      _links: {
        self: link(`${api}/pulls/${p.number}`),
        html: link(`https://github.com/${slug}/pull/${p.number}`),
        issue: link(`${api}/issues/${p.number}`),
        comments: link(`${api}/issues/${p.number}/comments`),
        review_comments: link(`${api}/pulls/${p.number}/comments`),
        review_comment: link(`${api}/pulls/comments{/number}`),
        commits: link(`${api}/pulls/${p.number}/commits`),
        statuses: link(`${api}/statuses/${sha(p) ?? ''}`),
      },
      author_association: 'CONTRIBUTOR',
      auto_merge: p.autoMerge
        ? { enabled_by: userShape(p.user, url), merge_method: p.autoMerge.toLowerCase() as 'merge' | 'squash' | 'rebase', commit_title: p.title, commit_message: '' }
        : null,
      draft: false,
      merged: false,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments: p.comments.length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: 1,
      deletions: 1,
      changed_files: 1,
    } satisfies Shape<Pull>;
  };

  const labelShape = (slug: string, name: string, i: number): Shape<Label> =>
    ({
      id: 9000 + i,
      node_id: nodeId('Label', i),
      url: `${url}/repos/${slug}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: 'ededed',
      default: false,
    }) satisfies Shape<Label>;

  /** A GitHub App as the API shows it (GitHub Actions is app 15368). */
  const appShape = (slug: string) => ({
    id: slug === 'github-actions' ? 15368 : 900_000 + slug.length,
    slug,
    node_id: nodeId('App', slug.length),
    name: slug === 'github-actions' ? 'GitHub Actions' : slug,
    owner: null,
    description: '',
    external_url: `https://github.com/apps/${slug}`,
    html_url: `https://github.com/apps/${slug}`,
    created_at: NOW,
    updated_at: NOW,
    permissions: {},
    events: [],
  });

  /** One page of a list, and GitHub's Link header for it. */
  const paged = <T>(items: T[], u: URL): { page: T[]; link: Record<string, string> } => {
    const per = Math.min(100, Number(u.searchParams.get('per_page') ?? 30) || 30);
    const n = Math.max(1, Number(u.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / per));
    const at = (p: number) => {
      const v = new URL(u.href, url);
      v.searchParams.set('page', String(p));
      return `<${url}${v.pathname}${v.search}>`;
    };
    const link: Record<string, string> = n < last ? { link: `${at(n + 1)}; rel="next", ${at(last)}; rel="last"` } : {};
    return { page: items.slice((n - 1) * per, n * per), link };
  };

  const checkRunList = (slug: string, headSha: string, runs: StandInCheckRun[]): Shape<CheckRunList> => {
    const api = `${url}/repos/${slug}`;
    const check_runs = runs.map((r, i) => {
      const id = 40_000 + i;
      const done = r.status === 'completed';
      return {
        id,
        head_sha: headSha,
        node_id: nodeId('CheckRun', id),
        external_id: '',
        url: `${api}/check-runs/${id}`,
        html_url: `https://github.com/${slug}/actions/runs/${id}/job/${id}`,
        details_url: `https://github.com/${slug}/actions/runs/${id}/job/${id}`,
        status: r.status,
        conclusion: (done ? (r.conclusion ?? 'success') : null) as CheckRun['conclusion'],
        started_at: r.status === 'queued' ? null : NOW,
        completed_at: done ? NOW : null,
        output: { title: null, summary: null, text: null, annotations_count: 0, annotations_url: `${api}/check-runs/${id}/annotations` },
        name: r.name,
        check_suite: { id: 30_000 + i },
        app: (r.app === null ? null : appShape(r.app ?? 'github-actions')) as Shape<CheckRun['app']>,
        pull_requests: [],
      } satisfies Shape<CheckRun>;
    });
    return { total_count: check_runs.length, check_runs };
  };

  const combinedStatus = (slug: string, r: StandInRepo, headSha: string, statuses: StandInStatus[]): Shape<CombinedStatus> => {
    const api = `${url}/repos/${slug}`;
    const state = statuses.some((s) => s.state === 'error' || s.state === 'failure')
      ? 'failure'
      : statuses.length === 0 || statuses.some((s) => s.state === 'pending')
        ? 'pending'
        : 'success';
    const full = repoShape(slug, r, url);
    return {
      state,
      statuses: statuses.map((s, i) => ({
        url: `${api}/statuses/${headSha}`,
        avatar_url: 'https://avatars.githubusercontent.com/oa/4808?v=4',
        id: 20_000 + i,
        node_id: nodeId('StatusContext', 20_000 + i),
        state: s.state,
        description: s.description ?? null,
        target_url: `https://ci.example.com/${slug}/${headSha.slice(0, 7)}/${encodeURIComponent(s.context)}`,
        context: s.context,
        created_at: NOW,
        updated_at: NOW,
      })),
      sha: headSha,
      total_count: statuses.length,
      repository: { id: full.id, node_id: full.node_id, name: full.name, full_name: full.full_name, owner: full.owner, private: !r.public, html_url: full.html_url, url: full.url },
      commit_url: `${api}/commits/${headSha}`,
      url: `${api}/commits/${headSha}/status`,
    } satisfies Shape<CombinedStatus>;
  };

  const addPull: GitHubStandIn['addPull'] = (p) => {
    const stored: StoredPull = {
      number: next++,
      state: 'open',
      body: null,
      labels: [],
      comments: [],
      headRepo: `${p.owner}/${p.repo}`,
      createdAt: NOW,
      updatedAt: NOW,
      ...p,
    };
    pulls.push(stored);
    return stored;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://localhost');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      const limit = opts.rateLimit;
      const rate = limit ?? { limit: 5000, remaining: 5000, reset: 1787562000 };
      const rateHeaders = () => ({
        'x-ratelimit-limit': String(rate.limit),
        'x-ratelimit-remaining': String(rate.remaining),
        'x-ratelimit-used': String(rate.limit - rate.remaining),
        'x-ratelimit-reset': String(rate.reset),
        'x-ratelimit-resource': 'core',
      });
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json', ...rateHeaders(), ...headers });
        res.end(JSON.stringify(data));
      };
      const error = (status: number, message: string, extra: Record<string, unknown> = {}) =>
        send(status, { message, documentation_url: DOCS, status: String(status), ...extra });

      const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      const account = auth ? opts.tokens[auth[1]!] : undefined;
      requests.push({ method: req.method ?? 'GET', path: u.pathname + u.search, body, login: account?.login });
      if (limit) {
        if (limit.remaining <= 0) {
          return send(403, {
            message: "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
            documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
          });
        }
        limit.remaining--;
      }
      if (opts.intercept?.(u.pathname + u.search, res)) return;
      const cm = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/(check-runs|status|check-suites)$/.exec(u.pathname);
      if (cm && req.method === 'GET' && (account || (!auth && opts.repos[`${cm[1]}/${cm[2]}`]?.public))) {
        const cslug = `${cm[1]}/${cm[2]}`;
        const crepo = opts.repos[cslug];
        if (!crepo) return error(404, 'Not Found');
        const ref = decodeURIComponent(cm[3]!);
        const found = Object.entries(crepo.checks ?? {}).find(([k]) => k === ref || (ref.length >= 7 && k.startsWith(ref)));
        if (!found && !/^[0-9a-f]{7,64}$/.test(ref)) return error(422, `No commit found for SHA: ${ref}`);
        const headSha = found?.[0] ?? ref;
        const given = found?.[1] ?? {};
        if (cm[4] === 'check-runs') {
          const list = checkRunList(cslug, headSha, given.runs ?? []);
          const { page, link } = paged(list.check_runs ?? [], u);
          return send(200, { ...list, check_runs: page }, link);
        }
        if (cm[4] === 'check-suites') {
          const check_suites = (given.suites ?? []).map((created_at, i) => ({ id: 30_000 + i, head_sha: headSha, created_at, updated_at: created_at, app: appShape('github-actions') }));
          return send(200, { total_count: check_suites.length, check_suites });
        }
        const combined = combinedStatus(cslug, crepo, headSha, given.statuses ?? []);
        const { page, link } = paged(combined.statuses ?? [], u);
        return send(200, { ...combined, statuses: page }, link);
      }
      if (!account) return error(401, 'Bad credentials');
      const write = req.method !== 'GET';

      if (u.pathname === '/graphql' && req.method === 'POST') {
        const query = String(body.query ?? '');
        const vars = (body.variables ?? {}) as Record<string, string>;
        if (/^\s*query\s*\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(query)) return send(200, { data: { viewer: { login: account.login } } });
        if (!/enablePullRequestAutoMerge/.test(query)) return send(200, { errors: [{ message: 'This stand-in only knows viewer and enablePullRequestAutoMerge' }] });
        const id = vars.pullRequestId ?? /pullRequestId:\s*"([^"]+)"/.exec(query)?.[1];
        const pr = pulls.find((p) => nodeId('PullRequest', p.number) === id);
        const gqlError = (type: string, message: string) =>
          send(200, { data: { enablePullRequestAutoMerge: null }, errors: [{ type, path: ['enablePullRequestAutoMerge'], locations: [{ line: 2, column: 3 }], message }] });
        if (!pr) return gqlError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
        if (account.readOnly) return gqlError('FORBIDDEN', 'Resource not accessible by personal access token');
        if (!opts.repos[`${pr.owner}/${pr.repo}`]?.allowAutoMerge) return gqlError('UNPROCESSABLE', 'Pull request Auto merge is not allowed for this repository');
        const current = sha(pr) ?? '0'.repeat(40);
        if (vars.expectedHeadOid !== undefined && vars.expectedHeadOid !== current) {
          return gqlError('UNPROCESSABLE', `Head sha didn't match expected head sha (the pull request's head is ${current})`);
        }
        pr.autoMerge = String(vars.mergeMethod ?? 'MERGE');
        return send(200, {
          data: { enablePullRequestAutoMerge: { pullRequest: { number: pr.number, autoMergeRequest: { enabledAt: NOW, mergeMethod: pr.autoMerge } } } },
        });
      }

      const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(u.pathname);
      const slug = m ? `${m[1]}/${m[2]}` : '';
      const repo = opts.repos[slug];
      if (!m || !repo) return error(404, 'Not Found');
      const [owner, name] = [m[1]!, m[2]!];
      const rest = m[3] ?? '';
      if (write && account.readOnly) return error(403, 'Resource not accessible by personal access token');

      if (rest === '' && req.method === 'GET') return send(200, repoShape(slug, repo, url, { push: !account.readOnly }));

      if (rest === '/pulls' && req.method === 'GET') {
        const state = u.searchParams.get('state') ?? 'open';
        const head = u.searchParams.get('head');
        const base = u.searchParams.get('base');
        const list = pulls.filter(
          (p) =>
            p.owner === owner &&
            p.repo === name &&
            (state === 'all' || p.state === state) &&
            // GitHub ignores a head filter without the `owner:` part.
            (!head || !head.includes(':') || `${p.headRepo.split('/')[0]}:${p.head}` === head) &&
            (!base || p.base === base),
        );
        return send(200, list.sort((a, b) => b.number - a.number).map(pullShape));
      }

      if (rest === '/pulls' && req.method === 'POST') {
        const title = String(body.title ?? '');
        const head = String(body.head ?? '');
        const base = String(body.base ?? '');
        const headBranch = head.includes(':') ? head.slice(head.indexOf(':') + 1) : head;
        const invalid = (field: string) =>
          error(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field, code: 'invalid' }], documentation_url: `${DOCS}/pulls/pulls#create-a-pull-request` });
        if (!title) return error(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }] });
        if (!sha({ owner, repo: name, head: headBranch })) return invalid('head');
        if (!sha({ owner, repo: name, head: base })) return invalid('base');
        if (pulls.some((p) => p.owner === owner && p.repo === name && p.state === 'open' && p.head === headBranch && p.headRepo === slug && p.base === base)) {
          return error(422, 'Validation Failed', {
            errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${headBranch}.` }],
            documentation_url: `${DOCS}/pulls/pulls#create-a-pull-request`,
          });
        }
        const p = addPull({ owner, repo: name, head: headBranch, base, user: account.login, title, body: body.body === undefined ? null : String(body.body) });
        return send(201, pullShape(p), { location: `${url}/repos/${slug}/pulls/${p.number}` });
      }

      const pm = /^\/pulls\/(\d+)$/.exec(rest);
      if (pm && (req.method === 'PATCH' || req.method === 'GET')) {
        const p = pulls.find((x) => x.owner === owner && x.repo === name && x.number === Number(pm[1]));
        if (!p) return error(404, 'Not Found');
        if (req.method === 'PATCH') {
          if (typeof body.title === 'string') p.title = body.title;
          if (typeof body.body === 'string') p.body = body.body;
          if (typeof body.base === 'string') p.base = body.base;
          if (body.state === 'open' || body.state === 'closed') p.state = body.state;
          p.updatedAt = NOW;
        }
        return send(200, pullShape(p));
      }

      const im = /^\/issues\/(\d+)\/(labels|comments)$/.exec(rest);
      if (im && req.method === 'POST') {
        const p = pulls.find((x) => x.owner === owner && x.repo === name && x.number === Number(im[1]));
        if (!p) return error(404, 'Not Found');
        if (im[2] === 'labels') {
          const given = Array.isArray(body.labels) ? body.labels : Array.isArray(body) ? body : [];
          for (const l of given.map(String)) if (!p.labels.includes(l)) p.labels.push(l);
          return send(200, p.labels.map((l, i) => labelShape(slug, l, i)));
        }
        const text = String(body.body ?? '');
        if (!text) return error(422, 'Validation Failed', { errors: [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }] });
        p.comments.push(text);
        const comment = {
          id: 7000 + p.comments.length,
          node_id: nodeId('IssueComment', p.comments.length),
          url: `${url}/repos/${slug}/issues/comments/${7000 + p.comments.length}`,
          html_url: `https://github.com/${slug}/pull/${p.number}#issuecomment-${7000 + p.comments.length}`,
          body: text,
          user: userShape(account.login, url),
          created_at: NOW,
          updated_at: NOW,
          issue_url: `${url}/repos/${slug}/issues/${p.number}`,
          author_association: 'CONTRIBUTOR',
        } satisfies Shape<IssueComment>;
        return send(201, comment);
      }
      return error(404, 'Not Found');
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pulls,
    requests,
    addPull,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
