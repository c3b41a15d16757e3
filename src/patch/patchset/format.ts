/**
 * The patch-set format (docs/patch-sets.md) and its YAML reader: patches with variants, conditions
 * (`when`, `require`, `checks`) and operations (delete / replace / insert-after) with the match counts they
 * expect. Parsing only: every error names the file and line (`patches/mine.yml:12: ...`); nothing here
 * looks at a Mastodon tree.
 */
import { isAbsolute, posix } from 'node:path';
import semver from 'semver';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import { OffmainError } from '../../core/errors.js';

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
