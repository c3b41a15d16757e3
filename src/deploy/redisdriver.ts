/**
 * The Redis driver check. Mastodon 4.3 to 4.5, and main from the switch (d5f02ad, June 2024) to the redis 5
 * upgrade (bb64905, April 2026, 4.6.0-alpha.6), talk TLS to Redis (`rediss://`) only with the pure-Ruby driver,
 * chosen at run time by `REDIS_DRIVER=ruby`. Whether the new commit needs it is read from its upstream tree
 * (the deploy's upstream history: redis-rb 4.x in Gemfile.lock and the `REDIS_DRIVER` switch in the Redis
 * configuration), whatever inputs were passed; only without a history does the patch report (`hiredis-removal`
 * not needed, asking for it) or else the version tell. When the config repository sets a `rediss://` URL in an
 * env (a ConfigMap, Helm values `mastodon.extraEnvVars` or `redis.*`, a compose `environment:`, an env file) and
 * nothing next to it sets `REDIS_DRIVER=ruby`, the rollout would break Redis: the deploy stops before pushing,
 * naming the file and line and the variable to add. Files are read through core/safefs.ts and, upstream's,
 * bounded (history.ts `fileAt`); only text is scanned, nothing is run.
 */
import path from 'node:path';
import { ConfinedDir } from '../core/safefs.js';
import { MAX_YAML_BYTES } from './bump/parse.js';
import { inline } from '../core/untrusted.js';
import semver from 'semver';
import { semverOf, type PatchReport } from '../patch/index.js';

export interface RedisDriverFinding {
  /** Relative to the config repository root. */
  file: string;
  line: number;
  /** The variable named on that line, when there is one (REDIS_URL, SIDEKIQ_REDIS_URL, ...). */
  variable?: string;
}

const SCANNED = /(?:\.ya?ml|\.env|\.json|^\.env[^/]*|\.properties)$/i;

/** The reason the patch report gives when the upstream line needs `REDIS_DRIVER=ruby` for TLS, else undefined. */
export function redisDriverNeed(report: PatchReport | undefined): string | undefined {
  const patches = Array.isArray(report?.patches) ? report.patches : [];
  const p = patches.find(
    (x) => typeof x?.id === 'string' && /(^|\/)hiredis-removal$/.test(x.id) && x.status === 'not-needed' && /REDIS_DRIVER=ruby/.test(String(x.reason ?? '')),
  );
  return p ? `patch ${p.id} is not needed on this upstream line: it asks for REDIS_DRIVER=ruby` : undefined;
}

/** Reads a file of the new upstream commit (undefined when it has none); history.ts `fileAt`. */
export type UpstreamFileReader = (file: string) => Promise<string | undefined>;

/** Larger than any Gemfile.lock or Redis configuration upstream has had. */
export const MAX_UPSTREAM_BYTES = 1024 * 1024;

/** Where upstream's Redis driver switch has been: the 2024-06 form (d5f02ad), then the refactored one (388d547). */
const SWITCH_FILES = ['lib/mastodon/redis_configuration.rb', 'lib/mastodon/redis_config.rb'];

/** The need when the upstream tree could not be read (a file too large, a fetch that failed): it may need it. */
const CANNOT_TELL = 'offmain cannot tell whether it does';
function cannotTell(commit: string, e: unknown): string {
  return `${CANNOT_TELL}: ${e instanceof Error ? e.message : `a file of upstream ${commit.slice(0, 7)} could not be read`}`;
}

/**
 * Whether the upstream tree needs REDIS_DRIVER=ruby for TLS, read from it: redis-rb 4.x resolved in Gemfile.lock
 * and a driver that is hiredis unless REDIS_DRIVER is `ruby`. Undefined when it does not. A file that exists but
 * cannot be read (the reader throws: too large, a failed fetch) cannot tell: the check then takes it as needed
 * (fails closed), saying so.
 */
export async function redisDriverNeedOfTree(read: UpstreamFileReader, commit: string): Promise<string | undefined> {
  let lock: string | undefined;
  try {
    lock = await read('Gemfile.lock');
  } catch (e) {
    return cannotTell(commit, e);
  }
  const redis = lock === undefined ? undefined : /^    redis \((4\.[0-9.]{1,20})\)$/m.exec(lock)?.[1];
  if (!redis) return undefined;
  for (const file of SWITCH_FILES) {
    let text: string | undefined;
    try {
      text = await read(file);
    } catch (e) {
      return cannotTell(commit, e);
    }
    if (text !== undefined && /REDIS_DRIVER['"](?:\]|\s*,\s*['"]hiredis['"]\s*\))\s*==\s*['"]ruby['"]/.test(text) && /:hiredis\b/.test(text)) {
      return `upstream ${commit.slice(0, 7)} runs redis-rb ${redis}, whose driver is hiredis unless REDIS_DRIVER=ruby (${file})`;
    }
  }
  return undefined;
}

/** Only where nothing else tells: versions 4.3.0-alpha to 4.6.0 (the last alphas of 4.6.0 may not need it). */
function redisDriverNeedOfVersion(version: string | undefined): string | undefined {
  if (!version) return undefined;
  let v: string;
  try {
    v = semverOf(version.replace(/\+.*$/, ''));
  } catch {
    return undefined;
  }
  return semver.satisfies(v, '>=4.3.0-0 <4.6.0', { includePrerelease: true })
    ? `Mastodon ${version.replace(/\+.*$/, '')} (4.3 to 4.5) chooses its Redis driver with REDIS_DRIVER, and the upstream tree could not be read`
    : undefined;
}

export interface RedisDriverSources {
  /** The new commit's upstream tree (the deploy's history), with its sha: what decides when there. */
  tree?: { read: UpstreamFileReader; commit: string };
  report?: PatchReport;
  /** The display version deployed (`4.4.0+abc1234`). */
  version?: string;
}

/** Why this deploy needs REDIS_DRIVER=ruby next to every rediss:// URL, or undefined when it does not. */
export async function redisDriverNeedFor(src: RedisDriverSources): Promise<string | undefined> {
  if (src.tree) {
    // A Gemfile.lock that is there but cannot be read decides too (it cannot tell: needed); only an absent one falls back.
    const lock = await src.tree.read('Gemfile.lock').then(
      (t) => t !== undefined,
      () => true,
    );
    if (lock) return redisDriverNeedOfTree(src.tree.read, src.tree.commit);
  }
  if (Array.isArray(src.report?.patches) && src.report.patches.some((p) => /(^|\/)hiredis-removal$/.test(String(p?.id)))) return redisDriverNeed(src.report);
  return redisDriverNeedOfVersion(src.version);
}

/** Whether a text sets REDIS_DRIVER to ruby, in any of the env shapes. */
export function setsRubyDriver(text: string): boolean {
  return (
    /^[^#\n]*\bREDIS_DRIVER["']?\s*[:=]\s*["']?ruby\b/m.test(text) ||
    /^[^#\n]*name:\s*["']?REDIS_DRIVER["']?\s*\n[^#\n]*value:\s*["']?ruby\b/m.test(text) ||
    /^[^#\n]*value:\s*["']?ruby["']?\s*\n[^#\n]*name:\s*["']?REDIS_DRIVER\b/m.test(text)
  );
}

/**
 * The `rediss://` URLs of `files` (relative to `dir`) that no `REDIS_DRIVER=ruby` covers: one in the same
 * file, or in another scanned file of the same directory (a kustomize ConfigMap next to its Deployment).
 */
export function findUncoveredRediss(dir: string, files: string[], prefix = ''): RedisDriverFinding[] {
  const tree = new ConfinedDir(dir, { what: 'the config repository', advice: '' });
  const texts = new Map<string, string>();
  for (const f of files) {
    if (!SCANNED.test(path.posix.basename(f))) continue;
    const st = tree.lstat(f);
    if (!st?.isFile() || st.size > MAX_YAML_BYTES) continue;
    const text = tree.read(f)?.toString('utf8');
    if (text !== undefined) texts.set(f, text);
  }
  const coveredDirs = new Set([...texts].filter(([, t]) => setsRubyDriver(t)).map(([f]) => path.posix.dirname(f)));
  const out: RedisDriverFinding[] = [];
  for (const [f, text] of texts) {
    if (!text.includes('rediss://') || coveredDirs.has(path.posix.dirname(f))) continue;
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      const code = l.replace(/\s#.*$/, '');
      if (/^\s*#/.test(l) || !code.includes('rediss://')) return;
      const variable = /\b([A-Z][A-Z0-9_]*REDIS[A-Z0-9_]*|[A-Z][A-Z0-9_]*_URL)\b/.exec(code)?.[1] ?? (i > 0 ? /name:\s*["']?([A-Z][A-Z0-9_]*)/.exec(lines[i - 1]!)?.[1] : undefined);
      out.push({ file: `${prefix ? `${prefix.replace(/\/+$/, '')}/` : ''}${f}`, line: i + 1, ...(variable ? { variable } : {}) });
    });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** The one-line error (or warning) for a finding. */
export function redisDriverProblem(f: RedisDriverFinding, need: string): string {
  return (
    `${inline(f.file, 300)}:${f.line} sets a rediss:// Redis URL${f.variable ? ` (${inline(f.variable, 80)})` : ''} without REDIS_DRIVER=ruby, ` +
    `and this Mastodon ${need.startsWith(CANNOT_TELL) ? 'may need' : 'needs'} it for TLS (${inline(need, 400)}): add REDIS_DRIVER=ruby to the same env (or set warn-only)`
  );
}
