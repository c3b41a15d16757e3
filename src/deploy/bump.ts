/**
 * The file-edit half of the deploy step: set new image tags (and digests) in a GitOps config directory.
 *
 * Every reference to each image is found with a YAML parser that keeps source offsets, and only the
 * changed scalars' text is replaced (in their own quoting style): comments, order, indentation, anchors
 * and line endings stay byte for byte. All new file texts are computed first and written at the end,
 * so an error leaves every file as it was. No git here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import semver from 'semver';
import { OffmainError } from '../core/errors.js';
import { applyEdits, assertParses, planReference, type Edit } from './bump/edit.js';
import { findReferences, lineAt, SEARCHED, type HelmKeys, type RefKind, type Reference } from './bump/refs.js';
import { canonicalRepository, parseImageRef, repositoryPath, validateTarget } from '../build/index.js';
import { parseImageTag, semverOf } from '../patch/index.js';

export type { HelmKeys } from './bump/refs.js';

export interface ImageTarget {
  repository: string;
  tag: string;
  /** `sha256:<64 hex>` */
  digest?: string;
}

export interface BumpOptions {
  dir: string;
  targets: ImageTarget[];
  /** Write `tag@digest` wherever a digest can go (default true). */
  pinDigest?: boolean;
  allowDowngrade?: boolean;
  /** Flux ImagePolicy `namespace:name` -> repository, for `# {"$imagepolicy": ...}` markers. */
  policies?: Record<string, string>;
  /** Compute the changes, write nothing. */
  dryRun?: boolean;
  /** Whether `oldShortSha` is an ancestor of `newShortSha` (undefined: unknown); asked only for equal versions. */
  isAncestor?: (oldShortSha: string, newShortSha: string) => Promise<boolean | undefined>;
  /** Key names of Helm values image mappings (defaults: repository, tag, digest, registry). */
  helmKeys?: HelmKeys;
}

export interface BumpChange {
  /** Relative to `dir`, with `/`. */
  file: string;
  line: number;
  /** As given in the target. */
  repository: string;
  kind: RefKind;
  /** The whole reference for one-string layouts, `tag[@digest]` for split ones. */
  old: string;
  new: string;
  note?: string;
}

export interface BumpResult {
  changed: boolean;
  changes: BumpChange[];
  /** Files changed (or that would be, with dryRun). */
  files: string[];
  /** What was deployed before, per target repository: the first reference's tag. */
  previous: Record<string, { tag?: string; display?: string }>;
  /** References already at the target. */
  unchanged: BumpChange[];
}

const SKIP_DIRS = new Set(['.git', '.github', 'node_modules']);

export async function bump(opts: BumpOptions): Promise<BumpResult> {
  const dir = resolve(opts.dir);
  const targets = new Map<string, ImageTarget>();
  for (const t of opts.targets) {
    validateTarget(t);
    const c = canonicalRepository(t.repository);
    if (targets.has(c)) throw new OffmainError(`${t.repository} is given twice; give each image once`);
    targets.set(c, t);
  }
  if (targets.size === 0) throw new OffmainError('no image to bump: give at least one repository=tag');

  const files = yamlFiles(dir);
  const found = scan(dir, files, targets, opts);
  // One image pushed to several registries (ghcr.io/acme/mastodon and docker.io/acme/mastodon, same tag
  // and digest) is one target: the config has to reference one of its copies, not all of them.
  const sameImage = (t: ImageTarget) => `${t.repository.split('/').pop()}:${t.tag}@${t.digest ?? ''}`;
  const referenced = new Set(found.map((f) => sameImage(targets.get(f.ref.repository)!)));
  for (const [, t] of targets) {
    if (referenced.has(sameImage(t))) continue;
    throw new OffmainError(
      `no reference to ${t.repository} found in ${dir} (searched ${files.length} YAML files: ${SEARCHED}); ` +
        `add an offmain marker (# offmain: ${t.repository}) on the line to update`,
    );
  }

  // Plan every reference first; refuse (and write nothing) on the first problem.
  const result: BumpResult = { changed: false, changes: [], files: [], previous: {}, unchanged: [] };
  const edits = new Map<string, Edit[]>();
  const moving = new Set<Found>();
  for (const f of found) {
    const t = targets.get(f.ref.repository)!;
    const want = { repository: t.repository, tag: t.tag, digest: opts.pinDigest === false ? undefined : t.digest };
    const plan = planReference(f.file, f.text, f.ref, want);
    const change: BumpChange = {
      file: f.file,
      line: lineAt(f.text, f.ref.offset),
      repository: t.repository,
      kind: f.ref.kind,
      old: plan.old,
      new: plan.new,
    };
    if (plan.note) change.note = plan.note;
    if (plan.edits.length === 0) {
      result.unchanged.push(change);
      continue;
    }
    if (!opts.allowDowngrade) await refuseDowngrade(change, f.ref.now.tag, t.tag, opts.isAncestor);
    result.changes.push(change);
    moving.add(f);
    edits.set(f.file, [...(edits.get(f.file) ?? []), ...plan.edits]);
  }

  // What was deployed: the first reference that moves (else the first one with a tag), in file order.
  for (const [c, t] of targets) {
    const mine = found.filter((f) => f.ref.repository === c && f.ref.now.tag);
    const tag = (mine.find((f) => moving.has(f)) ?? mine[0])?.ref.now.tag;
    result.previous[t.repository] = tag ? { tag, display: parseImageTag(tag)?.display } : {};
  }

  const texts = new Map(found.map((f) => [f.file, f.text]));
  const out = [...edits].map(([file, e]) => {
    const text = applyEdits(texts.get(file)!, e);
    assertParses(text, file);
    return [file, text] as const;
  });
  if (!opts.dryRun) await writeAll(dir, out, texts);
  result.files = out.map(([file]) => file).sort();
  result.changed = out.length > 0;
  return result;
}

/**
 * Writes every new text or none: each goes to a temporary file beside its target first, then all are renamed
 * into place; if anything fails, the files already replaced get their old text back.
 */
async function writeAll(dir: string, out: (readonly [string, string])[], old: Map<string, string>): Promise<void> {
  const staged: string[] = [];
  const replaced: string[] = [];
  try {
    for (const [file, text] of out) {
      const tmp = join(dir, `${file}.offmain-tmp`);
      staged.push(tmp);
      await writeFile(tmp, text, 'utf8');
    }
    for (const [i, [file]] of out.entries()) {
      await rename(staged[i]!, join(dir, file));
      replaced.push(file);
    }
  } catch (e) {
    for (const file of replaced) await writeFile(join(dir, file), old.get(file)!, 'utf8').catch(() => undefined);
    for (const tmp of staged) await rm(tmp, { force: true }).catch(() => undefined);
    throw new OffmainError(`could not write ${dir}: ${(e as Error).message}; every file was left as it was`);
  }
}

/** Every *.yaml / *.yml under `dir`, relative, sorted; skips .git, .github, node_modules and symlinks. */
function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) walk(join(d, e.name));
      else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(relative(dir, join(d, e.name)).split(sep).join('/'));
    }
  };
  try {
    walk(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new OffmainError(`${dir} does not exist: point --dir at the config repository checkout`);
    }
    throw e;
  }
  return out.sort();
}

interface Found {
  file: string;
  text: string;
  ref: Reference;
}

/**
 * Reads every file that mentions a target (a byte search first: most files are never parsed) and finds its
 * references. Synchronous reads: several times faster than the thread pool for thousands of small files.
 */
function scan(dir: string, files: string[], targets: Map<string, ImageTarget>, opts: BumpOptions): Found[] {
  const needles = [...targets.keys()].map((c) => Buffer.from(repositoryPath(c)));
  if (opts.policies && Object.keys(opts.policies).length) needles.push(Buffer.from('$imagepolicy'));
  const scanOpts = { repositories: new Set(targets.keys()), policies: opts.policies, helmKeys: opts.helmKeys };
  return files.flatMap((file) => {
    const buf = readFileSync(join(dir, file));
    if (!needles.some((n) => buf.includes(n))) return [];
    const text = buf.toString('utf8');
    const refs = findReferences(text, file, scanOpts);
    if (refs.length && !Buffer.from(text, 'utf8').equals(buf)) {
      throw new OffmainError(`${file} is not valid UTF-8: offmain only edits UTF-8 YAML; re-save it as UTF-8`, { file });
    }
    return refs.map((ref) => ({ file, text, ref }));
  });
}

/** Throws when moving from the deployed offmain tag `now` to `tag` goes back in upstream history. */
async function refuseDowngrade(change: BumpChange, now: string | undefined, tag: string, isAncestor: BumpOptions['isAncestor']) {
  const from = now ? parseImageTag(now) : undefined;
  const to = parseImageTag(tag);
  if (!from || !to) return;
  let order: number;
  try {
    order = semver.compare(semverOf(to.version), semverOf(from.version));
  } catch {
    return; // a version offmain cannot compare: not checked
  }
  let why = '';
  if (order < 0) why = 'an older version';
  else if (order === 0 && !from.shortSha.startsWith(to.shortSha) && !to.shortSha.startsWith(from.shortSha)) {
    if ((await isAncestor?.(from.shortSha, to.shortSha)) === false) why = `not a descendant of ${from.shortSha}`;
  }
  if (!why) return;
  throw new OffmainError(
    `${change.file}:${change.line}: refusing to downgrade ${change.repository} from ${from.display} (deployed) to ${to.display} (${why}); ` +
      'pass --allow-downgrade to deploy it anyway',
    { file: change.file, line: change.line },
  );
}

/**
 * `ghcr.io/acme/mastodon=4.8.0-alpha.1_2f40549@sha256:<64 hex>` (or `repo:tag[@digest]`) -> a target.
 */
export function parseSetArg(s: string): ImageTarget {
  const eq = s.indexOf('=');
  let target: ImageTarget;
  if (eq >= 0) {
    const value = s.slice(eq + 1);
    const at = value.indexOf('@');
    target = { repository: s.slice(0, eq).trim(), tag: at >= 0 ? value.slice(0, at) : value };
    if (at >= 0) target.digest = value.slice(at + 1);
  } else {
    const ref = parseImageRef(s.trim());
    target = { repository: ref.repository, tag: ref.tag ?? '' };
    if (ref.digest !== undefined) target.digest = ref.digest;
  }
  if (!target.tag) {
    throw new OffmainError(`"${s}" has no tag: expected REPOSITORY=TAG[@sha256:DIGEST], e.g. ghcr.io/acme/mastodon=4.8.0_2f40549`);
  }
  validateTarget(target, `"${s}"`);
  return target;
}

/** `flux-system:mastodon=ghcr.io/acme/mastodon` entries -> policy map. */
export function parsePolicies(entries: string[] | undefined): Record<string, string> | undefined {
  if (!entries?.length) return undefined;
  const out: Record<string, string> = {};
  for (const e of entries) {
    const m = /^\s*([^=\s]+:[^=\s]+)\s*=\s*(\S+)\s*$/.exec(e);
    if (!m) throw new OffmainError(`policy "${e}" is not NAMESPACE:NAME=REPOSITORY, e.g. flux-system:mastodon=ghcr.io/acme/mastodon`);
    out[m[1]!] = m[2]!;
  }
  return out;
}
