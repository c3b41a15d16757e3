/**
 * Gemfile / Gemfile.lock consistency.
 *
 * Mastodon's images run `bundle install` frozen (deployment mode): a Gemfile and a Gemfile.lock that
 * disagree fail the image build, late and far away from the edit that caused it. Line-based patches
 * (the classic `sed '/hiredis/d'`) break this pairing in two ways this module catches:
 *  - a gem declared on one side only (DEPENDENCIES vs `gem '...'` lines);
 *  - a spec line deleted while its indented dependency lines stay, so they end up under the
 *    previous spec (detected by comparing each surviving spec's dependency list with the pristine
 *    lockfile), or a dependency naming a gem that no longer has a spec.
 *
 * The parsers are deliberately small. Callers compare the problems of the patched tree with those of
 * the pristine tree and fail only for problems the patching introduced (see `introducedProblems`),
 * so a parser limitation on some real upstream Gemfile never blocks an untouched tree.
 */

export interface GemfileGem {
  name: string;
  /** 1-based line of the first `gem` declaration. */
  line: number;
}

export interface ParsedGemfile {
  gems: Map<string, GemfileGem>;
  /** The Gemfile uses `gemspec`: DEPENDENCIES then also lists the gemspec's own dependencies. */
  hasGemspec: boolean;
}

export interface LockDependency {
  name: string;
  /** The requirement text, e.g. `= 0.24.0` or `>= 4.5.0, < 5`; '' when none. */
  requirement: string;
  /** The line as written, without indentation, e.g. `redis-client (= 0.24.0)`. */
  text: string;
  line: number;
}

export interface LockSpec {
  name: string;
  /** Version as written, including a platform suffix (`1.16.7-x86_64-linux`). */
  version: string;
  /** `name (version)`: what identifies this spec between two versions of the lockfile. */
  key: string;
  line: number;
  deps: LockDependency[];
  section: string;
}

export interface LockDependencyEntry {
  name: string;
  /** Listed with a trailing `!` (from a git or path source). */
  pinned: boolean;
  text: string;
  line: number;
}

export interface ParsedLockfile {
  specs: LockSpec[];
  specNames: Set<string>;
  dependencies: Map<string, LockDependencyEntry>;
  hasDependenciesSection: boolean;
}

export interface LockfileProblem {
  /** Stable identity of the problem, independent of line numbers (to compare two trees). */
  key: string;
  file: 'Gemfile' | 'Gemfile.lock';
  line?: number;
  /** One line naming the file (and line), the gem and what is wrong. */
  message: string;
  /** The offending line's text, when there is one. */
  text?: string;
}

const GEM_LINE = /^\s*gem\s*\(?\s*(['"])([^'"]+)\1/;
const GEMSPEC_LINE = /^\s*gemspec\b/;

export function parseGemfile(text: string): ParsedGemfile {
  const gems = new Map<string, GemfileGem>();
  let hasGemspec = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (/^\s*#/.test(raw)) continue;
    const m = GEM_LINE.exec(raw);
    if (m) {
      const name = m[2] ?? '';
      if (!gems.has(name)) gems.set(name, { name, line: i + 1 });
      continue;
    }
    if (GEMSPEC_LINE.test(raw)) hasGemspec = true;
  }
  return { gems, hasGemspec };
}

const SPEC_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
const NAME_AND_PAREN = /^(\S+?)(?: \(([^)]*)\))?(!)?$/;

export function parseLockfile(text: string): ParsedLockfile {
  const specs: LockSpec[] = [];
  const dependencies = new Map<string, LockDependencyEntry>();
  let hasDependenciesSection = false;
  let section = '';
  let inSpecs = false;
  let current: LockSpec | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    const lineNo = i + 1;
    if (raw.trim() === '') {
      current = undefined;
      inSpecs = false;
      continue;
    }
    if (!raw.startsWith(' ')) {
      section = raw.trim();
      inSpecs = false;
      current = undefined;
      if (section === 'DEPENDENCIES') hasDependenciesSection = true;
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (SPEC_SECTIONS.has(section)) {
      if (indent === 2) {
        inSpecs = body === 'specs:';
        current = undefined;
        continue;
      }
      if (!inSpecs) continue;
      if (indent === 4) {
        const m = NAME_AND_PAREN.exec(body);
        if (!m) continue;
        const name = m[1] ?? body;
        const version = m[2] ?? '';
        current = { name, version, key: body, line: lineNo, deps: [], section };
        specs.push(current);
        continue;
      }
      if (indent === 6 && current) {
        const m = NAME_AND_PAREN.exec(body);
        if (!m) continue;
        current.deps.push({ name: m[1] ?? body, requirement: m[2] ?? '', text: body, line: lineNo });
      }
      continue;
    }
    if (section === 'DEPENDENCIES' && indent === 2) {
      const m = NAME_AND_PAREN.exec(body);
      if (!m) continue;
      const name = m[1] ?? body;
      if (!dependencies.has(name)) {
        dependencies.set(name, { name, pinned: m[3] === '!', text: body, line: lineNo });
      }
    }
  }
  return { specs, specNames: new Set(specs.map((s) => s.name)), dependencies, hasDependenciesSection };
}

export interface LockfilePair {
  gemfile: string;
  lockfile: string;
}

/**
 * How to number lines in messages: the pair checked may be an edited copy, while messages should
 * point at the upstream files. Default: the lines of the pair itself.
 */
export interface LineNumbers {
  gemfile?: (line: number) => number;
  lockfile?: (line: number) => number;
}

/**
 * Every problem of a Gemfile / Gemfile.lock pair. With `reference` (the pair before patching), also
 * dependency lines that now sit under a spec they did not belong to (an orphan left by a deleted
 * spec line).
 */
export function checkLockfile(pair: LockfilePair, reference?: LockfilePair, lines: LineNumbers = {}): LockfileProblem[] {
  const problems: LockfileProblem[] = [];
  const lockAt = lines.lockfile ?? ((n: number) => n);
  const gemAt = lines.gemfile ?? ((n: number) => n);
  const gemfile = parseGemfile(pair.gemfile);
  const lock = parseLockfile(pair.lockfile);
  const lockLines = pair.lockfile.split('\n');
  const gemLines = pair.gemfile.split('\n');
  const lockText = (line: number) => lockLines[line - 1]?.trim();
  const gemText = (line: number) => gemLines[line - 1]?.trim();

  if (!lock.hasDependenciesSection) {
    problems.push({
      key: 'no-dependencies-section',
      file: 'Gemfile.lock',
      message: 'Gemfile.lock: has no DEPENDENCIES section',
    });
  } else {
    for (const dep of lock.dependencies.values()) {
      if (!gemfile.gems.has(dep.name) && !gemfile.hasGemspec) {
        problems.push({
          key: `lock-only:${dep.name}`,
          file: 'Gemfile.lock',
          line: lockAt(dep.line),
          text: lockText(dep.line),
          message: `Gemfile.lock:${lockAt(dep.line)}: DEPENDENCIES lists ${dep.name} but the Gemfile does not declare it`,
        });
      }
      if (!lock.specNames.has(dep.name)) {
        problems.push({
          key: `no-spec:${dep.name}`,
          file: 'Gemfile.lock',
          line: lockAt(dep.line),
          text: lockText(dep.line),
          message: `Gemfile.lock:${lockAt(dep.line)}: DEPENDENCIES lists ${dep.name} but no spec in Gemfile.lock resolves it`,
        });
      }
    }
    for (const gem of gemfile.gems.values()) {
      if (!lock.dependencies.has(gem.name)) {
        problems.push({
          key: `gemfile-only:${gem.name}`,
          file: 'Gemfile',
          line: gemAt(gem.line),
          text: gemText(gem.line),
          message: `Gemfile:${gemAt(gem.line)}: declares ${gem.name} but Gemfile.lock's DEPENDENCIES does not list it`,
        });
      }
    }
  }

  const referenceSpecs = reference ? specsByKey(parseLockfile(reference.lockfile)) : undefined;
  for (const spec of lock.specs) {
    const before = referenceSpecs?.get(spec.key);
    const known = before ? new Set(before.deps.map((d) => d.text)) : undefined;
    for (const dep of spec.deps) {
      if (known && !known.has(dep.text)) {
        problems.push({
          key: `orphan:${spec.key}>${dep.text}`,
          file: 'Gemfile.lock',
          line: lockAt(dep.line),
          text: lockText(dep.line),
          message:
            `Gemfile.lock:${lockAt(dep.line)}: ${dep.text} is left under ${spec.key}, which does not depend on it: ` +
            `the spec line it belonged to was deleted`,
        });
        continue;
      }
      if (dep.name !== 'bundler' && !lock.specNames.has(dep.name)) {
        problems.push({
          key: `missing-spec:${spec.key}>${dep.name}`,
          file: 'Gemfile.lock',
          line: lockAt(dep.line),
          text: lockText(dep.line),
          message: `Gemfile.lock:${lockAt(dep.line)}: ${spec.key} depends on ${dep.name}, which has no spec in Gemfile.lock`,
        });
      }
    }
  }
  return problems;
}

function specsByKey(lock: ParsedLockfile): Map<string, LockSpec> {
  const map = new Map<string, LockSpec>();
  for (const spec of lock.specs) if (!map.has(spec.key)) map.set(spec.key, spec);
  return map;
}

export interface LockfileComparison {
  /** Problems of the patched pair that the pristine pair does not have: these fail the patch. */
  introduced: LockfileProblem[];
  /** Problems already in the pristine pair: reported as warnings only. */
  preexisting: LockfileProblem[];
}

/** Compare a patched pair with the pair it was made from. */
export function introducedProblems(before: LockfilePair, after: LockfilePair, lines: LineNumbers = {}): LockfileComparison {
  const preexisting = checkLockfile(before);
  const known = new Set(preexisting.map((p) => p.key));
  const introduced = checkLockfile(after, before, lines).filter((p) => !known.has(p.key));
  return { introduced, preexisting };
}
