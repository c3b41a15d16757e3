/**
 * A real smart-HTTP git server for tests: Node's http server running `git http-backend` as CGI.
 * Optional Basic auth: `users` may read and push, `readOnlyUsers` may read but get 403 on push. It can log
 * every request's headers (`seen`), and answer every request with a redirect to another server (`redirectTo`).
 */
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface GitHttpServerOptions {
  /** Directory holding the served repositories (GIT_PROJECT_ROOT). */
  root: string;
  /** name -> password; when set (or readOnlyUsers is), every request needs Basic auth. */
  users?: Record<string, string>;
  /** name -> password for credentials that may fetch but not push. */
  readOnlyUsers?: Record<string, string>;
  /** Every request is appended here: method, path with query, all headers. */
  seen?: SeenRequest[];
  /** Answer every request with `302 Location: <redirectTo><path and query>` (and serve nothing). */
  redirectTo?: string;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface GitHttpServer {
  /** `http://127.0.0.1:PORT`; a repository at ROOT/x.git is at `${url}/x.git`. */
  url: string;
  close(): Promise<void>;
}

export async function startGitHttpServer(opts: GitHttpServerOptions): Promise<GitHttpServer> {
  const backend = path.join(execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(), 'git-http-backend');
  const authRequired = Boolean(opts.users || opts.readOnlyUsers);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    opts.seen?.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers });
    if (opts.redirectTo) {
      res.writeHead(302, { Location: `${opts.redirectTo}${req.url ?? '/'}` });
      res.end();
      return;
    }
    let user = '';
    let readOnly = false;
    if (authRequired) {
      const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
      const sep = decoded.indexOf(':');
      const [name, pass] = sep < 0 ? ['', ''] : [decoded.slice(0, sep), decoded.slice(sep + 1)];
      if (name && opts.users?.[name] === pass) user = name;
      else if (name && opts.readOnlyUsers?.[name] === pass) [user, readOnly] = [name, true];
      if (!user) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' });
        res.end('authentication required\n');
        return;
      }
    }
    const push = url.pathname.endsWith('/git-receive-pack') || url.searchParams.get('service') === 'git-receive-pack';
    if (push && readOnly) {
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      res.end('this token may not push\n');
      return;
    }

    const h = req.headers;
    const child = spawn(backend, [], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: opts.root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'http.receivepack',
        GIT_CONFIG_VALUE_0: 'true',
        REMOTE_USER: user || 'anonymous',
        REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: h['content-type'] ?? '',
        ...(h['content-length'] ? { CONTENT_LENGTH: h['content-length'] } : {}),
        ...(h['content-encoding'] ? { HTTP_CONTENT_ENCODING: h['content-encoding'] } : {}),
        ...(h['git-protocol'] ? { GIT_PROTOCOL: String(h['git-protocol']) } : {}),
      },
    });
    req.pipe(child.stdin);
    child.stdin.on('error', () => {});
    child.stderr.resume();

    // CGI: headers up to a blank line (Status: gives the code), then the body, streamed.
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const crlf = head.indexOf('\r\n\r\n');
      const lf = head.indexOf('\n\n');
      const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('utf8').split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i <= 0) continue;
        const [key, value] = [line.slice(0, i).trim(), line.slice(i + 1).trim()];
        if (key.toLowerCase() === 'status') status = parseInt(value, 10) || 500;
        else res.setHeader(key, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + (end === crlf ? 4 : 2)));
    });
    child.on('close', (code) => {
      if (!headersDone) res.writeHead(500).end(`git http-backend exited with ${code}\n`);
      else res.end();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
