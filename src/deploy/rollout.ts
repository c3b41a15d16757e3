/**
 * What a rollout brings: for the range from the deployed upstream commit to the new one, the number of
 * commits, the new database migrations (`db/migrate`) and post-deployment migrations (`db/post_migrate`,
 * which must run after the new code is live), the variables added to or removed from
 * `.env.production.sample`, the Dockerfiles and build arguments that changed, and the patches whose status
 * changed. Read from the blobless upstream history (history.ts): the file list comes from trees
 * (`git diff --name-status --no-renames`), and only the few blobs it needs (the env sample, changed
 * Dockerfiles) are fetched. Everything read is upstream text: lists are bounded, names filtered to their
 * shapes, and the text forms go through core/untrusted.ts.
 */
import { cell } from '../core/markdown.js';
import { compareUrl } from '../core/remote.js';
import { inline } from '../core/untrusted.js';
import type { UpstreamHistory } from './history.js';

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
  /** Commits in the range (for a rollback: the commits taken out). */
  commits: number;
  compareUrl?: string;
  /** Files under db/migrate the new commit adds (for a rollback: the ones it lacks). */
  migrations: string[];
  postMigrations: string[];
  /** Migrations the new commit no longer has (a rollback: the database keeps their changes). */
  removedMigrations: string[];
  env: { added: string[]; removed: string[] };
  build: { files: string[]; argsAdded: string[]; argsRemoved: string[] };
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
}

const isDockerfile = (f: string) => /(^|\/)Dockerfile[^/]*$/.test(f) || /(^|\/)[^/]*\.Dockerfile$/.test(f);

/** Variable names of an env sample, commented-out examples included (`# REDIS_PASSWORD=`). */
export function envNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s*(?:#\s*)?(?:export\s+)?([A-Z][A-Z0-9_]{0,80})=/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
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

function minus(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

/** A file's content at a commit ('' when absent); fetches the one blob from upstream in a blobless clone. */
async function blob(history: UpstreamHistory, sha: string, file: string): Promise<string> {
  const r = await history.read(['cat-file', 'blob', `${sha}:${file}`]);
  return r.code === 0 ? r.stdout : '';
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
  const count = await h.read(['rev-list', '--count', back ? `${to}..${from}` : `${from}..${to}`]);
  const names = await h.read(['diff', '--name-status', '--no-renames', '-z', from, to, '--']);
  const entries: { status: string; file: string }[] = [];
  const parts = names.stdout.split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) entries.push({ status: parts[i]!, file: parts[i + 1]! });

  const base = (f: string) => f.slice(f.lastIndexOf('/') + 1);
  const under = (dir: string, status: string) =>
    entries.filter((e) => e.status === status && e.file.startsWith(`${dir}/`) && e.file.endsWith('.rb')).map((e) => base(e.file)).sort();
  const report: RolloutReport = {
    from,
    to,
    direction,
    commits: Number(count.stdout.trim()) || 0,
    migrations: under('db/migrate', 'A'),
    postMigrations: under('db/post_migrate', 'A'),
    removedMigrations: [...under('db/migrate', 'D'), ...under('db/post_migrate', 'D')].sort(),
    env: { added: [], removed: [] },
    build: { files: [], argsAdded: [], argsRemoved: [] },
    patches: patchChanges(input.patchesBefore, input.patchesAfter),
  };
  const cmp = compareUrl(h.repository, back ? to : from, back ? from : to);
  if (cmp) report.compareUrl = cmp;

  if (entries.some((e) => e.file === ENV_SAMPLE)) {
    const [a, b] = [envNames(await blob(h, from, ENV_SAMPLE)), envNames(await blob(h, to, ENV_SAMPLE))];
    report.env = { added: minus(b, a), removed: minus(a, b) };
  }
  const dockerfiles = entries.filter((e) => isDockerfile(e.file));
  report.build.files = dockerfiles.map((e) => e.file).sort();
  const argsAdded = new Set<string>();
  const argsRemoved = new Set<string>();
  for (const d of dockerfiles.slice(0, MAX_EACH)) {
    const [a, b] = [buildArgNames(await blob(h, from, d.file)), buildArgNames(await blob(h, to, d.file))];
    for (const x of minus(b, a)) argsAdded.add(x);
    for (const x of minus(a, b)) argsRemoved.add(x);
  }
  report.build.argsAdded = [...argsAdded].sort();
  report.build.argsRemoved = [...argsRemoved].sort();
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

/** The rollout section of the commit message and pull request body, plain text, bounded. */
export function rolloutLines(r: RolloutReport): string[] {
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  const out = ['Rollout:'];
  const verb = r.direction === 'rollback' ? 'taken out (rollback)' : r.direction === 'sideways' ? 'apart (not on one line)' : 'brought in';
  out.push(`- ${n(r.commits, 'upstream commit')} ${verb}${r.compareUrl ? `: ${inline(r.compareUrl, 300)}` : ''}`);
  const mig = r.direction === 'rollback' ? 'the database keeps them; roll back by hand if needed' : '';
  if (r.migrations.length) out.push(`- ${n(r.migrations.length, 'migration')} (db/migrate): ${few(r.migrations)}`);
  if (r.postMigrations.length) {
    out.push(`- ${n(r.postMigrations.length, 'post-deployment migration')} (db/post_migrate): ${few(r.postMigrations)}`);
    out.push(`- ${POST_MIGRATE_WARNING}`);
  }
  if (r.removedMigrations.length) {
    out.push(`- ${n(r.removedMigrations.length, 'migration')} not in the new commit${mig ? ` (${mig})` : ''}: ${few(r.removedMigrations)}`);
  }
  if (r.env.added.length) out.push(`- ${ENV_SAMPLE} adds: ${few(r.env.added)}`);
  if (r.env.removed.length) out.push(`- ${ENV_SAMPLE} removes: ${few(r.env.removed)}`);
  if (r.build.files.length) {
    const args = [
      r.build.argsAdded.length ? `build args added: ${few(r.build.argsAdded)}` : '',
      r.build.argsRemoved.length ? `build args removed: ${few(r.build.argsRemoved)}` : '',
    ].filter(Boolean);
    out.push(`- Dockerfiles changed: ${few(r.build.files)}${args.length ? `; ${args.join('; ')}` : ''}`);
  }
  for (const p of r.patches.slice(0, MAX_EACH)) out.push(`- patch ${inline(p.id, 100)}: ${inline(p.from, 40)} -> ${inline(p.to, 40)}`);
  if (r.patches.length > MAX_EACH) out.push(`- … and ${r.patches.length - MAX_EACH} more patch changes`);
  if (out.length === 2 && r.commits > 0) out.push('- no migration, env or build change');
  return out;
}

/** The rollout section of a job summary. */
export function rolloutMarkdown(r: RolloutReport, heading = '### What the rollout brings'): string {
  const code = (s: string) => `\`${cell(s)}\``;
  const list = (items: readonly string[]) => few(items, code);
  const rows: string[][] = [
    [
      'Commits',
      `${r.commits}${r.direction === 'rollback' ? ' taken out (rollback)' : r.direction === 'sideways' ? ' (not on one line)' : ''}${r.compareUrl ? ` ([compare](${r.compareUrl}))` : ''}`,
    ],
  ];
  if (r.migrations.length) rows.push(['Migrations', list(r.migrations)]);
  if (r.postMigrations.length) rows.push(['Post-deployment migrations', `⚠️ ${list(r.postMigrations)}: ${cell(POST_MIGRATE_WARNING.replace(/^WARNING: /, ''))}`]);
  if (r.removedMigrations.length) rows.push(['Migrations not in the new commit', list(r.removedMigrations)]);
  if (r.env.added.length || r.env.removed.length) {
    rows.push(['Env variables', [r.env.added.length ? `added ${list(r.env.added)}` : '', r.env.removed.length ? `removed ${list(r.env.removed)}` : ''].filter(Boolean).join('; ')]);
  }
  if (r.build.files.length) {
    const args = [r.build.argsAdded.length ? `args added ${list(r.build.argsAdded)}` : '', r.build.argsRemoved.length ? `args removed ${list(r.build.argsRemoved)}` : ''];
    rows.push(['Build', [list(r.build.files), ...args].filter(Boolean).join('; ')]);
  }
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
