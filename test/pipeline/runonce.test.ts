/**
 * What one run asks of each git server, counted: every git process offmain starts writes its trace2 events
 * (GIT_TRACE2_EVENT, one file per process), and every transfer over HTTP runs a `git remote-http` child whose
 * parent is the command (ls-remote, clone, fetch, push; a fetch with --stdin is git fetching missing blobs
 * of a blobless history by itself, a fetch with --deepen reaches further back in a shallow clone). Upstream and config repository are served by git http-backend; images
 * go to the real registry (scripts/services.sh).
 *
 * A real run clones the config repository once and fetches upstream once for the checkout and once for
 * the history; a run with nothing new never checks out upstream and fetches only the history.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoConfigRepo, makeDemoUpstream } from '../../src/cli/demo.js';
import { git } from '../../src/core/git.js';
import { memoryLogger } from '../../src/core/log.js';
import { runPipeline, type PipelineOptions } from '../../src/pipeline/run.js';
import { startGitHttpServer } from '../support/git-http-server.js';
import { namespace, services, type Services } from '../support/services.js';
import { tempDir } from '../support/tmp.js';

interface Transfer {
  /** `upstream.git`, `config.git` */
  repo: string;
  /**
   * clone, fetch, ls-remote, push; lazy-fetch (git fetching missing objects of a blobless clone by itself);
   * deepen (a fetch of older commits of a shallow clone).
   */
  command: string;
  argv: string[];
}

/** The git subcommand of an argv: the first word after git's own options. */
function subcommand(argv: string[]): string {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-c' || a === '-C') i++;
    else if (!a.startsWith('-')) return a;
  }
  return '';
}

/** Every transfer the trace2 files of one run show, with the repository it talked to. */
function transfers(dir: string): Transfer[] {
  const argvOf = new Map<string, string[]>();
  for (const f of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.includes('"event":"start"')) continue;
      const e = JSON.parse(line) as { sid: string; argv: string[] };
      argvOf.set(e.sid, e.argv);
    }
  }
  const out: Transfer[] = [];
  for (const [sid, argv] of argvOf) {
    if (argv[1] !== 'remote-http') continue;
    const parent = argvOf.get(sid.slice(0, sid.lastIndexOf('/'))) ?? [];
    const url = argv[3] ?? argv[2] ?? '';
    const repo = url.replace(/\/+$/, '').split('/').pop()!;
    const cmd = subcommand(parent);
    const kind = parent.includes('--stdin') ? 'lazy-fetch' : parent.some((a) => a.startsWith('--deepen')) ? 'deepen' : cmd;
    out.push({ repo, command: cmd === 'fetch' ? kind : cmd, argv: parent });
  }
  return out;
}

function count(ts: Transfer[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const t of ts) c[`${t.repo} ${t.command}`] = (c[`${t.repo} ${t.command}`] ?? 0) + 1;
  return c;
}

describe('one run, each thing fetched once', () => {
  let svc: Services;
  let root: string;
  let server: Awaited<ReturnType<typeof startGitHttpServer>>;
  let options: (path: string) => PipelineOptions;

  beforeAll(async () => {
    svc = services();
    root = tempDir('offmain-runonce-');
    await makeDemoUpstream(root);
    const prefix = namespace(svc, 'once');
    await makeDemoConfigRepo(root, prefix);
    server = await startGitHttpServer({ root });
    const cache = join(root, 'history-cache');
    options = (path) => ({
      upstream: { repository: `${server.url}/upstream.git`, track: 'main', path },
      build: { images: [`${prefix}/mastodon`], platforms: 'linux/amd64,linux/arm64', cache: 'none', env: svc.env, buildArgs: { BASE_IMAGE: svc.baseImage }, sbom: false },
      deploy: { repository: `${server.url}/config.git`, mode: 'push' },
    });
    // The history cache of this test alone (its default is one per repository URL under the temp directory).
    process.env.RUNNER_TEMP = cache;
    mkdirSync(cache, { recursive: true });
  });

  afterAll(async () => {
    delete process.env.RUNNER_TEMP;
    delete process.env.GIT_TRACE2_EVENT;
    await server?.close();
  });

  const traced = async (path: string) => {
    const dir = join(root, `trace-${Date.now()}`);
    mkdirSync(dir);
    process.env.GIT_TRACE2_EVENT = dir;
    try {
      const r = await runPipeline(options(path), memoryLogger());
      return { r, transfers: transfers(dir) };
    } finally {
      delete process.env.GIT_TRACE2_EVENT;
    }
  };

  it('a real run clones the config repository once, and fetches upstream once for the tree and once for the history', async () => {
    const { r, transfers: ts } = await traced(join(root, 'mastodon-1'));
    const c = count(ts);
    const upstreamFetches = ts.filter((t) => t.repo === 'upstream.git' && t.command === 'fetch');
    // One fetch for the checkout (with blobs) and one for the history (blobless), never the same one twice.
    expect(upstreamFetches.map((t) => t.argv.includes('--filter=blob:none')).sort()).toEqual([false, true]);
    expect(c['upstream.git clone'] ?? 0).toBe(0);
    expect(c['config.git clone']).toBe(1);
    expect(c['config.git fetch'] ?? 0).toBe(0);
    expect(c['config.git deepen'] ?? 0).toBeLessThanOrEqual(1); // the last deploy commit's patch list, further back
    expect(c['config.git push']).toBe(1);
    expect(r.deploy?.changed).toBe(true);
    expect(r.build?.builds).toBeGreaterThan(0);
  });

  it('a run with nothing new never checks out upstream: one blobless history fetch, one config clone, nothing else fetched', async () => {
    const path = join(root, 'mastodon-2');
    const { r, transfers: ts } = await traced(path);
    const c = count(ts);
    expect(c['upstream.git fetch']).toBe(1);
    expect(ts.find((t) => t.repo === 'upstream.git' && t.command === 'fetch')!.argv).toContain('--filter=blob:none');
    expect(c['upstream.git clone'] ?? 0).toBe(0);
    expect(c['upstream.git lazy-fetch'] ?? 0).toBe(0);
    expect(c['config.git clone']).toBe(1);
    expect(c['config.git fetch'] ?? 0).toBe(0);
    expect(c['config.git push'] ?? 0).toBe(0);
    expect(existsSync(path)).toBe(false);
    expect(r.nothingNew).toBeDefined();
    expect(r.freshness?.lag.behind).toBe(0);
    expect((await git(['rev-list', '--count', 'main'], { cwd: join(root, 'config.git') })).stdout.trim()).toBe('2');
  });
});
