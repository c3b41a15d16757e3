/**
 * The file-edit half of the deploy step: set new image tags (and digests) in a GitOps config directory.
 *
 * Every reference to each image is found with a YAML parser that keeps source offsets, and only the
 * changed scalars' text is replaced (in their own quoting style): comments, order, indentation, anchors
 * and line endings stay byte for byte. All new file texts are computed first and written at the end,
 * so an error leaves every file as it was. No git here.
 *
 * Files are read the way the cluster's tools read them: a key given twice is no error (the last one wins, as in
 * Helm and Flux: bump/duplicates.ts), YAML inside Argo CD's `helm.values: |` is edited in place
 * (bump/blockstring.ts), and a tag anchored once and aliased by several images moves for all of them or for none
 * (bump/report.ts). What cannot be edited (a tag from a variable) is named in the error, never skipped silently.
 *
 * Only files that may name a target are parsed (bump/prefilter.ts, a byte search that is exact about what it
 * rules out); the rest are read once into a reused buffer and dropped.
 *
 * On the first deploy the config may still name upstream's images: `adopt` names those repositories, and their
 * references move to the images being deployed, repository included, in the same edit (bump/adopt.ts); without
 * it, the "no reference" error says where such images are named and how to adopt them.
 *
 * The config repository is someone else's: the walk skips symbolic links, every file is read through a
 * ConfinedDir walk (core/safefs.ts eachFile: directory descriptors, O_NOFOLLOW, nothing outside), and the writes
 * go through a crash-safe journal (bump/journal.ts) that keeps each file's mode and refuses hard-linked files.
 */
import { readSync } from 'node:fs';
import { resolve } from 'node:path';
import { OffmainError } from '../core/errors.js';
import { ConfinedDir, type WalkedFile } from '../core/safefs.js';
import type { Logger } from '../core/log.js';
import { adoptHint, MASTODON_LIKE, resolveAdoption, type Adoptable } from './bump/adopt.js';
import { refuseDowngrade, type UpstreamAncestry } from './bump/downgrade.js';
import { applyEdits, assertParses, planReference, type Edit } from './bump/edit.js';
import { checkReplaceable, recover, replaceAll } from './bump/journal.js';
import { MAX_YAML_BYTES, skipOversized } from './bump/parse.js';
import { prefilter } from './bump/prefilter.js';
import { findReferences, lineAt, type HelmKeys, type RefKind } from './bump/refs.js';
import { checkShared, mergeEdits, noReference, uneditable, type Found, type Scanned, type SharedUse } from './bump/report.js';
import { canonicalRepository, parseImageRef, repositoryPath, validateTarget } from '../build/index.js';
import { parseImageTag } from '../patch/index.js';

export type { HelmKeys } from './bump/refs.js';
export type { Place, UpstreamAncestry } from './bump/downgrade.js';

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
  /**
   * Also pin Helm image mappings that have no digest key, as `tag: <tag>@sha256:...` (the official chart renders
   * `repository:tag`, so this works there; some charts would break). A tag already pinned so stays pinned anyway.
   */
  digestInTag?: boolean;
  allowDowngrade?: boolean;
  /** Flux ImagePolicy `namespace:name` -> repository, for `# {"$imagepolicy": ...}` markers. */
  policies?: Record<string, string>;
  /** Compute the changes, write nothing. */
  dryRun?: boolean;
  /**
   * The tracked upstream branch's history, for the downgrade check (bump/downgrade.ts); without it only the
   * versions are compared, and the same version on another commit is refused.
   */
  upstream?: UpstreamAncestry;
  /** Where warnings go (a file skipped for its size). */
  log?: Pick<Logger, 'warning'>;
  /** Key names of Helm values image mappings (defaults: repository, tag, digest, registry). */
  helmKeys?: HelmKeys;
  /**
   * Repositories the config names now that are to become images being deployed (bump/adopt.ts): `REPOSITORY`
   * (a `-streaming` one becomes the streaming image, any other the mastodon image) or `REPOSITORY=TARGET`.
   */
  adopt?: readonly string[];
}

export interface BumpChange {
  /** Relative to `dir`, with `/`. */
  file: string;
  line: number;
  /** As given in the target. */
  repository: string;
  kind: RefKind;
  /** The repository the reference named before, when it is adopted (canonical). */
  adopted?: string;
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
  /** YAML files searched, and how many of them were parsed (the others cannot name an image being bumped). */
  searched: { files: number; parsed: number };
  /**
   * The names a Kustomize image entry of a target replaces in the manifests (canonical, when they are not targets
   * themselves), with the target's repository: a manifest's image by that name runs the target (hold.ts).
   */
  matched: Record<string, string>;
}

/** For tests and benchmarks: `prefilter: false` parses every YAML file (the result must be the same). */
export interface BumpInternals {
  prefilter?: boolean;
}

const SKIP_DIRS = new Set(['.git', '.github', 'node_modules']);

export async function bump(opts: BumpOptions, internals: BumpInternals = {}): Promise<BumpResult> {
  const dir = resolve(opts.dir);
  const targets = new Map<string, ImageTarget>();
  for (const t of opts.targets) {
    validateTarget(t);
    const c = canonicalRepository(t.repository);
    if (targets.has(c)) throw new OffmainError(`${t.repository} is given twice; give each image once`);
    targets.set(c, t);
  }
  if (targets.size === 0) throw new OffmainError('no image to bump: give at least one repository=tag');
  const adoption = resolveAdoption(opts.adopt, [...targets.values()]);
  const wanted = new Set([...targets.keys(), ...adoption.keys()]);
  const targetOf = (f: Found) => targets.get(f.ref.repository) ?? adoption.get(f.ref.repository)!;

  const tree = new ConfinedDir(dir, { what: 'the config directory', advice: ADVICE });
  try {
    if (!tree.lstat('.')?.isDirectory()) throw Object.assign(new Error(`ENOTDIR: ${dir}`), { code: 'ENOTDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new OffmainError(`${dir} does not exist: point --dir at the config repository checkout`);
    throw e;
  }
  if (!opts.dryRun) recover(tree, opts.log);
  const scanned = scan(tree, wanted, opts, internals.prefilter !== false);
  const { mentions, texts, named, searched } = scanned;
  // A manifest's image with no tag that a Kustomize image entry matches by name is a placeholder, the entry's to
  // set (a base names ghcr.io/mastodon/mastodon, its kustomization `newName`s ours): it is not adopted, so that
  // adopting again stays a no-op. One with a tag is adopted: it runs what it says should the entry not match it.
  const matched = new Set(scanned.found.flatMap((f) => (f.ref.matches ? [f.ref.matches] : [])));
  const placeholder = (f: Found) => f.ref.kind === 'workload' && !f.ref.now.tag && !f.ref.now.digest && matched.has(f.ref.repository);
  const found = scanned.found.filter((f) => !(adoption.has(f.ref.repository) && placeholder(f)));
  // One image pushed to several registries (ghcr.io/acme/mastodon and docker.io/acme/mastodon, same tag
  // and digest) is one target: the config has to reference one of its copies, not all of them.
  const sameImage = (t: ImageTarget) => `${t.repository.split('/').pop()}:${t.tag}@${t.digest ?? ''}`;
  const referenced = new Set(found.map((f) => sameImage(targetOf(f))));
  for (const [, t] of targets) {
    if (referenced.has(sameImage(t))) continue;
    const hint = adoptHint(t, adoptable(tree, opts), [...targets.values(), ...adoption.values()]);
    // A line the hint names is another image's reference, not one of this image's that offmain cannot edit.
    const places = uneditable(t.repository, named, mentions).filter((p) => !hint?.at.has(p.slice(0, p.indexOf(' ('))));
    throw new OffmainError(noReference(dir, searched.files, t.repository, places, hint?.hint));
  }
  refuseHalfMarked(found.filter((f) => adoption.has(f.ref.repository)));
  // A reference offmain cannot edit beside ones it can: moving only some of them would go unnoticed.
  const stuck = mentions.find((m) => m.refuse && found.some((f) => f.ref.repository === m.repository));
  if (stuck) throw new OffmainError(`${stuck.file}:${stuck.line}: ${stuck.why}`, { file: stuck.file, line: stuck.line });

  // Plan every reference first; refuse (and write nothing) on the first problem.
  const result: BumpResult = { changed: false, changes: [], files: [], previous: {}, unchanged: [], searched, matched: {} };
  for (const f of found) {
    const m = f.ref.matches;
    if (m && m !== f.ref.repository && !targets.has(m)) result.matched[m] ??= targetOf(f).repository;
  }
  const edits = new Map<string, Edit[]>();
  const shared: SharedUse[] = [];
  const moving = new Set<Found>();
  for (const f of found) {
    const t = targetOf(f);
    const adopted = adoption.has(f.ref.repository) ? f.ref.repository : undefined;
    const want = { repository: t.repository, tag: t.tag, digest: opts.pinDigest === false ? undefined : t.digest, digestInTag: opts.digestInTag, adopt: !!adopted };
    const plan = planReference(f.file, f.text, f.ref, want);
    const notes = [...(adopted ? [`adopted: ${adopted} -> ${t.repository}`] : []), ...(f.ref.notes ?? []), ...(plan.note ? [plan.note] : [])];
    plan.note = notes.length ? notes.join('; ') : undefined;
    const change: BumpChange = {
      file: f.file,
      line: lineAt(f.text, f.ref.offset),
      repository: t.repository,
      kind: f.ref.kind,
      old: plan.old,
      new: plan.new,
    };
    if (adopted) change.adopted = adopted;
    if (plan.note) change.note = plan.note;
    if (f.ref.shared) shared.push({ found: f, edits: plan.edits, to: plan.new });
    if (plan.edits.length === 0) {
      result.unchanged.push(change);
      continue;
    }
    // An adopted `:name` marker holds no tag: the downgrade check is its `:tag` marker's (refuseHalfMarked).
    if (!opts.allowDowngrade && !(adopted && f.ref.shape === 'whole' && f.ref.nameOnly)) {
      await refuseDowngrade({ file: f.file, line: change.line, repository: t.repository, from: f.ref.now.tag, to: t.tag, adopted }, opts.upstream);
    }
    result.changes.push(change);
    moving.add(f);
    const list = edits.get(f.file) ?? [];
    list.push(...plan.edits);
    edits.set(f.file, list);
  }

  // What was deployed: the first reference that moves (else the first one with a tag), in file order; the
  // image's own references before the ones adopted.
  for (const [c, t] of targets) {
    const tagged = found.filter((f) => targetOf(f) === t && f.ref.now.tag);
    const mine = [...tagged.filter((f) => f.ref.repository === c), ...tagged.filter((f) => f.ref.repository !== c)];
    const tag = (mine.find((f) => moving.has(f)) ?? mine[0])?.ref.now.tag;
    result.previous[t.repository] = tag ? { tag, display: parseImageTag(tag)?.display } : {};
  }

  checkShared(shared);
  const out = [...edits].map(([file, e]) => {
    const text = applyEdits(texts.get(file)!, mergeEdits(e));
    assertParses(text, file);
    return [file, text] as const;
  });
  checkReplaceable(tree, out.map(([file]) => file));
  if (!opts.dryRun) await replaceAll(tree, out.map(([file, text]) => ({ file, text, old: texts.get(file)! })));
  result.files = out.map(([file]) => file).sort();
  result.changed = out.length > 0;
  return result;
}

const ADVICE = 'offmain does not read or write through symbolic links in the config repository; commit the file itself, nothing was changed';

const YAML_FILE = /\.ya?ml$/i;

/** The files the bump reads, as a ConfinedDir walk's options (hold.ts reads the same ones). */
export const YAML_WALK = { file: (name: string) => YAML_FILE.test(name), dir: (name: string) => !SKIP_DIRS.has(name) };

/**
 * Reads every *.yaml / *.yml file under the tree (skipping .git, .github, node_modules and symbolic links), in
 * sorted order, through the tree's confined walk, and finds the references of those that may name a target: a
 * byte search first (bump/prefilter.ts), so that most files are never parsed. One buffer is reused for the
 * reads and only the texts of files naming a target are kept: memory does not grow with the size of the repository.
 */
function scan(tree: ConfinedDir, wanted: Set<string>, opts: BumpOptions, filter: boolean): Scanned & { searched: BumpResult['searched'] } {
  const needles = [...wanted].map((c) => Buffer.from(repositoryPath(c)));
  if (opts.policies && Object.keys(opts.policies).length) needles.push(Buffer.from('$imagepolicy'));
  const mayName = prefilter(wanted, opts);
  const scanOpts = { repositories: wanted, policies: opts.policies, helmKeys: opts.helmKeys };
  const out: Scanned & { searched: BumpResult['searched'] } = { found: [], mentions: [], texts: new Map(), named: new Map(), searched: { files: 0, parsed: 0 } };
  const read = reader();
  out.searched.files = tree.eachFile(YAML_WALK, (f) => {
    const file = f.rel;
    if (f.stat.size > MAX_YAML_BYTES && skipOversized(f.fd, file, needles, (m) => opts.log?.warning(m))) return;
    const buf = read(f);
    const may = filter ? mayName(buf) : true;
    if (may === false) return;
    const text = buf.toString('utf8');
    out.named.set(file, text);
    if (may === 'mentions') return;
    out.searched.parsed++;
    out.texts.set(file, text);
    const { refs, mentions, warnings } = findReferences(text, file, scanOpts);
    if (refs.length && !Buffer.from(text, 'utf8').equals(buf)) {
      throw new OffmainError(`${file} is not valid UTF-8: offmain only edits UTF-8 YAML; re-save it as UTF-8`, { file });
    }
    for (const w of warnings) warnOnce(opts.log, w.message, file, w.line);
    out.mentions.push(...mentions.map((m) => ({ ...m, file, line: lineAt(text, m.offset) })));
    out.found.push(...refs.map((ref) => ({ file, text, ref })));
  });
  return out;
}

/**
 * Where the config names a Mastodon image not being bumped (bump/adopt.ts), for the "no reference" error: its
 * references found the way the bump finds its own, in files that say `mastodon`. Only on that error's way.
 */
function adoptable(tree: ConfinedDir, opts: BumpOptions): Adoptable[] {
  const out: Adoptable[] = [];
  const scanOpts = { repositories: MASTODON_LIKE, helmKeys: opts.helmKeys };
  const read = reader();
  tree.eachFile(YAML_WALK, (f) => {
    if (f.stat.size > MAX_YAML_BYTES) return;
    const buf = read(f);
    if (!/mastodon/i.test(buf.toString('latin1'))) return;
    const text = buf.toString('utf8');
    try {
      for (const r of findReferences(text, f.rel, scanOpts).refs) out.push({ file: f.rel, line: lineAt(text, r.offset), repository: r.repository });
    } catch {
      // A file the bump cannot read is named by its own error, not here.
    }
  });
  return out;
}

/**
 * Adopted, a `:tag` / `:digest` marker moves only with a `:name` marker of that repository in its file, and a
 * `:name` marker only with a `:tag` one: else the tag would move and the repository, written where offmain does
 * not look, stay upstream's (or the other way round), naming an image that does not exist.
 */
function refuseHalfMarked(adopted: Found[]): void {
  const marked = (f: Found, part: 'name' | 'tag') =>
    adopted.some((g) => g.file === f.file && g.ref.kind === 'marker' && g.ref.repository === f.ref.repository && (part === 'name' ? g.ref.shape === 'whole' : g.ref.shape === 'split' && g.ref.tag));
  for (const f of adopted) {
    if (f.ref.kind !== 'marker') continue;
    const [has, lacks] = f.ref.shape === 'split' ? ['tag', 'name'] as const : f.ref.nameOnly ? ['repository', 'tag'] as const : [];
    if (!has || marked(f, lacks)) continue;
    const line = lineAt(f.text, f.ref.offset);
    throw new OffmainError(
      `${f.file}:${line}: this marker sets the ${has} of ${f.ref.repository}, and no marker in the file sets its ${lacks === 'name' ? 'repository' : 'tag'} (# offmain: ${f.ref.repository}:${lacks}), so adopting it would name an image that does not exist; mark that line too, or change it by hand, nothing was changed`,
      { file: f.file, line },
    );
  }
}

/**
 * Reads an open file whole into one buffer reused from file to file (grown to the largest file, at most
 * MAX_YAML_BYTES): the view returned is valid until the next read. Reads up to the size fstat gave, or to
 * the end if it is shorter now.
 */
export function reader(): (f: WalkedFile) => Buffer {
  let buf = Buffer.allocUnsafe(64 * 1024);
  return ({ fd, stat }) => {
    if (stat.size > buf.length) buf = Buffer.allocUnsafe(Math.max(stat.size, 2 * buf.length));
    let n = 0;
    while (n < stat.size) {
      const k = readSync(fd, buf, n, stat.size - n, null);
      if (k === 0) break;
      n += k;
    }
    return buf.subarray(0, n);
  };
}

/** Warnings already given to each logger: a deploy bumps twice (a dry run, then for real) and says each once. */
const warned = new WeakMap<object, Set<string>>();

function warnOnce(log: BumpOptions['log'], message: string, file: string, line: number): void {
  if (!log) return;
  const said = warned.get(log) ?? new Set<string>();
  warned.set(log, said);
  const key = `${file}:${line}: ${message}`;
  if (said.has(key)) return;
  said.add(key);
  log.warning(message, { file, line });
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
