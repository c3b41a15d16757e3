/**
 * What the rollout notes (rollout.ts) read out of upstream files, each a pure function of the text: the
 * migrations of a range by version (a migration moved between db/migrate and db/post_migrate is neither new nor
 * removed), the variables and values of `.env.production.sample`, the build args of a Dockerfile, and the Ruby
 * and Node.js versions of `.ruby-version` / `.nvmrc`. All of it is upstream text: names are filtered to their
 * shapes and values cut short; the rendering (rollout.ts) makes them inert.
 */

/** A `git diff --name-status --no-renames` entry. */
export interface DiffEntry {
  status: string;
  file: string;
}

export const MIGRATE_DIR = 'db/migrate';
export const POST_MIGRATE_DIR = 'db/post_migrate';

/** The migrations a range adds and removes, by version: a file moved between the two directories is neither. */
export interface MigrationChanges {
  migrations: string[];
  postMigrations: string[];
  removed: string[];
  /** Migrations moved between db/migrate and db/post_migrate (the database ran them already, or will as before). */
  moved: { file: string; from: string; to: string }[];
}

/** The version of a migration file name (`20240916190140_remove_crypto_scope_values.rb` -> `20240916190140`). */
function migrationVersion(base: string): string {
  return /^(\d{1,20})_/.exec(base)?.[1] ?? base;
}

export function migrationChanges(entries: readonly DiffEntry[]): MigrationChanges {
  const of = (status: string) =>
    entries
      .filter((e) => e.status === status && e.file.endsWith('.rb'))
      .map((e) => ({ dir: e.file.slice(0, e.file.lastIndexOf('/')), base: e.file.slice(e.file.lastIndexOf('/') + 1) }))
      .filter((m) => m.dir === MIGRATE_DIR || m.dir === POST_MIGRATE_DIR);
  const added = of('A');
  const deleted = of('D');
  const deletedAt = new Map(deleted.map((m) => [migrationVersion(m.base), m]));
  const addedAt = new Map(added.map((m) => [migrationVersion(m.base), m]));
  const out: MigrationChanges = { migrations: [], postMigrations: [], removed: [], moved: [] };
  for (const m of added) {
    const was = deletedAt.get(migrationVersion(m.base));
    if (was) out.moved.push({ file: m.base, from: was.dir, to: m.dir });
    else (m.dir === MIGRATE_DIR ? out.migrations : out.postMigrations).push(m.base);
  }
  for (const m of deleted) if (!addedAt.has(migrationVersion(m.base))) out.removed.push(m.base);
  out.migrations.sort();
  out.postMigrations.sort();
  out.removed.sort();
  out.moved.sort((a, b) => a.file.localeCompare(b.file));
  return out;
}

/** One variable of an env sample: its value and whether the line is commented out (`# REDIS_PASSWORD=`). */
interface EnvLine {
  value: string;
  commented: boolean;
}

const MAX_VALUE = 120;

/** The variables of an env sample, commented-out examples included, with the first value each has. */
export function envLines(text: string): Map<string, EnvLine> {
  const out = new Map<string, EnvLine>();
  for (const line of text.split('\n')) {
    const m = /^\s*(#\s*)?(?:export\s+)?([A-Z][A-Z0-9_]{0,80})=(.*)$/.exec(line);
    if (m && !out.has(m[2]!)) out.set(m[2]!, { value: m[3]!.trim().slice(0, MAX_VALUE), commented: Boolean(m[1]) });
  }
  return out;
}

/** Variable names of an env sample, commented-out examples included. */
export function envNames(text: string): Set<string> {
  return new Set(envLines(text).keys());
}

export interface EnvValueChange {
  name: string;
  /** `true`, or `# true` for a commented-out example. */
  from: string;
  to: string;
}

export interface EnvChanges {
  added: string[];
  removed: string[];
  /** Variables in both whose value (or commented-out state) differs. */
  changed?: EnvValueChange[];
  /** The file changed at all (a comment only, too). */
  touched?: boolean;
  /** Why the two were not compared (one side too large or unreadable): then nothing above is claimed. */
  notCompared?: string;
}

export function envChanges(before: string, after: string): EnvChanges {
  const [a, b] = [envLines(before), envLines(after)];
  const shown = (l: EnvLine) => `${l.commented ? '# ' : ''}${l.value}`;
  const changed: EnvValueChange[] = [];
  for (const [name, now] of b) {
    const was = a.get(name);
    if (was && shown(was) !== shown(now)) changed.push({ name, from: shown(was), to: shown(now) });
  }
  return {
    added: [...b.keys()].filter((n) => !a.has(n)).sort(),
    removed: [...a.keys()].filter((n) => !b.has(n)).sort(),
    changed: changed.sort((x, y) => x.name.localeCompare(y.name)),
    touched: before !== after,
  };
}

/** `ARG NAME` / `ARG NAME=default` names of a Dockerfile. */
export function buildArgNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]{0,80})\b/i.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}

/** A Dockerfile of the range: added, removed or changed, with the args it gained and lost (all of a new one's). */
export interface DockerfileChange {
  file: string;
  status: 'added' | 'removed' | 'changed';
  argsAdded: string[];
  argsRemoved: string[];
  /** Why its build args were not compared (too large, unreadable). */
  notCompared?: string;
}

export function dockerfileChange(file: string, status: string, before: string, after: string): DockerfileChange {
  const [a, b] = [buildArgNames(before), buildArgNames(after)];
  return {
    file,
    status: status === 'A' ? 'added' : status === 'D' ? 'removed' : 'changed',
    argsAdded: [...b].filter((x) => !a.has(x)).sort(),
    argsRemoved: [...a].filter((x) => !b.has(x)).sort(),
  };
}

export const isDockerfile = (f: string) => /(^|\/)Dockerfile[^/]*$/.test(f) || /(^|\/)[^/]*\.Dockerfile$/.test(f);

/** The files that pin the Ruby and Node.js versions the images are built with. */
export const RUNTIME_FILES: Readonly<Record<string, string>> = Object.freeze({ '.ruby-version': 'Ruby', '.nvmrc': 'Node.js', '.node-version': 'Node.js' });

export interface RuntimeChange {
  name: string;
  file: string;
  /** '' when the file is new. */
  from: string;
  /** '' when the file is gone. */
  to: string;
  /** Why the versions are not known (a side too large or unreadable). */
  notCompared?: string;
}

/** The version a `.ruby-version` / `.nvmrc` names (its first line, when it looks like one), else ''. */
export function runtimeVersion(text: string): string {
  const first = text.split('\n', 1)[0]!.trim();
  return /^[0-9A-Za-z][0-9A-Za-z._+-]{0,39}$/.test(first) ? first : '';
}
