/**
 * What a registry's refusal means, and what to do about it, as one line each:
 *
 *   401 (token service, or a read)  the credentials are wrong or expired: log in again
 *   no credentials at all           log in first
 *   403 on a read                   not fatal here (registry.ts takes it as "not there yet"): ghcr.io answers
 *                                   403 for a package that does not exist yet, and also for a token that is
 *                                   not valid; only a push can tell the two apart
 *   refused push                    the account may not write there; for ghcr.io: the package's
 *                                   "Manage Actions access" (an existing package that is not linked), the
 *                                   job's `packages: write` (a new one), or a token that is not valid
 *
 * Registry replies are outside text: their error codes and messages are shown as one bounded line, with every
 * secret offmain holds for the registry taken out. No message ever carries a password or a token.
 */
import { readFileSync } from 'node:fs';
import { inline } from '../core/untrusted.js';
import type { Challenge } from './challenge.js';
import type { Credentials } from './credentials.js';

export interface RefusalContext {
  /** The registry as written in the image name (`ghcr.io`). */
  registry: string;
  /** The repository path inside it (`acme/mastodon`). */
  path: string;
  /** The credentials Docker has for it (undefined: anonymous). */
  creds?: Credentials;
  /** Where the Docker config is, for "log in first". */
  configPath: string;
  /** It is ghcr.io (by name, or by the service its token challenge names, as behind a mirror name). */
  ghcr: boolean;
  env: NodeJS.ProcessEnv;
}

export const GHCR = 'ghcr.io';

/** Whether a registry is ghcr.io: by name, or by the service its token challenge names. */
export function isGhcr(registry: string, challenge?: Challenge | null): boolean {
  return registry === GHCR || (challenge?.scheme === 'bearer' && challenge.service === GHCR);
}

/** `{"errors":[{"code":"DENIED","message":"denied"}]}` (the distribution API's shape) as one short line. */
export function errorDetail(body: string, secrets: readonly (string | undefined)[] = []): string {
  let text = '';
  try {
    const json = JSON.parse(body) as { errors?: unknown; details?: unknown };
    if (Array.isArray(json.errors)) {
      text = json.errors
        .slice(0, 3)
        .map((e: { code?: unknown; message?: unknown }) => [e?.code, e?.message].filter((x) => typeof x === 'string' && x).join(': '))
        .filter(Boolean)
        .join('; ');
    } else if (typeof json.details === 'string') text = json.details;
  } catch {
    /* not JSON: nothing worth showing */
  }
  for (const s of secrets) if (s && s.length >= 4) text = text.split(s).join('***');
  return inline(text, 200);
}

function who(creds: Credentials): string {
  return `${creds.username ? `user "${creds.username}"` : 'the identity token'} (from ${creds.source})`;
}

function status(code: number, detail?: string): string {
  return `HTTP ${code}${detail ? `, ${detail}` : ''}`;
}

/** No credentials at all, and the registry wants some. */
export function anonymousRefused(c: RefusalContext, code: number): string {
  return `registry ${c.registry} refused anonymous access to ${c.path} (HTTP ${code}) and ${c.configPath} has no credentials for it: log in first (docker login ${c.registry}, or docker/login-action)`;
}

/** The credentials themselves are refused (HTTP 401). */
export function credentialsRefused(c: RefusalContext & { creds: Credentials }, code: number): string {
  return `registry ${c.registry} refused the credentials of ${who(c.creds)} (HTTP ${code}): log in again (docker login ${c.registry}) with a valid password or token`;
}

/** A read refused with 403: why, in a few words (for the log), and as a whole line (for an error). */
export function readRefused(c: RefusalContext, code: number, detail: string, where: string): { reason: string; message: string } {
  const reason = `${status(code, detail)} from ${where}`;
  const subject = c.creds ? who(c.creds) : 'anonymous access';
  return {
    reason,
    message: `registry ${c.registry} refused ${subject} read access to ${c.path} (${reason}): check that this account may read the repository${c.creds ? `, or log in again (docker login ${c.registry})` : ` (docker login ${c.registry})`}`,
  };
}

/** A refused push: the generic line, or for ghcr.io what GitHub wants (see ghcrAdvice). */
export function pushRefused(c: RefusalContext & { creds: Credentials }, code: number, detail: string): string {
  const head = `registry ${c.registry} refused ${who(c.creds)} push access to ${c.path} (${status(code, detail)})`;
  if (c.ghcr) return `${head}: ${ghcrAdvice(c.path, c.env)}`;
  return `${head}: give that account write access to the repository, or log in as one that has it`;
}

/** `acme/mastodon` -> owner `acme`, package `mastodon`; `acme/a/b` -> package `a/b`. */
function ghcrPackage(path: string): { owner: string; name: string } {
  const [owner = '', ...rest] = path.split('/');
  return { owner, name: rest.join('/') };
}

/**
 * Whether a GitHub account is an organization, from the event the runner hands the job (the repository that
 * runs offmain and its owner); undefined when it is another account, or outside GitHub.
 */
function ownerIsOrganization(owner: string, env: NodeJS.ProcessEnv): boolean | undefined {
  if (!env.GITHUB_EVENT_PATH || env.GITHUB_REPOSITORY_OWNER?.toLowerCase() !== owner.toLowerCase()) return undefined;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { repository?: { owner?: { type?: unknown } } };
    const type = event.repository?.owner?.type;
    return type === 'Organization' ? true : type === 'User' ? false : undefined;
  } catch {
    return undefined;
  }
}

/** The package's settings page on GitHub (users/ for a personal account, orgs/ for an organization). */
export function ghcrSettingsUrl(path: string, env: NodeJS.ProcessEnv = {}): string {
  const { owner, name } = ghcrPackage(path);
  const url = (kind: string) => `https://github.com/${kind}/${owner}/packages/container/${encodeURIComponent(name)}/settings`;
  const org = ownerIsOrganization(owner, env);
  if (org === undefined) return `${url('orgs')} (users/ instead of orgs/ for a personal account)`;
  return url(org ? 'orgs' : 'users');
}

/** What to do when ghcr.io refuses a push: the three causes GitHub has, each with its remedy. */
export function ghcrAdvice(path: string, env: NodeJS.ProcessEnv = {}): string {
  const { owner, name } = ghcrPackage(path);
  const repo = env.GITHUB_REPOSITORY ? `the repository ${env.GITHUB_REPOSITORY}` : 'the repository that runs offmain';
  return [
    `if the package ${owner}/${name} already exists but is not linked to ${repo}, add that repository under the package's "Manage Actions access" (Package settings) with the Write role: ${ghcrSettingsUrl(path, env)}`,
    `if it is new, the workflow job needs "permissions: packages: write" (and, in an organization, members must be allowed to create packages)`,
    `otherwise the token is not valid for ${owner} (expired, or a personal token without write:packages): log in again`,
  ].join('; ');
}

/**
 * What buildx prints when a registry refuses a push: `unexpected status from PUT request to ...: 403 Forbidden`,
 * `denied: permission_denied: write_package`, `denied: installation not allowed to Create organization
 * package`. Not a RUN step's "permission denied".
 */
const PUSH_REFUSED = /\b(?:401 Unauthorized|403 Forbidden)\b|(?:^|: )denied\b|permission_denied|write_package|installation not allowed|insufficient_scope/i;

/**
 * For a failed buildx push (build, imagetools create): the ghcr.io advice when the failure reads like a
 * refused push to a ghcr.io repository, else '' (buildx's own words stand for other registries).
 */
export function pushRefusalHint(error: string, repositories: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  if (!PUSH_REFUSED.test(error)) return '';
  const onGhcr = repositories.filter((r) => r.toLowerCase().startsWith(`${GHCR}/`));
  const named = (r: string) => error.split(r).slice(1).some((after) => !/^[a-z0-9._/-]/i.test(after));
  const ghcr = onGhcr.find(named) ?? onGhcr[0];
  if (!ghcr) return '';
  return `. ${GHCR} refused the push to ${ghcr}: ${ghcrAdvice(ghcr.slice(GHCR.length + 1), env)}`;
}
