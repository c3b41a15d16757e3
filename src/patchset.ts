/**
 * Patch sets: declarative, checked edits to an upstream Mastodon tree (format: docs/patch-sets.md).
 *
 * A patch set is YAML. Each patch picks the first variant whose `when` holds for this upstream (its
 * version and/or file contents), proves its `require`ments, then either reports `not-needed` with the
 * reason or runs operations (delete lines / replace / insert lines after an anchor), each with the
 * match count it expects, and checks that must hold afterwards. Every edit is computed in memory
 * (see Workspace); nothing reaches the disk until every patch of the run has passed.
 */
import { chmod, mkdir, readdir, readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix } from 'node:path';
import semver from 'semver';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import { OffmainError } from './errors.js';
import { introducedProblems } from './lockfile.js';
import type { LockfileProblem } from './lockfile.js';

// ---------------------------------------------------------------------------------------------
// Results (re-exported by patch.ts)

export type PatchStatus = 'applied' | 'already-applied' | 'not-needed' | 'failed';

export interface NearLine {
  line: number;
  text: string;
}

export interface PatchFailure {
  /** File the failure is about, relative to the tree. */
  file: string;
  /** 1-based line for an annotation (the nearest line found, or the offending line). */
  line?: number;
  /** What the patch expected to find. */
  expected: string;
  /** The lines of the file most similar to what was expected (or the lines that matched too often). */
  nearest: NearLine[];
}

export interface PatchResult {
  id: string;
  set: string;
  description: string;
  status: PatchStatus;
  /** not-needed: why, and what to do instead. failed: one line naming the file and the problem. */
  reason?: string;
  /** Files the patch changed (applied) or would change (already-applied). */
  files: string[];
  failure?: PatchFailure;
}

// ---------------------------------------------------------------------------------------------
// The parsed format

export interface Pattern {
  source: string;
  /** Compiled with the `m` flag: ^ and $ match at line boundaries. */
  re: RegExp;
}

export type Condition =
  | { kind: 'version'; range: string; line: number }
  | { kind: 'exists'; file: string; exists: boolean; line: number }
  | { kind: 'contains'; file: string; pattern: Pattern; negate: boolean; line: number }
  | { kind: 'all' | 'any'; items: Condition[]; line: number };

export type Check = Condition | { kind: 'lockfile'; line: number };

export interface Expect {
  min: number;
  max: number;
  text: string;
}

export type Operation =
  | { kind: 'delete'; file: string; pattern: Pattern; expect: Expect; done?: Pattern; line: number }
  | { kind: 'replace'; file: string; pattern: Pattern; with: string; expect: Expect; done?: Pattern; line: number }
  | {
      kind: 'insert-after';
      file: string;
      pattern: Pattern;
      lines: string[];
      occurrence: 'all' | 'first' | 'last';
      expect: Expect;
      done?: Pattern;
      line: number;
    };

export interface Variant {
  when?: Condition;
  require: Condition[];
  notNeeded?: string;
  operations: Operation[];
  checks: Check[];
  line: number;
}

export interface Patch {
  id: string;
  description: string;
  variants: Variant[];
  line: number;
}

export interface PatchSet {
  name: string;
  description: string;
  patches: Patch[];
  /** Where the set came from, as used in messages (`patches/mine.yml`). */
  source: string;
}

// ---------------------------------------------------------------------------------------------
// Parsing, with file:line in every error

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

class YamlReader {
  constructor(
    readonly source: string,
    readonly lc: LineCounter,
    readonly doc: Document,
  ) {}

  line(node: unknown, fallback = 1): number {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return fallback;
    return this.lc.linePos(range[0]).line;
  }

  fail(line: number, message: string): never {
    throw new OffmainError(`${this.source}:${line}: ${message}`, { file: this.source, line });
  }

  resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  map(node: unknown, what: string, line: number): YAMLMap {
    const n = this.resolve(node);
    if (!isMap(n)) this.fail(this.line(n, line), `${what} must be a mapping (key: value)`);
    return n;
  }

  /** Entries of a mapping, rejecting unknown keys (a typo must not silently disable a guard). */
  entries(m: YAMLMap, what: string, allowed: readonly string[]): Map<string, { value: unknown; line: number }> {
    const out = new Map<string, { value: unknown; line: number }>();
    for (const pair of m.items) {
      const keyNode = this.resolve(pair.key);
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const line = this.line(keyNode, this.line(m));
      if (!allowed.includes(key)) {
        this.fail(line, `unknown key "${key}" in ${what} (allowed: ${allowed.join(', ')})`);
      }
      out.set(key, { value: this.resolve(pair.value), line });
    }
    return out;
  }

  string(entry: { value: unknown; line: number } | undefined, what: string, allowEmpty = false): string {
    if (!entry) throw new Error('internal: missing entry');
    const v = entry.value;
    if (!isScalar(v) || v.value === null || v.value === undefined || typeof v.value === 'object') {
      this.fail(entry.line, `${what} must be a string`);
    }
    const s = String(v.value);
    if (!allowEmpty && s.trim() === '') this.fail(entry.line, `${what} must not be empty`);
    return s;
  }

  boolean(entry: { value: unknown; line: number }, what: string): boolean {
    const v = entry.value;
    if (!isScalar(v) || typeof v.value !== 'boolean') this.fail(entry.line, `${what} must be true or false`);
    return v.value as boolean;
  }

  seq(entry: { value: unknown; line: number }, what: string): unknown[] {
    const v = entry.value;
    if (!isSeq(v)) this.fail(entry.line, `${what} must be a list`);
    return v.items.map((i) => this.resolve(i));
  }

  pattern(entry: { value: unknown; line: number }, what: string): Pattern {
    const source = this.string(entry, what);
    try {
      return { source, re: new RegExp(source, 'm') };
    } catch (e) {
      const msg = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
      this.fail(entry.line, `invalid regular expression in ${what}: ${msg}`);
    }
  }

  path(entry: { value: unknown; line: number }, what: string): string {
    const p = this.string(entry, what);
    const norm = posix.normalize(p.replace(/^\.\//, ''));
    if (isAbsolute(p) || p.includes('\\') || norm === '.' || norm.startsWith('../') || norm === '..') {
      this.fail(entry.line, `${what} must be a path inside the Mastodon tree, relative to its root (got "${p}")`);
    }
    return norm;
  }
}

/** Parse a patch set; `source` names it in every error (`patches/mine.yml:12: ...`). */
export function parsePatchSet(text: string, source: string): PatchSet {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = lc.linePos(err.pos[0]).line;
    const msg = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'syntax error';
    throw new OffmainError(`${source}:${line}: YAML syntax error: ${msg}`, { file: source, line });
  }
  const r: YamlReader = new YamlReader(source, lc, doc);
  if (doc.contents === null) r.fail(1, 'the patch set is empty: it needs name and patches');
  const top = r.entries(r.map(doc.contents, 'a patch set', 1), 'the patch set', ['name', 'description', 'patches']);
  const nameEntry = top.get('name');
  if (!nameEntry) r.fail(1, 'the patch set needs a name');
  const name = r.string(nameEntry, 'name');
  if (!NAME_RE.test(name)) r.fail(nameEntry.line, `name "${name}" may only contain letters, digits, ".", "_" and "-"`);
  const description = top.get('description') ? r.string(top.get('description'), 'description', true) : '';
  const patchesEntry = top.get('patches');
  if (!patchesEntry) r.fail(1, 'the patch set needs a list of patches');
  const patchNodes = r.seq(patchesEntry, 'patches');
  const patches: Patch[] = [];
  const ids = new Map<string, number>();
  for (const node of patchNodes) {
    const patch = parsePatch(r, node, patchesEntry.line);
    const previous = ids.get(patch.id);
    if (previous !== undefined) r.fail(patch.line, `duplicate patch id "${patch.id}" (first used at line ${previous})`);
    ids.set(patch.id, patch.line);
    patches.push(patch);
  }
  return { name, description, patches, source };
}

const VARIANT_KEYS = ['when', 'require', 'not-needed', 'operations', 'checks'] as const;

function parsePatch(r: YamlReader, node: unknown, fallbackLine: number): Patch {
  const line = r.line(node, fallbackLine);
  const e = r.entries(r.map(node, 'a patch', line), 'a patch', ['id', 'description', 'variants', ...VARIANT_KEYS]);
  const idEntry = e.get('id');
  if (!idEntry) r.fail(line, 'a patch needs an id');
  const id = r.string(idEntry, 'id');
  if (!NAME_RE.test(id)) r.fail(idEntry.line, `patch id "${id}" may only contain letters, digits, ".", "_" and "-"`);
  const descEntry = e.get('description');
  if (!descEntry) r.fail(line, `patch "${id}" needs a description`);
  const description = r.string(descEntry, 'description').trim();
  const variants: Variant[] = [];
  const variantsEntry = e.get('variants');
  if (variantsEntry) {
    for (const key of VARIANT_KEYS) {
      const other = e.get(key);
      if (other) r.fail(other.line, `patch "${id}" has variants: put "${key}" inside a variant`);
    }
    const items = r.seq(variantsEntry, 'variants');
    if (items.length === 0) r.fail(variantsEntry.line, `patch "${id}" has an empty variants list`);
    for (const item of items) {
      const vLine = r.line(item, variantsEntry.line);
      variants.push(parseVariant(r, r.entries(r.map(item, 'a variant', vLine), 'a variant', VARIANT_KEYS), vLine, id));
    }
  } else {
    variants.push(parseVariant(r, e, line, id));
  }
  return { id, description, variants, line };
}

function parseVariant(
  r: YamlReader,
  e: Map<string, { value: unknown; line: number }>,
  line: number,
  id: string,
): Variant {
  const whenEntry = e.get('when');
  const when = whenEntry ? parseCondition(r, whenEntry.value, whenEntry.line, 'when') : undefined;
  const requireEntry = e.get('require');
  const require = requireEntry ? conditionList(r, requireEntry, 'require') : [];
  const notNeededEntry = e.get('not-needed');
  const notNeeded = notNeededEntry ? r.string(notNeededEntry, 'not-needed').trim() : undefined;
  const opsEntry = e.get('operations');
  const operations = opsEntry ? r.seq(opsEntry, 'operations').map((n) => parseOperation(r, n, opsEntry.line)) : [];
  const checksEntry = e.get('checks');
  const checks = checksEntry ? r.seq(checksEntry, 'checks').map((n) => parseCheck(r, n, checksEntry.line)) : [];
  if (notNeeded !== undefined && opsEntry) {
    r.fail(opsEntry.line, `patch "${id}": a variant has either not-needed or operations, not both`);
  }
  if (notNeeded !== undefined && checksEntry) {
    r.fail(checksEntry.line, `patch "${id}": a not-needed variant proves its reason with require, not checks`);
  }
  if (notNeeded === undefined && operations.length === 0) {
    r.fail(opsEntry?.line ?? line, `patch "${id}": a variant needs operations (a non-empty list) or not-needed: "reason"`);
  }
  return { when, require, notNeeded, operations, checks, line };
}

function conditionList(r: YamlReader, entry: { value: unknown; line: number }, what: string): Condition[] {
  if (isSeq(entry.value)) {
    return r.seq(entry, what).map((n) => parseCondition(r, n, r.line(n, entry.line), what));
  }
  return [parseCondition(r, entry.value, entry.line, what)];
}

const CONDITION_KEYS = ['version', 'file', 'exists', 'contains', 'not-contains', 'absent', 'any', 'all'] as const;

function parseCondition(r: YamlReader, node: unknown, fallbackLine: number, what: string): Condition {
  const line = r.line(node, fallbackLine);
  if (isSeq(node)) {
    const items = node.items.map((i) => r.resolve(i)).map((n) => parseCondition(r, n, line, what));
    if (items.length === 0) r.fail(line, `${what} must not be an empty list`);
    return items.length === 1 ? items[0]! : { kind: 'all', items, line };
  }
  const e = r.entries(r.map(node, `a ${what} condition`, line), `a ${what} condition`, CONDITION_KEYS);
  const parts: Condition[] = [];
  const version = e.get('version');
  if (version) {
    const range = r.string(version, 'version');
    if (semver.validRange(range, { includePrerelease: true }) === null) {
      r.fail(version.line, `version "${range}" is not a semver range (e.g. ">=4.3.0 <4.6.0")`);
    }
    parts.push({ kind: 'version', range, line: version.line });
  }
  const fileEntry = e.get('file');
  const tests = (['exists', 'contains', 'not-contains', 'absent'] as const).filter((k) => e.has(k));
  if (fileEntry) {
    const file = r.path(fileEntry, 'file');
    if (tests.length === 0) r.fail(fileEntry.line, `a condition on file ${file} needs one of exists, contains, not-contains`);
    for (const t of tests) {
      const entry = e.get(t)!;
      if (t === 'exists') parts.push({ kind: 'exists', file, exists: r.boolean(entry, 'exists'), line: entry.line });
      else parts.push({ kind: 'contains', file, pattern: r.pattern(entry, t), negate: t !== 'contains', line: entry.line });
    }
  } else if (tests.length > 0) {
    r.fail(e.get(tests[0]!)!.line, `"${tests[0]}" needs a file: key naming the file to look at`);
  }
  for (const k of ['any', 'all'] as const) {
    const entry = e.get(k);
    if (!entry) continue;
    const items = r.seq(entry, k).map((n) => parseCondition(r, n, r.line(n, entry.line), what));
    if (items.length === 0) r.fail(entry.line, `${k} must not be an empty list`);
    parts.push({ kind: k, items, line: entry.line });
  }
  if (parts.length === 0) r.fail(line, `a ${what} condition needs version, file (with exists/contains/not-contains), any or all`);
  return parts.length === 1 ? parts[0]! : { kind: 'all', items: parts, line };
}

function parseCheck(r: YamlReader, node: unknown, fallbackLine: number): Check {
  const line = r.line(node, fallbackLine);
  const m = r.map(node, 'a check', line);
  const hasLockfile = m.items.some((p) => {
    const k = r.resolve(p.key);
    return isScalar(k) && k.value === 'lockfile';
  });
  if (hasLockfile) {
    const e = r.entries(m, 'a lockfile check', ['lockfile']);
    const entry = e.get('lockfile')!;
    if (!r.boolean(entry, 'lockfile')) r.fail(entry.line, 'lockfile: only "lockfile: true" is meaningful');
    return { kind: 'lockfile', line };
  }
  return parseCondition(r, node, line, 'check');
}

const OPERATION_KEYS = ['file', 'delete', 'replace', 'with', 'insert-after', 'lines', 'expect', 'occurrence', 'done'] as const;

function parseOperation(r: YamlReader, node: unknown, fallbackLine: number): Operation {
  const line = r.line(node, fallbackLine);
  const e = r.entries(r.map(node, 'an operation', line), 'an operation', OPERATION_KEYS);
  const kinds = (['delete', 'replace', 'insert-after'] as const).filter((k) => e.has(k));
  if (kinds.length !== 1) r.fail(line, 'operation needs exactly one of delete, replace, insert-after');
  const kind = kinds[0]!;
  const fileEntry = e.get('file');
  if (!fileEntry) r.fail(line, `operation ${kind} needs file: (the path of the file to edit)`);
  const file = r.path(fileEntry, 'file');
  const expectEntry = e.get('expect');
  if (!expectEntry) r.fail(line, `operation ${kind} on ${file} needs expect: N (how many matches it expects)`);
  const expect = parseExpect(r, expectEntry);
  const doneEntry = e.get('done');
  const done = doneEntry ? r.pattern(doneEntry, 'done') : undefined;
  for (const k of ['with', 'lines', 'occurrence'] as const) {
    const entry = e.get(k);
    const owner = k === 'with' ? 'replace' : 'insert-after';
    if (entry && kind !== owner) r.fail(entry.line, `"${k}" belongs to ${owner} operations, not ${kind}`);
  }
  const patternEntry = e.get(kind)!;
  if (kind === 'delete') {
    return { kind, file, pattern: r.pattern(patternEntry, 'delete'), expect, done, line };
  }
  if (kind === 'replace') {
    const withEntry = e.get('with');
    if (!withEntry) r.fail(line, `replace on ${file} needs with: (the replacement text; "" to remove the match)`);
    const replacement = r.string(withEntry, 'with', true);
    return { kind, file, pattern: r.pattern(patternEntry, 'replace'), with: replacement, expect, done, line };
  }
  const linesEntry = e.get('lines');
  if (!linesEntry) r.fail(line, `insert-after on ${file} needs lines: (a list of lines to insert)`);
  const items = r.seq(linesEntry, 'lines');
  if (items.length === 0) r.fail(linesEntry.line, 'lines must not be empty');
  const lines = items.map((item) => {
    const l = r.line(item, linesEntry.line);
    if (!isScalar(item) || item.value === null || typeof item.value === 'object') r.fail(l, 'each of lines must be a string');
    const s = String(item.value);
    if (s.includes('\n')) r.fail(l, 'each of lines is one line: split multi-line text into several entries');
    return s;
  });
  let occurrence: 'all' | 'first' | 'last' = 'all';
  const occEntry = e.get('occurrence');
  if (occEntry) {
    const o = r.string(occEntry, 'occurrence');
    if (o !== 'all' && o !== 'first' && o !== 'last') r.fail(occEntry.line, 'occurrence must be all, first or last');
    occurrence = o;
  }
  return { kind, file, pattern: r.pattern(patternEntry, 'insert-after'), lines, occurrence, expect, done, line };
}

function parseExpect(r: YamlReader, entry: { value: unknown; line: number }): Expect {
  const v = entry.value;
  const raw = isScalar(v) ? v.value : undefined;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1) return { min: raw, max: raw, text: String(raw) };
  if (typeof raw === 'string') {
    const exact = /^\s*(\d+)\s*$/.exec(raw);
    if (exact && Number(exact[1]) >= 1) return { min: Number(exact[1]), max: Number(exact[1]), text: exact[1]! };
    const atLeast = /^\s*>=\s*(\d+)\s*$/.exec(raw);
    if (atLeast && Number(atLeast[1]) >= 1) return { min: Number(atLeast[1]), max: Infinity, text: `>=${atLeast[1]}` };
  }
  r.fail(entry.line, 'expect must be a whole number of matches (1 or more) or ">=N"');
}

// ---------------------------------------------------------------------------------------------
// The tree, in memory

/**
 * Files of the tree, read on demand and edited in memory. Only the files patches look at are read:
 * the tree is never walked. `commit()` writes every change, restoring everything if a write fails.
 */
export class Workspace {
  private readonly pristine = new Map<string, string | null>();
  private readonly current = new Map<string, string | null>();
  /** File modes for files a unified diff creates or changes the mode of. */
  readonly modes = new Map<string, number>();

  constructor(readonly dir: string) {}

  async read(path: string): Promise<string | null> {
    if (this.current.has(path)) return this.current.get(path) ?? null;
    const text = await readTreeFile(this.dir, path);
    this.pristine.set(path, text);
    this.current.set(path, text);
    return text;
  }

  async readPristine(path: string): Promise<string | null> {
    if (!this.pristine.has(path)) await this.read(path);
    return this.pristine.get(path) ?? null;
  }

  set(path: string, text: string | null): void {
    if (!this.pristine.has(path)) throw new Error(`internal: ${path} set before it was read`);
    this.current.set(path, text);
  }

  /** Files whose content now differs from the tree on disk, sorted. */
  changedFiles(): string[] {
    const out: string[] = [];
    for (const [path, text] of this.current) {
      if (text !== this.pristine.get(path) || this.modes.has(path)) out.push(path);
    }
    return out.sort();
  }

  /** Write every change; on any error restore every file touched so far (and remove created ones). */
  async commit(): Promise<string[]> {
    const changed = this.changedFiles();
    const done: { path: string; before: string | null; mode?: number }[] = [];
    const createdDirs: string[] = [];
    try {
      for (const path of changed) {
        const abs = join(this.dir, path);
        const before = this.pristine.get(path) ?? null;
        const after = this.current.get(path) ?? null;
        const mode = before === null ? undefined : (await stat(abs)).mode & 0o7777;
        if (after === null) {
          if (before !== null) {
            await unlink(abs);
            done.push({ path, before, mode });
          }
          continue;
        }
        if (before === null) {
          const made = await mkdir(dirname(abs), { recursive: true });
          if (made) createdDirs.push(made);
        }
        done.push({ path, before, mode });
        if (before !== after) await writeFile(abs, after, 'utf8');
        const wanted = this.modes.get(path);
        if (wanted !== undefined) await chmod(abs, wanted);
      }
    } catch (e) {
      const problems: string[] = [];
      for (const { path, before, mode } of done.reverse()) {
        const abs = join(this.dir, path);
        try {
          if (before === null) await unlink(abs).catch(() => undefined);
          else {
            await writeFile(abs, before, 'utf8');
            if (mode !== undefined) await chmod(abs, mode);
          }
        } catch (re) {
          problems.push(`${path} (${re instanceof Error ? re.message : String(re)})`);
        }
      }
      for (const d of createdDirs) await removeEmptyDirs(d, this.dir);
      const what = e instanceof Error ? e.message : String(e);
      throw new OffmainError(
        problems.length === 0
          ? `could not write the patched files (${what}); every file was restored to its upstream content`
          : `could not write the patched files (${what}) and could not restore ${problems.join(', ')}: check out the upstream tree again`,
      );
    }
    return changed;
  }
}

async function removeEmptyDirs(first: string, root: string): Promise<void> {
  // `mkdir -p` returned the first directory it created; remove it and everything below, if empty.
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const ent of entries) if (ent.isDirectory()) await walk(join(d, ent.name));
    await rmdir(d).catch(() => undefined);
  };
  if (first.startsWith(root)) await walk(first);
}

export async function readTreeFile(dir: string, path: string): Promise<string | null> {
  try {
    return await readFile(join(dir, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EISDIR') throw new OffmainError(`${path}: is a directory where a patch expects a file`, { file: path });
    throw new OffmainError(`${path}: cannot be read (${(e as Error).message})`, { file: path });
  }
}

/** A view of the tree: the workspace plus the edits of the patch being evaluated. */
export class Overlay {
  readonly edits = new Map<string, string | null>();
  constructor(readonly ws: Workspace) {}
  async read(path: string): Promise<string | null> {
    if (this.edits.has(path)) return this.edits.get(path) ?? null;
    return this.ws.read(path);
  }
  set(path: string, text: string | null): void {
    this.edits.set(path, text);
  }
  /** Apply to the workspace. */
  commit(): void {
    for (const [path, text] of this.edits) this.ws.set(path, text);
  }
}

// ---------------------------------------------------------------------------------------------
// Similarity search: where did the expected text go?

/** Turn a regex source into the plain text it looks for, roughly: what to compare lines with. */
function literalize(source: string): string {
  let out = '';
  const skipQuantifier = (i: number): number => {
    let j = i;
    const brace = /^\{\d+(?:,\d*)?\}/.exec(source.slice(j + 1));
    if (brace) j += brace[0].length;
    else if ('*+?'.includes(source[j + 1] ?? '_')) j++;
    if (source[j + 1] === '?') j++;
    return j;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[++i] ?? '';
      const map: Record<string, string> = { n: '\n', t: '\t', s: ' ', d: '0', w: 'x', b: '', B: '', S: 'x', D: 'x', W: ' ' };
      out += map[n] ?? n;
      i = skipQuantifier(i);
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = skipQuantifier(j);
      continue;
    }
    if (c === '(') {
      const group = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(source.slice(i));
      if (group) i += group[0].length - 1;
      continue;
    }
    if (c === '.') {
      out += ' ';
      i = skipQuantifier(i);
      continue;
    }
    if (')|^$*+?'.includes(c)) continue;
    out += c;
  }
  return out;
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const t = s.toLowerCase().replace(/\s+/g, ' ').trim();
  for (let i = 0; i < t.length - 1; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function dice(a: Map<string, number>, aSize: number, b: string): number {
  const bg = bigrams(b);
  let bSize = 0;
  let common = 0;
  for (const [g, n] of bg) {
    bSize += n;
    const an = a.get(g);
    if (an) common += Math.min(an, n);
  }
  return aSize + bSize === 0 ? 0 : (2 * common) / (aSize + bSize);
}

/**
 * The lines of `text` most similar to what `pattern` (a regex source or plain text) looks for, best
 * first, with 1-based line numbers. A multi-line pattern is compared by its most distinctive line.
 */
export function nearestLines(text: string, pattern: string, limit = 3, isRegex = true): NearLine[] {
  const wanted = isRegex ? literalize(pattern) : pattern;
  const segments = wanted.split('\n').map((s) => s.trim());
  const key = segments.reduce((best, s) => (s.replace(/[^A-Za-z0-9]/g, '').length > best.replace(/[^A-Za-z0-9]/g, '').length ? s : best), '');
  if (key === '') return [];
  const a = bigrams(key);
  let aSize = 0;
  for (const n of a.values()) aSize += n;
  const scored: { line: number; text: string; score: number }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l.trim() === '') continue;
    const score = dice(a, aSize, l);
    if (score > 0.2) scored.push({ line: i + 1, text: l, score });
  }
  scored.sort((x, y) => y.score - x.score || x.line - y.line);
  return scored.slice(0, limit).map(({ line, text: t }) => ({ line, text: t }));
}

function matchingLines(text: string, re: RegExp, limit = 5): NearLine[] {
  const out: NearLine[] = [];
  const g = new RegExp(re.source, 'gm');
  const starts = lineStarts(text);
  const lines = text.split('\n');
  for (const m of text.matchAll(g)) {
    if (out.length >= limit) break;
    const line = lineAt(starts, m.index ?? 0);
    if (out.some((o) => o.line === line)) continue;
    out.push({ line, text: lines[line - 1] ?? '' });
    if (m[0] === '') break;
  }
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export type LineMap = (line: number) => number;

const identity: LineMap = (line) => line;

/**
 * Map 1-based line numbers of `seen` (the text a patch saw: upstream plus the edits of the patches
 * before it) to the upstream file, so reports and annotations point at the file the admin can open.
 * A line that upstream does not have maps to the line after its closest upstream predecessor.
 */
export function lineMapper(upstream: string | null, seen: string): LineMap {
  if (upstream === null || upstream === seen) return identity;
  let map: Int32Array | undefined;
  return (line) => {
    map ??= matchLines(upstream.split('\n'), seen.split('\n'));
    for (let i = Math.min(line, map.length) - 1; i >= 0; i--) {
      const m = map[i]!;
      if (m >= 0) return i === line - 1 ? m + 1 : m + 2;
    }
    return 1;
  };
}

/** For each line of b, the index of the same line in a (a longest common subsequence), or -1. */
function matchLines(a: string[], b: string[]): Int32Array {
  const map = new Int32Array(b.length).fill(-1);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) map[pre] = pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) {
    map[b.length - 1 - suf] = a.length - 1 - suf;
    suf++;
  }
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  if (n === 0 || m === 0) return map;
  // Myers' O(ND) diff; D (lines changed) is small for patches. Give up on huge rewrites.
  const max = Math.min(n + m, 4000);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[k - 1 + off]! < v[k + 1 + off]!) ? v[k + 1 + off]! : v[k - 1 + off]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[k + off] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) return map;
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const t = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && t[k - 1 + off]! < t[k + 1 + off]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : t[prevK + off]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      map[pre + y] = pre + x;
    }
    x = prevX;
    y = prevY;
  }
  return map;
}

function mapNear(near: NearLine[], at: LineMap): NearLine[] {
  return near.map((n) => ({ line: at(n.line), text: n.text }));
}

// ---------------------------------------------------------------------------------------------
// Conditions

interface Outcome {
  ok: boolean;
  /** When not ok: what is not true, one line. */
  detail: string;
  failure?: PatchFailure;
}

function conditionFiles(c: Condition): string[] {
  switch (c.kind) {
    case 'all':
    case 'any':
      return c.items.flatMap(conditionFiles);
    case 'version':
      return [];
    default:
      return [c.file];
  }
}

export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'version':
      return `version ${c.range}`;
    case 'exists':
      return c.exists ? `${c.file} exists` : `${c.file} does not exist`;
    case 'contains':
      return `${c.file} ${c.negate ? 'does not contain' : 'contains'} /${c.pattern.source}/`;
    case 'all':
      return c.items.map(describeCondition).join(' and ');
    case 'any':
      return `(${c.items.map(describeCondition).join(' or ')})`;
  }
}

interface Reader {
  read(path: string): Promise<string | null>;
}

/** How line numbers of a file's text as seen by a patch map to the upstream file. */
export type LineMapping = (file: string, seen: string) => Promise<LineMap>;

const noMapping: LineMapping = async () => identity;

async function evaluate(c: Condition, tree: Reader, version: semver.SemVer, mapping: LineMapping): Promise<Outcome> {
  switch (c.kind) {
    case 'version': {
      const ok = semver.satisfies(version, c.range, { includePrerelease: true });
      return { ok, detail: `this upstream is ${version.version}, not ${c.range}` };
    }
    case 'exists': {
      const text = await tree.read(c.file);
      const ok = (text !== null) === c.exists;
      return {
        ok,
        detail: c.exists ? `${c.file}: file not found` : `${c.file} exists`,
        failure: ok ? undefined : { file: c.file, expected: c.exists ? 'the file exists' : 'no such file', nearest: [] },
      };
    }
    case 'contains': {
      const text = await tree.read(c.file);
      if (text === null) {
        return { ok: false, detail: `${c.file}: file not found`, failure: { file: c.file, expected: 'the file exists', nearest: [] } };
      }
      const found = c.pattern.re.test(text);
      if (found !== c.negate) return { ok: true, detail: '' };
      const at = await mapping(c.file, text);
      if (c.negate) {
        const hits = mapNear(matchingLines(text, c.pattern.re), at);
        return {
          ok: false,
          detail: `${c.file}:${hits[0]?.line ?? 1}: still contains /${c.pattern.source}/`,
          failure: { file: c.file, line: hits[0]?.line, expected: `no match of /${c.pattern.source}/`, nearest: hits },
        };
      }
      const near = mapNear(nearestLines(text, c.pattern.source), at);
      return {
        ok: false,
        detail: `${c.file}: does not contain /${c.pattern.source}/`,
        failure: { file: c.file, line: near[0]?.line, expected: `a match of /${c.pattern.source}/`, nearest: near },
      };
    }
    case 'all': {
      for (const item of c.items) {
        const o = await evaluate(item, tree, version, mapping);
        if (!o.ok) return o;
      }
      return { ok: true, detail: '' };
    }
    case 'any': {
      const details: string[] = [];
      let first: Outcome | undefined;
      for (const item of c.items) {
        const o = await evaluate(item, tree, version, mapping);
        if (o.ok) return o;
        first ??= o;
        details.push(o.detail);
      }
      return { ok: false, detail: details.join('; '), failure: first?.failure };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Operations

type OpOutcome =
  | { state: 'apply'; text: string; firstLine: number; hits: NearLine[] }
  /** `weak`: nothing matched and nothing proves the result is there (a delete without `done`). */
  | { state: 'done'; weak: boolean }
  | { state: 'failed'; reason: string; failure: PatchFailure };

export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case 'delete':
      return `delete /${op.pattern.source}/`;
    case 'replace':
      return `replace /${op.pattern.source}/`;
    case 'insert-after':
      return `insert after ${op.occurrence === 'all' ? '' : `the ${op.occurrence} `}/${op.pattern.source}/`;
  }
}

function inRange(n: number, e: Expect): boolean {
  return n >= e.min && n <= e.max;
}

function countText(e: Expect): string {
  return e.max === Infinity ? `at least ${e.min}` : String(e.min);
}

/** JS replacement text without $-patterns is inserted verbatim: its presence proves the replace ran. */
function isLiteralReplacement(s: string): boolean {
  return !/\$([$&`']|\d|<)/.test(s);
}

function splitLines(text: string): { lines: string[]; trailingNewline: boolean } {
  const trailingNewline = text.endsWith('\n');
  const lines = text.split('\n');
  if (trailingNewline) lines.pop();
  return { lines, trailingNewline };
}

function joinLines(lines: string[], trailingNewline: boolean): string {
  return lines.join('\n') + (trailingNewline && lines.length > 0 ? '\n' : '');
}

function evaluateOperation(op: Operation, text: string, at: LineMap = identity): OpOutcome {
  const mismatch = (found: number, hits: NearLine[]): OpOutcome => {
    const unit = op.kind === 'replace' ? 'match' : 'line';
    const plural = op.expect.min === 1 && op.expect.max === 1 ? unit : `${unit}${unit === 'match' ? 'es' : 's'}`;
    const expected = `${countText(op.expect)} ${plural} matching /${op.pattern.source}/ (${op.kind})`;
    const nearest = found === 0 ? mapNear(nearestLines(text, op.pattern.source), at) : hits;
    return {
      state: 'failed',
      reason: `${op.file}: expected ${expected}, found ${found}${found === 0 && nearest[0] ? `; nearest is line ${nearest[0].line}` : ''}`,
      failure: { file: op.file, line: nearest[0]?.line, expected, nearest },
    };
  };
  const notDone = (): OpOutcome => {
    const expected = `${countText(op.expect)} match(es) of /${op.pattern.source}/ or its result /${op.done?.source}/`;
    const nearest = mapNear(nearestLines(text, op.pattern.source), at);
    return {
      state: 'failed',
      reason: `${op.file}: neither /${op.pattern.source}/ (to ${op.kind}) nor its result /${op.done?.source}/ is there`,
      failure: { file: op.file, line: nearest[0]?.line, expected, nearest },
    };
  };

  if (op.kind === 'delete') {
    const { lines, trailingNewline } = splitLines(text);
    const hits: NearLine[] = [];
    const drop = new Set<number>();
    lines.forEach((l, i) => {
      if (!op.pattern.re.test(l)) return;
      drop.add(i);
      hits.push({ line: at(i + 1), text: l });
    });
    if (hits.length === 0) {
      if (op.done && !op.done.re.test(text)) return notDone();
      return { state: 'done', weak: !op.done };
    }
    if (!inRange(hits.length, op.expect)) return mismatch(hits.length, hits);
    return { state: 'apply', text: joinLines(lines.filter((_, i) => !drop.has(i)), trailingNewline), firstLine: hits[0]!.line, hits };
  }

  if (op.kind === 'replace') {
    const re = new RegExp(op.pattern.re.source, 'gm');
    const starts = lineStarts(text);
    const matches = [...text.matchAll(re)];
    const hits = matches.slice(0, 5).map((m) => {
      const line = lineAt(starts, m.index ?? 0);
      return { line: at(line), text: text.split('\n')[line - 1] ?? '' };
    });
    if (matches.some((m) => m[0] === '')) {
      return {
        state: 'failed',
        reason: `${op.file}: /${op.pattern.source}/ matches empty text: make the pattern match what it replaces`,
        failure: { file: op.file, expected: 'a pattern that matches text', nearest: [] },
      };
    }
    if (matches.length === 0) {
      if (op.done) return op.done.re.test(text) ? { state: 'done', weak: false } : notDone();
      if (op.with !== '' && isLiteralReplacement(op.with) && !text.includes(op.with)) {
        const nearest = mapNear(nearestLines(text, op.pattern.source), at);
        const expected = `${countText(op.expect)} match(es) of /${op.pattern.source}/ (replace), or its replacement text`;
        return {
          state: 'failed',
          reason: `${op.file}: expected ${countText(op.expect)} match(es) of /${op.pattern.source}/ (replace), found 0 and its replacement is not there either${nearest[0] ? `; nearest is line ${nearest[0].line}` : ''}`,
          failure: { file: op.file, line: nearest[0]?.line, expected, nearest },
        };
      }
      return { state: 'done', weak: op.with === '' || !isLiteralReplacement(op.with) };
    }
    if (!inRange(matches.length, op.expect)) return mismatch(matches.length, hits);
    const out = text.replace(re, op.with);
    const again = [...out.matchAll(new RegExp(op.pattern.re.source, 'gm'))].length;
    if (again > 0) {
      return {
        state: 'failed',
        reason: `${op.file}: after the replacement /${op.pattern.source}/ still matches ${again} time(s): a second run would replace again; anchor the pattern so it does not match its own result`,
        failure: { file: op.file, line: hits[0]?.line, expected: 'a replacement the pattern no longer matches', nearest: hits },
      };
    }
    return { state: 'apply', text: out, firstLine: hits[0]!.line, hits };
  }

  // insert-after
  const { lines, trailingNewline } = splitLines(text);
  const anchors: number[] = [];
  lines.forEach((l, i) => {
    if (op.pattern.re.test(l)) anchors.push(i);
  });
  const hits = anchors.slice(0, 5).map((i) => ({ line: at(i + 1), text: lines[i] ?? '' }));
  if (!inRange(anchors.length, op.expect)) return mismatch(anchors.length, hits);
  const selected = op.occurrence === 'first' ? anchors.slice(0, 1) : op.occurrence === 'last' ? anchors.slice(-1) : anchors;
  const present = selected.map((i) => op.lines.every((l, k) => lines[i + 1 + k] === l));
  if (present.every(Boolean)) {
    if (op.done && !op.done.re.test(text)) return notDone();
    return { state: 'done', weak: false };
  }
  if (present.some(Boolean)) {
    const missing = selected.filter((_, k) => !present[k]).map((i) => ({ line: at(i + 1), text: lines[i] ?? '' }));
    return {
      state: 'failed',
      reason: `${op.file}:${missing[0]!.line}: the lines to insert are already after some matches of /${op.pattern.source}/ but not after this one (a half-patched file)`,
      failure: { file: op.file, line: missing[0]!.line, expected: `the inserted lines after every selected match of /${op.pattern.source}/`, nearest: missing },
    };
  }
  if (op.lines.some((l) => op.pattern.re.test(l))) {
    return {
      state: 'failed',
      reason: `${op.file}: a line to insert matches /${op.pattern.source}/ itself: a second run could not tell it from the anchor`,
      failure: { file: op.file, line: hits[0]?.line, expected: 'inserted lines that do not match the anchor', nearest: hits },
    };
  }
  const out = [...lines];
  for (const i of [...selected].reverse()) out.splice(i + 1, 0, ...op.lines);
  return { state: 'apply', text: joinLines(out, trailingNewline), firstLine: at(selected[0]! + 1), hits };
}

// ---------------------------------------------------------------------------------------------
// Lockfile check between two states of the tree

export interface LockfileVerdict {
  failed?: { reason: string; failure: PatchFailure };
}

/**
 * Compare the Gemfile pair of `after` with `before`; fail for problems the change introduced.
 * `explicit`: a check asked for it, so a missing Gemfile / Gemfile.lock is a failure too.
 */
export async function lockfileVerdict(
  before: Reader,
  after: Reader,
  explicit: boolean,
  mapping: LineMapping = noMapping,
): Promise<LockfileVerdict> {
  const [gb, lb, ga, la] = await Promise.all([
    before.read('Gemfile'),
    before.read('Gemfile.lock'),
    after.read('Gemfile'),
    after.read('Gemfile.lock'),
  ]);
  if (ga === null || la === null) {
    if (!explicit && (gb === null || lb === null)) return {};
    const file = ga === null ? 'Gemfile' : 'Gemfile.lock';
    return { failed: { reason: `${file}: file not found`, failure: { file, expected: 'the file exists', nearest: [] } } };
  }
  if (gb === null || lb === null) return {};
  const lines = { gemfile: await mapping('Gemfile', ga), lockfile: await mapping('Gemfile.lock', la) };
  const { introduced } = introducedProblems({ gemfile: gb, lockfile: lb }, { gemfile: ga, lockfile: la }, lines);
  if (introduced.length === 0) return {};
  return { failed: lockfileFailure(introduced) };
}

export function lockfileFailure(problems: LockfileProblem[]): { reason: string; failure: PatchFailure } {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1).map((p) => p.message).join('; ')})` : '';
  return {
    reason: `Gemfile and Gemfile.lock no longer agree, so a frozen bundle install would fail: ${first.message}${more}`,
    failure: {
      file: first.file,
      line: first.line,
      expected: 'Gemfile and Gemfile.lock that agree (every gem on both sides, no dependency left under the wrong spec)',
      nearest: problems
        .filter((p) => p.file === first.file && p.line !== undefined)
        .slice(0, 5)
        .map((p) => ({ line: p.line!, text: p.text ?? '' })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One patch

export interface PatchEvaluation {
  result: PatchResult;
  /** For `applied`: the edits to commit to the workspace. */
  overlay?: Overlay;
}

export async function evaluatePatch(
  set: PatchSet,
  patch: Patch,
  ws: Workspace,
  version: semver.SemVer,
): Promise<PatchEvaluation> {
  const base = { id: patch.id, set: set.name, description: patch.description };
  const failed = (reason: string, failure: PatchFailure): PatchEvaluation => ({
    result: { ...base, status: 'failed', reason, files: [failure.file], failure },
  });
  // Report line numbers of the upstream file, even where earlier patches of the run edited it.
  const mapping: LineMapping = async (file, seen) => lineMapper(await ws.readPristine(file), seen);

  // 1. The variant for this upstream.
  let variant: Variant | undefined;
  const misses: string[] = [];
  for (const v of patch.variants) {
    if (!v.when) {
      variant = v;
      break;
    }
    const o = await evaluate(v.when, ws, version, mapping);
    if (o.ok) {
      variant = v;
      break;
    }
    misses.push(o.detail);
  }
  if (!variant) {
    const applies = patch.variants.map((v) => (v.when ? describeCondition(v.when) : 'any tree')).join('; or ');
    const facts = [...new Set(misses.filter((m) => !m.startsWith('this upstream is')))];
    return {
      result: {
        ...base,
        status: 'not-needed',
        reason: `applies to ${applies}; this upstream is ${version.version}${facts.length ? ` (${facts.join('; ')})` : ''}`,
        files: [],
      },
    };
  }

  // 2. Requirements: the facts this variant relies on must be true for this tree.
  for (const req of variant.require) {
    const o = await evaluate(req, ws, version, mapping);
    if (!o.ok) {
      return failed(
        `requirement not met: ${o.detail}. This variant relies on ${describeCondition(req)}; the tree is not what the patch set expects for it`,
        o.failure ?? { file: set.source, line: req.line, expected: describeCondition(req), nearest: [] },
      );
    }
  }
  if (variant.notNeeded !== undefined) {
    return { result: { ...base, status: 'not-needed', reason: variant.notNeeded, files: [] } };
  }

  // 3. Operations, in order, in memory.
  const overlay = new Overlay(ws);
  const states: { op: Operation; index: number; outcome: OpOutcome; seen: string; at: LineMap }[] = [];
  for (const [index, op] of variant.operations.entries()) {
    const text = await overlay.read(op.file);
    if (text === null) {
      return failed(`${op.file}: file not found (operation ${index + 1}: ${describeOperation(op)})`, {
        file: op.file,
        expected: 'the file exists',
        nearest: [],
      });
    }
    const at = lineMapper(await ws.readPristine(op.file), text);
    const outcome = evaluateOperation(op, text, at);
    if (outcome.state === 'failed') return failed(outcome.reason, outcome.failure);
    if (outcome.state === 'apply') overlay.set(op.file, outcome.text);
    states.push({ op, index, outcome, seen: text, at });
  }
  const files = [...new Set(variant.operations.map((o) => o.file))];
  const applying = states.filter((s) => s.outcome.state === 'apply');
  const doneOps = states.filter((s) => s.outcome.state === 'done');
  const weakFailure = (weak: (typeof states)[number], why: string): PatchEvaluation => {
    const nearest = mapNear(nearestLines(weak.seen, weak.op.pattern.source), weak.at);
    const unit = weak.op.kind === 'replace' ? 'match(es)' : 'line(s)';
    const expected = `${countText(weak.op.expect)} ${unit} matching /${weak.op.pattern.source}/ (${weak.op.kind})`;
    return failed(
      `${weak.op.file}: expected ${expected}, found 0${nearest[0] ? `; nearest is line ${nearest[0].line}` : ''} ` +
        `(operation ${weak.index + 1}; ${why})`,
      { file: weak.op.file, line: nearest[0]?.line, expected, nearest },
    );
  };
  if (applying.length > 0 && doneOps.length > 0) {
    // Some operations still match, others found nothing. On a fresh upstream tree that usually
    // means upstream changed what an operation looks for: report that operation, nearest lines
    // included. Only when every "done" operation proves its result is there is it a half-patched tree.
    const weak = doneOps.find((s) => s.outcome.state === 'done' && s.outcome.weak);
    if (weak) {
      return weakFailure(weak, 'other operations of this patch still apply, so upstream changed this text or the tree is half-patched');
    }
    const d = doneOps[0]!;
    const a = applying[0]!;
    const hits = a.outcome.state === 'apply' ? a.outcome.hits : [];
    const line = a.outcome.state === 'apply' ? a.outcome.firstLine : undefined;
    return failed(
      `half-patched tree: operation ${d.index + 1} (${d.op.file}: ${describeOperation(d.op)}) is already done but ` +
        `operation ${a.index + 1} (${a.op.file}: ${describeOperation(a.op)}) still matches at line ${line}; ` +
        `restore the upstream files and run again`,
      { file: a.op.file, line, expected: 'every operation of the patch in the same state (all done or none)', nearest: hits },
    );
  }
  if (applying.length === 0) {
    // Nothing matched anywhere. A delete (or a $-replacement) that finds nothing looks the same
    // whether it already ran or upstream changed the text it looks for: claim already-applied only
    // when something proves the result, a `done:` pattern or a check on that file.
    const checked = new Set(variant.checks.flatMap((c) => (c.kind === 'lockfile' ? [] : conditionFiles(c))));
    const unproven = doneOps.find((s) => s.outcome.state === 'done' && s.outcome.weak && !checked.has(s.op.file));
    if (unproven) {
      return weakFailure(
        unproven,
        `nothing proves it was already applied: if it was, give the operation a done: pattern or the patch a ` +
          `check on ${unproven.op.file}`,
      );
    }
  }
  const after: Reader = applying.length > 0 ? overlay : ws;

  // 4. Checks on the result, and the Gemfile pair whenever it changed.
  for (const check of variant.checks) {
    if (check.kind === 'lockfile') continue;
    const o = await evaluate(check, after, version, mapping);
    if (!o.ok) {
      return failed(
        `check failed after the patch: ${o.detail}`,
        o.failure ?? { file: set.source, line: check.line, expected: describeCondition(check), nearest: [] },
      );
    }
  }
  const explicitLock = variant.checks.some((c) => c.kind === 'lockfile');
  const touchesLock = applying.some((s) => s.op.file === 'Gemfile' || s.op.file === 'Gemfile.lock');
  if (explicitLock || touchesLock) {
    const verdict = await lockfileVerdict(ws, after, explicitLock, mapping);
    if (verdict.failed) return failed(verdict.failed.reason, verdict.failed.failure);
  }

  if (applying.length === 0) return { result: { ...base, status: 'already-applied', files } };
  const changed = [...overlay.edits.keys()].sort();
  return { result: { ...base, status: 'applied', files: changed }, overlay };
}
