/**
 * Where a hold marker belongs (src/deploy/bump/holdplace.ts, through hold.ts findHolds): every layout the bump edits,
 * in LF and CRLF, with the marker where an admin puts it; markers next to nothing, next to two images, next to an
 * image not being bumped, and `# offmain: hold` text that is no comment.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../src/core/log.js';
import { bump } from '../../../src/deploy/bump.js';
import { findHolds } from '../../../src/deploy/hold.js';
import { tempDir } from '../../support/tmp.js';

const M = 'ghcr.io/acme/mastodon';
const S = 'ghcr.io/acme/mastodon-streaming';
const targets = [
  { repository: M, tag: '4.8.0-alpha.2_9c1e3d0' },
  { repository: S, tag: '4.8.0-alpha.2_9c1e3d0' },
];
const OLD = '4.8.0-alpha.1_2f40549';
const H = '# offmain: hold migration window';

function tree(files: Record<string, string>): string {
  const dir = tempDir('offmain-holdplace-');
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** Each layout: its file, its text (lines; `HOLD` is the marker's line, or `... HOLD` a marker at a line's end). */
const LAYOUTS: { name: string; file: string; lines: string[]; bump?: { policies?: Record<string, string> } }[] = [
  {
    name: 'Kustomize, marker above the entry (the README example)',
    file: 'kustomization.yaml',
    lines: ['images:', '  HOLD', `  - name: ${M}`, `    newTag: ${OLD}`, `  - name: ${S}`, `    newTag: ${OLD}`],
  },
  {
    name: 'Kustomize newName, marker above the entry',
    file: 'kustomization.yaml',
    lines: ['images:', '  HOLD', '  - name: ghcr.io/mastodon/mastodon', `    newName: ${M}`, `    newTag: ${OLD}`, '    digest: sha256:' + 'a'.repeat(64), `  - name: ${S}`, `    newTag: ${OLD}`],
  },
  {
    name: 'Kustomize newName, marker at the end of the name line',
    file: 'kustomization.yaml',
    lines: ['images:', '  - name: ghcr.io/mastodon/mastodon  HOLD', `    newName: ${M}`, `    newTag: ${OLD}`, `  - name: ${S}`, `    newTag: ${OLD}`],
  },
  {
    name: 'Kustomize, marker above the second entry (it holds that one)',
    file: 'kustomization.yaml',
    lines: ['images:', `  - name: ${S}`, `    newTag: ${OLD}`, '  HOLD', `  - name: ${M}`, `    newTag: ${OLD}`],
  },
  {
    name: 'official chart values, marker on repository, tag four lines below',
    file: 'values.yaml',
    lines: ['image:', `  repository: ${M}  HOLD`, '  # tag: latest', '  pullPolicy: IfNotPresent', '  # the chart default', '  tag: ""', '  digest: ""', 'streaming:', '  image:', `    repository: ${S}`, `    tag: ${OLD}`],
  },
  {
    name: 'official chart values, marker above the image key',
    file: 'values.yaml',
    lines: ['replicaCount: 1', 'HOLD', 'image:', `  repository: ${M}`, '  pullPolicy: IfNotPresent', '  # tag: latest', '  tag: ""', 'streaming:', '  image:', `    repository: ${S}`, `    tag: ${OLD}`],
  },
  {
    name: 'official chart values, marker between repository and tag',
    file: 'values.yaml',
    lines: ['image:', `  repository: ${M}`, '  HOLD', '  pullPolicy: IfNotPresent', '  tag: ""', 'streaming:', '  image:', `    repository: ${S}`, `    tag: ${OLD}`],
  },
  {
    name: 'chart defaults (no tag key), marker above repository',
    file: 'values.yaml',
    lines: ['image:', '  HOLD', `  repository: ${M}`, '  pullPolicy: IfNotPresent', 'streaming:', '  image:', `    repository: ${S}`, `    tag: ${OLD}`],
  },
  {
    name: 'Flux HelmRelease values',
    file: 'helmrelease.yaml',
    lines: ['apiVersion: helm.toolkit.fluxcd.io/v2', 'kind: HelmRelease', 'metadata:', '  name: mastodon', 'spec:', '  values:', '    HOLD', '    image:', `      repository: ${M}`, '      pullPolicy: IfNotPresent', '      # pinned', `      tag: ${OLD}`, '    streaming:', '      image:', `        repository: ${S}`, `        tag: ${OLD}`],
  },
  {
    name: 'Argo CD valuesObject',
    file: 'app.yaml',
    lines: ['apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', '  name: mastodon', 'spec:', '  source:', '    helm:', '      valuesObject:', '        image:', `          repository: ${M}  HOLD`, '          pullPolicy: Always', `          tag: ${OLD}`, '        streaming:', '          image:', `            repository: ${S}`, `            tag: ${OLD}`],
  },
  {
    name: 'Argo CD helm.values block string',
    file: 'app.yaml',
    lines: ['apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', '  name: mastodon', 'spec:', '  source:', '    helm:', '      values: |', '        HOLD', '        image:', `          repository: ${M}`, `          tag: ${OLD}`, '        streaming:', '          image:', `            repository: ${S}`, `            tag: ${OLD}`],
  },
  {
    name: 'Argo CD parameters',
    file: 'app.yaml',
    lines: ['apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', '  name: mastodon', 'spec:', '  source:', '    helm:', '      parameters:', '        HOLD', '        - name: image.repository', `          value: ${M}`, '        - name: image.tag', `          value: ${OLD}`, '        - name: streaming.image.repository', `          value: ${S}`, '        - name: streaming.image.tag', `          value: ${OLD}`],
  },
  {
    name: 'Argo CD kustomize images',
    file: 'app.yaml',
    lines: ['apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', '  name: mastodon', 'spec:', '  source:', '    kustomize:', '      images:', '        HOLD', `        - ${M}:${OLD}`, `        - ${S}:${OLD}`],
  },
  {
    name: 'raw Deployment, marker above the container',
    file: 'deployment.yaml',
    lines: ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:', '        HOLD', '        - name: web', '          command: [bundle, exec, puma]', `          image: ${M}:${OLD}`, '        - name: streaming', `          image: ${S}:${OLD}`],
  },
  {
    name: 'raw Deployment, marker at the end of the image line',
    file: 'deployment.yaml',
    lines: ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', `          image: ${M}:${OLD}  HOLD`, '        - name: streaming', `          image: ${S}:${OLD}`],
  },
  {
    name: 'compose, marker above the service',
    file: 'docker-compose.yml',
    lines: ['services:', '  HOLD', '  web:', `    image: ${M}:${OLD}`, '  streaming:', `    image: ${S}:${OLD}`],
  },
  {
    name: 'compose, marker in the service, right under the other one',
    file: 'compose.yaml',
    lines: ['services:', '  streaming:', `    image: ${S}:${OLD}`, '  web:', '    HOLD', `    image: ${M}:${OLD}`],
  },
  {
    name: 'offmain markers',
    file: 'config.yaml',
    lines: ['mastodon:', '  HOLD', `  tag: ${OLD} # offmain: ${M}:tag`, `  name: ${M} # offmain: ${M}:name`, `streamingImage: ${S}:${OLD} # offmain: ${S}`],
  },
  {
    name: 'Flux image policy markers',
    file: 'config.yaml',
    lines: ['web:', '  HOLD', `  image: ${M}:${OLD} # {"$imagepolicy": "flux-system:mastodon"}`, `other: ${S}:${OLD} # {"$imagepolicy": "flux-system:streaming"}`],
    bump: { policies: { 'flux-system:mastodon': M, 'flux-system:streaming': S } },
  },
];

function render(lines: string[]): { text: string; line: number } {
  const line = lines.findIndex((l) => l.includes('HOLD')) + 1;
  return { text: `${lines.map((l) => l.replace('HOLD', H)).join('\n')}\n`, line };
}

describe('a hold marker holds the reference it is next to, in every layout and line ending', () => {
  for (const layout of LAYOUTS) {
    for (const eol of ['LF', 'CRLF'] as const) {
      it(`${layout.name} (${eol})`, async () => {
        const { text, line } = render(layout.lines);
        const dir = tree({ [layout.file]: eol === 'CRLF' ? crlf(text) : text });
        // The layout is one the bump edits, both images in it.
        const found = await bump({ dir, targets, dryRun: true, allowDowngrade: true, ...layout.bump });
        expect(new Set(found.changes.map((c) => c.repository))).toEqual(new Set([M, S]));
        const log = memoryLogger();
        const holds = await findHolds({ dir, targets, bump: layout.bump, found, log });
        expect(holds).toEqual([{ repository: M, reason: 'migration window', source: 'marker', file: layout.file, line }]);
        expect(log.lines).toEqual([]);
      });
    }
  }

  it('mixed line endings, and a marker with no reason', async () => {
    const dir = tree({ 'kustomization.yaml': `images:\r\n  # offmain: hold\n  - name: ${M}\r\n    newTag: ${OLD}\n  - name: ${S}\r\n    newTag: ${OLD}\r\n` });
    expect(await findHolds({ dir, targets })).toMatchObject([{ repository: M, reason: '', line: 2 }]);
  });

  it("a base's image that a target's Kustomize entry replaces is that target's", async () => {
    const dir = tree({
      'kustomization.yaml': `resources: [deployment.yaml]\nimages:\n  - name: ghcr.io/mastodon/mastodon\n    newName: ${M}\n    newTag: ${OLD}\n`,
      'deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          ${H}\n          image: ghcr.io/mastodon/mastodon\n`,
    });
    const found = await bump({ dir, targets: [targets[0]!], dryRun: true, allowDowngrade: true });
    expect(await findHolds({ dir, targets: [targets[0]!], found })).toMatchObject([{ repository: M, file: 'deployment.yaml', line: 10 }]);
  });

  it('names the config path from the repository root', async () => {
    const dir = tree({ 'kustomization.yaml': render(LAYOUTS[0]!.lines).text });
    expect(await findHolds({ dir, targets, prefix: 'apps/mastodon/' })).toMatchObject([{ file: 'apps/mastodon/kustomization.yaml', line: 2 }]);
  });
});

describe('a hold marker next to no reference offmain edits', () => {
  const orphan = async (files: Record<string, string>) => findHolds({ dir: tree(files), targets });

  it.each([
    ['above an unrelated key', `replicas: 1\n${H}\nresources: {}\nimage:\n  repository: ${M}\n  tag: ${OLD}\n`, 2, 'belongs to line 3'],
    ['above the images key', `${H}\nimages:\n  - name: ${M}\n    newTag: ${OLD}\n`, 1, 'belongs to line 2'],
    ['after the last line', `images:\n  - name: ${M}\n    newTag: ${OLD}\n${H}\n`, 4, 'nothing follows it'],
    ['at the end of an unrelated line (CRLF)', crlf(`image:\n  repository: ${M}\n  tag: ${OLD}\nreplicas: 1 ${H}\n`), 4, 'belongs to line 4'],
    ['in a file with no image at all', `a: 1\n${H}\nb: 2\n`, 2, 'belongs to line 3'],
  ])('%s is an error naming its line, and where to put it', async (_, text, line, why) => {
    const e = await orphan({ 'values.yaml': text }).catch((x: Error) => x);
    expect(e).toBeInstanceOf(Error);
    const message = (e as Error).message;
    expect(message.startsWith(`values.yaml:${line}: this hold marker is next to no image reference (`), message).toBe(true);
    expect(message).toContain(`${why}`);
    expect(message).toContain('so it would hold nothing; put it at the end of one of the reference\'s lines (image:, newTag:, tag:, repository:)');
    expect(message.endsWith('nothing was changed')).toBe(true);
  });

  it('next to two images at once is an error', async () => {
    await expect(orphan({ 'values.yaml': `images: [${M}:${OLD}, ${S}:${OLD}] ${H}\n` })).rejects.toThrow(
      `values.yaml:1: this hold marker is next to ${M} and ${S} at once`,
    );
  });

  it("next to an image this deploy does not bump holds nothing, and says so", async () => {
    const log = memoryLogger();
    const dir = tree({
      'kustomization.yaml': `images:\n  ${H}\n  - name: ghcr.io/acme/other\n    newTag: "1"\n  - name: ${M}\n    newTag: ${OLD}\n`,
    });
    expect(await findHolds({ dir, targets, log })).toEqual([]);
    expect(log.lines).toEqual([
      `warning: this hold marker is next to ghcr.io/acme/other, which this deploy does not bump (it bumps ${M}, ${S}): it holds nothing here`,
    ]);
  });

  it('a file that is not YAML: the marker cannot be placed', async () => {
    await expect(orphan({ 'values.yaml': `${H}\nimage: [\n` })).rejects.toThrow(/^values\.yaml:1: this hold marker cannot be placed: values\.yaml:\d+: YAML syntax error/);
  });
});

describe('what is not a hold marker', () => {
  it('the text of a block string or a quoted one, a file the bump skips or reaches through a link', async () => {
    const configmap = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: scripts',
      'data:',
      '  run.sh: |',
      '    # offmain: hold this is a shell comment',
      `    echo ${M}`,
      `  note: "# offmain: hold not a comment"`,
      '',
    ].join('\n');
    const outside = tree({ 'values.yaml': `${H}\nimage:\n  repository: ${M}\n  tag: ${OLD}\n` });
    const dir = tree({
      'configmap.yaml': configmap,
      'notes.md': `${H}\n`,
      '.github/workflows/x.yaml': `${H}\n`,
      'node_modules/x/values.yaml': `${H}\n`,
      'big.yaml': `${H}\n${'#'.repeat(1024 * 1024)}\n`,
      'kustomization.yaml': `images:\n  - name: ${M}\n    newTag: ${OLD}\n`,
    });
    symlinkSync(join(outside, 'values.yaml'), join(dir, 'linked.yaml'));
    expect(await findHolds({ dir, targets })).toEqual([]);
  });

  it('the hold input holds every image and reads no file', async () => {
    const dir = tree({ 'values.yaml': `${H}\nnothing: here\n` });
    expect(await findHolds({ dir, targets, input: 'freeze' })).toHaveLength(2);
  });
});
