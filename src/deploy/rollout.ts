/**
 * What a rollout brings: for the range from the deployed upstream commit to the new one, the commits (for a
 * sideways move, those brought in and those taken out), the new database migrations (`db/migrate`) and
 * post-deployment migrations (`db/post_migrate`, which must run after the new code is live) by version (a
 * migration moved between the two is neither new nor removed), every change of `.env.production.sample`
 * (variables added or removed, values changed), the Ruby and Node.js versions, the Dockerfiles and their build
 * arguments (each Dockerfile on its own), and the patches whose status changed. Read from the blobless upstream
 * history (history.ts): the file list comes from trees (`git diff --name-status --no-renames`), and only the few
 * blobs it needs are fetched, each bounded. Everything read is upstream text (rolloutfiles.ts parses it): lists
 * are bounded, names filtered to their shapes, and the text forms go through core/untrusted.ts.
 */
import { cell } from '../core/markdown.js';
import { compareUrl } from '../core/remote.js';
import { inline } from '../core/untrusted.js';
import type { UpstreamHistory } from './history.js';
import {
  dockerfileChange,
  envChanges,
  isDockerfile,
  migrationChanges,
  RUNTIME_FILES,
  runtimeVersion,
  type DiffEntry,
  type DockerfileChange,
  type EnvChanges,
  type RuntimeChange,
} from './rolloutfiles.js';

export { buildArgNames, envNames } from './rolloutfiles.js';

/** At most this many items of each kind are named; the rest are counted. */
export const MAX_EACH = 10;

const ENV_SAMPLE = '.env.production.sample';

export interface PatchStatusChange {
  id: string;
  from: string;
  to: string;
}

export interface RolloutReport {
  /** The deployed upstream commit and the new one (full shas). */
  from: string;
  to: string;
  /** `forward` when `to` contains `from`, `rollback` when `from` contains `to`, else `sideways`. */
  direction: 'forward' | 'rollback' | 'sideways';
  /** Commits in the range (for a rollback: the commits taken out; sideways: the ones brought in). */
  commits: number;
  /** Sideways: the commits of the deployed side the new one lacks (taken out). */
  commitsTakenOut?: number;
  compareUrl?: string;
  /** Migrations under db/migrate the new commit adds, by version (for a rollback: the ones it lacks). */
  migrations: string[];
  postMigrations: string[];
  /** Migrations the new commit no longer has (a rollback: the database keeps their changes). */
  removedMigrations: string[];
  /** Migrations moved between db/migrate and db/post_migrate: not new, not removed, not run again. */
  movedMigrations: { file: string; from: string; to: string }[];
  env: EnvChanges;
  /** Ruby and Node.js versions that change (`.ruby-version`, `.nvmrc`). */
  runtime: RuntimeChange[];
  /** `files`: every Dockerfile of the range; `dockerfiles`: each with its own args; the two lists: of the Dockerfiles changed in place. */
  build: { files: string[]; argsAdded: string[]; argsRemoved: string[]; dockerfiles: DockerfileChange[] };
  patches: PatchStatusChange[];
}

export interface RolloutInput {
  history: UpstreamHistory;
  /** Full shas (or unique prefixes) present in the history. */
  from: string;
  to: string;
  /** Patch statuses before and after (id -> status), when known. */
  patchesBefore?: Record<string, string>;
  patchesAfter?: Record<string, string>;
  /** The most read of each upstream file (default MAX_READ). */
  maxFileBytes?: number;
}

/** Larger than any env sample, Dockerfile or version file upstream has had (about 10 KB): a bigger one is not read. */
export const MAX_READ = 512 * 1024;

/** A file's content at a commit ('' when absent), or why it was not read (too large, unreadable); bounded. */
async function blob(history: UpstreamHistory, sha: string, file: string, maxBytes: number): Promise<{ text: string } | { unread: string }> {
  const full = sha.length >= 40 ? sha : ((await history.read(['rev-parse', '--verify', '-q', `${sha}^{commit}`])).stdout.trim() || sha);
  const f = await history.file(full, file, maxBytes);
  return 'unread' in f ? { unread: `${file} at ${full.slice(0, 7)} ${f.unread}: not compared` } : { text: 'text' in f ? f.text : '' };
}

/** Both sides of a file read, or why they were not: a side that could not be read is never taken as empty. */
async function bothSides(h: UpstreamHistory, from: string, to: string, file: string, maxBytes: number): Promise<[string, string] | string> {
  const [a, b] = [await blob(h, from, file, maxBytes), await blob(h, to, file, maxBytes)];
  if ('unread' in a || 'unread' in b) return [a, b].flatMap((x) => ('unread' in x ? [x.unread] : [])).join('; ');
  return [a.text, b.text];
}

/** Patch statuses that differ between two reports (id -> status). */
export function patchChanges(before: Record<string, string> | undefined, after: Record<string, string> | undefined): PatchStatusChange[] {
  if (!before || !after) return [];
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return ids
    .filter((id) => before[id] !== after[id])
    .map((id) => ({ id, from: before[id] ?? 'absent', to: after[id] ?? 'absent' }));
}

/** What moving the cluster from `from` to `to` brings. */
export async function rollout(input: RolloutInput): Promise<RolloutReport> {
  const h = input.history;
  const [from, to] = [input.from, input.to];
  const forward = (await h.isAncestor(from, to)) === true;
  const back = !forward && (await h.isAncestor(to, from)) === true;
  const direction = forward ? 'forward' : back ? 'rollback' : 'sideways';
  const count = async (range: string) => Number((await h.read(['rev-list', '--count', range])).stdout.trim()) || 0;
  const names = await h.read(['diff', '--name-status', '--no-renames', '-z', from, to, '--']);
  const entries: DiffEntry[] = [];
  const parts = names.stdout.split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) entries.push({ status: parts[i]!, file: parts[i + 1]! });

  const mig = migrationChanges(entries);
  const report: RolloutReport = {
    from,
    to,
    direction,
    commits: await count(back ? `${to}..${from}` : `${from}..${to}`),
    ...(direction === 'sideways' ? { commitsTakenOut: await count(`${to}..${from}`) } : {}),
    migrations: mig.migrations,
    postMigrations: mig.postMigrations,
    removedMigrations: mig.removed,
    movedMigrations: mig.moved,
    env: { added: [], removed: [], changed: [], touched: false },
    runtime: [],
    build: { files: [], argsAdded: [], argsRemoved: [], dockerfiles: [] },
    patches: patchChanges(input.patchesBefore, input.patchesAfter),
  };
  const cmp = compareUrl(h.repository, back ? to : from, back ? from : to);
  if (cmp) report.compareUrl = cmp;

  const max = input.maxFileBytes ?? MAX_READ;
  if (entries.some((e) => e.file === ENV_SAMPLE)) {
    const env = await bothSides(h, from, to, ENV_SAMPLE, max);
    report.env = typeof env === 'string' ? { added: [], removed: [], changed: [], touched: true, notCompared: env } : envChanges(...env);
  }
  for (const e of entries.filter((x) => Object.hasOwn(RUNTIME_FILES, x.file))) {
    const sides = await bothSides(h, from, to, e.file, max);
    if (typeof sides === 'string') report.runtime.push({ name: RUNTIME_FILES[e.file]!, file: e.file, from: '', to: '', notCompared: sides });
    else {
      const [was, now] = sides.map(runtimeVersion) as [string, string];
      if (was !== now) report.runtime.push({ name: RUNTIME_FILES[e.file]!, file: e.file, from: was, to: now });
    }
  }
  const dockerfiles = entries.filter((e) => isDockerfile(e.file));
  report.build.files = dockerfiles.map((e) => e.file).sort();
  for (const d of dockerfiles.slice(0, MAX_EACH)) {
    const sides = await bothSides(h, from, to, d.file, max);
    if (typeof sides === 'string') report.build.dockerfiles.push({ ...dockerfileChange(d.file, d.status, '', ''), notCompared: sides });
    else report.build.dockerfiles.push(dockerfileChange(d.file, d.status, sides[0], sides[1]));
  }
  report.build.dockerfiles.sort((x, y) => x.file.localeCompare(y.file));
  const inPlace = report.build.dockerfiles.filter((d) => d.status === 'changed');
  report.build.argsAdded = [...new Set(inPlace.flatMap((d) => d.argsAdded))].sort();
  report.build.argsRemoved = [...new Set(inPlace.flatMap((d) => d.argsRemoved))].sort();
  return report;
}

/** The first MAX_EACH of a list, each inline, and `… and N more`. */
function few(items: readonly string[], quote = (s: string) => s): string {
  const shown = items.slice(0, MAX_EACH).map((i) => quote(inline(i, 120)));
  return items.length > MAX_EACH ? `${shown.join(', ')}, … and ${items.length - MAX_EACH} more` : shown.join(', ');
}

/** The lines headed this way in the commit message (the only ones shaped like a trailer). */
export const ROLLOUT_HEADINGS = ['Rollout:'];

/** The warning for post-deployment migrations. */
export const POST_MIGRATE_WARNING =
  'WARNING: post-deployment migrations run after the new code is live: migrate with SKIP_POST_DEPLOYMENT_MIGRATIONS=true before the rollout, then run `rails db:migrate` again after it';

/** What the range is, in words: `4 upstream commits brought in`, a rollback, or both sides of a sideways move. */
function rangeWords(r: RolloutReport): string {
  const n = (k: number) => `${k} upstream commit${k === 1 ? '' : 's'}`;
  if (r.direction === 'rollback') return `${n(r.commits)} taken out (rollback)`;
  if (r.direction === 'sideways') return `${n(r.commits)} brought in and ${n(r.commitsTakenOut ?? 0)} taken out (the two commits are not on one line)`;
  return `${n(r.commits)} brought in`;
}

/** `FETCH_REPLIES_ENABLED true -> false`, each side inline. */
const valueChange = (c: { name: string; from: string; to: string }) => `${c.name} ${inline(c.from, 60) || "''"} -> ${inline(c.to, 60) || "''"}`;

/** `Ruby 3.3.5 -> 3.4.1 (.ruby-version)`. */
const runtimeChange = (c: RuntimeChange) =>
  c.notCompared ? `${c.name}: ${inline(c.notCompared, 300)}` : `${c.name} ${inline(c.from, 40) || '(none)'} -> ${inline(c.to, 40) || '(none)'} (${c.file})`;

/** `streaming/Dockerfile (new; build args: A, B)`, `Dockerfile (build args added: X)`. */
function dockerfileWords(d: DockerfileChange, quote = (s: string) => s): string {
  if (d.status === 'added') return `${quote(inline(d.file, 120))} (new${d.argsAdded.length ? `; build args: ${few(d.argsAdded, quote)}` : ''})`;
  if (d.status === 'removed') return `${quote(inline(d.file, 120))} (removed)`;
  if (d.notCompared) return `${quote(inline(d.file, 120))} (build args not compared: ${inline(d.notCompared, 300)})`;
  const args = [d.argsAdded.length ? `build args added: ${few(d.argsAdded, quote)}` : '', d.argsRemoved.length ? `build args removed: ${few(d.argsRemoved, quote)}` : ''].filter(Boolean);
  return `${quote(inline(d.file, 120))}${args.length ? ` (${args.join('; ')})` : ''}`;
}

/** The env sample's changes in words, or '' when it did not change. */
function envWords(env: EnvChanges, quote = (s: string) => s): string[] {
  if (env.notCompared) return [inline(env.notCompared, 300)];
  const out: string[] = [];
  if (env.added.length) out.push(`adds: ${few(env.added, quote)}`);
  if (env.removed.length) out.push(`removes: ${few(env.removed, quote)}`);
  if (env.changed?.length) out.push(`changes: ${few(env.changed.map(valueChange), quote)}`);
  if (!out.length && env.touched) out.push('changed (comments only)');
  return out;
}

/** The rollout section of the commit message and pull request body, plain text, bounded. */
export function rolloutLines(r: RolloutReport): string[] {
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  const out = ['Rollout:'];
  out.push(`- ${rangeWords(r)}${r.compareUrl ? `: ${inline(r.compareUrl, 300)}` : ''}`);
  const mig = r.direction === 'rollback' ? 'the database keeps them; roll back by hand if needed' : '';
  if (r.migrations.length) out.push(`- ${n(r.migrations.length, 'migration')} (db/migrate): ${few(r.migrations)}`);
  if (r.postMigrations.length) {
    out.push(`- ${n(r.postMigrations.length, 'post-deployment migration')} (db/post_migrate): ${few(r.postMigrations)}`);
    out.push(`- ${POST_MIGRATE_WARNING}`);
  }
  if (r.removedMigrations.length) {
    out.push(`- ${n(r.removedMigrations.length, 'migration')} not in the new commit${mig ? ` (${mig})` : ''}: ${few(r.removedMigrations)}`);
  }
  const moved = r.movedMigrations ?? [];
  if (moved.length) out.push(`- ${n(moved.length, 'migration')} moved between db/migrate and db/post_migrate (nothing new to run): ${few(moved.map((m) => `${m.file} (${m.from} -> ${m.to})`))}`);
  for (const w of envWords(r.env)) out.push(r.env.notCompared ? `- ${w}` : `- ${ENV_SAMPLE} ${w}`);
  for (const c of r.runtime ?? []) out.push(`- ${runtimeChange(c)}`);
  const dockerfiles = r.build.dockerfiles ?? [];
  if (dockerfiles.length) out.push(`- Dockerfiles changed: ${dockerfiles.map((d) => dockerfileWords(d)).join(', ')}${r.build.files.length > dockerfiles.length ? `, … and ${r.build.files.length - dockerfiles.length} more` : ''}`);
  for (const p of r.patches.slice(0, MAX_EACH)) out.push(`- patch ${inline(p.id, 100)}: ${inline(p.from, 40)} -> ${inline(p.to, 40)}`);
  if (r.patches.length > MAX_EACH) out.push(`- … and ${r.patches.length - MAX_EACH} more patch changes`);
  if (out.length === 2 && r.commits > 0) out.push('- no migration, env, runtime or build change');
  return out;
}

/** The rollout section of a job summary. */
export function rolloutMarkdown(r: RolloutReport, heading = '### What the rollout brings'): string {
  const code = (s: string) => `\`${cell(s)}\``;
  const list = (items: readonly string[]) => few(items, code);
  const rows: string[][] = [['Commits', `${cell(rangeWords(r))}${r.compareUrl ? ` ([compare](${r.compareUrl}))` : ''}`]];
  if (r.migrations.length) rows.push(['Migrations', list(r.migrations)]);
  if (r.postMigrations.length) rows.push(['Post-deployment migrations', `⚠️ ${list(r.postMigrations)}: ${cell(POST_MIGRATE_WARNING.replace(/^WARNING: /, ''))}`]);
  if (r.removedMigrations.length) rows.push(['Migrations not in the new commit', list(r.removedMigrations)]);
  const moved = r.movedMigrations ?? [];
  if (moved.length) rows.push(['Migrations moved', `${list(moved.map((m) => m.file))} (between db/migrate and db/post_migrate: nothing new to run)`]);
  const env = envWords(r.env, code);
  if (env.length) rows.push(['Env variables', env.join('; ')]);
  for (const c of r.runtime ?? []) rows.push([c.name, code(runtimeChange(c))]);
  const dockerfiles = r.build.dockerfiles ?? [];
  if (dockerfiles.length) rows.push(['Build', dockerfiles.map((d) => dockerfileWords(d, code)).join('; ')]);
  for (const p of r.patches.slice(0, MAX_EACH)) rows.push([`Patch ${code(p.id)}`, `${cell(inline(p.from, 40))} → ${cell(inline(p.to, 40))}`]);
  return [heading, '', '| | |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`), ''].join('\n');
}

/** Patch statuses (id -> status) from an offmain deploy commit message's `Patches:` list. */
export function patchesFromMessage(message: string): Record<string, string> | undefined {
  const lines = message.split('\n');
  const at = lines.indexOf('Patches:');
  if (at < 0) return undefined;
  const out: Record<string, string> = {};
  for (const line of lines.slice(at + 1)) {
    const m = /^- ([A-Za-z0-9][\w./-]{0,99}): ([a-z-]{1,40})\b/.exec(line);
    if (!m) break;
    out[m[1]!] = m[2]!;
  }
  return out;
}
