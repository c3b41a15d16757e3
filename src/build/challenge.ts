/**
 * Registry authentication challenges (`WWW-Authenticate: Basic` / `Bearer realm=...`), and where a
 * registry's credentials may go: its token service only over https, or plain http on this machine.
 */
import { OffmainError } from '../core/errors.js';
import { isLoopbackHost } from '../core/remote.js';

export type Challenge = { scheme: 'basic' } | { scheme: 'bearer'; realm: string; service?: string };

export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'basic') return { scheme: 'basic' };
  if (scheme !== 'bearer') return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/(\w+)="([^"]*)"/g)) params[p[1]!.toLowerCase()] = p[2]!;
  if (!params.realm) return undefined;
  return { scheme: 'bearer', realm: params.realm, service: params.service };
}

/**
 * The token service a registry names in its challenge, if offmain may send credentials there: https, or
 * plain http on this machine only (a registry on loopback, in tests).
 */
export function realmUrl(registry: string, realm: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(realm);
  } catch {
    /* not a URL */
  }
  if (url && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.host)))) return url;
  throw new OffmainError(
    `registry ${registry} names its token service as ${url ? `${url.protocol}//${url.host}` : 'something that is not a URL'}: offmain sends credentials only over https (or to this machine); check the registry`,
  );
}
