/**
 * The registry client against real registries: the htpasswd (Basic) registry scripts/services.sh starts, and
 * a token-auth (Bearer) one like ghcr.io and Docker Hub, started here. Credentials come from real Docker
 * config files and a real credential helper program.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsFor, dockerConfigPath } from '../../src/build/credentials.js';
import { isLoopbackHost, locate, RegistryClient } from '../../src/build/registry.js';
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
    expect(['localhost', '127.0.0.1:1', '127.1.2.3', '[::1]:80'].every(isLoopbackHost)).toBe(true);
    expect(['ghcr.io', '10.0.0.1:5000', 'localhost.example.org'].some(isLoopbackHost)).toBe(false);
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
    await expect(reader.pushOciLayout(tinyOciLayout('denied').dir, repo)).rejects.toThrow(
      new RegExp(`registry ${tr.registry.replace(/\./g, '\\.')} refused user "reader" \\(from .*\\) push access to acme/mastodon`),
    );
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

describe('a registry that does not answer', () => {
  it('is named, with what to check', async () => {
    const client = new RegistryClient({ env: { ...process.env, DOCKER_CONFIG: tempDir() }, timeoutMs: 3000 });
    const port = await unusedPort();
    await expect(client.describe(`127.0.0.1:${port}/acme/mastodon`, 'x')).rejects.toThrow(
      `registry 127.0.0.1:${port} cannot be reached at http://127.0.0.1:${port} (ECONNREFUSED): check the registry host in the image name`,
    );
  });
});
