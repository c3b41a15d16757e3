/**
 * The `fetch` every GitHub API call goes through (core/github.ts gives it to Octokit). It is where the rules
 * for an API reply live, so that no caller can forget one:
 *
 * - **One origin.** A request (a page a `Link` header names, a redirect) goes only to the origin of the API
 *   root the client was made for; anything else is refused before it is sent, so a token never leaves its
 *   host. Redirects are followed by hand, same origin only, at most three.
 * - **A bounded wait per read, not per request.** A reply that makes no progress for the stall time (the
 *   headers, then each chunk of the body) is cut, however long a slow but healthy one takes in all; the
 *   whole exchange is still capped (ten stall times), so a server dripping a byte a minute cannot hold a run.
 * - **A bounded size.** A body past `MAX_API_BYTES` is refused, not read on: no API reply offmain reads is
 *   anywhere near it.
 * A refused or cut reply is an error, never an empty answer: the callers fail closed on it.
 */
import { OffmainError } from './errors.js';
import { inline } from './untrusted.js';

/** The most a GitHub API reply may be (a page of 100 check runs is about 300 KB). */
export const MAX_API_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 3;

export interface ApiFetchOptions {
  /** The API root (`https://api.github.com`, a GHES `https://HOST/api/v3`): its origin is the only one. */
  baseUrl: string;
  /** Seconds a read may make no progress. */
  stallSeconds: number;
  /** The largest body accepted; default MAX_API_BYTES. */
  maxBytes?: number;
  /** The fetch underneath (@actions/github's, which honours the runner's proxy); default the global one. */
  fetch?: typeof fetch;
}

function urlOf(input: string | URL | Request): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
}

/** A `fetch` for Octokit's `request.fetch` option, with the rules above. */
export function apiFetch(opts: ApiFetchOptions): typeof fetch {
  const origin = new URL(opts.baseUrl).origin;
  const max = opts.maxBytes ?? MAX_API_BYTES;
  const stallMs = opts.stallSeconds * 1000;
  const send = opts.fetch ?? fetch;
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let url = urlOf(input);
    const deadline = AbortSignal.timeout(stallMs * 10);
    for (let hop = 0; ; hop++) {
      if (url.origin !== origin) {
        throw new OffmainError(`refusing to send a GitHub API request to ${inline(url.origin, 120)}: the API is ${origin} (a reply pointed elsewhere)`);
      }
      const stall = new AbortController();
      let timer = setTimeout(() => stall.abort(new Error(`no answer for ${opts.stallSeconds} s`)), stallMs);
      const poke = () => {
        clearTimeout(timer);
        timer = setTimeout(() => stall.abort(new Error(`no progress for ${opts.stallSeconds} s`)), stallMs);
      };
      const signals = [stall.signal, deadline, ...(init?.signal ? [init.signal] : [])];
      try {
        const res = await send(url, { ...init, redirect: 'manual', signal: AbortSignal.any(signals) });
        poke();
        if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
          await res.body?.cancel();
          if (hop >= MAX_REDIRECTS) throw new OffmainError(`the GitHub API at ${origin} redirected more than ${MAX_REDIRECTS} times`);
          url = new URL(res.headers.get('location')!, url);
          continue;
        }
        const length = Number(res.headers.get('content-length'));
        if (Number.isFinite(length) && length > max) {
          await res.body?.cancel();
          throw new OffmainError(`the GitHub API at ${origin} answered ${url.pathname} with ${length} bytes, more than the ${max} offmain reads`);
        }
        const chunks: Uint8Array[] = [];
        let size = 0;
        if (res.body) {
          const reader = res.body.getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            poke();
            size += value.byteLength;
            if (size > max) {
              await reader.cancel();
              throw new OffmainError(`the GitHub API at ${origin} answered ${url.pathname} with more than the ${max} bytes offmain reads`);
            }
            chunks.push(value);
          }
        }
        const body = res.status === 204 || res.status === 304 ? null : Buffer.concat(chunks);
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      } catch (e) {
        if (e instanceof OffmainError) throw e;
        const why = stall.signal.aborted ? String((stall.signal.reason as Error)?.message ?? 'stalled') : deadline.aborted ? `not done in ${opts.stallSeconds * 10} s` : (e as Error).message;
        throw new OffmainError(`the GitHub API at ${origin} did not answer ${url.pathname} completely: ${inline(why, 200)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  };
}
