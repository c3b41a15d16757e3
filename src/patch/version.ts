/**
 * The version a Mastodon tree declares, the display version offmain gives it, and the OCI tag
 * that carries that display version. Never from `git describe`: releases live on stable branches
 * that are not ancestors of main, and shallow checkouts have no tags at all.
 *
 *   declared  4.8.0-alpha.1          (lib/mastodon/version.rb at the commit)
 *   display   4.8.0-alpha.1+2f40549  (what the About page shows)
 *   image tag 4.8.0-alpha.1_2f40549  (`+` is not allowed in OCI tags; `_` never occurs in semver)
 */
import semver from 'semver';
import { OffmainError } from '../core/errors.js';
import { ConfinedDir } from '../core/safefs.js';

export const VERSION_FILE = 'lib/mastodon/version.rb';

/** Which of the three shapes of version.rb a tree has. */
export type VersionShape =
  /** up to v4.1.x release branches: `flags` and `suffix` are hard-coded strings */
  | 'literal'
  /** main between 2023-05 and 2023-08: `flags`/`suffix` read MASTODON_VERSION_FLAGS/_SUFFIX */
  | 'env-suffix'
  /** v4.2.0 and later: `default_prerelease`, `prerelease`, `build_metadata` */
  | 'prerelease';

export interface DeclaredVersion {
  major: number;
  minor: number;
  patch: number;
  /** `alpha.1` on main since 4.2, `''` on releases; the old `flags` text (e.g. `rc1`) for literal shapes. */
  prerelease: string;
  shape: VersionShape;
  /** The version string the tree reports with no environment set, e.g. `4.8.0-alpha.1`, `4.1.2`. */
  text: string;
}

const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const SHA = /^[0-9a-f]{7,40}$/;

/** A line of Ruby without its comment: a `#` inside a string literal (`"+#{x}"`) is not one. */
function withoutComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

/** Where `sep` first stands in `text` outside string literals and brackets, or -1. */
function topLevelIndex(text: string, sep: string): number {
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && text.startsWith(sep, i)) return i;
  }
  return -1;
}

interface MethodBody {
  /** The statements, comments and blank lines dropped, each trimmed. */
  statements: string[];
  /** The statements as one line, for messages and one-expression bodies. */
  expr: string;
  line: number;
}

/** Body of `def NAME`: `def x\n  STATEMENTS\nend` or `def x = EXPR`. */
function methodBody(source: string, name: string): MethodBody | undefined {
  const re = new RegExp(`^[ \\t]*def ${name}\\b(?:\\(\\))?[ \\t]*(?:=[ \\t]*(.+)|\\n([\\s\\S]*?)\\n[ \\t]*end\\b)`, 'm');
  const m = re.exec(source);
  if (!m) return undefined;
  const line = source.slice(0, m.index).split('\n').length;
  const statements = (m[1] ?? m[2] ?? '')
    .split('\n')
    .map((l) => withoutComment(l).trim())
    .filter(Boolean);
  return { statements, expr: statements.join(' '), line };
}

/** A Ruby string literal's value, or undefined when `expr` is not one. */
function stringLiteral(expr: string): string | undefined {
  const m = /^(['"])((?:[^'"\\]|\\.)*)\1$/.exec(expr.trim());
  if (!m) return undefined;
  if (m[1] === '"' && m[2]!.includes('#{')) return undefined;
  return m[2]!.replace(/\\(.)/g, '$1');
}

/** Local variables of a method body, with the values they hold when no environment variable is set. */
type Locals = ReadonlyMap<string, string>;

const MAX_DEPTH = 3;

/**
 * The value an expression gives with no environment variable set:
 * a literal, `ENV.fetch('X', 'd')`, `ENV.fetch('X') { 'd' }`, `ENV['X'].presence || other`, `ENV.fetch('X', nil)`,
 * another method of the file, a local variable, and `x.empty? ? a : b` (also `blank?`, `present?`), the form
 * offmain's own version-metadata patch writes.
 */
function valueWithoutEnv(source: string, expr: string, depth = 0, locals: Locals = new Map()): string | undefined {
  const e = expr.trim();
  const literal = stringLiteral(e);
  if (literal !== undefined) return literal;
  if (e === 'nil' || e === "''" || e === '""') return '';
  if (locals.has(e)) return locals.get(e);
  const ternary = /^([a-z_][a-z0-9_]*)\.(empty|blank|present)\?\s+\?\s+/.exec(e);
  if (ternary && locals.has(ternary[1]!)) {
    const rest = e.slice(ternary[0].length);
    const colon = topLevelIndex(rest, ' : ');
    if (colon < 0) return undefined;
    const empty = locals.get(ternary[1]!)!.trim() === '';
    const yes = ternary[2] === 'present' ? !empty : empty;
    return valueWithoutEnv(source, yes ? rest.slice(0, colon) : rest.slice(colon + 3), depth, locals);
  }
  let m = /^ENV\.fetch\(\s*['"][A-Z_]+['"]\s*,\s*(.+?)\s*\)$/.exec(e);
  if (m) return valueWithoutEnv(source, m[1]!, depth, locals);
  m = /^ENV\.fetch\(\s*['"][A-Z_]+['"]\s*\)\s*\{\s*(.+?)\s*\}$/.exec(e);
  if (m) return valueWithoutEnv(source, m[1]!, depth, locals);
  m = /^(?:ENV\[['"][A-Z_]+['"]\]|version_configuration\[:\w+\]|\w+)(?:\.presence)?\s*\|\|\s*(.+)$/.exec(e);
  if (m && /^(ENV|version_configuration)/.test(e)) return valueWithoutEnv(source, m[1]!, depth, locals);
  if (/^[a-z_]+$/.test(e) && depth < MAX_DEPTH) {
    const body = methodBody(source, e);
    if (body) return bodyValue(source, body, depth + 1);
  }
  return undefined;
}

/**
 * A method body's value with no environment variable set: `local = EXPR` statements, then the expression
 * that is returned. Anything else (a condition, a loop, a call with effects) is not read.
 */
function bodyValue(source: string, body: MethodBody, depth = 0): string | undefined {
  const locals = new Map<string, string>();
  const last = body.statements.length - 1;
  if (last < 0) return undefined;
  for (const s of body.statements.slice(0, last)) {
    const m = /^([a-z_][a-z0-9_]*)\s*=\s*([^=~].*)$/.exec(s);
    if (!m) return undefined;
    const v = valueWithoutEnv(source, m[2]!, depth, locals);
    if (v === undefined) return undefined;
    locals.set(m[1]!, v);
  }
  return valueWithoutEnv(source, body.statements[last]!, depth, locals);
}

function integerMethod(source: string, name: string, file: string): number {
  const body = methodBody(source, name);
  if (!body || body.statements.length !== 1 || !/^\d+$/.test(body.expr)) {
    throw new OffmainError(
      `${file}${body ? `:${body.line}` : ''}: cannot read the version: \`def ${name}\` does not return a plain integer; is this a Mastodon tree at a supported commit (v4.0 or later)?`,
      { file, line: body?.line },
    );
  }
  return Number(body.expr);
}

/** Reads the version that `lib/mastodon/version.rb` declares, in any of its three shapes. */
export function parseVersionRb(source: string, file = VERSION_FILE): DeclaredVersion {
  const major = integerMethod(source, 'major', file);
  const minor = integerMethod(source, 'minor', file);
  const patch = integerMethod(source, 'patch', file);
  const core = `${major}.${minor}.${patch}`;

  const defaultPrerelease = methodBody(source, 'default_prerelease');
  if (defaultPrerelease) {
    const pre = bodyValue(source, defaultPrerelease);
    if (pre === undefined || !/^[0-9A-Za-z.-]*$/.test(pre)) {
      throw new OffmainError(
        `${file}:${defaultPrerelease.line}: cannot read the version: \`default_prerelease\` is not a plain string (${defaultPrerelease.expr})`,
        { file, line: defaultPrerelease.line },
      );
    }
    return { major, minor, patch, prerelease: pre, shape: 'prerelease', text: pre ? `${core}-${pre}` : core };
  }

  const flags = methodBody(source, 'flags');
  const suffix = methodBody(source, 'suffix');
  if (flags && suffix) {
    const f = bodyValue(source, flags);
    const s = bodyValue(source, suffix);
    if (f === undefined || s === undefined) {
      const bad = f === undefined ? flags : suffix;
      throw new OffmainError(`${file}:${bad.line}: cannot read the version: unexpected expression \`${bad.expr}\``, {
        file,
        line: bad.line,
      });
    }
    // Main of mid-2023 reads these two; a literal tree that offmain's version-metadata patch made read
    // MASTODON_VERSION_METADATA is still the literal shape.
    const readsEnv = /MASTODON_VERSION_(?:FLAGS|SUFFIX)/.test(`${flags.expr} ${suffix.expr}`);
    return {
      major,
      minor,
      patch,
      prerelease: f.replace(/^-/, ''),
      shape: readsEnv ? 'env-suffix' : 'literal',
      text: `${core}${f}${s}`,
    };
  }
  // Some forks drop flags/suffix entirely: the version is the three numbers.
  return { major, minor, patch, prerelease: '', shape: 'literal', text: core };
}

/** More than any version.rb upstream has had (about 2 KB): a bigger file is not read. */
export const MAX_VERSION_RB_BYTES = 64 * 1024;

/**
 * Reads and parses `lib/mastodon/version.rb` in a checked-out tree: through no symbolic link (the tree is
 * upstream's, core/safefs.ts), and only up to MAX_VERSION_RB_BYTES.
 */
export async function readDeclaredVersion(dir: string): Promise<DeclaredVersion> {
  const tree = new ConfinedDir(dir, { what: 'the upstream tree', advice: 'offmain reads the version only from a regular file of the tree' });
  const notFound = () =>
    new OffmainError(`${dir} is not a Mastodon tree: ${VERSION_FILE} was not found; point --dir/path at a checkout of mastodon/mastodon`, {
      file: VERSION_FILE,
    });
  let st;
  try {
    st = tree.lstat(VERSION_FILE);
  } catch (e) {
    if (e instanceof OffmainError) throw e;
    throw notFound();
  }
  if (!st?.isFile()) throw notFound();
  if (st.size > MAX_VERSION_RB_BYTES) {
    throw new OffmainError(`${VERSION_FILE} is ${st.size} bytes, more than the ${MAX_VERSION_RB_BYTES} a version file can be: is this a Mastodon tree?`, {
      file: VERSION_FILE,
    });
  }
  const source = tree.read(VERSION_FILE);
  if (source === undefined || source.length > MAX_VERSION_RB_BYTES) throw notFound();
  return parseVersionRb(source.toString('utf8'));
}

/** `4.1.2` + `5811ccc6...` -> `4.1.2+5811ccc`. */
export function displayVersion(declared: string, sha: string): string {
  const s = sha.toLowerCase();
  if (!SHA.test(s)) throw new OffmainError(`"${sha}" is not a commit sha: expected 7 to 40 hexadecimal characters`);
  if (declared.includes('+') || declared.includes('_')) {
    throw new OffmainError(`declared version "${declared}" already carries build metadata; expected X.Y.Z[-prerelease]`);
  }
  return `${declared}+${s.slice(0, 7)}`;
}

/** The OCI tag for a display version: `4.8.0-alpha.1+2f40549` -> `4.8.0-alpha.1_2f40549`. */
export function imageTag(display: string): string {
  const plus = display.split('+');
  if (plus.length !== 2 || display.includes('_')) {
    throw new OffmainError(`"${display}" is not a display version: expected X.Y.Z[-prerelease]+sha7`);
  }
  const tag = display.replace('+', '_');
  if (!OCI_TAG.test(tag)) {
    throw new OffmainError(`"${tag}" is not a valid OCI tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})`);
  }
  return tag;
}

/** The display version an image tag stands for, or undefined when the tag is not offmain's. */
export function displayVersionFromTag(tag: string): string | undefined {
  const parts = tag.split('_');
  if (parts.length !== 2) return undefined;
  const [version, sha] = parts as [string, string];
  if (!/^\d+\.\d+\.\d+/.test(version) || !SHA.test(sha)) return undefined;
  return `${version}+${sha}`;
}

/** What an offmain image tag says: the declared version and the short sha. */
export function parseImageTag(tag: string): { version: string; shortSha: string; display: string } | undefined {
  const display = displayVersionFromTag(tag);
  if (!display) return undefined;
  const [version, shortSha] = display.split('+') as [string, string];
  return { version, shortSha, display };
}

export function isValidOciTag(tag: string): boolean {
  return OCI_TAG.test(tag);
}

/** A semver for range checks: `4.0.0rc1` (old `flags` style) reads as `4.0.0-rc1`. */
export function semverOf(declared: string): string {
  const v = semver.valid(declared) ?? semver.valid(declared.replace(/^(\d+\.\d+\.\d+)(?=[A-Za-z])/, '$1-'));
  if (!v) throw new OffmainError(`"${declared}" is not a version offmain can compare (expected X.Y.Z[-prerelease])`);
  return v;
}

export interface VersionInfo {
  declared: DeclaredVersion;
  display: string;
  imageTag: string;
}

/** Everything version-related for a checked-out tree at a commit. */
export async function versionOf(dir: string, sha: string): Promise<VersionInfo> {
  const declared = await readDeclaredVersion(dir);
  const display = displayVersion(declared.text, sha);
  return { declared, display, imageTag: imageTag(display) };
}
