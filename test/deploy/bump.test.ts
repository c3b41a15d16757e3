import { spawnSync } from 'node:child_process';
import fs, { chmodSync, cpSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { bump, type BumpOptions, type UpstreamAncestry } from '../../src/deploy/bump.js';
import { MAX_YAML_BYTES } from '../../src/deploy/bump/parse.js';
import { SEARCHED } from '../../src/deploy/bump/report.js';
import { memoryLogger } from '../../src/core/log.js';
import { snapshot, tempDir } from '../support/tmp.js';

import { ROOT } from '../support/action.js';
import { rejection } from '../support/errors.js';
import { DA, DB, FIXTURES, M, NEW, OLD, POLICIES, S, TARGETS } from '../support/configrepo.js';

/** A copy of the fixture config repo (plus a node_modules dir, which git would not keep). */
function configRepo(): string {
  const d = tempDir('offmain-bump-');
  cpSync(join(FIXTURES, 'before'), d, { recursive: true });
  mkdirSync(join(d, 'node_modules/some-chart'), { recursive: true });
  writeFileSync(join(d, 'node_modules/some-chart/values.yaml'), `image: ${M}:${OLD}\n`);
  return d;
}

function repo(files: Record<string, string>): string {
  const d = tempDir('offmain-bump-');
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(d, f)), { recursive: true });
    writeFileSync(join(d, f), text);
  }
  return d;
}

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');


/**
 * Undoes, in `after`, exactly the scalars whose source text differs from `before` and the keys `before`
 * lacks. The result equals `before` only if nothing else changed by a single byte.
 */
function revert(before: string, after: string): { text: string; scalars: number; added: number } {
  const a = parseAllDocuments(before);
  const b = parseAllDocuments(after);
  const edits: { start: number; end: number; text: string }[] = [];
  let scalars = 0;
  let added = 0;
  const walk = (x: unknown, y: unknown) => {
    if (isScalar(x) && isScalar(y)) {
      const [xs, xe] = x.range!;
      const [ys, ye] = y.range!;
      if (before.slice(xs, xe) !== after.slice(ys, ye)) {
        // An empty value right before a comment (`tag:   # ...`) gets one space, to keep the comment a comment.
        const space = xs === xe && before[xs] === '#' && after.slice(ye, ye + 2) === ' #' ? 1 : 0;
        edits.push({ start: ys, end: ye + space, text: before.slice(xs, xe) });
        scalars++;
      }
    } else if (isMap(x) && isMap(y)) {
      y.items.forEach((q, i) => {
        const key = (q.key as { value?: unknown }).value;
        const p = x.items.find((p) => (p.key as { value?: unknown }).value === key);
        if (p) return walk(p.value, q.value);
        added++;
        const end = (q.value as Node).range![1];
        if (y.flow) {
          edits.push({ start: (y.items[i - 1]!.value as Node).range![1], end, text: '' });
        } else {
          let start = after.lastIndexOf('\n', (q.key as Node).range![0]);
          if (after[start - 1] === '\r') start--;
          edits.push({ start, end, text: '' });
        }
      });
    } else if (isSeq(x) && isSeq(y)) {
      y.items.forEach((it, i) => walk(x.items[i], it));
    }
  };
  b.forEach((doc, i) => walk(a[i]?.contents, doc.contents));
  let text = after;
  for (const e of edits.sort((p, q) => q.start - p.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return { text, scalars, added };
}

/** Leaves whose values differ between two parsed texts: [path, before, after]. */
function dataDiff(before: string, after: string): [string, unknown, unknown][] {
  const out: [string, unknown, unknown][] = [];
  const walk = (x: unknown, y: unknown, path: string) => {
    if (x && y && typeof x === 'object' && typeof y === 'object') {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}/${k}`);
      }
    } else if (x !== y) out.push([path, x, y]);
  };
  const a = parseAllDocuments(before).map((d) => d.toJS());
  const b = parseAllDocuments(after).map((d) => d.toJS());
  walk(a, b, '');
  return out;
}

describe('bump: the fixture config repo', () => {
  const expectedDir = join(FIXTURES, 'expected');

  it('changes exactly the expected files, byte for byte', async () => {
    const dir = configRepo();
    const before = snapshot(dir);
    const result = await bump({ dir, targets: TARGETS, policies: POLICIES });
    const expected = snapshot(expectedDir);
    expect(result.changed).toBe(true);
    expect(result.files).toEqual(Object.keys(expected).sort());
    const after = snapshot(dir);
    for (const [f, text] of Object.entries(after)) expect([f, text]).toEqual([f, expected[f] ?? before[f]]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  });

  it('keeps the CRLF fixture CRLF (the fixtures must not be normalised by git)', () => {
    const crlf = readFileSync(join(expectedDir, 'apps/mastodon/overlays/prod/kustomization.yml'), 'utf8');
    expect(crlf.split('\r\n').length).toBeGreaterThan(5);
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('changes only the replaced scalars (and the added digest keys), and the data only there', async () => {
    const dir = configRepo();
    const before = snapshot(dir);
    const result = await bump({ dir, targets: TARGETS, policies: POLICIES });
    let scalars = 0;
    let added = 0;
    for (const f of result.files) {
      const after = read(dir, f);
      const r = revert(before[f]!, after);
      expect([f, r.text]).toEqual([f, before[f]]);
      scalars += r.scalars;
      added += r.added;
      for (const [path, , value] of dataDiff(before[f]!, after)) {
        expect([f, path, typeof value]).toEqual([f, path, 'string']);
        expect([f, path, [NEW, DA, DB].some((v) => (value as string).includes(v))]).toEqual([f, path, true]);
      }
    }
    // Counted by hand from the fixtures: 26 scalars rewritten; 3 digest keys and 1 newTag key added.
    expect(scalars).toBe(26);
    expect(added).toBe(4);
  });

  it('reports each change, what was deployed and what is already at the target', async () => {
    const dir = configRepo();
    const result = await bump({ dir, targets: TARGETS, policies: POLICIES });
    expect(result.previous).toEqual({
      [M]: { tag: OLD, display: '4.8.0-alpha.1+2f40549' },
      [S]: { tag: OLD, display: '4.8.0-alpha.1+2f40549' },
    });
    const kinds = new Set(result.changes.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['compose', 'helm', 'kustomize', 'marker', 'workload']);
    expect(result.changes.filter((c) => c.file === 'k8s/mastodon.yaml').map((c) => [c.line, c.repository])).toEqual([
      [14, M],
      [17, M],
      [31, M],
      [45, M],
      [59, M],
      [73, S],
    ]);
    expect(result.changes).toContainEqual({
      file: 'helm/values.yaml',
      line: 5,
      repository: M,
      kind: 'helm',
      old: OLD,
      new: NEW,
      note: 'digest not pinned: this image mapping has no digest key; digest-in-tag would write tag@digest',
    });
    expect(result.changes).toContainEqual({
      file: 'apps/mastodon/kustomization.yaml',
      line: 17,
      repository: S,
      kind: 'kustomize',
      old: OLD,
      new: `${NEW}@${DB}`,
    });
    expect(result.unchanged).toEqual([
      { file: 'envs/canary/values.yaml', line: 3, repository: M, kind: 'helm', old: `${NEW}@${DA}`, new: `${NEW}@${DA}` },
    ]);
    for (const skipped of ['.github/', 'node_modules/', 'apps/other/', 'README']) {
      expect(result.changes.some((c) => c.file.startsWith(skipped))).toBe(false);
    }
  });

  it('is a no-op when everything is at the target', async () => {
    const dir = configRepo();
    await bump({ dir, targets: TARGETS, policies: POLICIES });
    const once = snapshot(dir);
    const again = await bump({ dir, targets: TARGETS, policies: POLICIES });
    expect(again.changed).toBe(false);
    expect(again.changes).toEqual([]);
    expect(again.files).toEqual([]);
    expect(again.unchanged.length).toBeGreaterThan(20);
    expect(again.previous[M]).toEqual({ tag: NEW, display: '4.8.0-alpha.2+9c1e3d0' });
    expect(snapshot(dir)).toEqual(once);
  });

  it('writes nothing on a dry run', async () => {
    const dir = configRepo();
    const before = snapshot(dir);
    const result = await bump({ dir, targets: TARGETS, policies: POLICIES, dryRun: true });
    expect(result.files.length).toBe(9);
    expect(snapshot(dir)).toEqual(before);
  });

  it('writes every file or none: a write that fails leaves all of them as they were', async () => {
    const dir = repo({ 'a.yaml': `image: ${M}:${OLD}\n`, 'b.yaml': `image: ${M}:${OLD}\n` });
    const before = snapshot(dir);
    let staged = 0;
    const e = await withFs(
      'openSync',
      (orig) =>
        (...args) => {
          // The staging file of b.yaml (the second new text) cannot be created.
          if (/\.offmain-[0-9a-f]+\.new$/.test(String(args[0])) && ++staged === 2) {
            throw Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
          }
          return orig(...args);
        },
      () => rejection(bump({ dir, targets: [{ repository: M, tag: NEW }] })),
    );
    expect(e.message).toMatch(/^could not write .*ENOSPC.*; every file was left as it was$/);
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  it('leaves $imagepolicy markers alone without a policy map', async () => {
    const dir = configRepo();
    const result = await bump({ dir, targets: TARGETS });
    const instance = result.changes.filter((c) => c.file === 'apps/custom/instance.yaml');
    expect(instance.map((c) => c.line)).toEqual([11, 12]); // the two offmain markers
  });
});

describe('bump: layouts', () => {
  const one = (extra: Partial<BumpOptions> = {}): Omit<BumpOptions, 'dir'> => ({
    targets: [{ repository: M, tag: NEW, digest: DA }],
    ...extra,
  });

  it('treats docker.io/library/x, docker.io/x, index.docker.io/x and x as one repository, keeping each spelling', async () => {
    const dir = repo({
      'compose.yaml': [
        'services:',
        '  a: {image: docker.io/library/nginx:1.25}',
        '  b: {image: docker.io/nginx:1.25}',
        '  c: {image: index.docker.io/nginx}',
        '  d: {image: nginx:1.25}',
        '  e: {image: nginx-unprivileged:1.25}',
        '',
      ].join('\n'),
    });
    const result = await bump({ dir, targets: [{ repository: 'nginx', tag: '1.27' }] });
    expect(result.changes.length).toBe(4);
    expect(read(dir, 'compose.yaml')).toBe(
      [
        'services:',
        '  a: {image: docker.io/library/nginx:1.27}',
        '  b: {image: docker.io/nginx:1.27}',
        '  c: {image: index.docker.io/nginx:1.27}',
        '  d: {image: nginx:1.27}',
        '  e: {image: nginx-unprivileged:1.25}',
        '',
      ].join('\n'),
    );
  });

  it('handles registry ports and images without a tag', async () => {
    const dir = repo({
      'pod.yaml': `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: localhost:5000/mastodon\n  - image: localhost:5000/mastodon:old\n`,
    });
    await bump({ dir, targets: [{ repository: 'localhost:5000/mastodon', tag: NEW }] });
    expect(read(dir, 'pod.yaml')).toBe(
      `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: localhost:5000/mastodon:${NEW}\n  - image: localhost:5000/mastodon:${NEW}\n`,
    );
  });

  it('re-quotes a plain scalar only when the new value would not read back as a string', async () => {
    const dir = repo({ 'values.yaml': `image:\n  repository: ${M}\n  tag: v4.3.0 # pinned\n` });
    await bump({ dir, targets: [{ repository: M, tag: '4.10' }] });
    expect(read(dir, 'values.yaml')).toBe(`image:\n  repository: ${M}\n  tag: "4.10" # pinned\n`);
    await bump({ dir, targets: [{ repository: M, tag: 'v4.11' }] });
    expect(read(dir, 'values.yaml')).toBe(`image:\n  repository: ${M}\n  tag: "v4.11" # pinned\n`);
  });

  it('escapes within single quotes', async () => {
    // A tag cannot contain a quote; an image name with the marker can (nonsense, but the quoting must hold).
    const dir = repo({ 'x.yaml': `a: 'it''s ${M}:1.0' # offmain: ${M}\n` });
    await bump({ dir, targets: [{ repository: M, tag: '2.0' }] });
    expect(read(dir, 'x.yaml')).toBe(`a: '${M}:2.0' # offmain: ${M}\n`);
  });

  it('drops a stale digest when no digest is pinned', async () => {
    const dir = repo({
      'kustomization.yaml': `images:\n- name: ${M}\n  newTag: ${OLD}\n  digest: ${DA} # old\n- name: redis\n`,
      'values.yaml': `image:\n  repository: ${M}\n  tag: ${OLD}\n  digest: '${DA}'\n`,
      'deploy.yaml': `kind: Deployment\napiVersion: apps/v1\nspec:\n  template:\n    spec:\n      containers:\n      - image: ${M}:${OLD}@${DA}\n`,
    });
    const result = await bump({ dir, ...one({ pinDigest: false }) });
    expect(read(dir, 'kustomization.yaml')).toBe(`images:\n- name: ${M}\n  newTag: ${NEW}\n- name: redis\n`);
    expect(read(dir, 'values.yaml')).toBe(`image:\n  repository: ${M}\n  tag: ${NEW}\n  digest: ''\n`);
    expect(read(dir, 'deploy.yaml')).toContain(`- image: ${M}:${NEW}\n`);
    expect(result.changes.filter((c) => c.note?.startsWith('removed the old digest')).length).toBe(3);
  });

  it('keeps a byte order mark, and refuses to drop a digest from a flow mapping', async () => {
    const dir = repo({ 'values.yaml': `\uFEFFimage: ${M}:${OLD}\n`, 'kustomization.yaml': `images: [{name: ${M}, digest: ${DA}}]\n` });
    const e = await rejection(bump({ dir, targets: [{ repository: M, tag: NEW }] }));
    expect(e.message).toMatch(/^kustomization\.yaml:1: this image entry pins a digest and no new digest was given/);
    expect(read(dir, 'values.yaml')).toBe(`\uFEFFimage: ${M}:${OLD}\n`);
    await bump({ dir, targets: [{ repository: M, tag: NEW, digest: DB }] });
    expect(read(dir, 'values.yaml')).toBe(`\uFEFFimage: ${M}:${NEW}@${DB}\n`);
    expect(read(dir, 'kustomization.yaml')).toBe(`images: [{name: ${M}, digest: ${DB}, newTag: ${NEW}}]\n`);
  });

  it('supports Flux Kustomization images, Argo CD Applications and custom Helm keys', async () => {
    const dir = repo({
      'flux.yaml': [
        'apiVersion: kustomize.toolkit.fluxcd.io/v1',
        'kind: Kustomization',
        'spec:',
        '  images:',
        `    - name: ${M}`,
        `      newTag: ${OLD}`,
        '',
      ].join('\n'),
      'argo.yaml': [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Application',
        'spec:',
        '  sources:',
        '    - kustomize:',
        `        images: ["mastodon=${M}:${OLD}", "${M}:${OLD}"]`,
        '    - helm:',
        '        valuesObject:',
        `          web: {repo: ${M}, version: "${OLD}"}`,
        '',
      ].join('\n'),
    });
    await bump({ dir, ...one({ pinDigest: false, helmKeys: { repository: ['repo'], tag: ['version'] } }) });
    expect(read(dir, 'flux.yaml')).toContain(`      newTag: ${NEW}\n`);
    expect(read(dir, 'argo.yaml')).toContain(`images: ["mastodon=${M}:${NEW}", "${M}:${NEW}"]`);
    expect(read(dir, 'argo.yaml')).toContain(`web: {repo: ${M}, version: "${NEW}"}`);
  });

  it('does not touch an ImageRepository, a ConfigMap or a workflow naming the image', async () => {
    const files = {
      'flux.yaml': `apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nspec:\n  image: ${M}\n`,
      'cm.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n  image: ${M}:${OLD}\n`,
      '.github/workflows/deploy.yml': `jobs:\n  x:\n    container:\n      image: ${M}:${OLD}\n`,
      'values.yaml': `image: ${M}:${OLD}\n`,
    };
    const dir = repo(files);
    const result = await bump({ dir, ...one() });
    expect(result.files).toEqual(['values.yaml']);
  });

  it('refuses a tag that comes from a variable beside references it can edit, and lists it when there are none', async () => {
    const compose = `services:\n  web:\n    image: ${M}:\${MASTODON_TAG:-latest}\n`;
    const dir = repo({ 'compose.yaml': compose, 'k8s/job.yaml': `apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - image: ${M}:${OLD}\n` });
    const e = await rejection(bump({ dir, ...one() }));
    expect(e.message).toMatch(/^compose\.yaml:3: .*takes its tag from a variable/);
    expect(e.location).toEqual({ file: 'compose.yaml', line: 3 });
    const alone = repo({ 'compose.yaml': compose });
    const e2 = await rejection(bump({ dir: alone, ...one() }));
    expect(e2.message).toBe(
      `no reference to ${M} found in ${alone} (searched 1 YAML files: ${SEARCHED}); it appears where offmain cannot edit it: ` +
        `compose.yaml:3 ("${M}:\${MASTODON_TAG:-latest}" takes its tag from a variable; set that variable instead, or write a literal tag here; a marker there cannot work)`,
    );
  });

  it('refuses a block scalar with file and line', async () => {
    const dir = repo({ 'values.yaml': `image:\n  repository: ${M}\n  tag: |\n    ${OLD}\n` });
    const e = await rejection(bump({ dir, ...one() }));
    expect(e.message).toMatch(/^values\.yaml:3: the image is a block scalar/);
  });
});

describe('bump: refusals leave every file as it was', () => {
  const deployment = (tag: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${M}:${tag}\n`;

  it('names what was searched when an image has no reference', async () => {
    const dir = configRepo();
    const before = snapshot(dir);
    const e = await rejection(
      bump({ dir, targets: [...TARGETS, { repository: 'ghcr.io/acme/mastodon-sidekiq', tag: NEW }] }),
    );
    expect(e.message).toBe(
      `no reference to ghcr.io/acme/mastodon-sidekiq found in ${dir} (searched 12 YAML files: ${SEARCHED}); ` +
        'add an offmain marker (# offmain: ghcr.io/acme/mastodon-sidekiq) on the line to update',
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('takes one image pushed to several registries as referenced when the config names one copy', async () => {
    const dir = repo({ 'web.yaml': deployment(OLD) });
    const digest = `sha256:${'a'.repeat(64)}`;
    const r = await bump({
      dir,
      targets: [
        { repository: M, tag: NEW, digest },
        { repository: `docker.io/acme/mastodon`, tag: NEW, digest },
      ],
    });
    expect(r.files).toEqual(['web.yaml']);
    // A different image (other digest) with no reference is still refused.
    const e = await rejection(
      bump({ dir, targets: [{ repository: M, tag: NEW, digest }, { repository: 'docker.io/acme/mastodon', tag: NEW, digest: `sha256:${'b'.repeat(64)}` }] }),
    );
    expect(e.message).toMatch(/^no reference to docker\.io\/acme\/mastodon found/);
  });

  it('does not take mastodon-streaming for mastodon', async () => {
    const dir = repo({ 'values.yaml': `image: ${S}:${OLD}\n` });
    const e = await rejection(bump({ dir, targets: [{ repository: M, tag: NEW }] }));
    expect(e.message).toMatch(/^no reference to ghcr.io\/acme\/mastodon found/);
  });

  it('names the file and line of malformed YAML that mentions the image, and writes nothing', async () => {
    const dir = configRepo();
    const broken = `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: ${M}:${OLD}\n       name: [web\n`;
    mkdirSync(join(dir, 'zz'));
    writeFileSync(join(dir, 'zz/web.yaml'), broken);
    const before = snapshot(dir);
    const e = await rejection(bump({ dir, targets: TARGETS, policies: POLICIES }));
    expect(e.message).toMatch(/^zz\/web\.yaml:8: YAML syntax error: /);
    expect(e.location).toEqual({ file: 'zz/web.yaml', line: 8 });
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a downgrade with the deployed and requested versions, writing nothing', async () => {
    const dir = repo({ 'a.yaml': deployment('4.8.0-alpha.1_1111111'), 'b.yaml': deployment('4.8.0_2f40549') });
    const before = snapshot(dir);
    const e = await rejection(bump({ dir, targets: [{ repository: M, tag: '4.8.0-rc.1_3333333' }] }));
    expect(e.message).toBe(
      `b.yaml:8: refusing to downgrade ${M} from 4.8.0+2f40549 (deployed) to 4.8.0-rc.1+3333333 (an older version); ` +
        'pass --allow-downgrade to deploy it anyway',
    );
    expect(e.location).toEqual({ file: 'b.yaml', line: 8 });
    expect(snapshot(dir)).toEqual(before);

    const result = await bump({ dir, targets: [{ repository: M, tag: '4.8.0-rc.1_3333333' }], allowDowngrade: true });
    expect(result.files).toEqual(['a.yaml', 'b.yaml']);
    expect(result.previous[M]).toEqual({ tag: '4.8.0-alpha.1_1111111', display: '4.8.0-alpha.1+1111111' });
  });

  /** A stand-in for the upstream history: `line` is the branch, oldest first; `others` are commits off it. */
  function upstreamOf(line: string[], others: string[] = [], fail?: string): UpstreamAncestry & { asked: string[] } {
    const asked: string[] = [];
    const at = (sha: string) => line.findIndex((c) => c.startsWith(sha));
    return {
      branch: 'main of https://example.org/mastodon.git',
      asked,
      async place(sha) {
        asked.push(`place ${sha}`);
        if (fail) throw new Error(fail);
        return at(sha) >= 0 ? 'branch' : others.some((c) => c.startsWith(sha)) ? 'elsewhere' : 'missing';
      },
      async isAncestor(older, newer) {
        asked.push(`${older} < ${newer}`);
        return at(older) < 0 || at(newer) < 0 ? undefined : at(older) <= at(newer);
      },
    };
  }
  const refusal = async (dir: string, tag: string, more: Partial<BumpOptions> = {}) => {
    const before = snapshot(dir);
    const e = await rejection(bump({ dir, targets: [{ repository: M, tag }], ...more }));
    expect(snapshot(dir)).toEqual(before);
    expect(e.message).toMatch(/; pass --allow-downgrade to deploy it anyway$/);
    expect((await bump({ dir, targets: [{ repository: M, tag }], ...more, allowDowngrade: true, dryRun: true })).changed).toBe(true);
    return e.message;
  };

  it('asks the history about equal versions with different commits, once per pair of tags', async () => {
    const target = [{ repository: M, tag: '4.8.0-alpha.1_bbbbbbb' }];
    const dir = repo({ 'a.yaml': deployment('4.8.0-alpha.1_aaaaaaa'), 'b.yaml': deployment('4.8.0-alpha.1_aaaaaaa') });
    const back = upstreamOf(['bbbbbbb', 'aaaaaaa']);
    const e = await rejection(bump({ dir, targets: target, upstream: back }));
    expect(back.asked).toEqual(['place bbbbbbb', 'place aaaaaaa', 'aaaaaaa < bbbbbbb']);
    expect(e.message).toMatch(/^a\.yaml:8: refusing to downgrade .* from 4\.8\.0-alpha\.1\+aaaaaaa \(deployed\) to 4\.8\.0-alpha\.1\+bbbbbbb \(not a descendant of aaaaaaa\)/);
    expect(read(dir, 'a.yaml')).toBe(deployment('4.8.0-alpha.1_aaaaaaa'));
    const forward = upstreamOf(['aaaaaaa', 'bbbbbbb']);
    expect((await bump({ dir, targets: target, upstream: forward, dryRun: true })).files).toEqual(['a.yaml', 'b.yaml']);
    expect(forward.asked).toHaveLength(3);
  });

  it('fails closed when nothing can tell whether the same version on another commit goes forward', async () => {
    const dir = repo({ 'a.yaml': deployment('4.8.0-alpha.1_aaaaaaa') });
    expect(await refusal(dir, '4.8.0-alpha.1_bbbbbbb')).toBe(
      `a.yaml:8: refusing to deploy ${M} 4.8.0-alpha.1+bbbbbbb over 4.8.0-alpha.1+aaaaaaa (deployed): both are version 4.8.0-alpha.1, ` +
        'and without the upstream history nothing tells whether bbbbbbb descends from aaaaaaa: deploy with the upstream repository given; ' +
        'pass --allow-downgrade to deploy it anyway',
    );
    const unsure: UpstreamAncestry = { branch: 'main of up', place: async () => 'branch', isAncestor: async () => undefined };
    expect(await refusal(dir, '4.8.0-alpha.1_bbbbbbb', { upstream: unsure })).toMatch(/: the history of main of up cannot tell whether bbbbbbb descends from aaaaaaa;/);
  });

  it('refuses a new or deployed commit that is not on the tracked branch, or not in upstream at all', async () => {
    const dir = repo({ 'a.yaml': deployment('4.8.0-alpha.1_aaaaaaa') });
    const up = () => upstreamOf(['aaaaaaa', 'bbbbbbb'], ['fffffff']);
    expect(await refusal(dir, '4.8.0-alpha.2_fffffff', { upstream: up() })).toMatch(
      /over 4\.8\.0-alpha\.1\+aaaaaaa \(deployed\): its commit fffffff is in upstream but not on main of https:\/\/example\.org\/mastodon\.git \(a fork or an unmerged branch\);/,
    );
    expect(await refusal(dir, '4.8.0-alpha.2_0000000', { upstream: up() })).toMatch(/: its commit 0000000 was not found in upstream \(not on main of .*, whose whole history was searched\);/);
    const forked = repo({ 'a.yaml': deployment('4.8.0-alpha.1_fffffff') });
    expect(await refusal(forked, '4.8.0-alpha.2_bbbbbbb', { upstream: up() })).toMatch(/: the deployed commit fffffff is in upstream but not on main/);
    // The first offmain tag: its commit is checked too.
    const plain = repo({ 'a.yaml': deployment('v4.3.1') });
    expect(await refusal(plain, '4.8.0-alpha.2_0000000', { upstream: up() })).toMatch(/refusing to deploy .* 4\.8\.0-alpha\.2\+0000000 over v4\.3\.1 \(deployed\): its commit 0000000 was not found/);
    expect((await bump({ dir, targets: [{ repository: M, tag: '4.8.0-alpha.2_bbbbbbb' }], upstream: up(), dryRun: true })).changed).toBe(true);
  });

  it('refuses a newer version on a commit the deployed one already contains', async () => {
    const dir = repo({ 'a.yaml': deployment('4.8.0-alpha.1_bbbbbbb') });
    expect(await refusal(dir, '4.8.0-alpha.2_aaaaaaa', { upstream: upstreamOf(['aaaaaaa', 'bbbbbbb']) })).toMatch(
      /refusing to downgrade .* to 4\.8\.0-alpha\.2\+aaaaaaa \(an older commit than bbbbbbb\)/,
    );
  });

  it('lets ancestry decide on the tracked branch when main\'s version drops (4.7.1-alpha.1 at f440615, 4.7.0-alpha.1 at its child 6d9d399)', async () => {
    const dir = repo({ 'a.yaml': deployment('4.7.1-alpha.1_f440615') });
    const main = () => upstreamOf(['f440615', '6d9d399']);
    const forward = await bump({ dir, targets: [{ repository: M, tag: '4.7.0-alpha.1_6d9d399' }], upstream: main(), dryRun: true });
    expect(forward.changed).toBe(true);
    // Back again is refused, though its version is higher; and without the history the version still decides.
    const back = repo({ 'a.yaml': deployment('4.7.0-alpha.1_6d9d399') });
    expect(await refusal(back, '4.7.1-alpha.1_f440615', { upstream: main() })).toMatch(/refusing to downgrade .* to 4\.7\.1-alpha\.1\+f440615 \(an older commit than 6d9d399\)/);
    expect(await refusal(dir, '4.7.0-alpha.1_6d9d399')).toMatch(/refusing to downgrade .* \(an older version\)/);
    // A history that cannot place them fails closed.
    const unsure: UpstreamAncestry = { branch: 'main of up', place: async () => 'branch', isAncestor: async () => undefined };
    expect(await refusal(dir, '4.7.0-alpha.1_6d9d399', { upstream: unsure })).toMatch(/: the history of main of up cannot tell whether 6d9d399 descends from f440615;/);
  });

  it('lets the version decide across release lines: a 4.5 release off main, then main', async () => {
    const dir = repo({ 'a.yaml': deployment('4.5.3_5555555') });
    expect((await bump({ dir, targets: [{ repository: M, tag: '4.8.0-alpha.1_bbbbbbb' }], upstream: upstreamOf(['aaaaaaa', 'bbbbbbb']), dryRun: true })).changed).toBe(true);
    const newer = repo({ 'a.yaml': deployment('4.9.0_9999999') });
    expect(await refusal(newer, '4.8.0-alpha.1_bbbbbbb', { upstream: upstreamOf(['aaaaaaa', 'bbbbbbb']) })).toMatch(/refusing to downgrade .* \(an older version\)/);
    // The same line off the branch stays refused: nothing tells which commit is newer.
    const sameLine = repo({ 'a.yaml': deployment('4.8.0-alpha.1_5555555') });
    expect(await refusal(sameLine, '4.8.0-alpha.2_bbbbbbb', { upstream: upstreamOf(['aaaaaaa', 'bbbbbbb']) })).toMatch(/: the deployed commit 5555555 was not found in upstream/);
  });

  it('refuses when the history fails, saying why', async () => {
    const dir = repo({ 'a.yaml': deployment('4.8.0-alpha.1_aaaaaaa') });
    expect(await refusal(dir, '4.8.0-alpha.2_bbbbbbb', { upstream: upstreamOf([], [], 'cannot read the upstream repository x (timeout)') })).toMatch(
      /: the upstream history could not be checked \(cannot read the upstream repository x \(timeout\)\);/,
    );
  });

  it('refuses a plain tag over an offmain one, and versions it cannot compare', async () => {
    const dir = repo({ 'a.yaml': deployment(OLD) });
    for (const tag of ['latest', 'v4.3.1']) {
      expect(await refusal(dir, tag)).toBe(
        `a.yaml:8: refusing to deploy ${M} ${tag} over 4.8.0-alpha.1+2f40549 (deployed): "${tag}" is not an offmain image tag (VERSION_SHA), ` +
          'so nothing tells whether it goes back; pass --allow-downgrade to deploy it anyway',
      );
    }
    expect(await refusal(dir, '4.8.0.1_9c1e3d0')).toMatch(/: the versions 4\.8\.0-alpha\.1 and 4\.8\.0\.1 cannot be compared \("4\.8\.0\.1" is not a version/);
  });

  it('takes the first offmain tag over a plain one (or none), and plain tags over plain ones', async () => {
    const dir = repo({ 'a.yaml': deployment('v4.3.0'), 'b.yaml': deployment('latest'), 'c.yaml': `image: ${M}\n` });
    const result = await bump({ dir, targets: [{ repository: M, tag: '4.2.0_2f40549' }] });
    expect(result.files).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(result.previous[M]).toEqual({ tag: 'v4.3.0' });
    const plain = repo({ 'a.yaml': deployment('v4.3.0') });
    expect((await bump({ dir: plain, targets: [{ repository: M, tag: 'v4.3.1' }] })).changed).toBe(true);
  });

  it('refuses invalid targets', async () => {
    const dir = repo({ 'a.yaml': deployment(OLD) });
    expect((await rejection(bump({ dir, targets: [{ repository: M, tag: '4.8.0+abc' }] }))).message).toMatch(/not a valid image tag/);
    const nginx = [{ repository: 'docker.io/library/nginx', tag: '1' }, { repository: 'nginx', tag: '2' }];
    expect((await rejection(bump({ dir, targets: nginx }))).message).toMatch(/given twice/);
    expect((await rejection(bump({ dir, targets: [{ repository: M, tag: NEW }, { repository: M, tag: OLD }] }))).message).toMatch(/given twice/);
    expect((await rejection(bump({ dir: join(dir, 'nope'), targets: [{ repository: M, tag: NEW }] }))).message).toMatch(/does not exist/);
  });
});

describe('bump: YAML within bounds', () => {
  const values = (tag: string) => `image:\n  repository: ${M}\n  tag: ${tag}\n`;

  it('bumps in an 80,000-key values file (the duplicate-key check is one pass)', { timeout: 20_000 }, async () => {
    let big = values(OLD);
    for (let i = 0; i < 80_000; i++) big += `k${i.toString(36)}: ${i % 10}\n`;
    expect(big.length).toBeLessThan(MAX_YAML_BYTES);
    const dir = repo({ 'values.yaml': big });
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW }] });
    expect(r.changes).toMatchObject([{ file: 'values.yaml', line: 3, old: OLD, new: NEW }]);
    expect(read(dir, 'values.yaml')).toBe(big.replace(OLD, NEW));
  });

  it('edits 20,000 references in one file (lines and edits in one pass)', { timeout: 20_000 }, async () => {
    const list = `list:\n${`  - ${M}:${OLD}\n`.repeat(20_000)}`;
    const dir = repo({ 'values.yaml': list });
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW }] });
    expect([r.changes.length, r.changes[19_999]?.line]).toEqual([20_000, 20_001]);
    expect(read(dir, 'values.yaml')).toBe(list.replaceAll(OLD, NEW));
  });

  it('skips a file over the size limit with a warning; one that mentions the image is an error naming it', async () => {
    const line = `  - ${'x'.repeat(76)}\n`;
    const filler = line.repeat(Math.ceil(MAX_YAML_BYTES / line.length) + 10);
    const dir = repo({ 'big.yaml': `data:\n${filler}`, 'values.yaml': values(OLD) });
    const log = memoryLogger();
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW }], log });
    expect(r.files).toEqual(['values.yaml']);
    expect(log.lines).toEqual([`warning: big.yaml is 1.0 MiB, over offmain's limit of 1 MiB for one YAML file: skipped (it mentions no image being bumped)`]);

    // `acme/mastodon` straddles the end of the first chunk the size check reads.
    const at = MAX_YAML_BYTES - 6;
    const text = `data:\n${filler}`;
    const other = repo({ 'big.yaml': `${text.slice(0, at)}\n# ${M}\n${text.slice(at)}`, 'values.yaml': values(OLD) });
    const before = snapshot(other);
    const e = await rejection(bump({ dir: other, targets: [{ repository: M, tag: NEW }] }));
    expect(e.message).toBe(
      "big.yaml is 1.0 MiB, over offmain's limit of 1 MiB for one YAML file, and it mentions acme/mastodon: offmain does not read it, " +
        'so that reference would stay behind; move the image reference into a smaller file, nothing was changed',
    );
    expect(e.location).toEqual({ file: 'big.yaml' });
    expect(snapshot(other)).toEqual(before);
  });

  it('follows aliases and merge keys without expanding them: billion laughs, cycles, 50,000 aliases', { timeout: 20_000 }, async () => {
    // Each x<i> merges x<i-1> four times: 4^30 paths through the merge keys.
    let merges = 'x0: &x0 {v: 1}\n';
    for (let i = 1; i <= 30; i++) merges += `x${i}: &x${i}\n  <<: [${Array(4).fill(`*x${i - 1}`).join(', ')}]\n`;
    let lols = 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i <= 9; i++) lols += `l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
    let aliases = `${values(`&t ${OLD}`)}streaming:\n  image:\n    repository: ${M}\n    tag: *t\n`;
    for (let i = 0; i < 15_000; i++) aliases += `a${i.toString(36)}: {repository: ${M}, tag: *t}\n`;
    const dir = repo({
      'merges.yaml': `${merges}<<: [*x30, *x30]\nweb:\n  <<: [*x30, *x30]\n  image: ${M}:${OLD}\n`,
      'lols.yaml': `${lols}image: ${M}:${OLD}\n`,
      'cycle.yaml': `a: &a\n  b: &b\n    <<: *a\n  <<: *b\nimage:\n  <<: *a\n  repository: ${M}\n  tag: ${OLD}\n`,
      'self.yaml': `&r\n<<: *r\nimage: ${M}:${OLD}\n`,
      'aliases.yaml': aliases,
    });
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW }] });
    expect(r.files).toEqual(['aliases.yaml', 'cycle.yaml', 'lols.yaml', 'merges.yaml', 'self.yaml']);
    expect(read(dir, 'aliases.yaml')).toBe(aliases.replace(OLD, NEW));
    expect(r.changes.filter((c) => c.file === 'aliases.yaml')).toHaveLength(15_002);
    // The same anchor aliased 50,000 times by keys that are not images: refused, the lines listed up to ten.
    let plain = values(`&t ${OLD}`);
    for (let i = 0; i < 50_000; i++) plain += `a${i.toString(36)}: *t\n`;
    const other = repo({ 'aliases.yaml': plain });
    const e = await rejection(bump({ dir: other, targets: [{ repository: M, tag: NEW }] }));
    expect(e.message).toBe(
      'aliases.yaml:3: this tag is anchored and also used on line 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 and 49990 more, which is not an image ' +
        'being bumped; changing it would move that too: give the image its own tag (or bump every image that uses it), nothing was changed',
    );
  });

  it('reads a key given twice as Helm does (the last one wins): a warning off the path, the winner edited on it', async () => {
    const warnings: [string, unknown][] = [];
    const log = { warning: (m: string, w?: unknown) => void warnings.push([m, w]) };
    // Off the path: a warning with file and line for each; the image is bumped.
    const dir = repo({ 'values.yaml': `x:\n  y: 1\n  y: 2\n${values(OLD)}other: {a: 1, b: 2, a: 3}\n1: one\n1.0: two\n"1": a\n` });
    expect((await bump({ dir, targets: [{ repository: M, tag: NEW }], log })).changed).toBe(true);
    expect(warnings).toEqual([
      ['"y" is given 2 times in one mapping (lines 2, 3); Helm and Flux use the last one', { file: 'values.yaml', line: 3 }],
      ['"a" is given 2 times in one mapping (lines 7, 7); Helm and Flux use the last one', { file: 'values.yaml', line: 7 }],
      ['"1" is given 2 times in one mapping (lines 8, 9); Helm and Flux use the last one', { file: 'values.yaml', line: 9 }],
    ]);
    // On the path: the tag key twice, or the whole image mapping twice; the last occurrence is edited and said.
    const twice = repo({ 'values.yaml': `image:\n  repository: ${M}\n  tag: 4.8.0-alpha.0_0000000\n  tag: ${OLD}\n` });
    const r = await bump({ dir: twice, targets: [{ repository: M, tag: NEW }] });
    expect(read(twice, 'values.yaml')).toBe(`image:\n  repository: ${M}\n  tag: 4.8.0-alpha.0_0000000\n  tag: ${NEW}\n`);
    expect(r.changes).toEqual([
      { file: 'values.yaml', line: 4, repository: M, kind: 'helm', old: OLD, new: NEW, note: '"tag" is given 2 times in one mapping (lines 3, 4): edited the last one, which Helm and Flux use' },
    ]);
    const mapTwice = repo({ 'values.yaml': `image:\n  repository: ${M}\n  tag: ${OLD}\nimage:\n  repository: ${M}\n  tag: ${OLD}\n` });
    const r2 = await bump({ dir: mapTwice, targets: [{ repository: M, tag: NEW }] });
    expect(read(mapTwice, 'values.yaml')).toBe(`image:\n  repository: ${M}\n  tag: ${OLD}\nimage:\n  repository: ${M}\n  tag: ${NEW}\n`);
    expect(r2.changes.map((c) => [c.line, c.note])).toEqual([[6, '"image" is given 2 times in one mapping (lines 1, 4): edited the last one, which Helm and Flux use']]);
    // The only reference in an occurrence that loses: nothing to edit, and the message says why.
    const lost = repo({ 'values.yaml': `${values(OLD)}image:\n  pullPolicy: Always\n` });
    const e = await rejection(bump({ dir: lost, targets: [{ repository: M, tag: NEW }] }));
    expect(e.message).toContain(
      'values.yaml:3 ("image" is given 2 times in one mapping (lines 1, 4): this one is not used, the one on line 4 wins (as in Helm and Flux); set the image there; a marker there cannot work)',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The config repository is someone else's: nothing outside the directory is read or written, nothing
// through a symbolic link, modes and hard links are kept, and a crash leaves every file old or new.

/** A config directory and, beside it, a directory standing for everything outside it. */
function hostile(files: Record<string, string>): { dir: string; outside: string } {
  const base = tempDir('offmain-hostile-');
  const dir = join(base, 'config');
  const outside = join(base, 'outside');
  mkdirSync(outside);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return { dir, outside };
}

/** Every name under `dir`, files and links, relative and sorted (nothing is followed). */
function names(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}

/** Replaces `fs.<fn>` for the modules under test (their named imports are live bindings) while `run` runs. */
async function withFs<T>(fn: 'readdirSync' | 'renameSync' | 'openSync' | 'linkSync' | 'writeSync', wrap: (orig: (...a: any[]) => any) => (...a: any[]) => any, run: () => Promise<T>): Promise<T> {
  const orig = (fs as any)[fn];
  (fs as any)[fn] = wrap(orig);
  syncBuiltinESMExports();
  try {
    return await run();
  } finally {
    (fs as any)[fn] = orig;
    syncBuiltinESMExports();
  }
}

const image = (tag: string) => `image: ${M}:${tag}\n`;
const streaming = (tag: string) => `image: ${S}:${tag}\n`;

describe('bump: files stay in the config directory', () => {
  it('never writes through a file at its old temporary name: a symlink there is left alone', async () => {
    const { dir, outside } = hostile({ 'a.yaml': image(OLD), 'sub/b.yaml': image(OLD) });
    writeFileSync(join(outside, 'victim'), 'precious\n');
    symlinkSync(join(outside, 'victim'), join(dir, 'a.yaml.offmain-tmp'));
    symlinkSync(join(outside, 'victim'), join(dir, 'sub/b.yaml.offmain-tmp'));
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW }] });
    expect(r.files).toEqual(['a.yaml', 'sub/b.yaml']);
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('precious\n');
    for (const f of ['a.yaml', 'sub/b.yaml']) {
      expect(lstatSync(join(dir, f)).isFile()).toBe(true);
      expect(read(dir, f)).toBe(image(NEW));
      expect(lstatSync(join(dir, `${f}.offmain-tmp`)).isSymbolicLink()).toBe(true);
    }
    expect(names(dir)).toEqual(['a.yaml', 'a.yaml.offmain-tmp', 'sub', 'sub/b.yaml', 'sub/b.yaml.offmain-tmp']);
  });

  it("keeps each file's mode", async () => {
    const { dir } = hostile({ 'a.yaml': image(OLD), 'sub/b.yaml': image(OLD), 'c.yaml': image(OLD) });
    chmodSync(join(dir, 'a.yaml'), 0o600);
    chmodSync(join(dir, 'sub/b.yaml'), 0o755);
    chmodSync(join(dir, 'c.yaml'), 0o640);
    await bump({ dir, targets: [{ repository: M, tag: NEW }] });
    expect(read(dir, 'a.yaml')).toBe(image(NEW));
    expect(statSync(join(dir, 'a.yaml')).mode & 0o7777).toBe(0o600);
    expect(statSync(join(dir, 'sub/b.yaml')).mode & 0o7777).toBe(0o755);
    expect(statSync(join(dir, 'c.yaml')).mode & 0o7777).toBe(0o640);
  });

  it('refuses a file with several hard links (renaming would split them, writing in place would change the other names), dry run included', async () => {
    const { dir, outside } = hostile({ 'a.yaml': image(OLD), 'b.yaml': image(OLD) });
    linkSync(join(dir, 'b.yaml'), join(outside, 'shared.yaml'));
    const before = snapshot(dir);
    for (const dryRun of [true, false]) {
      const e = await rejection(bump({ dir, targets: [{ repository: M, tag: NEW }], dryRun }));
      expect(e.message).toBe(
        'b.yaml has 2 hard links: offmain replaces a file by renaming a new one over it, which would cut it off from its other names ' +
          '(and writing it in place would change them too, wherever they are); make it a file of its own (cp b.yaml b.yaml.new && mv b.yaml.new b.yaml), nothing was changed',
      );
      expect(e.location).toEqual({ file: 'b.yaml' });
    }
    expect(snapshot(dir)).toEqual(before);
    expect(readFileSync(join(outside, 'shared.yaml'), 'utf8')).toBe(image(OLD));
    expect(statSync(join(dir, 'b.yaml')).nlink).toBe(2);
  });

  it('skips committed symbolic links, to a file or a directory: never read, never written', async () => {
    const { dir, outside } = hostile({ 'real.yaml': image(OLD) });
    mkdirSync(join(outside, 'apps'));
    writeFileSync(join(outside, 'values.yaml'), image(OLD));
    writeFileSync(join(outside, 'apps/x.yaml'), image(OLD));
    symlinkSync(join(outside, 'values.yaml'), join(dir, 'values.yaml'));
    symlinkSync(join(outside, 'apps'), join(dir, 'apps'));
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW }] });
    expect(r.files).toEqual(['real.yaml']);
    expect(snapshot(outside)).toEqual({ 'values.yaml': image(OLD), 'apps/x.yaml': image(OLD) });
    expect(lstatSync(join(dir, 'values.yaml')).isSymbolicLink()).toBe(true);
  });

  it.each([
    ['a file', 'a.yaml', /^a\.yaml is a symbolic link: /],
    ['a directory', 'sub', /^sub is a symbolic link: /],
  ])('reads nothing through a symbolic link swapped in for %s after the walk listed it (O_NOFOLLOW)', async (_what, swapped, message) => {
    const { dir, outside } = hostile({ 'a.yaml': image(OLD), 'sub/b.yaml': image(OLD) });
    mkdirSync(join(outside, 'sub'));
    writeFileSync(join(outside, 'a.yaml'), image(OLD));
    writeFileSync(join(outside, 'sub/b.yaml'), image(OLD));
    let walked = false;
    const e = await withFs(
      'readdirSync',
      (orig) =>
        (...args) => {
          const out = orig(...args);
          if (!walked && (out as fs.Dirent[]).some((e) => e.name === 'sub')) {
            // The walk has listed the top directory; now a name it saw becomes a link out of the tree.
            walked = true;
            renameSync(join(dir, swapped), join(dir, `${swapped}.real`));
            symlinkSync(join(outside, swapped), join(dir, swapped));
          }
          return out;
        },
      () => rejection(bump({ dir, targets: [{ repository: M, tag: NEW }] })),
    );
    expect(walked).toBe(true);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(/offmain does not read or write through symbolic links in the config repository/);
    expect(snapshot(outside)).toEqual({ 'a.yaml': image(OLD), 'sub/b.yaml': image(OLD) });
    expect(lstatSync(join(dir, swapped)).isSymbolicLink()).toBe(true);
  });

  it('follows the directory it is given (the user chose it), and nothing below it', async () => {
    const { dir } = hostile({ 'a.yaml': image(OLD) });
    const link = join(tempDir('offmain-link-'), 'config');
    symlinkSync(dir, link);
    expect((await bump({ dir: link, targets: [{ repository: M, tag: NEW }] })).files).toEqual(['a.yaml']);
    expect(read(dir, 'a.yaml')).toBe(image(NEW));
  });

  it('writes every file or none: a rename that fails puts back the files already replaced', async () => {
    const { dir } = hostile({ 'a.yaml': image(OLD), 'sub/b.yaml': image(OLD), 'z.yaml': image(OLD) });
    chmodSync(join(dir, 'a.yaml'), 0o600);
    const before = snapshot(dir);
    let renames = 0;
    const e = await withFs(
      'renameSync',
      (orig) =>
        (...args) => {
          if (String(args[1]).endsWith('z.yaml')) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
          renames++;
          return orig(...args);
        },
      () => rejection(bump({ dir, targets: [{ repository: M, tag: NEW }] })),
    );
    expect(renames).toBeGreaterThanOrEqual(2); // a.yaml and sub/b.yaml had been replaced
    expect(e.message).toMatch(/^could not write .*EIO.*; every file was left as it was$/);
    expect(snapshot(dir)).toEqual(before);
    expect(statSync(join(dir, 'a.yaml')).mode & 0o7777).toBe(0o600);
    expect(names(dir)).toEqual(['a.yaml', 'sub', 'sub/b.yaml', 'z.yaml']);
  });

  it('writes every file or none: a disk that fills up while a new text is staged leaves nothing behind', async () => {
    const { dir } = hostile({ 'a.yaml': image(OLD), 'sub/b.yaml': image(OLD) });
    const before = snapshot(dir);
    let writes = 0;
    const e = await withFs(
      'writeSync',
      (orig) =>
        (...args) => {
          // 1: the journal, 2: the new a.yaml, 3: the new sub/b.yaml
          if (++writes === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          return orig(...args);
        },
      () => rejection(bump({ dir, targets: [{ repository: M, tag: NEW }] })),
    );
    expect(e.message).toMatch(/^could not write .*ENOSPC.*; every file was left as it was$/);
    expect(snapshot(dir)).toEqual(before);
    expect(names(dir)).toEqual(['a.yaml', 'sub', 'sub/b.yaml']);
  });

  it('without hard links (some file systems), backs the old files up as copies: a failed rename still puts every file back', async () => {
    const { dir } = hostile({ 'a.yaml': image(OLD), 'sub/b.yaml': image(OLD), 'z.yaml': image(OLD) });
    chmodSync(join(dir, 'a.yaml'), 0o600);
    const before = snapshot(dir);
    const noLinks = <T>(run: () => Promise<T>) =>
      withFs('linkSync', () => () => {
        throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
      }, run);
    const e = await noLinks(() =>
      withFs(
        'renameSync',
        (orig) =>
          (...args) => {
            if (String(args[1]).endsWith('z.yaml')) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
            return orig(...args);
          },
        () => rejection(bump({ dir, targets: [{ repository: M, tag: NEW }] })),
      ),
    );
    expect(e.message).toMatch(/; every file was left as it was$/);
    expect(snapshot(dir)).toEqual(before);
    expect(statSync(join(dir, 'a.yaml')).mode & 0o7777).toBe(0o600);
    expect(names(dir)).toEqual(['a.yaml', 'sub', 'sub/b.yaml', 'z.yaml']);
    await noLinks(() => bump({ dir, targets: [{ repository: M, tag: NEW }] }));
    expect(read(dir, 'sub/b.yaml')).toBe(image(NEW));
    expect(names(dir)).toEqual(['a.yaml', 'sub', 'sub/b.yaml', 'z.yaml']);
  });

  it('finishes putting files back after a crash during an undo (an abort line)', async () => {
    // What a bump leaves when it is killed while undoing a failed rename: a.yaml was replaced (its backup is
    // there), sub/b.yaml was not (its staged text is there, its backup is a second link of it).
    const { dir } = hostile({ 'a.yaml': image(NEW), 'sub/b.yaml': image(OLD), 'c.yaml': streaming(OLD) });
    const hex = (c: string) => c.repeat(24);
    const e = { a: { target: 'a.yaml', temp: `.offmain-${hex('1')}.new`, backup: `.offmain-${hex('2')}.old` }, b: { target: 'sub/b.yaml', temp: `sub/.offmain-${hex('3')}.new`, backup: `sub/.offmain-${hex('4')}.old` } };
    writeFileSync(join(dir, e.a.backup), image(OLD));
    writeFileSync(join(dir, e.b.temp), image(NEW));
    linkSync(join(dir, e.b.target), join(dir, e.b.backup));
    writeFileSync(join(dir, '.offmain-bump-journal'), `${JSON.stringify({ offmain: 'bump-journal', version: 1, pid: 999_999_999, entries: [e.a, e.b] })}\ncommit\nabort\n`);
    const log = memoryLogger();
    await bump({ dir, targets: [{ repository: S, tag: NEW }], log });
    expect({ a: read(dir, 'a.yaml'), b: read(dir, 'sub/b.yaml') }).toEqual({ a: image(OLD), b: image(OLD) });
    expect(names(dir)).toEqual(['a.yaml', 'c.yaml', 'sub', 'sub/b.yaml']);
    expect(log.lines).toEqual([expect.stringMatching(/^warning: an interrupted bump left .*: it was putting its files back, so they were put back as they were \(2 files\)$/)]);
  });

  it('refuses a journal it did not write (outside paths, foreign names), and one of a bump still running', async () => {
    const { dir, outside } = hostile({ 'a.yaml': image(OLD) });
    writeFileSync(join(outside, '.offmain-0123456789abcdef01234567.new'), image(NEW));
    const journal = join(dir, '.offmain-bump-journal');
    const entry = (target: string, temp: string, backup = '.offmain-fedcba9876543210fedcba98.old') => ({ target, temp, backup });
    for (const entries of [
      [entry('a.yaml', '../outside/.offmain-0123456789abcdef01234567.new')],
      [entry('../outside/a.yaml', '../outside/.offmain-0123456789abcdef01234567.new')],
      [entry('a.yaml', 'a.yaml.tmp')],
    ]) {
      writeFileSync(journal, `${JSON.stringify({ offmain: 'bump-journal', version: 1, pid: 999_999_999, entries })}\ncommit\n`);
      const e = await rejection(bump({ dir, targets: [{ repository: M, tag: NEW }] }));
      expect(e.message).toMatch(/^\.offmain-bump-journal names .* that offmain does not write: .*remove \.offmain-bump-journal/);
    }
    expect(read(dir, 'a.yaml')).toBe(image(OLD));
    expect(readdirSync(outside)).toEqual(['.offmain-0123456789abcdef01234567.new']);

    writeFileSync(journal, `${JSON.stringify({ offmain: 'bump-journal', version: 1, pid: 1, entries: [] })}\n`);
    const busy = await rejection(bump({ dir, targets: [{ repository: M, tag: NEW }] }));
    expect(busy.message).toMatch(/^another offmain bump \(process 1\) is writing in .*: wait for it to end, or remove .*\.offmain-bump-journal if no bump runs/);
    // A dry run reads only: it neither needs nor touches the journal.
    expect((await bump({ dir, targets: [{ repository: M, tag: NEW }], dryRun: true })).files).toEqual(['a.yaml']);
    expect(read(dir, 'a.yaml')).toBe(image(OLD));
    // A process id from another host (a container gone with its processes) says nothing: the journal is finished.
    writeFileSync(journal, `${JSON.stringify({ offmain: 'bump-journal', version: 1, host: 'another-host', pid: 1, entries: [] })}\ncommit\n`);
    expect((await bump({ dir, targets: [{ repository: M, tag: NEW }] })).files).toEqual(['a.yaml']);
    expect(names(dir)).toEqual(['a.yaml']);
  });
});

// A real crash: a child process runs the bump and kills itself with SIGKILL at the nth call of one fs function
// (`rename` counts fs.renameSync and fs.promises.rename alike). Nothing in src/ knows about it.
describe('bump: a crash (kill -9) mid-write', () => {
  let driver: string;
  beforeAll(async () => {
    const out = tempDir('offmain-crash-');
    const entry = join(out, 'driver.ts');
    writeFileSync(
      entry,
      `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { bump } from ${JSON.stringify(join(ROOT, 'src/deploy/bump.ts'))};
const [dir, targets, point] = process.argv.slice(2);
const [fn, nth] = point.split(':');
let calls = 0;
const crash = (orig) => function (...args) {
  if (++calls === Number(nth)) process.kill(process.pid, 'SIGKILL');
  return orig.apply(this, args);
};
if (fn === 'rename') {
  fs.renameSync = crash(fs.renameSync);
  fs.promises.rename = crash(fs.promises.rename);
} else fs[fn] = crash(fs[fn]);
syncBuiltinESMExports();
await bump({ dir, targets: JSON.parse(targets) });
`,
    );
    driver = join(out, 'driver.mjs');
    await build({
      entryPoints: [entry],
      outfile: driver,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      loader: { '.yml': 'text' },
      logLevel: 'error',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
  });

  // Kill points, in the order the bump reaches them: the journal, then each new text staged (and each old file
  // linked as a backup), the commit line, the renames, the clean-up.
  it.each([
    ['writing the journal', 'writeSync:1', 'old'],
    ['writing the new text of sub/b.yaml', 'writeSync:3', 'old'],
    ['keeping the old sub/b.yaml as a backup', 'linkSync:2', 'old'],
    ['writing the commit line', 'writeSync:4', 'old'],
    ['the first rename', 'rename:1', 'new'],
    ['replacing sub/b.yaml, a.yaml already replaced', 'rename:2', 'new'],
    ['removing the backups', 'unlinkSync:1', 'new'],
    ['removing the journal', 'unlinkSync:3', 'new'],
  ] as const)('killed at %s (%s): the next run finds every file %s and no leftover', async (_what, point, state) => {
    const { dir } = hostile({ 'a.yaml': image(OLD), 'sub/b.yaml': image(OLD), 'c.yaml': streaming(OLD) });
    chmodSync(join(dir, 'a.yaml'), 0o600);
    const child = spawnSync(process.execPath, [driver, dir, JSON.stringify([{ repository: M, tag: NEW }]), point], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.signal).toBe('SIGKILL');

    // The next run bumps another image (c.yaml only): a.yaml and sub/b.yaml are left to the recovery.
    const log = memoryLogger();
    const r = await bump({ dir, targets: [{ repository: S, tag: NEW }], log });
    expect(r.files).toEqual(['c.yaml']);
    const want = state === 'old' ? OLD : NEW;
    expect({ a: read(dir, 'a.yaml'), b: read(dir, 'sub/b.yaml') }).toEqual({ a: image(want), b: image(want) });
    expect(read(dir, 'c.yaml')).toBe(streaming(NEW));
    expect(statSync(join(dir, 'a.yaml')).mode & 0o7777).toBe(0o600);
    expect(names(dir)).toEqual(['a.yaml', 'c.yaml', 'sub', 'sub/b.yaml']);
    expect(log.lines).toEqual([
      expect.stringMatching(
        state === 'old'
          ? /^warning: an interrupted bump left .*\.offmain-bump-journal: it had not finished staging, so its files were left as they were$/
          : /^warning: an interrupted bump left .*\.offmain-bump-journal: it had staged every file, so its changes were completed \(2 files\)$/,
      ),
    ]);
  });
});
