/**
 * The repository that builds the images, for the `org.opencontainers.image.source` label: ghcr.io links a
 * new package to the repository that label names, and only a linked package gives that repository's
 * GITHUB_TOKEN write access. So it is the admin's repository that runs offmain (in a GitHub Actions job
 * `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}`), not upstream Mastodon; upstream is in `offmain.upstream.*`.
 *
 * A value given by hand is checked: an https URL with a host and a path, no credentials, no query or
 * fragment, no white space or control characters (it is written into every image and shown on ghcr.io).
 */
import { OffmainError } from '../core/errors.js';
import { redactUrl } from '../core/remote.js';

/** White space, control characters (C0, DEL, C1) and the line and paragraph separators. */
const UNWANTED = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A value in a message: quoted, bounded and escaped (JSON leaves U+2028, U+2029 and C1 controls as they are). */
function quoted(value: string): string {
  return JSON.stringify(value.slice(0, 200)).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `https://github.com/acme/offmain-config(.git)(/)` -> `https://github.com/acme/offmain-config`; throws when it is not one. */
export function validateSourceRepository(value: string, what = 'source-repository'): string {
  const v = value.trim();
  const shown = quoted(redactUrl(v));
  const refuse = (why: string) =>
    new OffmainError(`${what} ${shown} ${why}: give the web address of the repository that runs offmain, e.g. https://github.com/OWNER/REPOSITORY`);
  if (UNWANTED.test(v)) throw refuse('contains white space or a control character');
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw refuse('is not a URL');
  }
  if (url.protocol !== 'https:') throw refuse('is not an https URL');
  // `https://user@host` and `https://user:token@host`: a credential would be in every image.
  if (url.username || url.password || /^https:\/\/[^/]*@/i.test(v)) throw refuse('carries credentials (user:token@)');
  if (url.search || url.hash || /[?#]/.test(v)) throw refuse('has a query or fragment');
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  if (!url.hostname || !path || path === '/') throw refuse('names no repository (no path)');
  return `${url.origin}${path}`;
}

/**
 * The repository a GitHub Actions job runs in, as a web address (`GITHUB_SERVER_URL` and `GITHUB_REPOSITORY`,
 * which the runner sets); undefined outside GitHub Actions.
 */
export function runningRepository(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const repository = env.GITHUB_REPOSITORY?.trim();
  if (env.GITHUB_ACTIONS !== 'true' || !repository) return undefined;
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) {
    throw new OffmainError(`GITHUB_REPOSITORY is ${quoted(repository)}, not OWNER/REPOSITORY: pass source-repository`);
  }
  const server = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '');
  return validateSourceRepository(`${server}/${repository}`, 'GITHUB_SERVER_URL/GITHUB_REPOSITORY');
}
