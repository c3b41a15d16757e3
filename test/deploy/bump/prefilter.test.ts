import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bump } from '../../../src/deploy/bump.js';
import { live, LOWERS_TO_ASCII, prefilter } from '../../../src/deploy/bump/prefilter.js';
import { tempDir } from '../../support/tmp.js';
import { rejection } from '../../support/errors.js';

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
  // The second pass: places that look like a comment or prose but are (or may be) a reference.
  ['after a blank and a quote', 'k.yaml', `image: "${M}:4.7.0" # ${M}\n`],
  ['JSON-style key, no blank', 'k.yaml', `{"image":${M}:4.7.0}\n`],
  ['anchored', 'k.yaml', `image: &i ${M}:4.7.0\n`],
  ['a "#" in a double-quoted string, then the reference on its line', 'k.yaml', `{a: "x\n  # y", image: ${M}:4.7.0}\n`],
  ['a "#" in a single-quoted string, then the reference on its line', 'k.yaml', `{a: 'x\n  # y', image: ${M}:4.7.0}\n`],
  [
    'Argo CD kustomize name= after a "#" in a string',
    'app.yaml',
    `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: m}\nspec:\n  source:\n    kustomize:\n      images:\n        - "\n          # m=${M}:4.7.0"\n`,
  ],
  [
    'Argo CD helm.values with the reference after a "#" of a comment line',
    'app.yaml',
    `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: m}\nspec:\n  source:\n    helm:\n      values: |\n        # (acme/mastodon) below\n        image: {repository: ${M}, tag: 4.7.0}\n`,
  ],
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
      'notes.yaml': `# runbook: ${M} restarts\nkind: ConfigMap\n`, // only in a comment, and no marker: not parsed
      'marker.yaml': `# runbook: ${M} restarts\nkind: ConfigMap # offmain: x\n`, // a marker may name it: parsed
    });
    const r = await bump({ dir, targets: [{ repository: M, tag: NEW }], dryRun: true });
    expect(r.files).toEqual(['m.yaml']);
    expect(r.searched).toEqual({ files: 7, parsed: 2 });
  });

  /** Files that name the image in comments or prose only: the second pass skips them, and nothing else changes. */
  const DEAD: [string, string][] = [
    ['a comment line', `# runbook: when ${M} restarts, see https://github.com/acme/mastodon-config\nkind: ConfigMap\n`],
    ['a comment after a value', `a: 1 # bumped from ${M}\n`],
    ['prose in parentheses', 'text: "the web image (acme/mastodon) is bumped by offmain"\n'],
    ['after a letter', 'url: https://example.org/xacme/mastodon\n'],
    ['a "#" in a multi-line string before it', `text: "multi\n  # ${M} continues"\n`],
    ['a "#" line of a block string', `script: |\n  # pulls ${M}\n  echo hi\n`],
    ['with a registry key, the last part in a comment', 'image:\n  registry: docker.io\n  repository: acme/redis # not mastodon\n'],
  ];

  it.each(DEAD)('skips a file naming it in %s: the same result as parsing it', async (_what, text) => {
    const files = { 'm.yaml': `image: ${M}:4.7.0\n`, 'dead.yaml': text };
    const opts = { targets: [{ repository: M, tag: NEW }], dryRun: true };
    const filtered = await bump({ ...opts, dir: tree(files) });
    const all = await bump({ ...opts, dir: tree(files) }, { prefilter: false });
    expect({ ...filtered, searched: undefined }).toEqual({ ...all, searched: undefined });
    expect(filtered.searched).toEqual({ files: 2, parsed: 1 });
    expect(prefilter([M])(Buffer.from(text))).not.toBe(true);
    // Without a reference, the error shows the lines that name it, as it does when every file is parsed.
    const alone = tree({ 'dead.yaml': text });
    const error = (filter: boolean) => rejection(bump({ ...opts, dir: alone }, { prefilter: filter }));
    const message = (await error(true)).message;
    expect(message).toBe((await error(false)).message);
    expect(message).toMatch(/^no reference to ghcr\.io\/acme\/mastodon found in /);
  });

  /** Files where a mention that looks dead still counts: parsed, with the same outcome (here the same error). */
  const COUNTED: [string, string, string][] = [
    [
      'an unreadable helm.values naming it in prose (a mention, named in the error)',
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: m}\nspec:\n  source:\n    helm:\n      values: "{{ broken (acme/mastodon)"\n`,
      'app.yaml:7 (helm.values is',
    ],
    [
      'a variable tag after an Argo CD name= in a string that holds a "#" (refused)',
      `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: m}\nspec:\n  source:\n    kustomize:\n      images:\n        - "\n          # m=${M}:\${TAG}"\n`,
      'takes its tag from a variable',
    ],
  ];

  it.each(COUNTED)('parses %s', async (_what, text, what) => {
    const dir = tree({ 'app.yaml': text });
    const outcome = async (filter: boolean) =>
      bump({ targets: [{ repository: M, tag: NEW }], dryRun: true, dir }, { prefilter: filter }).then(
        (r) => ({ ...r, searched: undefined }),
        (e: Error) => e.message,
      );
    const filtered = await outcome(true);
    expect(filtered).toEqual(await outcome(false));
    expect(filtered).toContain(what);
    expect(prefilter([M])(Buffer.from(text))).toBe(true);
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

  /** The second pass's rule as the module comment states it, place by place (the slow, obvious way). */
  const liveByRule = (s: string, needle: RegExp): boolean => {
    for (let at = s.search(needle); at >= 0; ) {
      const lineStart = Math.max(s.lastIndexOf('\n', at - 1), s.lastIndexOf('\r', at - 1)) + 1;
      const before = s.slice(lineStart, at);
      const deadBefore = at > 0 && /[A-Za-z0-9(]/.test(s[at - 1]!);
      const inComment = /(?:^|[ \t])#/.test(before) && !/["'=\\]/.test(before);
      if (!deadBefore && !inComment) return true;
      const rest = s.slice(at + 1).search(needle);
      at = rest < 0 ? -1 : at + 1 + rest;
    }
    return false;
  };

  it('the second pass decides as its rule says, on 5,000 random texts', () => {
    let seed = 12;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const parts = ['acme/mastodon', 'mastodon', '#', ' ', '\t', '\n', '\r', '"', "'", '=', '\\', 'a', '(', '/', ':'];
    const needle = /acme\/mastodon|mastodon/gi;
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: rand(24) }, () => parts[rand(parts.length)]).join('');
      expect([text, live(text, needle)]).toEqual([text, liveByRule(text, needle)]);
    }
  });

  it('reads a 1 MiB file of mentions once: one long line, or a mention a line', () => {
    // The rule applied place by place rereads the line (or the whole file) before each place: minutes for
    // these, where a hostile config repository may hold thousands of them.
    const needle = /acme\/mastodon/gi;
    const oneLine = `a: ${'# x acme/mastodon '.repeat(55_000)}\n`;
    const lines = '# acme/mastodon\n'.repeat(65_000);
    for (const text of [oneLine, lines]) {
      expect(text.length).toBeGreaterThan(900_000);
      expect(live(text, needle)).toBe(false);
      expect(prefilter([M])(Buffer.from(text))).toBe('mentions');
    }
    expect(live(`${lines}image: ${M}:4.7.0\n`, needle)).toBe(true);
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
