/**
 * Adoption: the first deploy over a config repository that still names another build of Mastodon (upstream's
 * ghcr.io/mastodon/mastodon and ghcr.io/mastodon/mastodon-streaming, tootsuite/mastodon, a fork's). The admin
 * names the repositories to replace (`--adopt`, action-deploy's `adopt`); each becomes one of the images being
 * deployed, and its references are rewritten in the same commit as the bump: repository, tag and digest, one
 * scalar at a time in its own quoting, as Flux's image-automation setters set `:name` and `:tag` (bump/edit.ts).
 *
 * Which image: `REPOSITORY=TARGET` says; else a repository whose last path component ends in `-streaming`
 * becomes the streaming image being deployed, any other the mastodon image. No such image, or more than one
 * (one image pushed to several registries), is refused with one line. A repository that the config no longer
 * names is no error: adopting again after the first run changes nothing.
 *
 * Without adoption, the "no reference" error says how: it lists where the config names a Mastodon image that is
 * not being deployed (last path component `mastodon` or `mastodon-streaming`, another registry or owner than the
 * image missing: one of the admin's own is a typo to fix, not a build to adopt) and the flag to pass.
 */
import { OffmainError } from '../../core/errors.js';
import { canonicalRepository, isValidRepository, parseImageRef } from '../../build/index.js';
import type { ImageTarget } from '../bump.js';
import type { Repositories } from './reference.js';

export type ImageKind = 'mastodon' | 'streaming';

/** Upstream's own repositories, named first in the hint. */
export const UPSTREAM_IMAGES = ['ghcr.io/mastodon/mastodon', 'ghcr.io/mastodon/mastodon-streaming', 'tootsuite/mastodon', 'tootsuite/mastodon-streaming'];

const lastPart = (repository: string) => canonicalRepository(repository).split('/').pop()!;

/** `streaming` when the repository's last path component ends in `-streaming`. */
export function imageKind(repository: string): ImageKind {
  return lastPart(repository).endsWith('-streaming') ? 'streaming' : 'mastodon';
}

/** How the admin adopts: the CLI flag and the action input, for messages. */
export const ADOPT_HOW = { flag: '--adopt', input: 'adopt' };

/**
 * The adopted repositories (canonical) and the image each becomes. `entries` are `REPOSITORY` or
 * `REPOSITORY=TARGET`; throws one line when one cannot be placed.
 */
export function resolveAdoption(entries: readonly string[] | undefined, targets: readonly ImageTarget[]): Map<string, ImageTarget> {
  const out = new Map<string, ImageTarget>();
  const ours = new Map(targets.map((t) => [canonicalRepository(t.repository), t]));
  for (const raw of entries ?? []) {
    const entry = raw.trim();
    if (!entry) continue;
    const eq = entry.indexOf('=');
    const from = (eq >= 0 ? entry.slice(0, eq) : entry).trim();
    const to = eq >= 0 ? entry.slice(eq + 1).trim() : undefined;
    const said = `adopt ${entry}`;
    const ref = parseImageRef(from);
    if (ref.tag !== undefined || ref.digest !== undefined) {
      throw new OffmainError(`${said}: name the repository to replace without a tag or digest, e.g. ${ADOPT_HOW.flag} ${ref.repository}`);
    }
    if (!isValidRepository(from)) {
      throw new OffmainError(`${said}: "${from}" is not an image repository (expected e.g. ghcr.io/mastodon/mastodon, lower case, no tag)`);
    }
    const c = canonicalRepository(from);
    if (ours.has(c)) {
      throw new OffmainError(`${said}: ${from} is an image being deployed, not one to replace; name the repository the config repository names now, e.g. ghcr.io/mastodon/mastodon`);
    }
    let target: ImageTarget | undefined;
    if (to !== undefined) {
      target = ours.get(canonicalRepository(to));
      if (!target) throw new OffmainError(`${said}: ${to || '(empty)'} is not one of the images being deployed (${[...ours.values()].map((t) => t.repository).join(', ')})`);
    } else {
      const kind = imageKind(from);
      const fits = targets.filter((t) => imageKind(t.repository) === kind);
      if (fits.length === 0) {
        throw new OffmainError(
          `${said}: no ${kind} image is being deployed to replace it with (images: ${targets.map((t) => t.repository).join(', ')}); give the ${kind} image too, or adopt ${from} in the deploy that brings it`,
        );
      }
      if (fits.length > 1) {
        throw new OffmainError(
          `${said}: it could become ${fits.map((t) => t.repository).join(' or ')}; name the one the cluster pulls from: ${ADOPT_HOW.flag} ${from}=${fits[0]!.repository} (action-deploy ${ADOPT_HOW.input}: the same line)`,
        );
      }
      target = fits[0]!;
    }
    const had = out.get(c);
    if (had && had !== target) throw new OffmainError(`${said}: ${from} is adopted twice, as ${had.repository} and as ${target.repository}; give it once`);
    out.set(c, target);
  }
  return out;
}

/** The adoption as explicit `REPOSITORY=TARGET` entries, for the images `keep` lets through (the ones not held). */
export function adoptionEntries(adoption: Map<string, ImageTarget>, keep: (t: ImageTarget) => boolean): string[] {
  return [...adoption].filter(([, t]) => keep(t)).map(([from, t]) => `${from}=${t.repository}`);
}

/**
 * The repositories the hint looks for: any named like a Mastodon image, `OWNER/mastodon[-streaming]` (a bare
 * `mastodon` is a Kustomize placeholder, not an image). The scan lists none of its own.
 */
export const MASTODON_LIKE: Repositories = {
  has: (c: string) => c.includes('/') && /^mastodon(?:-streaming)?$/.test(lastPart(c)),
  *[Symbol.iterator]() {},
};

/** A place the config names a Mastodon image that is not being deployed. */
export interface Adoptable {
  file: string;
  line: number;
  /** Canonical. */
  repository: string;
}

/**
 * What the "no reference" error adds when the config names other Mastodon images of `target`'s kind: where
 * (`at`: `file:line`), and the exact flag and input that adopt them. Undefined when it names none.
 */
export function adoptHint(target: ImageTarget, found: readonly Adoptable[], deployed: readonly ImageTarget[]): { hint: string; at: Set<string> } | undefined {
  const kind = imageKind(target.repository);
  const ours = new Set(deployed.map((t) => canonicalRepository(t.repository)));
  // An image of the target's own registry and owner is no other build to adopt: a typo in the name given, more likely.
  const owner = (r: string) => canonicalRepository(r).replace(/\/[^/]*$/, '');
  const places = found.filter((f) => imageKind(f.repository) === kind && !ours.has(f.repository) && owner(f.repository) !== owner(target.repository));
  if (!places.length) return undefined;
  const repos = [...new Set(places.map((p) => p.repository))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const shown = places.slice(0, 10).map((p) => `${p.file}:${p.line} (${p.repository})`).join(', ') + (places.length > 10 ? ` and ${places.length - 10} more` : '');
  const flags = repos.map((r) => `${ADOPT_HOW.flag} ${r}`).join(' ');
  const input = repos.length > 1 ? `${ADOPT_HOW.input}, one per line` : ADOPT_HOW.input;
  const hint = `it names ${repos.length > 1 ? 'other Mastodon images' : 'another Mastodon image'} instead: ${shown}; to switch ${places.length > 1 ? 'them' : 'it'} to ${target.repository} in this deploy, pass ${flags} (action-deploy: ${input})`;
  return { hint, at: new Set(places.map((p) => `${p.file}:${p.line}`)) };
}

function rank(repository: string): number {
  const i = UPSTREAM_IMAGES.indexOf(repository);
  return i < 0 ? UPSTREAM_IMAGES.length : i;
}
