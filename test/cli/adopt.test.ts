/**
 * `--adopt` on the commands that bump (bump, deploy, run): repeatable, one value may hold several lines (a
 * workflow input), and the error without it names the flag to pass.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { makeDemoConfigRepo, makeDemoUpstream } from '../../src/cli/demo.js';
import { git } from '../../src/core/git.js';
import { memoryLogger } from '../../src/core/log.js';
import { createBareRepo } from '../support/git-fixture.js';
import { tempDir } from '../support/tmp.js';

const M = 'ghcr.io/acme/mastodon';
const S = 'ghcr.io/acme/mastodon-streaming';
const UP = 'ghcr.io/mastodon/mastodon';
const UPS = 'ghcr.io/mastodon/mastodon-streaming';
const NEW = '4.8.0-alpha.2_9c1e3d0';

async function cli(args: string[]) {
  const out: string[] = [];
  const log = memoryLogger();
  const code = await main(args, { stdout: (s) => out.push(s), log });
  return { code, stdout: out.join('\n'), log: log.lines.join('\n') };
}

const compose = (web: string, streaming: string) => `services:\n  web:\n    image: ${web}\n  streaming:\n    image: ${streaming}\n`;

describe('offmain bump --adopt', () => {
  it('adopts the repositories given, repeated or one per line, and says so per change', async () => {
    for (const adopt of [['--adopt', UP, '--adopt', UPS], ['--adopt', `${UP}\n${UPS}\n`]]) {
      const dir = tempDir('offmain-cli-adopt-');
      writeFileSync(join(dir, 'compose.yaml'), compose(`${UP}:v4.3.2`, `${UPS}:v4.3.2`));
      const r = await cli(['bump', '--dir', dir, '--set', `${M}=${NEW}`, '--set', `${S}=${NEW}`, ...adopt]);
      expect([r.code, r.log]).toEqual([0, '']);
      expect(r.stdout).toBe(
        `compose.yaml:3: ${UP}:v4.3.2 -> ${M}:${NEW}  (adopted: ${UP} -> ${M})\ncompose.yaml:5: ${UPS}:v4.3.2 -> ${S}:${NEW}  (adopted: ${UPS} -> ${S})\nchanged 1 file, 2 references`,
      );
      expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(compose(`${M}:${NEW}`, `${S}:${NEW}`));
    }
  });

  it('without it, exits 1 with one line that names the place and the flag, and changes nothing', async () => {
    const dir = tempDir('offmain-cli-adopt-');
    writeFileSync(join(dir, 'compose.yaml'), compose(`${UP}:v4.3.2`, `${S}:4.8.0-alpha.1_2f40549`));
    const r = await cli(['bump', '--dir', dir, '--set', `${M}=${NEW}`, '--set', `${S}=${NEW}`]);
    expect(r.code).toBe(1);
    expect(r.log).toMatch(new RegExp(`^error: no reference to ${M} found in .*; it names another Mastodon image instead: compose\\.yaml:3 \\(${UP}\\); .*pass --adopt ${UP} \\(action-deploy: adopt\\)$`));
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(compose(`${UP}:v4.3.2`, `${S}:4.8.0-alpha.1_2f40549`));
  });
});

describe('offmain deploy --adopt and run --adopt', () => {
  it('deploy commits the adoption to the config repository', async () => {
    const repo = await createBareRepo(join(tempDir('offmain-cli-adopt-'), 'config.git'));
    await repo.commit({ files: { 'docker-compose.yml': compose(`${UP}:v4.3.2`, `${UPS}:v4.3.2`) }, message: 'initial', date: '2026-08-10T10:00:00Z', ref: 'refs/heads/main' });
    const r = await cli(['deploy', '--repository', repo.dir, '--image', `${M}=${NEW}`, '--image', `${S}=${NEW}`, '--adopt', UP, '--adopt', UPS, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { changed: boolean; changes: { adopted?: string }[]; previous: unknown };
    expect(out).toMatchObject({ changed: true, previous: { tag: 'v4.3.2' } });
    expect(out.changes.map((c) => c.adopted)).toEqual([UP, UPS]);
    expect(await repo.run(['show', 'main:docker-compose.yml'])).toBe(compose(`${M}:${NEW}`, `${S}:${NEW}`).trimEnd());
  });

  it('run passes it to the deploy: with --plan-only a dry run that shows the adoption and writes nothing', async () => {
    const root = tempDir();
    const upstream = await makeDemoUpstream(root);
    // The demo cluster's kustomization, on upstream's own images: newName ghcr.io/mastodon/mastodon.
    const config = await makeDemoConfigRepo(root, 'ghcr.io/mastodon');
    const cwd = join(root, 'config.git');
    const before = (await git(['rev-parse', 'main'], { cwd })).stdout.trim();
    const args = ['run', '--repository', upstream.url, '--path', join(root, 'co'), '--image', 'registry.example/acme/mastodon', '--plan-only', '--config', config, '--json'];
    const r = await cli([...args, '--adopt', UP, '--adopt', UPS]);
    expect([r.code, r.log.match(/^error: .*/m)?.[0]]).toEqual([0, undefined]);
    // The bump with the adoption went through (without it there is no reference to bump: see below), as a dry run.
    expect(JSON.parse(r.stdout).deploy).toMatchObject({ changed: true, dryRun: true });
    // Images never built are never deployed: the config repository is as it was.
    expect((await git(['rev-parse', 'main'], { cwd })).stdout.trim()).toBe(before);
    expect((await git(['show', 'main:apps/mastodon/kustomization.yaml'], { cwd })).stdout).not.toContain('registry.example/acme/mastodon');
    const without = await cli(args);
    expect(without.code).toBe(1);
    expect(without.log).toMatch(/pass --adopt ghcr\.io\/mastodon\/mastodon/);
  });
});
