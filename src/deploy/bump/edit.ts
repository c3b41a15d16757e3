/**
 * Turning a reference and the wanted tag/digest into text edits: only the changed scalars are rewritten,
 * in their own quoting style, and a key is added (at the mapping's indentation) only when it is missing.
 * Pure: works on a file's text.
 */
import { isScalar, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { OffmainError } from '../../core/errors.js';
import { canonicalRepository, formatImageRef, repositoryPath } from '../../build/index.js';
import { firstProblem, parseYaml } from './parse.js';
import { lineAt, scalarText, type Reference, type Slot, type SourceScalar, type SplitRef } from './refs.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Want {
  repository: string;
  tag: string;
  /** Only when it is to be pinned. */
  digest?: string;
  /** Pin a Helm tag as `tag@digest` when its mapping has no digest key (a tag already pinned is always kept pinned). */
  digestInTag?: boolean;
  /** The reference names a repository adopted (bump/adopt.ts): its repository becomes `repository` too. */
  adopt?: boolean;
}

export interface Plan {
  edits: Edit[];
  old: string;
  new: string;
  note?: string;
}

const DROPPED = 'removed the old digest: no digest was given for the new tag';

export function planReference(file: string, text: string, ref: Reference, want: Want): Plan {
  const at = { file, text };
  if (ref.shape === 'whole') {
    const old = scalarText(ref.scalar, text);
    const name = want.adopt ? want.repository : ref.name || want.repository;
    // An Argo CD kustomize image names the manifests' image it replaces: adopted, it becomes `OLD=NEW:TAG`.
    const prefix = want.adopt && ref.kind === 'kustomize' && !ref.prefix ? `${ref.name}=` : ref.prefix;
    const value = prefix + (ref.nameOnly ? name : formatImageRef({ ...want, repository: name }));
    const edits = value === old ? [] : [replaceScalar(at, ref.scalar, value)];
    if (want.adopt) edits.push(...markerEdits(at, ref, want.repository));
    const plan: Plan = { edits, old, new: value };
    if (ref.now.digest && !want.digest && !ref.nameOnly) plan.note = DROPPED;
    return plan;
  }

  // Adopted: the repository first (a `newName` added after `name` comes before a tag added there too).
  const edits: Edit[] = want.adopt ? renameEdits(at, ref, want.repository) : [];
  const add: [string, string][] = [];
  const notes: string[] = [];
  // A Helm tag without a digest key holds the pin itself: `tag@sha256:...` (kept when it is there, or asked for).
  const inTag = !!ref.pinInTag && !ref.digest && (!!ref.tagPinned || !!want.digestInTag);
  const tagValue = inTag && want.digest ? `${want.tag}@${want.digest}` : want.tag;
  if (ref.tag) {
    if (ref.tag.scalar.value == null || scalarText(ref.tag.scalar, text) !== tagValue) {
      edits.push(replaceScalar(at, ref.tag.scalar, tagValue));
    }
    if (ref.tagPinned && !want.digest) notes.push(DROPPED);
  } else if (ref.addTag) {
    add.push([ref.addTag, tagValue]);
  }
  let pinned = inTag && !!want.digest && !!(ref.tag || ref.addTag);
  if (want.digest && !pinned) {
    if (ref.digest) {
      pinned = true;
      if (ref.digest.scalar.value !== want.digest) edits.push(replaceScalar(at, ref.digest.scalar, want.digest));
    } else if (ref.addDigest) {
      pinned = true;
      add.push([ref.addDigest, want.digest]);
    } else if (ref.tag || ref.addTag) {
      notes.push(
        `digest not pinned: ${ref.kind === 'marker' ? 'the marker sets the tag only' : 'this image mapping has no digest key; digest-in-tag would write tag@digest'}`,
      );
    }
  } else if (ref.digest && ref.digest.scalar.value) {
    edits.push(ref.dropDigest === 'remove-line' ? removePair(at, ref.map, ref.digest) : replaceScalar(at, ref.digest.scalar, ''));
    notes.push(DROPPED);
  }
  if (add.length) {
    const after = ref.tag?.pair ?? ref.after ?? ref.map.items[ref.map.items.length - 1];
    edits.push(insertPairs(at, ref.map, after, add, ref.tag?.scalar ?? ref.like));
  }

  const old = `${ref.now.tag ?? ''}${ref.now.digest ? `@${ref.now.digest}` : ''}`;
  const plan: Plan = { edits: joinInserts(edits), old, new: `${ref.tag || ref.addTag ? want.tag : ''}${pinned ? `@${want.digest}` : ''}` };
  if (notes.length) plan.note = notes.join('; ');
  return plan;
}

/**
 * The edits that point an adopted split reference at `repository`: Helm's `repository` (with `registry` when
 * the mapping splits them), Kustomize's `newName` (set or added; `name` is what the transformer matches in
 * the manifests and stays), a marker's repository. Refuses (one line) where the repository cannot be set alone.
 */
function renameEdits(at: At, ref: Reference & SplitRef, repository: string): Edit[] {
  if (ref.kind === 'marker') return markerEdits(at, ref, repository);
  const line = lineAt(at.text, ref.offset);
  const refuse = (why: string): never => {
    throw new OffmainError(`${at.file}:${line}: cannot adopt ${ref.repository} here: ${why}; set the repository by hand, nothing was changed`, { file: at.file, line });
  };
  if (ref.addName && ref.nameAfter && !ref.repo) {
    return [insertPairs(at, ref.map, ref.nameAfter.pair, [[ref.addName, repository]], ref.nameAfter.scalar)];
  }
  if (!ref.repo) return refuse('its repository is not written in this mapping (it comes from a merge key or elsewhere)');
  for (const slot of [ref.repo, ref.registry]) {
    if (slot && (slot.alias || slot.scalar.anchor)) refuse(`the repository on line ${lineAt(at.text, slot.scalar.range[0])} is anchored or an alias, so changing it would change other places too`);
  }
  const edits: Edit[] = [];
  const set = (slot: Slot, value: string) => {
    if (scalarText(slot.scalar, at.text) !== value) edits.push(replaceScalar(at, slot.scalar, value));
  };
  if (!ref.registry) {
    set(ref.repo, repository);
    return edits;
  }
  // `registry` + `repository`: the host in one, the path in the other (a registry that already names it stays).
  const c = canonicalRepository(repository);
  const path = repositoryPath(repository);
  const host = path === c ? 'docker.io' : repository.slice(0, repository.indexOf('/'));
  const rest = path === c ? c : repository.slice(repository.indexOf('/') + 1);
  const registry = scalarText(ref.registry.scalar, at.text).replace(/\/+$/, '');
  if (canonicalRepository(`${registry}/${rest}`) !== c) set(ref.registry, host);
  set(ref.repo, rest);
  return edits;
}

/** An adopted `# offmain: REPOSITORY` marker names the new repository, so that the next run finds it. */
function markerEdits(at: At, ref: Reference, repository: string): Edit[] {
  return (ref.markerNames ?? [])
    .filter(([start, end]) => canonicalRepository(at.text.slice(start, end)) !== canonicalRepository(repository))
    .map(([start, end]) => ({ start, end, text: repository }));
}

/** Keys added at one place by two edits (a `newName` and a `newTag` after `name`) in one edit, in order. */
function joinInserts(edits: Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const e of edits) {
    const same = e.start === e.end ? out.find((o) => o.start === e.start && o.end === e.end) : undefined;
    if (same) same.text += e.text;
    else out.push({ ...e });
  }
  return out;
}

/** Applies non-overlapping edits (in one pass: many edits to a big file stay linear). */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let done = 0;
  for (const e of sorted) {
    if (e.start < done) throw new Error(`overlapping edits at offset ${e.start}`);
    out.push(text.slice(done, e.start), e.text);
    done = e.end;
  }
  out.push(text.slice(done));
  return out.join('');
}

/** Throws (a bug in offmain, not a user error) when edited text no longer parses. */
export function assertParses(text: string, file: string): void {
  for (const doc of parseYaml(text)) {
    const problem = firstProblem(doc);
    if (problem) throw new Error(`offmain produced invalid YAML in ${file}: ${problem.message}`);
  }
}

interface At {
  file: string;
  text: string;
}

function replaceScalar(at: At, s: SourceScalar, value: string): Edit {
  const { text } = at;
  const [start, end] = s.range;
  let out = render(at, s, value);
  if (start === end) {
    // An empty value (`tag:` or `tag:   # comment`): keep one space after the colon and before a comment.
    if (!/[ \t]/.test(text[start - 1] ?? '')) out = ` ${out}`;
    if (text[start] === '#') out = `${out} `;
  }
  return { start, end, text: out };
}

/** The value written the way the scalar already is: plain stays plain unless it would not read back as this string. */
function render(at: At, s: SourceScalar, value: string): string {
  switch (s.type) {
    case 'QUOTE_SINGLE':
      return `'${value.replace(/'/g, "''")}'`;
    case 'QUOTE_DOUBLE':
      return JSON.stringify(value);
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const line = lineAt(at.text, s.range[0]);
      throw new OffmainError(
        `${at.file}:${line}: the image is a block scalar (| or >); write it on one line so offmain can update it`,
        { file: at.file, line },
      );
    }
    default:
      return plainSafe(value) ? value : JSON.stringify(value);
  }
}

const plainCache = new Map<string, boolean>();

/** True when `value` written plain reads back as the same string, in block or flow context, YAML 1.1 or 1.2. */
export function plainSafe(value: string): boolean {
  let ok = plainCache.get(value);
  if (ok === undefined) {
    ok =
      value !== '' &&
      value.trim() === value &&
      (['1.1', '1.2'] as const).every((version) => {
        const doc = parseDocument(`[${value}]`, { version });
        const item = (doc.contents as { items?: unknown[] } | null)?.items?.[0];
        return doc.errors.length === 0 && isScalar(item) && item.value === value;
      });
    plainCache.set(value, ok);
  }
  return ok;
}

/** Adds `key: value` pairs after `after`, on new lines at the mapping's indentation (or `, k: v` in a flow mapping). */
function insertPairs(at: At, map: YAMLMap, after: Pair | undefined, pairs: [string, string][], like?: SourceScalar): Edit {
  const anchor = (after?.value ?? after?.key) as Node | undefined;
  if (!after || !anchor?.range) throw new Error('cannot add a key to an empty mapping');
  const { text } = at;
  const shown = pairs.map(([k, v]) => `${k}: ${render(at, like ?? ({ type: 'PLAIN' } as SourceScalar), v)}`);
  if (map.flow) {
    const pos = anchor.range[1];
    return { start: pos, end: pos, text: shown.map((p) => `, ${p}`).join('') };
  }
  const keyStart = (map.items[0]!.key as Node).range![0];
  const indent = ' '.repeat(keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1));
  const nl = text.indexOf('\n', anchor.range[1]);
  const pos = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const eol = nl < 0 ? (text.includes('\r\n') ? '\r\n' : '\n') : text.slice(pos, nl + 1);
  return { start: pos, end: pos, text: shown.map((p) => `${eol}${indent}${p}`).join('') };
}

/** Deletes the line of a `key: value` pair that sits alone on its line. */
function removePair(at: At, map: YAMLMap, slot: Slot): Edit {
  const { text } = at;
  const keyStart = (slot.pair?.key as Node | undefined)?.range?.[0] ?? slot.scalar.range[0];
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const nl = text.indexOf('\n', slot.scalar.range[1]);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  const line = lineAt(text, keyStart);
  if (
    map.flow ||
    !/^[ \t]*$/.test(text.slice(lineStart, keyStart)) ||
    !/^[ \t]*(#.*)?\r?\n?$/.test(text.slice(slot.scalar.range[1], lineEnd))
  ) {
    throw new OffmainError(
      `${at.file}:${line}: this image entry pins a digest and no new digest was given; pass one (repo=tag@sha256:...) or remove the digest line by hand`,
      { file: at.file, line },
    );
  }
  return nl < 0 && lineStart > 0 ? { start: lineStart - (text[lineStart - 2] === '\r' ? 2 : 1), end: lineEnd, text: '' } : { start: lineStart, end: lineEnd, text: '' };
}
