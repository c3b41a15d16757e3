/**
 * Conditions of a patch (`when`, `require`, `checks`): a version range, a file that exists or not, a file
 * that contains a pattern or not, and `all` / `any` of them. Evaluated against a tree, with the reason a
 * condition does not hold and, for a file, the nearest lines.
 */
import semver from 'semver';
import type { Condition } from './format.js';
import { mapNear, type LineMapping } from './linemap.js';
import { matchingLines, nearestLines } from './matching.js';
import type { PatchFailure } from './result.js';
import type { TreeReader } from './workspace.js';

export interface Outcome {
  ok: boolean;
  /** When not ok: what is not true, one line. */
  detail: string;
  failure?: PatchFailure;
}

export function conditionFiles(c: Condition): string[] {
  switch (c.kind) {
    case 'all':
    case 'any':
      return c.items.flatMap(conditionFiles);
    case 'version':
      return [];
    default:
      return [c.file];
  }
}

export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'version':
      return `version ${c.range}`;
    case 'exists':
      return c.exists ? `${c.file} exists` : `${c.file} does not exist`;
    case 'contains':
      return `${c.file} ${c.negate ? 'does not contain' : 'contains'} /${c.pattern.source}/`;
    case 'all':
      return c.items.map(describeCondition).join(' and ');
    case 'any':
      return `(${c.items.map(describeCondition).join(' or ')})`;
  }
}

export async function evaluateCondition(c: Condition, tree: TreeReader, version: semver.SemVer, mapping: LineMapping): Promise<Outcome> {
  switch (c.kind) {
    case 'version': {
      const ok = semver.satisfies(version, c.range, { includePrerelease: true });
      return { ok, detail: `this upstream is ${version.version}, not ${c.range}` };
    }
    case 'exists': {
      const text = await tree.read(c.file);
      const ok = (text !== null) === c.exists;
      return {
        ok,
        detail: c.exists ? `${c.file}: file not found` : `${c.file} exists`,
        failure: ok ? undefined : { file: c.file, expected: c.exists ? 'the file exists' : 'no such file', nearest: [] },
      };
    }
    case 'contains': {
      const text = await tree.read(c.file);
      if (text === null) {
        return { ok: false, detail: `${c.file}: file not found`, failure: { file: c.file, expected: 'the file exists', nearest: [] } };
      }
      const found = c.pattern.re.test(text);
      if (found !== c.negate) return { ok: true, detail: '' };
      const at = await mapping(c.file, text);
      if (c.negate) {
        const hits = mapNear(matchingLines(text, c.pattern.re), at);
        return {
          ok: false,
          detail: `${c.file}:${hits[0]?.line ?? 1}: still contains /${c.pattern.source}/`,
          failure: { file: c.file, line: hits[0]?.line, expected: `no match of /${c.pattern.source}/`, nearest: hits },
        };
      }
      const near = mapNear(nearestLines(text, c.pattern.source), at);
      return {
        ok: false,
        detail: `${c.file}: does not contain /${c.pattern.source}/`,
        failure: { file: c.file, line: near[0]?.line, expected: `a match of /${c.pattern.source}/`, nearest: near },
      };
    }
    case 'all': {
      for (const item of c.items) {
        const o = await evaluateCondition(item, tree, version, mapping);
        if (!o.ok) return o;
      }
      return { ok: true, detail: '' };
    }
    case 'any': {
      const details: string[] = [];
      let first: Outcome | undefined;
      for (const item of c.items) {
        const o = await evaluateCondition(item, tree, version, mapping);
        if (o.ok) return o;
        first ??= o;
        details.push(o.detail);
      }
      return { ok: false, detail: details.join('; '), failure: first?.failure };
    }
  }
}
