/**
 * The layouts admins really commit (test/fixtures/config/<case>/{before,expected}): the official chart's values
 * with its duplicate key, chart defaults (no tag), pins, digest and registry keys, digest-in-tag, anchors,
 * Argo CD Applications, ApplicationSets and Image Updater's write-back file. Each is bumped and compared byte for
 * byte, every changed file (and YAML embedded in it) must parse, and a second run changes nothing.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isScalar, parseAllDocuments, visit } from 'yaml';
import { bump, type BumpOptions } from '../../../src/deploy/bump.js';
import { snapshot, tempDir } from '../../support/tmp.js';
import { DA, DB, M, NEW, OLD, S, TARGETS } from '../../support/configrepo.js';

const CASES = fileURLToPath(new URL('../../fixtures/config', import.meta.url));

function copy(name: string): string {
  const d = tempDir(`offmain-${name}-`);
  cpSync(join(CASES, name, 'before'), d, { recursive: true });
  return d;
}

function options(name: string): Partial<BumpOptions> {
  const f = join(CASES, name, 'options.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Partial<BumpOptions>) : {};
}

/** Every document parses as Helm reads it (a key given twice is no error), and so does every `helm.values: |` in it. */
function expectParses(file: string, text: string): void {
  for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
    expect([file, doc.errors.map((e) => e.message)]).toEqual([file, []]);
    visit(doc, {
      Pair(_, pair) {
        if (isScalar(pair.key) && pair.key.value === 'values' && isScalar(pair.value) && typeof pair.value.value === 'string') {
          for (const inner of parseAllDocuments(pair.value.value)) expect([file, inner.errors.map((e) => e.message)]).toEqual([file, []]);
        }
      },
    });
  }
}

const warnings = () => {
  const seen: [string, unknown][] = [];
  return { seen, log: { warning: (m: string, w?: unknown) => void seen.push([m, w]) } };
};

describe('bump: layouts admins commit, byte for byte', () => {
  const names = readdirSync(CASES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

  it('has a case for every shape', () => {
    expect(names).toEqual(['anchors', 'argocd', 'chart-defaults', 'digest-in-tag', 'digest-keys', 'official-chart', 'pinned']);
  });

  for (const name of names) {
    it(`${name}: changes exactly the expected files, every one parses, and a second run changes nothing`, async () => {
      const dir = copy(name);
      const before = snapshot(dir);
      const expected = snapshot(join(CASES, name, 'expected'));
      const r = await bump({ dir, targets: TARGETS, ...options(name) });
      expect(r.files).toEqual(Object.keys(expected).sort());
      const after = snapshot(dir);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const [f, text] of Object.entries(after)) expect([f, text]).toEqual([f, expected[f] ?? before[f]]);
      for (const f of r.files) expectParses(f, after[f]!);
      const again = await bump({ dir, targets: TARGETS, ...options(name) });
      expect(again.changed).toBe(false);
      expect(again.changes).toEqual([]);
      expect(snapshot(dir)).toEqual(after);
    });
  }
});

describe('bump: the official chart values and chart defaults', () => {
  it('reads the chart values despite the key it gives twice, warning with file and line, and sets both tags', async () => {
    const { seen, log } = warnings();
    const r = await bump({ dir: copy('official-chart'), targets: TARGETS, log });
    expect(seen).toEqual([
      ['"replica" is given 2 times in one mapping (lines 144, 156); Helm and Flux use the last one', { file: 'values.yaml', line: 156 }],
    ]);
    expect(r.changes.map((c) => [c.line, c.repository, c.old, c.new])).toEqual([
      [13, M, '', NEW],
      [81, S, '', NEW],
    ]);
  });

  it('adds the tag next to the repository of a chart-default mapping, and says the digest has no place there', async () => {
    const r = await bump({ dir: copy('chart-defaults'), targets: TARGETS });
    expect(r.changes.map((c) => [c.file, c.line, c.kind, c.old, c.note])).toEqual([
      ['helm/values-production.yaml', 4, 'helm', '', 'digest not pinned: this image mapping has no digest key; digest-in-tag would write tag@digest'],
      ['helm/values-production.yaml', 11, 'helm', '', 'digest not pinned: this image mapping has no digest key; digest-in-tag would write tag@digest'],
      ['k8s/cronjob-tootctl.yaml', 16, 'workload', `${M}:${OLD}`, undefined],
    ]);
  });
});

describe('bump: pins', () => {
  const pinned = (tag: string) => `image:\n  repository: ${M}\n  tag: ${tag}@${DB}\n`;

  it('keeps a pinned Helm tag pinned, reporting the tag and digest it had', async () => {
    const r = await bump({ dir: copy('pinned'), targets: TARGETS });
    expect(r.changes[0]).toMatchObject({ old: `${OLD}@sha256:${'c3'.repeat(32)}`, new: `${NEW}@${DA}` });
    expect(r.previous[M]).toEqual({ tag: OLD, display: '4.8.0-alpha.1+2f40549' });
  });

  it('reads the tag part of a pinned tag for the downgrade check', async () => {
    const dir = tempDirWith({ 'values.yaml': pinned(NEW) });
    const e = await bump({ dir, targets: [{ repository: M, tag: OLD, digest: DA }] }).catch((x: Error) => x);
    expect((e as Error).message).toMatch(/^values\.yaml:3: refusing to downgrade ghcr\.io\/acme\/mastodon from 4\.8\.0-alpha\.2\+9c1e3d0 \(deployed\) to 4\.8\.0-alpha\.1\+2f40549/);
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe(pinned(NEW));
  });

  it('unpins a pinned tag only when no digest is given, and says so', async () => {
    const dir = tempDirWith({ 'values.yaml': pinned(OLD) });
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW }] });
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe(`image:\n  repository: ${M}\n  tag: ${NEW}\n`);
    expect(r.changes[0]!.note).toBe('removed the old digest: no digest was given for the new tag');
  });

  it('pins in the tag only when asked (digest-in-tag), never where a digest key exists', async () => {
    const values = `image:\n  repository: ${M}\n  tag: ${OLD}\n  digest: ""\n`;
    const dir = tempDirWith({ 'values.yaml': values });
    await bump({ dir, targets: [{ repository: M, tag: NEW, digest: DA }], digestInTag: true });
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe(`image:\n  repository: ${M}\n  tag: ${NEW}\n  digest: "${DA}"\n`);
  });
});

describe('bump: anchors and aliases', () => {
  it('edits an anchored tag once and reports every image that uses it', async () => {
    const r = await bump({ dir: copy('anchors'), targets: TARGETS });
    expect(r.changes.map((c) => [c.line, c.repository, c.old, c.new])).toEqual([
      [4, M, OLD, NEW],
      [11, S, OLD, NEW],
      [18, M, OLD, NEW],
    ]);
  });

  it('refuses images sharing an anchor that would get different tags, naming each line', async () => {
    const dir = copy('anchors');
    const before = snapshot(dir);
    const e = await bump({ dir, targets: [{ repository: M, tag: NEW }, { repository: S, tag: '4.8.0-alpha.3_1234567' }] }).catch((x: Error) => x);
    expect((e as Error).message).toBe(
      'values.yaml:4: one anchored tag is used by images that would get different tags: ' +
        `line 4 (${M} -> ${NEW}), line 11 (${S} -> 4.8.0-alpha.3_1234567), line 18 (${M} -> ${NEW}); give each image its own tag, nothing was changed`,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses when only some images sharing the anchor are given, or a non-image uses it', async () => {
    const dir = copy('anchors');
    const e = await bump({ dir, targets: [{ repository: S, tag: NEW }] }).catch((x: Error) => x);
    expect((e as Error).message).toBe(
      'values.yaml:4: this tag is anchored and also used on line 4, 18, which is not an image being bumped; ' +
        'changing it would move that too: give the image its own tag (or bump every image that uses it), nothing was changed',
    );
    const other = tempDirWith({ 'values.yaml': `appVersion: &v ${OLD}\nimage:\n  repository: ${M}\n  tag: *v\n` });
    const e2 = await bump({ dir: other, targets: [{ repository: M, tag: NEW }] }).catch((x: Error) => x);
    expect((e2 as Error).message).toMatch(/^values\.yaml:1: this tag is anchored and also used on line 1, which is not an image being bumped/);
  });
});

describe('bump: Argo CD', () => {
  it('names a helm.values string it cannot read, saying a marker cannot work there', async () => {
    const app = (values: string) =>
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: mastodon\nspec:\n  source:\n    helm:\n      values: ${values}\n`;
    const dir = tempDirWith({ 'app.yaml': app(`>\n        image:\n          repository: ${M}\n          tag: ${OLD}`) });
    const e = await bump({ dir, targets: [{ repository: M, tag: NEW }] }).catch((x: Error) => x);
    expect((e as Error).message).toContain(
      "app.yaml:8 (helm.values is a folded block string (>), whose line breaks offmain cannot keep, so offmain cannot edit the image in it; a marker there cannot work)",
    );
    const broken = tempDirWith({ 'app.yaml': app(`|\n        image:\n          repository: ${M}\n          tag: [${OLD}`) });
    const e2 = await bump({ dir: broken, targets: [{ repository: M, tag: NEW }] }).catch((x: Error) => x);
    expect((e2 as Error).message).toMatch(/app\.yaml:8 \(helm\.values is a block string that is not valid YAML \(.*\), so offmain cannot edit the image in it; a marker there cannot work\)/);
  });

  it('keeps CRLF line ends and the block indentation when adding a tag inside helm.values', async () => {
    const text = `apiVersion: argoproj.io/v1alpha1\r\nkind: Application\r\nspec:\r\n  source:\r\n    helm:\r\n      values: |\r\n        image:\r\n          repository: ${M}\r\n        replicas: 2\r\n`;
    const dir = tempDirWith({ 'app.yaml': text });
    await bump({ dir, targets: [{ repository: M, tag: NEW }] });
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe(text.replace(`${M}\r\n`, `${M}\r\n          tag: ${NEW}\r\n`));
  });
});

describe('bump: the "no reference" message', () => {
  it('names each place the image appears in a form offmain cannot edit, with the marker that would fix it', async () => {
    const dir = tempDirWith({
      'compose.yaml': `services:\n  web:\n    image: ${M}:\${TAG}\n`,
      'notes.yaml': `# ${M} is built by offmain\nrelease:\n  image_ref: "built from ${M} nightly"\n`,
    });
    const e = await bump({ dir, targets: [{ repository: M, tag: NEW }] }).catch((x: Error) => x);
    const message = (e as Error).message;
    expect(message).toContain(`compose.yaml:3 ("${M}:\${TAG}" takes its tag from a variable; set that variable instead, or write a literal tag here; a marker there cannot work)`);
    expect(message).toContain(`notes.yaml:3 (not in a layout offmain edits; a marker # offmain: ${M} at the end of that line makes it one)`);
    expect(message).not.toContain('notes.yaml:1');
  });
});

function tempDirWith(files: Record<string, string>): string {
  const d = tempDir('offmain-bump-');
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

describe('bump: chart defaults next to merge keys', () => {
  it('adds no tag to a mapping whose tag is merged in: the anchored mapping it comes from is edited', async () => {
    const text = `common: &common\n  repository: ${M}\n  tag: ${OLD}\nimage:\n  <<: *common\n  pullPolicy: Always\n`;
    const dir = tempDirWith({ 'values.yaml': text });
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW }] });
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe(text.replace(OLD, NEW));
    expect(r.changes.map((c) => c.line)).toEqual([3]);
  });
});

describe('bump: Argo CD ApplicationSet with several sources', () => {
  it('edits valuesObject and parameters under spec.template.spec.sources, and kustomize images', async () => {
    const text = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata:',
      '  name: mastodon',
      'spec:',
      '  generators:',
      '    - clusters: {}',
      '  template:',
      '    metadata:',
      "      name: 'mastodon-{{name}}'",
      '    spec:',
      '      project: default',
      '      sources:',
      '        - repoURL: https://github.com/mastodon/chart',
      '          targetRevision: 6.5.1',
      '          helm:',
      '            valuesObject:',
      '              image:',
      `                repository: ${M}`,
      `                tag: ${OLD} # web, sidekiq, jobs`,
      '            parameters:',
      '              - name: mastodon.streaming.image.repository',
      `                value: ${S}`,
      '              - name: mastodon.streaming.image.tag',
      `                value: '${OLD}'`,
      '        - repoURL: https://github.com/acme/infra.git',
      '          path: overlays/{{name}}',
      '          kustomize:',
      '            images:',
      `              - ${M}:${OLD}`,
      '',
    ].join('\n');
    const dir = tempDirWith({ 'appset.yaml': text });
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW, digest: DA }, { repository: S, tag: NEW, digest: DB }] });
    expect(readFileSync(join(dir, 'appset.yaml'), 'utf8')).toBe(
      text
        .replace(`tag: ${OLD} #`, `tag: ${NEW} #`)
        .replace(`value: '${OLD}'`, `value: '${NEW}'`)
        .replace(`- ${M}:${OLD}`, `- ${M}:${NEW}@${DA}`),
    );
    expect(r.changes.map((c) => [c.line, c.kind])).toEqual([
      [20, 'helm'],
      [25, 'helm'],
      [30, 'kustomize'],
    ]);
  });
});

describe('bump: chart defaults in other shapes', () => {
  it('adds the tag in a flow mapping, at the end of a file without a final newline, and before a digest key', async () => {
    const cases: [string, string][] = [
      [`image: {repository: ${M}, pullPolicy: Always}\n`, `image: {repository: ${M}, tag: ${NEW}, pullPolicy: Always}\n`],
      [`image:\n  pullPolicy: Always\n  repository: ${M}`, `image:\n  pullPolicy: Always\n  repository: ${M}\n  tag: ${NEW}`],
      [`image:\n  repository: ${M}\n  digest: ""\n`, `image:\n  repository: ${M}\n  tag: ${NEW}\n  digest: "${DA}"\n`],
    ];
    for (const [before, after] of cases) {
      const dir = tempDirWith({ 'values.yaml': before });
      await bump({ dir, targets: [{ repository: M, tag: NEW, digest: DA }] });
      expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe(after);
      expect((await bump({ dir, targets: [{ repository: M, tag: NEW, digest: DA }] })).changed).toBe(false);
    }
  });
});
