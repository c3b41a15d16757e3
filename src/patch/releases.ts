/**
 * Upstream's releases as refs show them: stable `vX.Y.Z` tags (pre-releases excluded) with the commit they
 * point at, newest first, and the `stable-X.Y` branches they live on. Pure: works on `git ls-remote` output.
 */
import semver from 'semver';
import { parseLsRemote, type RemoteRef } from '../core/remote.js';

const STABLE_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const STABLE_BRANCH = /^stable-(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** `v4.3.1` -> 4.3.1; anything else (pre-releases, build metadata, no `v`) -> undefined. */
export function parseStableTag(name: string): semver.SemVer | undefined {
  if (!STABLE_TAG.test(name)) return undefined;
  return semver.parse(name.slice(1)) ?? undefined;
}

export interface StableTag {
  tag: string;
  /** The commit (peeled when the tag is annotated). */
  sha: string;
  version: semver.SemVer;
}

/** Stable `vX.Y.Z` tags with the commit they point at, newest first. */
export function stableTags(refs: RemoteRef[] | string): StableTag[] {
  const list = typeof refs === 'string' ? parseLsRemote(refs) : refs;
  const direct = new Map<string, string>();
  const peeled = new Map<string, string>();
  for (const { sha, ref } of list) {
    if (!ref.startsWith('refs/tags/')) continue;
    const name = ref.slice('refs/tags/'.length);
    if (name.endsWith('^{}')) peeled.set(name.slice(0, -3), sha);
    else direct.set(name, sha);
  }
  const tags: StableTag[] = [];
  for (const name of new Set([...direct.keys(), ...peeled.keys()])) {
    const version = parseStableTag(name);
    const sha = peeled.get(name) ?? direct.get(name);
    if (version && sha) tags.push({ tag: name, sha, version });
  }
  return tags.sort((a, b) => semver.rcompare(a.version, b.version));
}

/**
 * The newest stable `vX.Y.Z` tag in `git ls-remote --tags` output, with its commit (the peeled
 * `^{}` line of an annotated tag is preferred). `series` limits it to one `X.Y` line.
 */
export function newestStableTag(
  lsRemoteTagsOutput: string,
  series?: { major: number; minor: number },
): { tag: string; sha: string } | undefined {
  const found = stableTags(lsRemoteTagsOutput).find(
    (t) => !series || (t.version.major === series.major && t.version.minor === series.minor),
  );
  return found && { tag: found.tag, sha: found.sha };
}

/** `stable-X.Y` branch names in ls-remote refs, highest version first. */
export function stableBranches(refs: RemoteRef[]): string[] {
  const names: Array<{ name: string; major: number; minor: number }> = [];
  for (const { ref } of refs) {
    if (!ref.startsWith('refs/heads/')) continue;
    const name = ref.slice('refs/heads/'.length);
    const m = STABLE_BRANCH.exec(name);
    if (m) names.push({ name, major: Number(m[1]), minor: Number(m[2]) });
  }
  return names.sort((a, b) => b.major - a.major || b.minor - a.minor).map((b) => b.name);
}

/** `stable-4.3` -> {major: 4, minor: 3}. */
export function parseStableBranch(name: string): { major: number; minor: number } | undefined {
  const m = STABLE_BRANCH.exec(name);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

