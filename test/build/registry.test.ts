/**
 * The registry client against real registries: the htpasswd (Basic) registry scripts/services.sh starts, and
 * a token-auth (Bearer) one like ghcr.io and Docker Hub, started here. Credentials come from real Docker
 * config files and a real credential helper program.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsFor, dockerConfigPath } from '../../src/build/credentials.js';
import { locate, RegistryClient } from '../../src/build/registry.js';
import { dockerConfigWith, namespace, services, unusedPort, type Services } from '../support/services.js';
import { tempDir } from '../support/tmp.js';
import { startTokenRegistry, tinyOciLayout, type TokenRegistry } from '../support/token-registry.js';

describe('where a repository lives', () => {
  it.each([
    ['ghcr.io/acme/mastodon', { registry: 'ghcr.io', apiHost: 'ghcr.io', path: 'acme/mastodon', scheme: 'https' }],
    ['acme/mastodon', { registry: 'docker.io', apiHost: 'registry-1.docker.io', path: 'acme/mastodon', scheme: 'https' }],
    ['docker.io/acme/mastodon', { registry: 'docker.io', apiHost: 'registry-1.docker.io', path: 'acme/mastodon', scheme: 'https' }],
    ['index.docker.io/busybox', { registry: 'docker.io', apiHost: 'registry-1.docker.io', path: 'library/busybox', scheme: 'https' }],
    ['busybox', { registry: 'docker.io', apiHost: 'registry-1.docker.io', path: 'library/busybox', scheme: 'https' }],
    ['localhost:5000/x/y', { registry: 'localhost:5000', apiHost: 'localhost:5000', path: 'x/y', scheme: 'http' }],
    ['127.0.0.1:5000/x', { registry: '127.0.0.1:5000', apiHost: '127.0.0.1:5000', path: 'x', scheme: 'http' }],
    ['[::1]:5000/x', { registry: '[::1]:5000', apiHost: '[::1]:5000', path: 'x', scheme: 'http' }],
    ['registry.example.org:8443/a/b/c', { registry: 'registry.example.org:8443', apiHost: 'registry.example.org:8443', path: 'a/b/c', scheme: 'https' }],
  ])('%s', (repository, where) => expect(locate(repository)).toEqual(where));

  it('loopback hosts are plain HTTP, as Docker treats them', () => {
    expect(locate('127.1.2.3:5000/a').scheme).toBe('http');
    expect(locate('10.0.0.1:5000/a').scheme).toBe('https');
  });
});

describe('credentials from the Docker config', () => {
  const config = (content: unknown) => {
    const dir = tempDir('offmain-docker-config-');
    writeFileSync(join(dir, 'config.json'), typeof content === 'string' ? content : JSON.stringify(content));
    return { ...process.env, DOCKER_CONFIG: dir };
  };
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('reads auths in each spelling Docker writes', async () => {
    const env = config({
      auths: {
        'ghcr.io': { auth: b64('alice:pass:with:colons') },
        'https://index.docker.io/v1/': { auth: b64('bob:hub') },
        'https://registry.example.org': { username: 'carol', password: 'pw' },
        'token.example.org': { identitytoken: 'refresh-me' },
      },
    });
    expect(await credentialsFor('ghcr.io', env)).toEqual({ username: 'alice', password: 'pass:with:colons', source: dockerConfigPath(env) });
    expect(await credentialsFor('docker.io', env)).toMatchObject({ username: 'bob', password: 'hub' });
    expect(await credentialsFor('registry.example.org', env)).toMatchObject({ username: 'carol', password: 'pw' });
    expect(await credentialsFor('token.example.org', env)).toMatchObject({ identityToken: 'refresh-me' });
    expect(await credentialsFor('quay.io', env)).toBeUndefined();
    expect(await credentialsFor('quay.io', { ...process.env, DOCKER_CONFIG: tempDir() })).toBeUndefined();
  });

  it('asks a credential helper program (credHelpers, credsStore)', async () => {
    const bin = tempDir('offmain-bin-');
    writeFileSync(
      join(bin, 'docker-credential-offmaintest'),
      '#!/bin/sh\nread host\ncase "$host" in\n  ghcr.io) echo \'{"ServerURL":"ghcr.io","Username":"helper-user","Secret":"helper-secret"}\' ;;\n  *) echo "credentials not found in native keychain"; exit 1 ;;\nesac\n',
    );
    chmodSync(join(bin, 'docker-credential-offmaintest'), 0o755);
    const env = { ...config({ credHelpers: { 'ghcr.io': 'offmaintest' }, credsStore: 'offmaintest' }), PATH: `${bin}:${process.env.PATH}` };
    expect(await credentialsFor('ghcr.io', env)).toEqual({ username: 'helper-user', password: 'helper-secret', source: 'docker-credential-offmaintest' });
    expect(await credentialsFor('quay.io', env)).toBeUndefined();
    await expect(credentialsFor('ghcr.io', config({ credsStore: 'nosuchhelper' }))).rejects.toThrow(
      /names the credential helper "nosuchhelper" for ghcr\.io, but docker-credential-nosuchhelper is not on PATH/,
    );
  });

  it('a config that is not JSON, or an auth that is not user:password, is named', async () => {
    await expect(credentialsFor('ghcr.io', config('{not json'))).rejects.toThrow(/config\.json is not valid JSON/);
    await expect(credentialsFor('ghcr.io', config({ auths: { 'ghcr.io': { auth: b64('nocolon') } } }))).rejects.toThrow(/is not base64 of user:password/);
  });
});

describe('the htpasswd (Basic auth) registry of scripts/services.sh', () => {
  let s: Services;
  beforeAll(() => {
    s = services();
  });

  it('describes the multi-platform base image', async () => {
    const client = new RegistryClient({ env: s.env });
    const repo = s.baseImage.replace(/:latest$/, '');
    await client.check(repo);
    const d = (await client.describe(repo, 'latest', { labels: true, sizes: true }))!;
    expect(d.platforms.map((p) => p.platform).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(d.platforms.every((p) => (p.size ?? 0) > 500_000)).toBe(true);
    expect(d.labels).toEqual({});
    expect(await client.digest(repo, 'latest')).toBe(d.digest);
    expect(await client.tags(repo)).toContain('latest');
    expect(await client.describe(repo, 'no-such-tag')).toBeUndefined();
    expect(await client.tags(`${namespace(s)}/nothing`)).toEqual([]);
  });

  it('wrong credentials and no credentials give one message that names the registry', async () => {
    const repo = s.baseImage.replace(/:latest$/, '');
    const wrong = new RegistryClient({ env: { ...s.env, DOCKER_CONFIG: dockerConfigWith(s.registry, 'offmain', 'nope') } });
    const err = await wrong.describe(repo, 'latest').catch((e: Error) => e.message);
    expect(err).toContain(`registry ${s.registry} `);
    expect(err).toMatch(/refused the credentials of user "offmain" \(from .*config\.json\) \(HTTP 401\): log in again \(docker login 127\.0\.0\.1:\d+\)/);
    const anonymous = new RegistryClient({ env: { ...s.env, DOCKER_CONFIG: tempDir() } });
    await expect(anonymous.describe(repo, 'latest')).rejects.toThrow(/refused anonymous access to offmain-test\/busybox \(HTTP 401\) and .* has no credentials for it/);
  });

  it('pushes an OCI layout by digest (no tag), then tags it', async () => {
    const client = new RegistryClient({ env: s.env });
    const repo = `${namespace(s)}/tiny`;
    const layout = tinyOciLayout('basic');
    const pushed = await client.pushOciLayout(layout.dir, repo);
    expect(pushed).toEqual({ digest: layout.digest, uploaded: 2, bytes: expect.any(Number) });
    expect(await client.tags(repo)).toEqual([]);
    // Again: the blobs are there already.
    expect((await client.pushOciLayout(layout.dir, repo)).uploaded).toBe(0);
    await client.tag(repo, layout.digest, ['a', 'b']);
    expect((await client.tags(repo)).sort()).toEqual(['a', 'b']);
    const d = (await client.describe(repo, 'a', { labels: true }))!;
    expect(d.digest).toBe(layout.digest);
    expect(d.labels).toEqual({ 'org.opencontainers.image.revision': 'basic' });
    expect(d.annotations).toEqual({ 'org.opencontainers.image.revision': 'basic' });
  });

  it('streams a large blob (a real layer is hundreds of MB) and the registry checks its digest', async () => {
    const client = new RegistryClient({ env: s.env });
    const repo = `${namespace(s)}/large`;
    const layout = tinyOciLayout('large', { padding: 5 * 1024 * 1024 });
    const pushed = await client.pushOciLayout(layout.dir, repo);
    expect(pushed.digest).toBe(layout.digest);
    expect(pushed.bytes).toBeGreaterThan(5 * 1024 * 1024);
    const m = (await client.manifest(repo, layout.digest))!;
    const layer = m.json.layers![0]!;
    expect((await client.blob(repo, layer.digest)).length).toBe(layer.size);
  });
});

describe('a token-auth (Bearer) registry, like ghcr.io and Docker Hub', () => {
  let tr: TokenRegistry;
  const cfg = (user: string, password: string) => ({ ...process.env, DOCKER_CONFIG: dockerConfigWith(tr.registry, user, password) });
  beforeAll(async () => {
    tr = await startTokenRegistry({ users: { writer: 'w-secret' }, readOnlyUsers: { reader: 'r-secret' } });
  });
  afterAll(async () => {
    await tr?.close();
  });

  it('gets a push token with the credentials Docker has, pushes by digest, reads back; tokens are reused', async () => {
    const client = new RegistryClient({ env: cfg('writer', 'w-secret') });
    const layout = tinyOciLayout('bearer');
    const repo = `${tr.registry}/acme/mastodon`;
    expect((await client.pushOciLayout(layout.dir, repo)).digest).toBe(layout.digest);
    await client.tag(repo, layout.digest, ['4.8.0_abc1234']);
    const d = (await client.describe(repo, '4.8.0_abc1234', { labels: true }))!;
    expect(d.labels).toEqual({ 'org.opencontainers.image.revision': 'bearer' });
    const scopes = tr.tokenRequests.filter((r) => r.user === 'writer').map((r) => r.scope);
    expect(new Set(scopes)).toEqual(new Set(['repository:acme/mastodon:pull,push', 'repository:acme/mastodon:pull']));
    // One token per scope, not one per request.
    expect(scopes.length).toBeLessThanOrEqual(3);
    expect(client.requests).toBeGreaterThan(scopes.length + 5);
  });

  it('a read-only account may read but not push; wrong passwords and anonymous access are named', async () => {
    const repo = `${tr.registry}/acme/mastodon`;
    const reader = new RegistryClient({ env: cfg('reader', 'r-secret') });
    expect(await reader.digest(repo, '4.8.0_abc1234')).toMatch(/^sha256:/);
    const refused = await reader.pushOciLayout(tinyOciLayout('denied').dir, repo).catch((e: Error) => e.message);
    expect(refused).toMatch(new RegExp(`registry ${tr.registry.replace(/\./g, '\\.')} refused user "reader" \\(from .*\\) push access to acme/mastodon`));
    // Not ghcr.io: the generic advice, not GitHub's.
    expect(refused).toMatch(/give that account write access to the repository/);
    expect(refused).not.toMatch(/Manage Actions access/);
    const wrong = new RegistryClient({ env: cfg('writer', 'not-it') });
    await expect(wrong.digest(repo, 'x')).rejects.toThrow(new RegExp(`registry ${tr.registry.replace(/\./g, '\\.')} refused the credentials of user "writer"`));
    const anonymous = new RegistryClient({ env: { ...process.env, DOCKER_CONFIG: tempDir() } });
    await expect(anonymous.digest(repo, 'x')).rejects.toThrow(/refused anonymous access to acme\/mastodon .* log in first/);
  });

  it('anonymous pulls of a public repository work with an anonymous token', async () => {
    const writer = new RegistryClient({ env: cfg('writer', 'w-secret') });
    const layout = tinyOciLayout('public');
    const repo = `${tr.registry}/public/mastodon`;
    await writer.pushOciLayout(layout.dir, repo);
    await writer.tag(repo, layout.digest, ['edge']);
    const anonymous = new RegistryClient({ env: { ...process.env, DOCKER_CONFIG: tempDir() } });
    expect(await anonymous.digest(repo, 'edge')).toBe(layout.digest);
    expect(tr.tokenRequests.some((r) => r.user === '' && r.scope === 'repository:public/mastodon:pull')).toBe(true);
  });
});

describe('a registry that answers like ghcr.io: 403 for a package that does not exist yet', () => {
  let gh: TokenRegistry;
  const cfg = (user: string, password: string, extra: NodeJS.ProcessEnv = {}) => ({ ...process.env, DOCKER_CONFIG: dockerConfigWith(gh.registry, user, password), ...extra });
  beforeAll(async () => {
    gh = await startTokenRegistry({ users: { writer: 'w-secret' }, readOnlyUsers: { reader: 'r-secret' }, ghcr: true });
  });
  afterAll(async () => {
    await gh?.close();
  });

  it('asked whether a tag exists, a package that is not there is "not there" (not an error), and the refusal is kept', async () => {
    const client = new RegistryClient({ env: cfg('writer', 'w-secret') });
    const repo = `${gh.registry}/acme/first`;
    expect(await client.digest(repo, '4.8.0_abc1234')).toBeUndefined();
    expect(await client.manifest(repo, '4.8.0_abc1234')).toBeUndefined();
    expect(await client.describe(repo, '4.8.0_abc1234')).toBeUndefined();
    expect(await client.tags(repo)).toEqual([]);
    expect(client.unreadable(repo)).toBe('HTTP 403, DENIED: denied from its token service');
  });

  it('a push allowed tells a new package from a bad token: then read with the push token, pushed, read back', async () => {
    const client = new RegistryClient({ env: cfg('writer', 'w-secret') });
    const repo = `${gh.registry}/acme/new`;
    expect(await client.digest(repo, 'edge')).toBeUndefined();
    await client.checkPush(repo);
    // The probe opened an upload and cancelled it: nothing is there.
    expect(await client.digest(repo, 'edge')).toBeUndefined();
    expect(client.unreadable(repo)).toBeUndefined();
    const layout = tinyOciLayout('first-run');
    await client.pushOciLayout(layout.dir, repo);
    await client.tag(repo, layout.digest, ['edge']);
    expect(await client.digest(repo, 'edge')).toBe(layout.digest);
    // A new client (a later run): the package exists, the pull token is given.
    const later = new RegistryClient({ env: cfg('reader', 'r-secret') });
    expect(await later.digest(repo, 'edge')).toBe(layout.digest);
    expect(gh.tokenRequests.filter((r) => r.user === 'writer' && r.scope === `repository:acme/new:pull,push`).length).toBeGreaterThan(0);
  });

  it('a refused push says what GitHub wants: Manage Actions access with the Write role, packages: write, a valid token', async () => {
    const event = join(tempDir(), 'event.json');
    writeFileSync(event, JSON.stringify({ repository: { full_name: 'acme/offmain-config', owner: { login: 'acme', type: 'User' } } }));
    const env = cfg('reader', 'r-secret', { GITHUB_REPOSITORY: 'acme/offmain-config', GITHUB_REPOSITORY_OWNER: 'acme', GITHUB_EVENT_PATH: event });
    const client = new RegistryClient({ env });
    const repo = `${gh.registry}/acme/mastodon`;
    expect(await client.digest(repo, 'x')).toBeUndefined();
    const message = await client.checkPush(repo).then(
      () => 'allowed',
      (e: Error) => e.message,
    );
    expect(message).toContain(`registry ${gh.registry} refused user "reader" (from ${join(env.DOCKER_CONFIG!, 'config.json')}) push access to acme/mastodon (HTTP 403, DENIED: permission_denied: write_package)`);
    expect(message).toContain('if the package acme/mastodon already exists but is not linked to the repository acme/offmain-config, add that repository under the package\'s "Manage Actions access" (Package settings) with the Write role: https://github.com/users/acme/packages/container/mastodon/settings');
    expect(message).toContain('if it is new, the workflow job needs "permissions: packages: write"');
    expect(message).toContain('log in again');
    expect(message).not.toContain('r-secret');
    // The client's own push (platform mode on the docker driver) says the same.
    await expect(client.pushOciLayout(tinyOciLayout('refused').dir, repo)).rejects.toThrow(/Manage Actions access/);
    // Another owner than the one running offmain: both forms of the settings page.
    const other = await new RegistryClient({ env }).checkPush(`${gh.registry}/elsewhere/mastodon-streaming`).catch((e: Error) => e.message);
    expect(other).toContain('https://github.com/orgs/elsewhere/packages/container/mastodon-streaming/settings (users/ instead of orgs/ for a personal account)');
  });

  it('a wrong token gets 403 from the token service too: its reads are "not there", its push is refused with what to do', async () => {
    const client = new RegistryClient({ env: cfg('writer', 'expired-token') });
    const repo = `${gh.registry}/acme/mastodon`;
    expect(await client.digest(repo, 'x')).toBeUndefined();
    const message = await client.checkPush(repo).catch((e: Error) => e.message);
    expect(message).toMatch(/refused user "writer" .* push access to acme\/mastodon \(HTTP 403, DENIED: denied\): if the package/);
    expect(message).toMatch(/otherwise the token is not valid for acme .*: log in again$/);
    expect(message).not.toContain('expired-token');
  });

  it('anonymous: the read is "not there", the push says to log in first', async () => {
    const client = new RegistryClient({ env: { ...process.env, DOCKER_CONFIG: tempDir() } });
    const repo = `${gh.registry}/acme/mastodon`;
    expect(await client.digest(repo, 'x')).toBeUndefined();
    await expect(client.checkPush(repo)).rejects.toThrow(/refused anonymous access to acme\/mastodon .* log in first/);
  });
});

describe('a registry that does not answer', () => {
  it('is named, with what to check', async () => {
    const client = new RegistryClient({ env: { ...process.env, DOCKER_CONFIG: tempDir() }, timeoutMs: 3000 });
    const port = await unusedPort();
    await expect(client.describe(`127.0.0.1:${port}/acme/mastodon`, 'x')).rejects.toThrow(
      `registry 127.0.0.1:${port} cannot be reached at http://127.0.0.1:${port} (ECONNREFUSED): check the registry host in the image name`,
    );
  });
});

describe('registry credentials go only to the registry, and to a token service on https', () => {
  // A front for the real htpasswd registry that logs every request, and can answer with a redirect or a
  // Bearer challenge of its own; and a second server that logs what reaches it.
  let s: Services;
  let front: http.Server;
  let elsewhere: http.Server;
  let frontHost: string;
  let elsewherePort: number;
  const reachedElsewhere: http.IncomingHttpHeaders[] = [];
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    s = services();
    elsewhere = http.createServer((req, res) => {
      reachedElsewhere.push(req.headers);
      res.writeHead(404).end();
    });
    front = http.createServer((req, res) => {
      const path = req.url ?? '/';
      if (path.endsWith('/manifests/moved-here')) {
        res.writeHead(307, { Location: `http://127.0.0.1:${elsewherePort}/blob` }).end();
        return;
      }
      if (path.endsWith('/manifests/moved-to-plain-http')) {
        res.writeHead(302, { Location: 'http://cdn.offmain.test/blob' }).end();
        return;
      }
      if (path.includes('/bearer-on-http/')) {
        res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://auth.offmain.test:${elsewherePort}/token",service="x"` }).end();
        return;
      }
      const up = http.request(`http://${s.registry}${path}`, { method: req.method, headers: { ...req.headers, host: s.registry } }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    elsewherePort = (elsewhere.address() as AddressInfo).port;
    frontHost = `127.0.0.1:${(front.address() as AddressInfo).port}`;
    env = { ...s.env, DOCKER_CONFIG: dockerConfigWith(frontHost, s.user, s.password) };
  });
  afterAll(async () => {
    await new Promise((r) => front.close(r));
    await new Promise((r) => elsewhere.close(r));
  });

  it('works through the front (the credentials are for it)', async () => {
    const client = new RegistryClient({ env });
    expect(await client.digest(`${frontHost}/offmain-test/busybox`, 'latest')).toMatch(/^sha256:/);
  });

  it('a redirect to another origin gets no Authorization', async () => {
    const client = new RegistryClient({ env });
    expect(await client.manifest(`${frontHost}/offmain-test/busybox`, 'moved-here')).toBeUndefined();
    expect(reachedElsewhere.length).toBeGreaterThan(0);
    expect(reachedElsewhere.every((h) => h.authorization === undefined)).toBe(true);
  });

  it('a redirect down to plain http on another machine is refused, not followed', async () => {
    const client = new RegistryClient({ env });
    await expect(client.manifest(`${frontHost}/offmain-test/busybox`, 'moved-to-plain-http')).rejects.toThrow(
      /redirected a request for offmain-test\/busybox to http:\/\/cdn\.offmain\.test: offmain only follows https \(or this machine\)/,
    );
  });

  it('a token service on plain http elsewhere is refused before any credentials are sent', async () => {
    const client = new RegistryClient({ env });
    await expect(client.manifest(`${frontHost}/bearer-on-http/mastodon`, 'x')).rejects.toThrow(
      new RegExp(`names its token service as http://auth\\.offmain\\.test:${elsewherePort}: offmain sends credentials only over https`),
    );
  });
});

describe('a registry that answers with text of its own', () => {
  let server: http.Server;
  let host = '';
  const replies: Record<string, string> = {};
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const body = replies[req.url ?? ''];
      if (body === undefined) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = `sha256:${'c'.repeat(64)}`;
    replies['/v2/acme/mastodon/manifests/good'] = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: 10 }, layers: [] });
    replies[`/v2/acme/mastodon/blobs/${config}`] = 'x\n::error::pwn';
    replies['/v2/acme/mastodon/manifests/bad'] = '<html>\n::warning::owned\n</html>';
    replies['/v2/acme/mastodon/tags/list'] = '{"tags":"::error::x"}';
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('is one line naming what could not be read, never the reply (which could hold a runner command)', async () => {
    const client = new RegistryClient({ env: { DOCKER_CONFIG: tempDir() } });
    const manifest = await client.manifest(`${host}/acme/mastodon`, 'good');
    const e1 = await client.configLabels(`${host}/acme/mastodon`, manifest!.json).catch((e: Error) => e);
    expect((e1 as Error).message).toBe(`registry ${host}: the image config sha256:${'c'.repeat(64)} is not the JSON object the registry API returns (14 bytes)`);
    const e2 = await client.manifest(`${host}/acme/mastodon`, 'bad').catch((e: Error) => e);
    expect((e2 as Error).message).toMatch(/the manifest acme\/mastodon:bad is not the JSON object/);
    const e3 = await client.tags(`${host}/acme/mastodon`).catch((e: Error) => e);
    expect((e3 as Error).message).toMatch(/the tag list of acme\/mastodon is not a list of tags/);
    for (const e of [e1, e2, e3]) expect((e as Error).message).not.toMatch(/::|pwn|owned/);
  });
});
