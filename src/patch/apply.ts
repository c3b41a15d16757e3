/**
 * The patch step: apply patch sets (built-in names or .yml paths) and plain unified diffs to an
 * upstream Mastodon tree, all or nothing.
 *
 * Every edit is computed in memory (unified diffs in a scratch copy of the files they touch), every
 * patch's checks and the Gemfile / Gemfile.lock pairing are verified, and the tree is written only
 * when every patch ended `applied`, `already-applied` or `not-needed`. A failure leaves every file
 * as it was. Only the files patches name are read: the tree is never walked, and no symbolic link in it is
 * followed (patchset/workspace.ts): a patch that names one fails, saying so, and the others still run.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import semver from 'semver';
import { builtinPatchSet, builtinPatchSetNames } from './builtin.js';
import { OffmainError } from '../core/errors.js';
import { UnsafePathError } from '../core/safefs.js';
import { checkLockfile } from './lockfile.js';
import { evaluatePatch } from './patchset/evaluate.js';
import { parsePatchSet, type PatchSet } from './patchset/format.js';
import type { PatchResult } from './patchset/result.js';
import { Workspace } from './patchset/workspace.js';
import { applyUnifiedDiff, loadUnifiedDiff } from './unifieddiff.js';

export type { PatchSet } from './patchset/format.js';
export type { NearLine, PatchFailure, PatchResult, PatchStatus } from './patchset/result.js';

export interface PatchRunResult {
  /** No patch failed (and, when there was anything to change, the tree was written). */
  ok: boolean;
  results: PatchResult[];
  /** Files written, relative to `dir`, sorted. Empty when `ok` is false: nothing was modified. */
  changedFiles: string[];
  /** Things the admin should know that do not fail the run (e.g. problems already upstream). */
  warnings: string[];
}

export interface PatchRunOptions {
  /** The upstream Mastodon tree. */
  dir: string;
  /** The declared upstream version, e.g. `4.8.0-alpha.1` (from lib/mastodon/version.rb). */
  version: string;
  /** Built-in names (`redis-tls`, `version-metadata`) or paths to .yml patch-set files, in order. */
  patchSets: string[];
  /** Paths to unified diffs, applied after the patch sets, in order. */
  diffs?: string[];
  /** Where relative patch-set and diff paths are resolved (default: the current directory). */
  baseDir?: string;
}

/** Load a patch set by built-in name or by path. Unknown names and malformed files throw OffmainError. */
const parsedBuiltins = new Map<string, PatchSet>();

export async function loadPatchSet(spec: string, baseDir = process.cwd()): Promise<PatchSet> {
  const builtin = builtinPatchSet(spec);
  if (builtin !== undefined) {
    let set = parsedBuiltins.get(spec);
    if (!set) parsedBuiltins.set(spec, (set = parsePatchSet(builtin, `patches/${spec}.yml`)));
    return set;
  }
  const looksLikePath = /[\\/]/.test(spec) || /\.ya?ml$/i.test(spec);
  if (!looksLikePath) {
    throw new OffmainError(
      `unknown patch set "${spec}": the built-in patch sets are ${builtinPatchSetNames().join(', ')}; ` +
        `a path to a .yml patch-set file also works (e.g. ./patches/mine.yml)`,
    );
  }
  let text: string;
  try {
    text = await readFile(resolve(baseDir, spec), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new OffmainError(
        `patch set file not found: ${spec} (built-in patch sets: ${builtinPatchSetNames().join(', ')})`,
        { file: spec },
      );
    }
    throw new OffmainError(`cannot read patch set ${spec}: ${(e as Error).message}`, { file: spec });
  }
  return parsePatchSet(text, spec);
}

function parseVersion(version: string): semver.SemVer {
  const v = semver.parse(version.trim().replace(/^v/, ''));
  if (!v) {
    throw new OffmainError(`upstream version "${version}" is not a semantic version (expected e.g. 4.3.0 or 4.8.0-alpha.1)`);
  }
  return v;
}

export async function runPatches(opts: PatchRunOptions): Promise<PatchRunResult> {
  const version = parseVersion(opts.version);
  const baseDir = opts.baseDir ?? process.cwd();
  const sets = await Promise.all(opts.patchSets.map((s) => loadPatchSet(s, baseDir)));
  const diffs = await Promise.all((opts.diffs ?? []).map((d) => loadUnifiedDiff(d, baseDir)));
  const dir = resolve(opts.dir);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new OffmainError(`the Mastodon tree ${opts.dir} is not a directory`);

  const ws = new Workspace(dir);
  const results: PatchResult[] = [];
  for (const set of sets) {
    for (const patch of set.patches) {
      const base = { id: patch.id, set: set.name, description: patch.description };
      const { result, overlay } = await evaluatePatch(set, patch, ws, version).catch((e: unknown) => unsafePath(e, base));
      if (result.status === 'applied' && overlay) overlay.commit();
      results.push(result);
    }
  }
  for (const diff of diffs) {
    const { result, overlay } = await applyUnifiedDiff(diff, ws);
    if (result.status === 'applied' && overlay) overlay.commit();
    results.push(result);
  }

  const warnings: string[] = [];
  const [gemfile, lockfile] = await Promise.all([ws.readPristine('Gemfile'), ws.readPristine('Gemfile.lock')]).catch((e: unknown) => {
    if (!(e instanceof UnsafePathError)) throw e;
    warnings.push(`Gemfile and Gemfile.lock were not compared: ${e.message}`);
    return [null, null];
  });
  if (gemfile !== null && lockfile !== null) {
    for (const p of checkLockfile({ gemfile, lockfile })) {
      warnings.push(`${p.message} (already so in the upstream tree, not caused by patching)`);
    }
  }

  const ok = results.every((r) => r.status !== 'failed');
  if (!ok) return { ok, results, changedFiles: [], warnings };
  const changedFiles = await ws.commit();
  return { ok, results, changedFiles, warnings };
}

/** A patch that names a path offmain will not use (a symbolic link in the tree, or under one) fails by itself. */
function unsafePath(e: unknown, base: Pick<PatchResult, 'id' | 'set' | 'description'>): { result: PatchResult; overlay?: undefined } {
  if (!(e instanceof UnsafePathError)) throw e;
  const file = e.location.file ?? '';
  return {
    result: {
      ...base,
      status: 'failed',
      reason: e.message,
      files: [file],
      failure: { file, expected: 'a regular file inside the tree, reached through no symbolic link', nearest: [] },
    },
  };
}
