/**
 * Git remotes: URLs as users write them (https, ssh, scp-like, file, local paths), with the credentials in
 * them split out so that they travel in a header and never reach a URL, a log or a message; GitHub web
 * links for a repository on github.com; and `git ls-remote` output. Pure, shared by every stage.
 */
import path from 'node:path';

export interface RemoteRef {
  sha: string;
  /** Full ref name, e.g. `refs/tags/v4.3.1` or `refs/tags/v4.3.1^{}` (peeled). */
  ref: string;
}

/** Parses `git ls-remote` output (`SHA<TAB>REF` lines). */
export function parseLsRemote(output: string): RemoteRef[] {
  const refs: RemoteRef[] = [];
  for (const line of output.split('\n')) {
    const m = /^([0-9a-f]{40}|[0-9a-f]{64})\t(\S+)\s*$/.exec(line.trim());
    if (m) refs.push({ sha: m[1]!, ref: m[2]! });
  }
  return refs;
}

/** A branch name git would accept on the command line (no options, no ref syntax tricks). */
export function isValidBranchName(name: string): boolean {
  return (
    /^[A-Za-z0-9._/-]+$/.test(name) &&
    !name.startsWith('-') &&
    !name.startsWith('/') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    !name.endsWith('.lock') &&
    !name.includes('..') &&
    !name.includes('//') &&
    !name.split('/').some((part) => part.startsWith('.'))
  );
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const SSH_SCHEMES = new Set(['ssh', 'git+ssh', 'ssh+git']);

/** The URL without credentials (userinfo); an ssh user without a password (`ssh://git@...`) is kept. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i, (all, scheme: string, userinfo: string) => {
    const s = scheme.slice(0, -3).toLowerCase();
    if (SSH_SCHEMES.has(s) && !userinfo.includes(':')) return all;
    return scheme;
  });
}

/** Removes credentials from any URL inside a free text (git's own messages). */
export function redactText(text: string, secrets: Array<string | undefined> = []): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@'"]*@/gi, (all, scheme: string) =>
    /^(ssh|git\+ssh|ssh\+git):\/\/$/i.test(scheme) && !all.slice(scheme.length).includes(':') ? all : scheme,
  );
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}

/** Splits credentials out of an http(s) URL, so they can travel in a header instead. */
export function splitCredentials(url: string): { url: string; username?: string; password?: string } {
  const m = /^(https?:\/\/)([^/?#]*)@(.*)$/i.exec(url);
  if (!m) return { url };
  const [user = '', pass] = m[2]!.split(/:(.*)/s);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { url: m[1]! + m[3]!, username: decode(user), password: pass === undefined ? undefined : decode(pass) };
}

/** True for a local path (not a URL and not scp-like `host:path`). */
export function isLocalPath(repository: string): boolean {
  if (SCHEME.test(repository)) return false;
  const colon = repository.indexOf(':');
  const slash = repository.indexOf('/');
  if (colon > 0 && (slash < 0 || colon < slash) && !/^[A-Za-z]:[\\/]/.test(repository)) return false;
  return true;
}

/** `mastodon/mastodon` for github.com URLs in https, http, git, ssh and scp-like forms, with or without `.git`. */
export function githubRepoSlug(repository: string): string | undefined {
  const m =
    /^(?:(?:https?|git|ssh|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?(?:www\.)?github\.com(?::\d+)?\/|(?:[^@/:]+@)?github\.com:\/?)([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/i.exec(
      repository.trim(),
    );
  if (!m) return undefined;
  const name = m[2]!;
  if (name === '.' || name === '..') return undefined;
  return `${m[1]}/${name}`;
}

export function commitUrl(repository: string, sha: string): string | undefined {
  const slug = githubRepoSlug(repository);
  return slug ? `https://github.com/${slug}/commit/${sha}` : undefined;
}

export function compareUrl(repository: string, fromSha: string, toSha: string): string | undefined {
  const slug = githubRepoSlug(repository);
  return slug ? `https://github.com/${slug}/compare/${fromSha}...${toSha}` : undefined;
}


/** Compares repository identities, ignoring a trailing `/` or `.git`. */
export function sameRemote(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  return norm(a) === norm(b);
}

/** Where git fetches from and pushes to, and what a message may show of it. */
export interface GitRemote {
  /** What git talks to: no credentials; local paths made absolute. */
  fetchUrl: string;
  /** For messages and results: no credentials. */
  display: string;
  /** A token for HTTPS, sent as a header (see core/git.ts). */
  token?: string;
  /** The header for credentials that were written in the URL. */
  env?: NodeJS.ProcessEnv;
  /** Strings that must never reach a message. */
  secrets: string[];
}

/** A remote for any git URL or path; credentials in the URL move into a Basic header unless a token is given. */
export function gitRemote(repository: string, token?: string): GitRemote {
  const display = redactUrl(repository);
  const secrets = token ? [token] : [];
  if (isLocalPath(repository)) return { fetchUrl: path.resolve(repository), display, secrets };
  const cred = splitCredentials(repository);
  if (cred.password) secrets.push(cred.password);
  if (cred.username) secrets.push(cred.username);
  const remote: GitRemote = { fetchUrl: cred.url, display, secrets };
  if (token) {
    remote.token = token;
  } else if (cred.username || cred.password) {
    const basic = Buffer.from(`${cred.username ?? ''}:${cred.password ?? ''}`).toString('base64');
    remote.env = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraheader', GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` };
  }
  return remote;
}
