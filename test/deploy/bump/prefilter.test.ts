import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bump } from '../../../src/deploy/bump.js';
import { LOWERS_TO_ASCII, prefilter } from '../../../src/deploy/bump/prefilter.js';
import { tempDir } from '../../support/tmp.js';

const M = 'ghcr.io/acme/mastodon';
const NEW = '4.8.0_9c1e3d0';

/** Every form the bump edits, written so that a plain byte search for `acme/mastodon` would miss most of them. */
const NAMING: [string, string, string][] = [
  ['plain', 'k.yaml', `image: ${M}:4.7.0\n`],
  ['upper case', 'k.yaml', 'image: GHCR.IO/Acme/Mastodon:4.7.0\n'],
  ['Kelvin sign lowers to k', 'k.yaml', 'image: ghcr.io/acme/mastodon-\u212Aafka:4.7.0\n'],
  ['\\x escape', 'k.yaml', 'image: "ghcr.io/acme/mas\\x74odon:4.7.0"\n'],
  ['\\u escape', 'k.yaml', 'image: "ghcr.io/acme\\u002Fmastodon:4.7.0"\n'],
  ['\\/ escape', 'k.yaml', 'image: "ghcr.io/acme\\/mastodon:4.7.0"\n'],
  ['escaped line break', 'k.yaml', 'image: "ghcr.io/acme/mas\\\n  todon:4.7.0"\n'],
  ['flow style', 'k.yaml', '{image: {repository: "ghcr.io/acme/mastodon", tag: "4.7.0"}}\n'],
  ['Helm registry + repository split at the owner', 'values.yaml', 'image:\n  registry: ghcr.io/acme\n  repository: mastodon\n  tag: 4.7.0\n'],
  ['Helm split, custom quoting', 'values.yaml', "image:\n  registry: 'ghcr.io/acme/'\n  repository: 'Mastodon'\n  tag: '4.7.0'\n"],
  ['anchor and alias', 'values.yaml', 'x: &r mastodon\nimage:\n  registry: ghcr.io/acme\n  repository: *r\n  tag: 4.7.0\n'],
  [
    'Argo CD parameters split',
    'app.yaml',
    'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: m}\nspec:\n  source:\n    helm:\n      parameters:\n        - {name: image.registry, value: ghcr.io/acme}\n        - {name: image.repository, value: mastodon}\n        - {name: image.tag, value: 4.7.0}\n',
  ],
  ['kustomize newName', 'kustomization.yaml', 'images:\n  - name: mastodon\n    newName: ghcr.io/acme/mastodon\n    newTag: 4.7.0\n'],
  ['offmain marker', 'k.yaml', 'x:\n  y: "4.7.0" # offmain: GHCR.io/acme/mastodon:tag\n'],
  ['Flux image policy marker', 'k.yaml', 'x:\n  y: "4.7.0" # {"$imagepolicy": "flux-system:mastodon:tag"}\n'],
];

const K = 'ghcr.io/acme/mastodon-kafka';
const targetFor = (what: string) => (what.startsWith('Kelvin') ? K : M);
const POLICIES = { 'flux-system:mastodon': M };

function tree(files: Record<string, string>): string {
  const dir = tempDir('offmain-prefilter-');
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

describe('bump prefilter: never skips a file the bump would change', () => {
  it.each(NAMING)('%s: the same changes with and without the byte search, and the file is parsed', async (what, file, text) => {
    const opts = { targets: [{ repository: targetFor(what), tag: NEW }], policies: POLICIES, dryRun: true };
    const others = { 'other/a.yaml': 'image: docker.io/acme/grafana:1.0\n', 'other/b.yaml': 'kind: ConfigMap\ndata: {a: "1"}\n' };
    const filtered = await bump({ ...opts, dir: tree({ [file]: text, ...others }) });
    const all = await bump({ ...opts, dir: tree({ [file]: text, ...others }) }, { prefilter: false });
    expect(filtered.changes.length).toBeGreaterThan(0);
    expect({ ...filtered, searched: undefined }).toEqual({ ...all, searched: undefined });
    expect(filtered.files).toEqual([file]);
    expect(filtered.searched).toEqual({ files: 3, parsed: 1 });
    expect(all.searched).toEqual({ files: 3, parsed: 3 });
  });

  it('skips files that cannot name the image, parses the ones that may', async () => {
    const dir = tree({
      'm.yaml': `image: ${M}:4.7.0\n`,
      'grafana.yaml': 'image: docker.io/acme/grafana:1.0\n',
      'service.yaml': 'kind: Service\nmetadata: {name: mastodon-web}\n', // the name, but no registry key nor the path
      'values.yaml': 'image:\n  registry: docker.io\n  repository: acme/redis\n', // a registry key, not the name
      'broken.yaml': 'a: [unclosed\n', // never parsed: no error
      'notes.yaml': `# runbook: ${M} restarts\nkind: ConfigMap\n`, // may be a marker: parsed
    });
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW }], dryRun: true });
    expect(r.files).toEqual(['m.yaml']);
    expect(r.searched).toEqual({ files: 6, parsed: 2 });
  });

  it('the byte search: false only without the name, an escape or a lowering character', () => {
    const may = prefilter([M]);
    const yes = ['acme/MASTODON', 'registry: x\nrepository: mastodon', '"\\x41"', '"\\u0041"', '"a\\\nb"', '"a\\/b"', '\u212A', '\u0130'];
    const no = ['acme/redis', 'mastodon-web: 1', 'registry: docker.io', '"\\n\\t\\\\"', 'acme/ mastodon'];
    for (const s of yes) expect([s, may(Buffer.from(s))]).toEqual([s, true]);
    for (const s of no) expect([s, may(Buffer.from(s))]).toEqual([s, false]);
    expect(prefilter([M], { policies: { 'a:b': M } })(Buffer.from('# {"$imagepolicy": "a:b"}'))).toBe(true);
    expect(prefilter([M], { policies: { 'a:b': 'ghcr.io/acme/other' } })(Buffer.from('# {"$imagepolicy": "a:b"}'))).toBe(false);
  });

  it('knows every character whose lower case is ASCII', () => {
    const found: string[] = [];
    for (let c = 0x80; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (/[\x00-\x7f]/.test(String.fromCodePoint(c).toLowerCase())) found.push(String.fromCodePoint(c));
    }
    expect(found).toEqual(LOWERS_TO_ASCII);
  });
});
