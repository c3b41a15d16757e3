/**
 * Container image references: `[host[:port]/]path[:tag][@digest]`, compared the way a registry does
 * (`docker.io/library/x`, `docker.io/x`, `index.docker.io/x` and `x` are one repository).
 */
import { OffmainError } from '../core/errors.js';
import { isValidOciTag } from '../patch/index.js';

export interface ImageRef {
  /** The repository as written, e.g. `ghcr.io/acme/mastodon`, `localhost:5000/x`. */
  repository: string;
  tag?: string;
  /** `sha256:<64 hex>` */
  digest?: string;
}

/** Splits an image reference; no validation (see `isValidRepository`, `isValidDigest`). */
export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  // A tag follows the first `:` after the last `/`; an earlier `:` is a registry port.
  const colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
  const out: ImageRef = { repository: colon >= 0 ? rest.slice(0, colon) : rest };
  if (colon >= 0) out.tag = rest.slice(colon + 1);
  if (digest !== undefined) out.digest = digest;
  return out;
}

export function formatImageRef(ref: ImageRef): string {
  return `${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

const DOCKER_HUB = /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com)\//;

/** The form two spellings of one repository share: lower case, Docker Hub host and `library/` dropped. */
export function canonicalRepository(repository: string): string {
  let r = repository.trim().toLowerCase().replace(DOCKER_HUB, '');
  if (/^library\/[^/]+$/.test(r)) r = r.slice('library/'.length);
  return r;
}

export function sameRepository(a: string, b: string): boolean {
  return canonicalRepository(a) === canonicalRepository(b);
}

/** The part of a canonical repository after its registry host: present in every spelling of it. */
export function repositoryPath(repository: string): string {
  const c = canonicalRepository(repository);
  const slash = c.indexOf('/');
  return slash >= 0 && hasRegistryHost(c) ? c.slice(slash + 1) : c;
}

function hasRegistryHost(repository: string): boolean {
  const slash = repository.indexOf('/');
  if (slash < 0) return false;
  const first = repository.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::\d+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;

/** The distribution spec's repository grammar, with an optional registry host and port. */
export function isValidRepository(repository: string): boolean {
  const parts = repository.split('/');
  if (hasRegistryHost(repository) && !HOST.test(parts.shift()!)) return false;
  return parts.length > 0 && parts.every((p) => PATH_COMPONENT.test(p)) && repository.length <= 255;
}

const DIGEST = /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;

export function isValidDigest(digest: string): boolean {
  return DIGEST.test(digest);
}

/** Checks a target a user asked for; throws an OffmainError naming what is wrong. */
export function validateTarget(t: { repository: string; tag: string; digest?: string }, what = t.repository): void {
  if (!isValidRepository(t.repository)) {
    throw new OffmainError(
      `${what}: "${t.repository}" is not an image repository (expected e.g. ghcr.io/acme/mastodon, lower case, no tag)`,
    );
  }
  if (!isValidOciTag(t.tag)) {
    throw new OffmainError(`${what}: "${t.tag}" is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})`);
  }
  if (t.digest !== undefined && !isValidDigest(t.digest)) {
    throw new OffmainError(`${what}: "${t.digest}" is not an image digest (expected sha256: and 64 lower-case hex digits)`);
  }
}
