/**
 * Image tag templates: the tags an image gets besides its immutable tag, written with placeholders so that
 * an admin can add, for example, a sortable tag for a Flux ImagePolicy.
 *
 *   {version}      the immutable image tag, e.g. `4.8.0-alpha.1_2f40549` (the display version, `+` as `_`)
 *   {display}      alias of {version} (a tag cannot hold the `+` of the display version itself)
 *   {declared}     the version the tree declares, e.g. `4.8.0-alpha.1`
 *   {major} {minor} {patch}   its numbers
 *   {sha7} {sha}   the upstream commit, short and full
 *   {commit_time}  the upstream commit's committer time as a sortable UTC number, `YYYYMMDDHHMMSS`
 *   {branch}       the tracked upstream branch (`main`, `stable-4.3`), characters a tag cannot hold as `-`
 *
 * Every rendered tag is checked against the OCI grammar `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`.
 */
import { OffmainError } from '../core/errors.js';
import { isValidOciTag } from '../patch/index.js';

export interface TagContext {
  /** The immutable tag, e.g. `4.8.0-alpha.1_2f40549`. */
  version: string;
  /** Declared version, e.g. `4.8.0-alpha.1`. */
  declared: string;
  major: number;
  minor: number;
  patch: number;
  sha: string;
  /** ISO 8601 committer time of the upstream commit. */
  commitTime: string;
  branch: string;
}

export const TAG_PLACEHOLDERS = [
  'version',
  'display',
  'declared',
  'major',
  'minor',
  'patch',
  'sha7',
  'sha',
  'commit_time',
  'branch',
] as const;

/** `2026-08-21T14:03:11Z` (or any offset) -> `20260821140311`, in UTC. */
export function sortableTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) {
    throw new OffmainError(`commit time "${iso}" is not an ISO 8601 date (e.g. 2026-08-21T14:03:11Z)`);
  }
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, '').replace(/[-:T]/g, '');
}

/** A branch name as tag text: characters a tag cannot hold become `-` (`feature/x` -> `feature-x`). */
export function tagSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '');
}

function values(ctx: TagContext): Record<(typeof TAG_PLACEHOLDERS)[number], string> {
  return {
    version: ctx.version,
    display: ctx.version,
    declared: ctx.declared,
    major: String(ctx.major),
    minor: String(ctx.minor),
    patch: String(ctx.patch),
    sha7: ctx.sha.slice(0, 7),
    sha: ctx.sha,
    commit_time: sortableTime(ctx.commitTime),
    branch: tagSafe(ctx.branch),
  };
}

/** Renders one template; an unknown placeholder or a result that is not a valid tag is an OffmainError. */
export function renderTag(template: string, ctx: TagContext): string {
  const v = values(ctx);
  const t = template.trim();
  const out = t.replace(/\{([^{}]*)\}/g, (_all, name: string) => {
    const key = name.trim() as keyof typeof v;
    if (!(key in v)) {
      throw new OffmainError(
        `tag template "${t}": unknown placeholder {${name}}; use ${TAG_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
      );
    }
    return v[key];
  });
  if (/[{}]/.test(out)) throw new OffmainError(`tag template "${t}": unbalanced { or }`);
  if (!isValidOciTag(out)) {
    throw new OffmainError(
      `tag template "${t}" gives "${out}", which is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})`,
    );
  }
  return out;
}

/** Renders every template, without duplicates, in order. */
export function renderTags(templates: readonly string[], ctx: TagContext): string[] {
  const out: string[] = [];
  for (const t of templates) {
    if (!t.trim()) continue;
    const tag = renderTag(t, ctx);
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/** The moving tags offmain adds by default: `edge` when tracking main; `latest` and `vX.Y` for releases. */
export function defaultTagTemplates(track: 'main' | 'release'): string[] {
  return track === 'main' ? ['edge'] : ['latest', 'v{major}.{minor}'];
}
