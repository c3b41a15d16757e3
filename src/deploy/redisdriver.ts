/**
 * The Redis driver check. Mastodon 4.3 to 4.5 talk TLS to Redis (`rediss://`) only with the pure-Ruby driver,
 * chosen at run time by `REDIS_DRIVER=ruby` (the patch report's `hiredis-removal` says `not-needed` and asks
 * for it). When the config repository sets a `rediss://` URL in an env (a ConfigMap, Helm values
 * `mastodon.extraEnvVars` or `redis.*`, a compose `environment:`, an env file) and nothing next to it sets
 * `REDIS_DRIVER=ruby`, the rollout would break Redis: the deploy stops before pushing, naming the file and line
 * and the variable to add. Files are read through core/safefs.ts; only text is scanned, nothing is run.
 */
import path from 'node:path';
import { ConfinedDir } from '../core/safefs.js';
import { MAX_YAML_BYTES } from './bump/parse.js';
import { inline } from '../core/untrusted.js';
import type { PatchReport } from '../patch/index.js';

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
    `and this Mastodon needs it for TLS (${need}): add REDIS_DRIVER=ruby to the same env (or set warn-only)`
  );
}
