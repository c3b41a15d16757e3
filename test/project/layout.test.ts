/**
 * The layout rules of src/ (README, "Where things are"): one folder per stage, the chain that joins them,
 * a small shared core, thin adapters; imports that run one way; files that stay rooms, not warehouses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/action.js';

const SRC = join(ROOT, 'src');
const AREAS = ['core', 'patch', 'build', 'deploy', 'pipeline', 'actions', 'cli', 'entries'] as const;
type Area = (typeof AREAS)[number];
const STAGES = ['patch', 'build', 'deploy'] as const;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [relative(SRC, p).split('\\').join('/')] : [];
  });
}

const SOURCES = files(SRC);
const areaOf = (file: string) => file.split('/')[0] as Area;

/** Every module specifier a source file imports or re-exports, statically or dynamically. */
function specifiers(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const statics = [...text.matchAll(/^(?:import|export)\b[^;'"]*?\bfrom\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]/gm)].map((m) => (m[1] ?? m[2])!);
  const dynamics = [...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return [...statics, ...dynamics];
}

/** Relative imports of a source file, as paths relative to src/. */
function importsOf(file: string): string[] {
  return specifiers(file)
    .filter((s) => s.startsWith('.'))
    .map((s) => posix.normalize(posix.join(posix.dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** What an area may import besides itself. */
const ALLOWED: Record<Area, (target: string) => boolean> = {
  core: () => false,
  patch: (t) => areaOf(t) === 'core',
  build: (t) => areaOf(t) === 'core' || t === 'patch/index.ts',
  deploy: (t) => areaOf(t) === 'core' || t === 'patch/index.ts' || t === 'build/index.ts',
  pipeline: (t) => areaOf(t) === 'core' || STAGES.some((s) => t === `${s}/index.ts`),
  actions: (t) => areaOf(t) === 'core' || areaOf(t) === 'pipeline' || STAGES.some((s) => t === `${s}/index.ts`),
  cli: (t) => areaOf(t) === 'core' || areaOf(t) === 'pipeline' || STAGES.some((s) => t === `${s}/index.ts`),
  entries: (t) => areaOf(t) === 'actions' || areaOf(t) === 'cli',
};

describe('src/ shows the pipeline', () => {
  it('has one folder per stage, the pipeline, a shared core and the adapters, and nothing loose', () => {
    const top = readdirSync(SRC).sort();
    expect(top).toEqual([...AREAS].sort());
    for (const s of STAGES) expect(SOURCES).toContain(`${s}/index.ts`);
  });

  it('imports run one way: a stage reaches another only through its index, and nothing imports an adapter', () => {
    const wrong: string[] = [];
    for (const file of SOURCES) {
      const area = areaOf(file);
      for (const target of importsOf(file)) {
        if (target.startsWith('..')) {
          // Outside src/: the built-in patch sets, and offmain's own version for `offmain --version`.
          const data = (target.startsWith('../patches/') && file === 'patch/builtin.ts') || (target === '../package.json' && file === 'cli/packageversion.ts');
          if (!data) wrong.push(`${file} -> ${target}`);
          continue;
        }
        if (areaOf(target) !== area && !ALLOWED[area](target)) wrong.push(`${file} -> ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps every file a room: about 500 lines at most, opening with a comment that says what it is', () => {
    const big: string[] = [];
    const silent: string[] = [];
    for (const file of SOURCES) {
      const text = readFileSync(join(SRC, file), 'utf8');
      if (text.split('\n').length > 550) big.push(file);
      if (!/^(\/\*\*|\/\/)/.test(text)) silent.push(file);
    }
    expect(big).toEqual([]);
    expect(silent).toEqual([]);
  });

  it('declares exactly the packages src/ imports', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const used = new Set<string>();
    for (const file of SOURCES) {
      for (const spec of specifiers(file)) {
        if (spec.startsWith('node:') || spec.startsWith('.')) continue;
        used.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect([...used].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });

  it('has a test folder for every folder of src/ it tests', () => {
    for (const area of AREAS.filter((a) => a !== 'entries')) {
      expect(statSync(join(ROOT, 'test', area)).isDirectory(), `test/${area}`).toBe(true);
    }
  });
});
