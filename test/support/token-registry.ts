/**
 * A second real registry (Debian's docker-registry, CNCF distribution) configured the way ghcr.io and Docker
 * Hub work: Bearer token auth. The token service is a small Node server that checks Basic credentials and
 * signs the JWTs distribution verifies (RS256, x5c chain to the configured root certificate).
 *
 *   users          may pull and push
 *   readOnlyUsers  may pull only
 *   anonymous      may pull repositories under `public/`
 *
 * With `ghcr`, it answers the way ghcr.io does (its service is named `ghcr.io`, its errors have ghcr.io's
 * body shape `{"errors":[{"code":"DENIED","message":"..."}]}`):
 *   - a pull-only token for a repository that does not exist yet: 403 DENIED `denied` (what ghcr.io answers
 *     a workflow token for a package that is not there); a request with a push scope (or another
 *     repository's, as a push that mounts blobs asks) still gets its token
 *   - a wrong password: 403 DENIED `denied` from the token service (not 401)
 *   - a request whose token lacks the rights: 403 DENIED (`permission_denied: write_package` for a write),
 *     where distribution itself answers 401; a front before distribution rewrites those answers
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createSign, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './tmp.js';

export interface TokenRegistry {
  /** `127.0.0.1:PORT` (the ghcr.io-like front, with `ghcr`) */
  registry: string;
  /** Token requests served, with the scope asked for. */
  tokenRequests: { user: string; scope: string }[];
  close(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const DENIED = (message: string) => JSON.stringify({ errors: [{ code: 'DENIED', message }] });

export async function startTokenRegistry(opts: { users: Record<string, string>; readOnlyUsers?: Record<string, string>; ghcr?: boolean }): Promise<TokenRegistry> {
  const dir = tempDir('offmain-token-registry-');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=offmain-test-token-issuer'], {
    stdio: 'ignore',
  });
  const key = readFileSync(join(dir, 'key.pem'), 'utf8');
  const certDer = readFileSync(join(dir, 'cert.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, '');
  const service = opts.ghcr ? 'ghcr.io' : 'offmain-test-registry';
  const issuer = 'offmain-test-issuer';
  const tokenRequests: TokenRegistry['tokenRequests'] = [];
  const port = await freePort();

  const sign = (user: string, access: { type: string; name: string; actions: string[] }[]) => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [certDer] }));
    const claims = b64url(JSON.stringify({ iss: issuer, sub: user, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key).toString('base64url');
    return `${header}.${claims}.${signature}`;
  };
  /** Whether distribution holds a repository (asked with a token of the stand-in's own). */
  const exists = async (name: string) => {
    const r = await fetch(`http://127.0.0.1:${port}/v2/${name}/tags/list`, {
      headers: { Authorization: `Bearer ${sign('stand-in', [{ type: 'repository', name, actions: ['pull'] }])}` },
    });
    await r.body?.cancel();
    return r.status === 200;
  };

  const tokens = http.createServer(async (req, res) => {
    // Only GET with Basic credentials; the OAuth2 form (POST) is not offered, and containerd then falls back.
    if (req.method !== 'GET') {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
    const sep = decoded.indexOf(':');
    const [user, pass] = sep < 0 ? ['', ''] : [decoded.slice(0, sep), decoded.slice(sep + 1)];
    let rights: string[] = [];
    if (m) {
      if (opts.users[user] === pass) rights = ['pull', 'push'];
      else if (opts.readOnlyUsers?.[user] === pass) rights = ['pull'];
      else {
        tokenRequests.push({ user, scope: url.searchParams.get('scope') ?? '' });
        if (opts.ghcr) res.writeHead(403, { 'Content-Type': 'application/json' }).end(DENIED('denied'));
        else res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"details":"incorrect username or password"}');
        return;
      }
    }
    const scopes = url.searchParams.getAll('scope').map((scope) => scope.split(':'));
    for (const scope of url.searchParams.getAll('scope')) tokenRequests.push({ user, scope });
    if (opts.ghcr && scopes.length) {
      const missing = await Promise.all(scopes.map(async ([type, name, actions]) => type === 'repository' && !!name && actions === 'pull' && !(await exists(name))));
      if (missing.every(Boolean)) {
        res.writeHead(403, { 'Content-Type': 'application/json' }).end(DENIED('denied'));
        return;
      }
    }
    const access = scopes.flatMap(([type, name, actions]) => {
      if (type !== 'repository' || !name || !actions) return [];
      const allowed = (m ? rights : name.startsWith('public/') ? ['pull'] : []).filter((a) => actions.split(',').includes(a));
      return [{ type, name, actions: allowed }];
    });
    const token = sign(user, access);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token, access_token: token, expires_in: 300 }));
  });
  await new Promise<void>((r) => tokens.listen(0, '127.0.0.1', r));
  const tokenPort = (tokens.address() as AddressInfo).port;

  writeFileSync(
    join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      'auth:',
      '  token:',
      `    realm: http://127.0.0.1:${tokenPort}/token`,
      `    service: ${service}`,
      `    issuer: ${issuer}`,
      `    rootcertbundle: ${join(dir, 'cert.pem')}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/v2/`);
      if (r.status === 401) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      tokens.close();
      throw new Error(`the token-auth registry did not start: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // ghcr.io answers 403 where distribution answers 401 to a token without the rights: a front rewrites that.
  let front: http.Server | undefined;
  if (opts.ghcr) {
    front = http.createServer((req, res) => {
      const up = http.request(`http://127.0.0.1:${port}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (r) => {
        if (r.statusCode === 401 && /^Bearer /i.test(req.headers.authorization ?? '')) {
          r.resume();
          const write = req.method !== 'GET' && req.method !== 'HEAD';
          res.writeHead(403, { 'Content-Type': 'application/json' }).end(DENIED(write ? 'permission_denied: write_package' : 'denied'));
          return;
        }
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.on('error', () => up.destroy());
      req.pipe(up);
    });
    await new Promise<void>((r) => front!.listen(0, '127.0.0.1', r));
  }
  return {
    registry: `127.0.0.1:${front ? (front.address() as AddressInfo).port : port}`,
    tokenRequests,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
      for (const server of [tokens, front]) {
        if (!server) continue;
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      }
    },
  };
}

/** A one-platform OCI image layout made by hand: one layer holding `hello.txt` (plus `padding` random bytes). */
export function tinyOciLayout(text: string, opts: { padding?: number } = {}): { dir: string; digest: string } {
  const dir = tempDir('offmain-oci-layout-');
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const blobs = join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const put = (b: Buffer) => {
    const h = sha(b);
    writeFileSync(join(blobs, h), b);
    return { digest: `sha256:${h}`, size: b.length };
  };
  // An uncompressed tar with one file.
  const body = Buffer.concat([Buffer.from(text), randomBytes(opts.padding ?? 0)]);
  const header = Buffer.alloc(512);
  header.write('hello.txt', 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const tar = Buffer.concat([header, body, Buffer.alloc((512 - (body.length % 512)) % 512), Buffer.alloc(1024)]);
  const layer = put(tar);
  const config = put(
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: { 'org.opencontainers.image.revision': text } }, rootfs: { type: 'layers', diff_ids: [layer.digest] } })),
  );
  const manifest = put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
        annotations: { 'org.opencontainers.image.revision': text },
      }),
    ),
  );
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }] }));
  return { dir, digest: manifest.digest };
}
