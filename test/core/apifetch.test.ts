import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFetch } from '../../src/core/apifetch.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
async function serve(handler: Handler): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

let api: Awaited<ReturnType<typeof serve>>;
let other: Awaited<ReturnType<typeof serve>>;
const routes: Record<string, Handler> = {};

beforeAll(async () => {
  other = await serve((_req, res) => res.end('{"stolen":true}'));
  api = await serve((req, res) => (routes[req.url ?? ''] ?? ((_q, r: ServerResponse) => r.writeHead(404).end('{}')))(req, res));
  routes['/ok'] = (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}');
  routes['/moved'] = (_q, r) => r.writeHead(301, { location: '/ok' }).end();
  routes['/away'] = (_q, r) => r.writeHead(302, { location: `${other.url}/steal` }).end();
  routes['/slow'] = (_q, r) => {
    // A healthy but slow answer: a chunk every 400 ms for 2 s, each well inside the 1 s stall limit.
    r.writeHead(200, { 'content-type': 'application/json' });
    let i = 0;
    const t = setInterval(() => {
      if (i++ < 5) r.write(i === 1 ? '[0' : `,${i}`);
      else {
        clearInterval(t);
        r.end(']');
      }
    }, 400);
  };
  routes['/stalls'] = (_q, r) => {
    r.writeHead(200, { 'content-type': 'application/json' });
    r.write('{"check_runs":[');
  };
  routes['/huge'] = (_q, r) => {
    r.writeHead(200, { 'content-type': 'application/json' });
    r.end('x'.repeat(5000));
  };
  routes['/huge-declared'] = (_q, r) => r.writeHead(200, { 'content-length': '999999999' }).end();
});
afterAll(async () => {
  for (const s of [api, other]) await new Promise<void>((r) => s.server.close(() => r()));
});

const f = () => apiFetch({ baseUrl: `${api.url}/api/v3`, stallSeconds: 1, maxBytes: 4096 });

describe('the GitHub API fetch', () => {
  it('reads a reply whole, and follows a redirect on the same origin', async () => {
    expect(await (await f()(`${api.url}/ok`)).json()).toEqual({ a: 1 });
    expect(await (await f()(`${api.url}/moved`, { headers: { authorization: 'token t' } })).json()).toEqual({ a: 1 });
  });

  it('never sends a request, or the token, to another origin: not a Link, not a redirect', async () => {
    await expect(f()(`${other.url}/page2`, { headers: { authorization: 'token t' } })).rejects.toThrow(/refusing to send a GitHub API request to http:\/\/127\.0\.0\.1:\d+: the API is/);
    await expect(f()(`${api.url}/away`, { headers: { authorization: 'token t' } })).rejects.toThrow(/refusing to send/);
    expect(other.hits).toEqual([]);
  });

  it('lets a slow but healthy reply finish, and cuts one that stops making progress', async () => {
    expect(await (await f()(`${api.url}/slow`)).json()).toEqual([0, 2, 3, 4, 5]);
    await expect(f()(`${api.url}/stalls`)).rejects.toThrow(/did not answer \/stalls completely: no progress for 1 s/);
  }, 20_000);

  it('refuses a body past its bound, declared or not', async () => {
    await expect(f()(`${api.url}/huge`)).rejects.toThrow(/answered \/huge with more than the 4096 bytes offmain reads/);
    await expect(f()(`${api.url}/huge-declared`)).rejects.toThrow(/answered \/huge-declared with 999999999 bytes/);
  });
});
