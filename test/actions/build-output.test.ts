/**
 * action-build as the runner runs it, on a Dockerfile whose RUN prints workflow commands and a secret build
 * argument: the build's output is all in the log, and the runner would obey none of it.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../support/action.js';
import { commandShapedLines, runnerCommands } from '../support/runnercommands.js';
import { miniMastodon, namespace, services, type MiniTree, type Services } from '../support/services.js';

const SECRET = 'hunter2-s3cret-build-arg';

let s: Services;
let tree: MiniTree;
beforeAll(() => {
  s = services();
  tree = miniMastodon(s, { dockerfile: false, streaming: false, note: 'hostile' });
  // A nonce, so that BuildKit runs the step (a cached step prints nothing).
  const nonce = `${Date.now()}-${Math.random()}`;
  writeFileSync(
    join(tree.dir, 'Dockerfile'),
    [
      `FROM ${s.baseImage}`,
      'ARG NPM_TOKEN=""',
      'ARG MASTODON_VERSION_METADATA=""',
      'ARG SOURCE_COMMIT=""',
      `RUN echo '${nonce}'; echo '::add-mask::forged-mask'; echo '::error::forged-error'; echo '::set-output name=digest::forged-output'; ` +
        "echo '::stop-commands::abc'; echo 'abc'; printf 'progress\\r::error::forged-after-cr\\n'; printf 'x\\r  ::warning::forged-indented\\n'; " +
        "echo '##[add-mask]forged-legacy'; echo \"token=$NPM_TOKEN\"",
      '',
    ].join('\n'),
  );
  const g = (...a: string[]) => execFileSync('git', a, { cwd: tree.dir, encoding: 'utf8' }).trim();
  g('add', '-A');
  g('-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.invalid', 'commit', '-q', '-m', 'hostile Dockerfile');
  tree = { dir: tree.dir, sha: g('rev-parse', 'HEAD') };
});

describe('action-build: what a Dockerfile prints is shown, never obeyed', () => {
  it('wraps the build output in stop-commands, neutralises it line by line, and masks and hides the secret', async () => {
    const r = await runAction(
      'build',
      {
        path: tree.dir,
        commit: tree.sha,
        images: `${namespace(s, 'hostile')}/mastodon`,
        platforms: 'linux/amd64',
        push: 'false',
        cache: 'none',
        provenance: 'false',
        sbom: 'false',
        'build-args': `NPM_TOKEN=${SECRET}\nRUBY_YJIT_ENABLE=1`,
      },
      { DOCKER_HOST: s.env.DOCKER_HOST!, DOCKER_CONFIG: s.env.DOCKER_CONFIG! },
    );
    expect(r.code, r.stdout).toBe(0);
    const plain = r.stdout.replaceAll('\u200b', '');
    // The build ran and its output is in the log, as it was printed.
    expect(plain).toContain('::error::forged-error');
    expect(plain).toContain('##[add-mask]forged-legacy');
    expect(plain).toMatch(/::error::forged-after-cr/);

    // What the runner obeys: offmain's groups, its mask of the secret, and the stop-commands blocks.
    const commands = runnerCommands(r.stdout);
    expect(commands.filter((c) => /forged/.test(c.data) || /forged/.test(c.line))).toEqual([]);
    const tokens = commands.filter((c) => c.command === 'stop-commands').map((c) => c.data.toLowerCase());
    expect(tokens.length).toBeGreaterThan(0);
    expect(commands.map((c) => c.command).filter((c) => !tokens.includes(c))).toEqual(
      expect.arrayContaining(['add-mask', 'group', 'endgroup', 'stop-commands']),
    );
    for (const c of commands) expect(['add-mask', 'group', 'endgroup', 'warning', 'stop-commands', ...tokens]).toContain(c.command);
    expect(commands.filter((c) => c.command === 'add-mask').map((c) => c.data)).toEqual([SECRET]);
    // Every block is closed again, by its own token, before the group ends.
    let open: string | undefined;
    for (const c of commands) {
      if (c.command === 'stop-commands') open = c.data.toLowerCase();
      else if (open) {
        expect(c.command).toBe(open);
        open = undefined;
      }
    }
    expect(open).toBeUndefined();

    // Even read without the stop-commands blocks, no line of stdout is a command offmain did not issue.
    const own = /^(::(group|endgroup|warning)[ :]|::add-mask::|::stop-commands::offmain-[0-9a-f-]+$|::offmain-[0-9a-f-]+::$)/;
    expect(commandShapedLines(r.stdout).filter((l) => !own.test(l))).toEqual([]);
    expect(r.stdout.indexOf(`::add-mask::${SECRET}`)).toBeLessThan(r.stdout.indexOf(`token=${SECRET}`));

    // The logged command line names the build arguments the user gave, without their values.
    const command = r.stdout.split('\n').find((l) => l.startsWith('docker buildx build'))!;
    expect(command).toContain('--build-arg NPM_TOKEN=***');
    expect(command).toContain(`--build-arg SOURCE_COMMIT=${tree.sha}`);
    expect(command).not.toContain(SECRET);
    expect(r.stdout.split('\n').filter((l) => l.includes(SECRET) && !l.startsWith('::add-mask::') && !/token=/.test(l))).toEqual([]);
  });
});
