/**
 * Git remotes: URLs as users write them (https, ssh, scp-like, file, local paths), with the credentials in
 * them split out so that they travel in a header and never reach a URL, a log or a message; GitHub web
 * links for a repository on github.com; and `git ls-remote` output. Pure, shared by every stage.
 */
import path from 'node:path';
import { OffmainError } from './errors.js';

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
  /**
   * Credentials for git, as `http.<fetchUrl>.extraHeader` (sent only to URLs under this remote) with
   * `http.<fetchUrl>.followRedirects=false` (a redirect never carries them to another server).
   */
  env?: NodeJS.ProcessEnv;
  /** Strings that must never reach a message. */
  secrets: string[];
  /** Why a token was given but not sent (the remote is not on the host the token belongs to). */
  withheld?: string;
}

export interface GitRemoteOptions {
  /**
   * The server a token belongs to (`https://github.com`, a GHES URL): the token goes to remotes on that
   * scheme, host and port only. Unset: the token belongs to this repository's own server.
   */
  tokenServer?: string;
}

/** 127.0.0.0/8, ::1 and localhost, with or without a port: the only hosts plain http may reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** The transports git may use: everything else (`ext::`, `fd::`, `http` to another machine) is refused. */
export const ALLOWED_PROTOCOLS = 'file:git:http:https:ssh';

/** Throws unless git would reach `repository` over https, ssh, git, file, or http to loopback. */
export function checkTransport(repository: string): void {
  const display = redactUrl(repository);
  if (/^[A-Za-z0-9][A-Za-z0-9+.-]*::/.test(repository)) {
    throw new OffmainError(
      `repository "${display}" names a git remote helper (${repository.slice(0, repository.indexOf('::'))}::): offmain only uses https, ssh, git, file, and http to this machine; give a URL`,
    );
  }
  const m = SCHEME.exec(repository);
  if (!m) return; // a local path or scp-like ssh
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'https' || scheme === 'git' || scheme === 'file' || SSH_SCHEMES.has(scheme)) return;
  if (scheme === 'http') {
    const host = hostOf(repository);
    if (host && isLoopbackHost(host)) return;
    throw new OffmainError(
      `repository "${display}" is plain http to ${host ?? 'another host'}: anyone on the way could read or change what offmain fetches and pushes; use https`,
    );
  }
  throw new OffmainError(`repository "${display}" uses ${scheme}://: offmain only uses https, ssh, git, file, and http to this machine`);
}

/** `host[:port]` of a URL with a scheme, lowercased; undefined for paths and scp-like remotes. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(splitCredentials(url).url).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** `scheme://host[:port]` of an http(s) URL, with the default port left out. */
function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.origin.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A remote for any git URL or path. The token (or, without one, credentials written in the URL) travels
 * as a Basic header scoped to this remote's URL, never in the URL; a token that belongs to another server
 * is not sent at all (see `withheld`).
 */
export function gitRemote(repository: string, token?: string, opts: GitRemoteOptions = {}): GitRemote {
  checkTransport(repository);
  const display = redactUrl(repository);
  const secrets = token ? [token] : [];
  if (isLocalPath(repository)) return { fetchUrl: path.resolve(repository), display, secrets };
  const cred = splitCredentials(repository);
  if (cred.password) secrets.push(cred.password);
  if (cred.username) secrets.push(cred.username);
  const remote: GitRemote = { fetchUrl: cred.url, display, secrets };
  const origin = originOf(cred.url);
  let user: string | undefined;
  let password: string | undefined;
  if (token) {
    const server = opts.tokenServer ? originOf(opts.tokenServer.replace(/\/+$/, '')) : origin;
    if (origin && server === origin) {
      user = 'x-access-token';
      password = token;
    } else {
      remote.withheld = origin
        ? `the token belongs to ${server ?? opts.tokenServer} and is not sent to ${origin}`
        : `a token is only sent over https, not to ${display}`;
    }
  }
  if (!password && (cred.username || cred.password)) {
    user = cred.username ?? '';
    password = cred.password ?? '';
  }
  if (origin && password !== undefined) {
    const basic = Buffer.from(`${user}:${password}`).toString('base64');
    remote.env = {
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: `http.${cred.url}.extraHeader`,
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
      GIT_CONFIG_KEY_1: `http.${cred.url}.followRedirects`,
      GIT_CONFIG_VALUE_1: 'false',
    };
  }
  return remote;
}
