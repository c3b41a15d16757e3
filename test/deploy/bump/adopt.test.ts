/**
 * Adoption's rules (src/deploy/bump/adopt.ts): which image an adopted repository becomes, every spelling of it,
 * the "no reference" error that says how to adopt, a second run that changes nothing, refusals that touch no
 * file, and the downgrade check over upstream's version tags.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bump, type BumpOptions, type UpstreamAncestry } from '../../../src/deploy/bump.js';
import { snapshot, tempDir } from '../../support/tmp.js';
import { DA, DB, M, NEW, S, TARGETS } from '../../support/configrepo.js';

const UP = 'ghcr.io/mastodon/mastodon';
const UPS = 'ghcr.io/mastodon/mastodon-streaming';
const CASES = fileURLToPath(new URL('../../fixtures/adopt', import.meta.url));

function dirWith(files: Record<string, string>): string {
  const d = tempDir('offmain-adopt-');
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

function fixture(name: string): string {
  const d = tempDir(`offmain-adopt-${name}-`);
  cpSync(join(CASES, name, 'before'), d, { recursive: true });
  return d;
}

const values = (repo: string, tag: string, streaming = UPS) =>
  `image:\n  repository: ${repo}\n  tag: "${tag}"\nmastodon:\n  streaming:\n    image:\n      repository: ${streaming}\n      tag: "${tag}"\n`;

async function rejection(p: Promise<unknown>): Promise<Error & { location?: unknown }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

/** Refused, and no file touched. */
async function refused(dir: string, opts: Partial<BumpOptions>): Promise<string> {
  const before = snapshot(dir);
  const e = await rejection(bump({ dir, targets: TARGETS, ...opts }));
  expect(snapshot(dir)).toEqual(before);
  return e.message;
}

describe('bump without --adopt over upstream\'s images: the error says how to adopt', () => {
  it('names every file:line that names upstream\'s image, and the exact flag and input', async () => {
    const dir = fixture('helm-values');
    const message = await refused(dir, {});
    expect(message).toMatch(new RegExp(`^no reference to ${M} found in .* \\(searched 2 YAML files: .*\\); `));
    expect(message.slice(message.indexOf('); ') + 3)).toBe(
      'it names other Mastodon images instead: helm/values-bitnami.yaml:7 (tootsuite/mastodon), helm/values.yaml:11 (ghcr.io/mastodon/mastodon); ' +
        `to switch them to ${M} in this deploy, pass --adopt ghcr.io/mastodon/mastodon --adopt tootsuite/mastodon (action-deploy: adopt, one per line)`,
    );
  });

  it('names one repository plainly, and only the images of the kind that is missing', async () => {
    const dir = dirWith({ 'values.yaml': values(M, '4.8.0-alpha.1_2f40549') });
    expect(await refused(dir, {})).toMatch(
      new RegExp(`; it names another Mastodon image instead: values\\.yaml:8 \\(${UPS}\\); to switch it to ${S} in this deploy, pass --adopt ${UPS} \\(action-deploy: adopt\\)$`),
    );
  });

  it('leaves the plain advice when nothing like another build is named: a Kustomize placeholder `mastodon`, or our own owner\'s image (a typo)', async () => {
    const workload = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;
    const plain = new RegExp(`; add an offmain marker \\(# offmain: ${M}\\) on the line to update$`);
    expect(await refused(dirWith({ 'deploy.yaml': workload('mastodon') }), {})).toMatch(plain);
    expect(await refused(dirWith({ 'deploy.yaml': workload(`ghcr.io/acme/mastodn:v1`) }), { targets: [{ repository: M, tag: NEW }] })).toMatch(plain);
    const typo = await refused(dirWith({ 'deploy.yaml': workload(`${M}:4.8.0-alpha.1_2f40549`) }), { targets: [{ repository: 'ghcr.io/acme/mastdon', tag: NEW }] });
    expect(typo).toMatch(/; add an offmain marker \(# offmain: ghcr\.io\/acme\/mastdon\) on the line to update$/);
    // Another registry of the same owner is another copy to adopt (a move from Docker Hub to ghcr.io).
    expect(await refused(dirWith({ 'deploy.yaml': workload('docker.io/acme/mastodon:v4.3.2') }), { targets: [{ repository: M, tag: NEW }] })).toMatch(/pass --adopt acme\/mastodon \(action-deploy: adopt\)$/);
  });
});

describe('bump --adopt: which image, any spelling', () => {
  it('matches every spelling of the repository: docker.io/, index.docker.io/, no host, upper case', async () => {
    const text = [
      'services:',
      '  a:\n    image: tootsuite/mastodon:v4.3.2',
      '  b:\n    image: docker.io/tootsuite/mastodon:v4.3.2',
      '  c:\n    image: index.docker.io/tootsuite/mastodon:v4.3.2',
      '  d:\n    image: GHCR.IO/mastodon/mastodon:v4.3.2',
      '  e:\n    image: docker.io/tootsuite/mastodon-streaming:v4.3.2',
      '',
    ].join('\n');
    const dir = dirWith({ 'compose.yaml': text });
    const r = await bump({ dir, targets: TARGETS, adopt: ['docker.io/tootsuite/mastodon', 'ghcr.io/mastodon/mastodon', 'tootsuite/mastodon-streaming'] });
    expect(r.changes.map((c) => [c.line, c.adopted, c.repository])).toEqual([
      [3, 'tootsuite/mastodon', M],
      [5, 'tootsuite/mastodon', M],
      [7, 'tootsuite/mastodon', M],
      [9, UP, M],
      [11, 'tootsuite/mastodon-streaming', S],
    ]);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(
      text.replace(/image: \S+?mastodon(-streaming)?:v4\.3\.2/gi, (_m, s?: string) => `image: ${s ? S : M}:${NEW}@${s ? DB : DA}`),
    );
    // library/ and no host are one repository too.
    const library = dirWith({ 'compose.yaml': 'services:\n  web:\n    image: mastodon:v4.3.2\n  sidekiq:\n    image: docker.io/library/mastodon:v4.3.2\n' });
    const l = await bump({ dir: library, targets: [TARGETS[0]!], adopt: ['library/mastodon'], dryRun: true });
    expect(l.changes.map((c) => [c.line, c.adopted])).toEqual([[3, 'mastodon'], [5, 'mastodon']]);
  });

  it('maps by kind: a -streaming repository to the streaming image, any other to the mastodon image; TARGET after = says', async () => {
    const dir = dirWith({ 'values.yaml': values('ghcr.io/glitch-soc/mastodon', 'v4.3.2', 'ghcr.io/glitch-soc/mastodon-streaming') });
    const r = await bump({ dir, targets: TARGETS, adopt: ['ghcr.io/glitch-soc/mastodon', 'ghcr.io/glitch-soc/mastodon-streaming'], dryRun: true });
    expect(r.changes.map((c) => [c.adopted, c.repository])).toEqual([
      ['ghcr.io/glitch-soc/mastodon', M],
      ['ghcr.io/glitch-soc/mastodon-streaming', S],
    ]);
    // One image in two registries: which one is ambiguous, unless named.
    const two = [...TARGETS, { repository: 'docker.io/acme/mastodon', tag: NEW, digest: DA }];
    expect(await refused(dir, { targets: two, adopt: ['ghcr.io/glitch-soc/mastodon'] })).toBe(
      `adopt ghcr.io/glitch-soc/mastodon: it could become ${M} or docker.io/acme/mastodon; name the one the cluster pulls from: ` +
        `--adopt ghcr.io/glitch-soc/mastodon=${M} (action-deploy adopt: the same line)`,
    );
    const named = await bump({ dir, targets: two, adopt: [`ghcr.io/glitch-soc/mastodon=docker.io/acme/mastodon`, 'ghcr.io/glitch-soc/mastodon-streaming'], dryRun: true });
    expect(named.changes.map((c) => c.repository)).toEqual(['docker.io/acme/mastodon', S]);
  });

  it('refuses, with one line, what cannot be placed', async () => {
    const dir = dirWith({ 'values.yaml': values(UP, 'v4.3.2') });
    const mastodonOnly = [TARGETS[0]!];
    expect(await refused(dir, { targets: mastodonOnly, adopt: [UP, UPS] })).toBe(
      `adopt ${UPS}: no streaming image is being deployed to replace it with (images: ${M}); give the streaming image too, or adopt ${UPS} in the deploy that brings it`,
    );
    expect(await refused(dir, { adopt: [`${UP}:v4.3.2`] })).toBe(`adopt ${UP}:v4.3.2: name the repository to replace without a tag or digest, e.g. --adopt ${UP}`);
    expect(await refused(dir, { adopt: ['not a repo'] })).toMatch(/^adopt not a repo: "not a repo" is not an image repository/);
    expect(await refused(dir, { adopt: [M] })).toMatch(new RegExp(`^adopt ${M}: ${M} is an image being deployed, not one to replace`));
    expect(await refused(dir, { adopt: [`${UP}=ghcr.io/acme/other`] })).toBe(`adopt ${UP}=ghcr.io/acme/other: ghcr.io/acme/other is not one of the images being deployed (${M}, ${S})`);
    expect(await refused(dir, { adopt: [UP, `docker.io/${UP.slice('ghcr.io/'.length)}`, `${UP}=${S}`] })).toMatch(/is adopted twice, as ghcr\.io\/acme\/mastodon and as ghcr\.io\/acme\/mastodon-streaming; give it once$/);
  });

  it('is a no-op when nothing names the adopted repositories any more, and adopts what is left beside ours', async () => {
    const ours = values(M, '4.8.0-alpha.1_2f40549', S);
    const dir = dirWith({ 'values.yaml': ours });
    const r = await bump({ dir, targets: TARGETS, adopt: [UP, UPS, 'tootsuite/mastodon'] });
    expect(r.changes.map((c) => c.adopted)).toEqual([undefined, undefined]);
    const dir2 = dirWith({ 'values.yaml': ours, 'compose.yaml': `services:\n  web:\n    image: ${UP}:v4.3.2\n` });
    const r2 = await bump({ dir: dir2, targets: TARGETS, adopt: [UP] });
    expect(r2.changes.map((c) => [c.file, c.adopted])).toEqual([['compose.yaml', UP], ['values.yaml', undefined], ['values.yaml', undefined]]);
    // What was deployed is read from the image's own references first.
    expect(r2.previous[M]).toEqual({ tag: '4.8.0-alpha.1_2f40549', display: '4.8.0-alpha.1+2f40549' });
  });

  it('leaves a manifest image with no tag that a Kustomize entry matches by name (a placeholder) to that entry', async () => {
    const kustomization = (newName: string) =>
      `images:\n  - name: ${UP}\n    newName: ${newName}\n    newTag: v4.3.2\n  - name: ${UPS}\n    newName: ${newName}-streaming\n    newTag: v4.3.2\n`;
    const workload = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: ${image}\n`;
    const files = { 'kustomization.yaml': kustomization('tootsuite/mastodon'), 'web.yaml': workload(UP), 'streaming.yaml': workload(`${UPS}:v4.3.2`) };
    const dir = dirWith(files);
    const r = await bump({ dir, targets: TARGETS, adopt: [UP, UPS, 'tootsuite/mastodon', 'tootsuite/mastodon-streaming'] });
    expect(r.files).toEqual(['kustomization.yaml', 'streaming.yaml']);
    expect(snapshot(dir)).toEqual({ ...files, 'streaming.yaml': workload(`${S}:${NEW}@${DB}`), 'kustomization.yaml': kustomization(M).replaceAll('newTag: v4.3.2', `newTag: ${NEW}`).replace(`${NEW}\n`, `${NEW}\n    digest: ${DA}\n`).replace(/(streaming\n    newTag: \S+\n)$/, `$1    digest: ${DB}\n`) });
    const again = await bump({ dir, targets: TARGETS, adopt: [UP, UPS] });
    expect([again.changed, again.unchanged.map((c) => c.file)]).toEqual([false, ['kustomization.yaml', 'kustomization.yaml', 'streaming.yaml']]);
  });
});

describe('bump --adopt: refusals change no file', () => {
  it('refuses a repository it cannot set alone: anchored, or merged in', async () => {
    const anchored = dirWith({ 'values.yaml': `base: &repo ${UP}\nimage:\n  repository: *repo\n  tag: v4.3.2\nmastodon:\n  streaming:\n    image: ${UPS}:v4.3.2\n` });
    expect(await refused(anchored, { adopt: [UP, UPS] })).toBe(
      `values.yaml:4: cannot adopt ${UP} here: the repository on line 1 is anchored or an alias, so changing it would change other places too; set the repository by hand, nothing was changed`,
    );
    const merged = dirWith({ 'values.yaml': `common: &c\n  repository: ${UP}\nimage:\n  <<: *c\n  tag: v4.3.2\nstreaming: ${UPS}:v4.3.2\n` });
    expect(await refused(merged, { adopt: [UP, UPS], allowDowngrade: true })).toMatch(/^values\.yaml:5: cannot adopt ghcr\.io\/mastodon\/mastodon here: its repository is not written in this mapping/);
  });

  it('refuses a tag marker without the marker of its repository (and the other way round)', async () => {
    const tagOnly = dirWith({ 'cr.yaml': `web: ${M}:4.8.0-alpha.1_2f40549\nstreaming:\n  repository: ${UPS}\n  version: v4.3.2 # offmain: ${UPS}:tag\n` });
    expect(await refused(tagOnly, { adopt: [UPS] })).toBe(
      `cr.yaml:4: this marker sets the tag of ${UPS}, and no marker in the file sets its repository (# offmain: ${UPS}:name), so adopting it would name an image that does not exist; mark that line too, or change it by hand, nothing was changed`,
    );
    const nameOnly = dirWith({ 'cr.yaml': `web: ${M}:4.8.0-alpha.1_2f40549\nstreaming:\n  repository: ${UPS} # offmain: ${UPS}:name\n  version: v4.3.2\n` });
    expect(await refused(nameOnly, { adopt: [UPS] })).toMatch(/^cr\.yaml:3: this marker sets the repository of .*\(# offmain: ghcr\.io\/mastodon\/mastodon-streaming:tag\)/);
  });

  it('keeps the rules on an anchored tag and on a tag from a variable', async () => {
    const anchored = dirWith({ 'values.yaml': `image:\n  repository: ${UP}\n  tag: &v v4.3.2\nsidecar:\n  version: *v\nstreaming: ${UPS}:v4.3.2\n` });
    expect(await refused(anchored, { adopt: [UP, UPS] })).toMatch(/^values\.yaml:3: this tag is anchored and also used on line 5, which is not an image being bumped/);
    const variable = dirWith({ 'compose.yaml': `services:\n  web:\n    image: ${UP}:v4.3.2\n  sidekiq:\n    image: ${UP}:\${TAG}\n  streaming:\n    image: ${UPS}:v4.3.2\n` });
    expect(await refused(variable, { adopt: [UP, UPS] })).toMatch(/^compose\.yaml:5: ".*:\$\{TAG\}" takes its tag from a variable/);
  });
});

describe('bump --adopt: the downgrade check over upstream\'s tags', () => {
  const at = (tag: string) => dirWith({ 'values.yaml': values(UP, tag) });
  const target = (tag: string) => [{ repository: M, tag }, { repository: S, tag }];

  it('compares a version tag where it has one, and fails closed where it has none', async () => {
    const goes = async (from: string, to: string) => (await bump({ dir: at(from), targets: target(to), adopt: [UP, UPS], dryRun: true })).changed;
    expect(await goes('v4.3.2', NEW)).toBe(true);
    expect(await goes('4.3.2', '4.3.2_2f40549')).toBe(true);
    expect(await goes('v4.3.0-beta.1', '4.3.0-beta.2_2f40549')).toBe(true);
    expect(await goes('v4.3', '4.4.0-alpha.1_2f40549')).toBe(true);
    expect(await goes('v4', '5.0.0-alpha.1_2f40549')).toBe(true);
    // Another offmain build: the usual check (a newer version goes ahead).
    expect(await goes('4.8.0-alpha.1_1111111', NEW)).toBe(true);

    const why = async (from: string, to: string) => (await refused(at(from), { targets: target(to), adopt: [UP, UPS] })).replace(/^values\.yaml:3: /, '');
    expect(await why('v4.4.0', '4.3.9_2f40549')).toBe(`refusing to downgrade ${M} from ${UP}:v4.4.0 (deployed) to 4.3.9+2f40549 (an older version); pass --allow-downgrade to deploy it anyway`);
    expect(await why('v4.4.0-rc.1', '4.4.0-beta.2_2f40549')).toMatch(/^refusing to downgrade .* \(an older version\)/);
    expect(await why('v4.3', '4.2.0_2f40549')).toMatch(/^refusing to downgrade .* \(an older version\)/);
    expect(await why('v4.3', '4.3.5_2f40549')).toBe(
      `refusing to deploy ${M} 4.3.5+2f40549 over ${UP}:v4.3 (deployed): v4.3 is any release of its series, so nothing tells whether 4.3.5 goes back; pass --allow-downgrade to deploy it anyway`,
    );
    expect(await why('latest', NEW)).toBe(
      `refusing to deploy ${M} 4.8.0-alpha.2+9c1e3d0 over ${UP}:latest (deployed): the tag latest names no version, so nothing tells whether 4.8.0-alpha.2 goes back: check the version the cluster runs; pass --allow-downgrade to deploy it anyway`,
    );
    expect(await why('edge', NEW)).toMatch(/the tag edge names no version/);
    expect(await why('v4.3.2', 'latest')).toMatch(/over ghcr\.io\/mastodon\/mastodon:v4\.3\.2 \(deployed\): "latest" is not an offmain image tag/);
    expect(await why('4.8.0-alpha.3_1111111', NEW)).toMatch(/^refusing to downgrade .* from ghcr\.io\/mastodon\/mastodon:4\.8\.0-alpha\.3_1111111 \(deployed\) to 4\.8\.0-alpha\.2\+9c1e3d0 \(an older version\)/);
  });

  it('refuses the chart\'s default (no tag) unless --allow-downgrade, which adopts it', async () => {
    const dir = dirWith({ 'values.yaml': `image:\n  repository: ${UP}\n  tag: ""\nmastodon:\n  streaming:\n    image:\n      repository: ${UPS}\n` });
    expect(await refused(dir, { adopt: [UP, UPS] })).toBe(
      `values.yaml:3: refusing to deploy ${M} 4.8.0-alpha.2+9c1e3d0 over ${UP} (deployed): it has no tag (it runs the version the chart or the base sets), ` +
        'so nothing tells whether 4.8.0-alpha.2 goes back: check the version the cluster runs; pass --allow-downgrade to deploy it anyway',
    );
    const r = await bump({ dir, targets: TARGETS, adopt: [UP, UPS], allowDowngrade: true });
    expect(r.files).toEqual(['values.yaml']);
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe(`image:\n  repository: ${M}\n  tag: "${NEW}"\nmastodon:\n  streaming:\n    image:\n      repository: ${S}\n      tag: ${NEW}\n`);
  });

  it('still checks the new commit against the upstream history', async () => {
    const history: UpstreamAncestry = { branch: 'main of up', place: async (sha) => (sha === '9c1e3d0' ? 'elsewhere' : 'branch'), isAncestor: async () => true };
    expect(await refused(at('v4.3.2'), { adopt: [UP, UPS], upstream: history })).toMatch(
      new RegExp(`^values\\.yaml:3: refusing to deploy ${M} 4\\.8\\.0-alpha\\.2\\+9c1e3d0 over ${UP}:v4\\.3\\.2 \\(deployed\\): its commit 9c1e3d0 is in upstream but not on main of up`),
    );
  });
});
