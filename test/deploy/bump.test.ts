import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { bump, type BumpOptions } from '../../src/deploy/bump.js';
import { snapshot, tempDir } from '../support/tmp.js';

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
      note: 'digest not pinned: this image mapping has no digest key',
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
    mkdirSync(join(dir, 'b.yaml.offmain-tmp')); // the staging file of b.yaml cannot be written
    const before = snapshot(dir);
    const e = await rejection(bump({ dir, targets: [{ repository: M, tag: NEW }] }));
    expect(e.message).toMatch(/^could not write .*; every file was left as it was$/);
    expect(snapshot(dir)).toEqual(before);
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

  it('refuses a tag that comes from a variable', async () => {
    const dir = repo({ 'compose.yaml': `services:\n  web:\n    image: ${M}:\${MASTODON_TAG:-latest}\n` });
    const e = await rejection(bump({ dir, ...one() }));
    expect(e.message).toMatch(/^compose\.yaml:3: .*takes its tag from a variable/);
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
      `no reference to ghcr.io/acme/mastodon-sidekiq found in ${dir} (searched 12 YAML files: kustomization images, ` +
        'Helm values image.repository/tag, workload containers, compose services, offmain/$imagepolicy markers); ' +
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

  it('asks git about equal versions with different commits', async () => {
    const target = [{ repository: M, tag: '4.8.0-alpha.1_bbbbbbb' }];
    const asked: string[][] = [];
    const dir = repo({ 'a.yaml': deployment('4.8.0-alpha.1_aaaaaaa') });
    const e = await rejection(
      bump({
        dir,
        targets: target,
        isAncestor: async (o, n) => {
          asked.push([o, n]);
          return false;
        },
      }),
    );
    expect(asked).toEqual([['aaaaaaa', 'bbbbbbb']]);
    expect(e.message).toMatch(/from 4\.8\.0-alpha\.1\+aaaaaaa \(deployed\) to 4\.8\.0-alpha\.1\+bbbbbbb \(not a descendant of aaaaaaa\)/);
    expect(read(dir, 'a.yaml')).toBe(deployment('4.8.0-alpha.1_aaaaaaa'));

    expect((await bump({ dir, targets: target, isAncestor: async () => undefined, dryRun: true })).changed).toBe(true);
    expect((await bump({ dir, targets: target, isAncestor: async () => true, dryRun: true })).changed).toBe(true);
    expect((await bump({ dir, targets: target, dryRun: true })).changed).toBe(true);
  });

  it('does not check tags that are not offmain tags', async () => {
    const dir = repo({ 'a.yaml': deployment('v4.3.0'), 'b.yaml': deployment('latest') });
    const result = await bump({ dir, targets: [{ repository: M, tag: '4.2.0_2f40549' }] });
    expect(result.files).toEqual(['a.yaml', 'b.yaml']);
    expect(result.previous[M]).toEqual({ tag: 'v4.3.0' });
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
