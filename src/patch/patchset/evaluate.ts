/**
 * One patch against the tree: pick the variant for this upstream, prove its requirements, run its
 * operations in memory, tell applied from already-applied from a half-patched tree, then run its checks and
 * the Gemfile / Gemfile.lock check. The result says `applied` (with the edits to commit), `already-applied`,
 * `not-needed` or `failed`; nothing here writes to disk.
 */
import semver from 'semver';
import { introducedProblems } from '../lockfile.js';
import type { LockfileProblem } from '../lockfile.js';
import { conditionFiles, describeCondition, evaluateCondition } from './conditions.js';
import type { Operation, Patch, PatchSet, Variant } from './format.js';
import { lineMapper, mapNear, noMapping, type LineMap, type LineMapping } from './linemap.js';
import { nearestLines } from './matching.js';
import { countText, describeOperation, evaluateOperation, type OpOutcome } from './operations.js';
import type { PatchFailure, PatchResult } from './result.js';
import { Overlay, type TreeReader, type Workspace } from './workspace.js';

// Lockfile check between two states of the tree

export interface LockfileVerdict {
  failed?: { reason: string; failure: PatchFailure };
}

/**
 * Compare the Gemfile pair of `after` with `before`; fail for problems the change introduced.
 * `explicit`: a check asked for it, so a missing Gemfile / Gemfile.lock is a failure too.
 */
export async function lockfileVerdict(
  before: TreeReader,
  after: TreeReader,
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
    const o = await evaluateCondition(v.when, ws, version, mapping);
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
    const o = await evaluateCondition(req, ws, version, mapping);
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
  const after: TreeReader = applying.length > 0 ? overlay : ws;

  // 4. Checks on the result, and the Gemfile pair whenever it changed.
  for (const check of variant.checks) {
    if (check.kind === 'lockfile') continue;
    const o = await evaluateCondition(check, after, version, mapping);
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
