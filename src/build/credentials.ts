/**
 * The registry credentials Docker already has: `$DOCKER_CONFIG/config.json` (else `~/.docker/config.json`),
 * `auths[host].auth` (base64 `user:password`), `username`/`password`, or `identitytoken`; a credential helper
 * (`credHelpers[host]` / `credsStore`) is asked through `docker-credential-NAME get`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { OffmainError } from '../core/errors.js';

export interface Credentials {
  username?: string;
  password?: string;
  identityToken?: string;
  /** Where they came from, for messages (never the secret itself). */
  source: string;
}

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker'), 'config.json');
}

/** The `auths` keys Docker may have used for a registry. */
function authKeys(registry: string): string[] {
  if (registry === 'docker.io') {
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io', 'https://registry-1.docker.io'];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

function runHelper(helper: string, registry: string, env: NodeJS.ProcessEnv): Promise<Credentials | undefined> {
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { env, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            new OffmainError(
              `the Docker config names the credential helper "${helper}" for ${registry}, but docker-credential-${helper} is not on PATH: install it, or log in with a config that stores credentials in auths`,
            ),
          );
          return;
        }
        // Helpers say "credentials not found in native keychain" with exit 1: anonymous access.
        if (/not found/i.test(`${stdout}${stderr}`)) resolve(undefined);
        else reject(new OffmainError(`docker-credential-${helper} get failed for ${registry}: ${(stderr || stdout).trim().split('\n').pop()}`));
        return;
      }
      try {
        const r = JSON.parse(stdout) as { Username?: string; Secret?: string };
        if (!r.Secret) return resolve(undefined);
        resolve(
          r.Username === '<token>'
            ? { identityToken: r.Secret, source: `docker-credential-${helper}` }
            : { username: r.Username, password: r.Secret, source: `docker-credential-${helper}` },
        );
      } catch {
        reject(new OffmainError(`docker-credential-${helper} get returned something that is not JSON for ${registry}`));
      }
    });
    child.stdin?.end(registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry);
  });
}

/** The credentials Docker has for a registry, or undefined (anonymous). */
export async function credentialsFor(registry: string, env: NodeJS.ProcessEnv = process.env): Promise<Credentials | undefined> {
  const file = dockerConfigPath(env);
  if (!existsSync(file)) return undefined;
  let config: DockerConfigFile;
  try {
    config = JSON.parse(await readFile(file, 'utf8')) as DockerConfigFile;
  } catch {
    throw new OffmainError(`${file} is not valid JSON: fix or remove it (it is Docker's config with the registry credentials)`);
  }
  const keys = authKeys(registry);
  for (const key of keys) {
    const helper = config.credHelpers?.[key];
    if (helper) return runHelper(helper, registry, env);
  }
  for (const key of keys) {
    const a = config.auths?.[key];
    if (!a) continue;
    if (a.identitytoken) return { identityToken: a.identitytoken, source: file };
    if (a.auth) {
      const decoded = Buffer.from(a.auth, 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      if (sep < 0) throw new OffmainError(`${file}: auths["${key}"].auth is not base64 of user:password; log in again with docker login ${registry}`);
      return { username: decoded.slice(0, sep), password: decoded.slice(sep + 1), source: file };
    }
    if (a.username && a.password) return { username: a.username, password: a.password, source: file };
  }
  if (config.credsStore) return runHelper(config.credsStore, registry, env);
  return undefined;
}
