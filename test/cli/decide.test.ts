/**
 * `offmain decide` as the reusable workflow's first job runs it: workflow inputs passed as option blocks,
 * step outputs and one summary line written, `--json` for scripts; against a real upstream repository and
 * the real registry (scripts/services.sh).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryLogger } from '../../src/core/log.js';
import { parseOutputFile } from '../support/action.js';
import { miniMastodon, namespace, services, type MiniTree, type Services } from '../support/services.js';
import { withEnv } from '../support/env.js';
import { tempDir } from '../support/tmp.js';

let s: Services;
let tree: MiniTree;

beforeAll(() => {
  s = services();
  tree = miniMastodon(s);
  execFileSync('git', ['config', 'uploadpack.allowFilter', 'true'], { cwd: tree.dir });
});

describe('offmain decide', () => {
  it('writes the step outputs and the summary line, and --json the whole decision', async () => {
    const ns = namespace(s, 'clidecide');
    const dir = tempDir();
    const output = join(dir, 'output');
    const summary = join(dir, 'summary');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const stdout: string[] = [];
    const code = await withEnv({ DOCKER_CONFIG: s.env.DOCKER_CONFIG! }, () =>
      main(
        // Empty options are what the workflow passes for inputs left at ''.
        ['decide', '--repository', tree.dir, '--track', 'main', '--ref', 'main', '--commit', '', '--patch-set', 'redis-tls\nversion-metadata\n', '--patch', '',
          '--image', `${ns}/mastodon\n`, '--streaming-image', '', '--platforms', 'linux/amd64,linux/arm64', '--config', '', '--config-branch', '', '--config-path', '', '--adopt', 'ghcr.io/mastodon/mastodon\nghcr.io/mastodon/mastodon-streaming\n',
          '--github-output', output, '--summary', summary, '--json'],
        { stdout: (x) => stdout.push(x), log: memoryLogger() },
      ),
    );
    expect(code).toBe(0);
    const outputs = parseOutputFile(readFileSync(output, 'utf8'));
    expect(outputs).toMatchObject({ commit: tree.sha, 'image-tag': `4.8.0-alpha.1_${tree.sha.slice(0, 7)}`, platforms: 'linux/amd64,linux/arm64', merge: 'true', deploy: 'false', images: '', image: '' });
    const json = JSON.parse(stdout[0]!) as { commit: string; images: { key: string }[]; line: string };
    expect(json.commit).toBe(tree.sha);
    expect(json.images.map((i) => i.key)).toEqual(['mastodon', 'mastodon-streaming']);
    expect(readFileSync(summary, 'utf8')).toContain(json.line);
  });

  it('fails with one line without an image or with a bad track', async () => {
    const log = memoryLogger();
    expect(await main(['decide', '--repository', tree.dir], { stdout: () => {}, log })).toBe(1);
    expect(await main(['decide', '--image', 'ghcr.io/acme/mastodon', '--track', 'nightly'], { stdout: () => {}, log })).toBe(1);
    expect(log.lines.join('\n')).toMatch(/--image is required[\s\S]*--track is "nightly"/);
  });
});
