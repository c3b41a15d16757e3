/**
 * A small client for the OCI distribution API (v2), with the credentials Docker already has: what the
 * build step needs to ask "does this tag exist, and which upstream revision does it carry?" before it
 * builds anything, to read back what it pushed, and to push an OCI layout by digest.
 *
 * Credentials come from the Docker config (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`):
 * `auths[host].auth` (base64 `user:password`), `username`/`password`, or `identitytoken`; a credential
 * helper (`credHelpers[host]` / `credsStore`) is asked through `docker-credential-NAME get`. Both auth
 * schemes registries use are supported: Basic (a plain registry with htpasswd) and Bearer tokens
 * (ghcr.io, Docker Hub, ...), anonymous when there are no credentials. Names and shapes: oci.ts.
 *
 * Reads that only ask whether something exists (a manifest, a digest, the tag list) take a 403 as "not
 * there": ghcr.io answers 403 for a package that does not exist yet. The refusal is kept (`unreadable`),
 * and `checkPush` asks the one question that tells a new package from a bad token: may this account push?
 * A refused push is always an error, with what to do (refusal.ts). A 401 stays an error everywhere.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { OffmainError } from '../core/errors.js';
import { isLoopbackHost } from '../core/remote.js';
import { parseChallenge, realmUrl, type Challenge } from './challenge.js';
import {
  isIndexMediaType,
  locate,
  MANIFEST_ACCEPT,
  type Descriptor,
  type ImageDescription,
  type Manifest,
  type ManifestJson,
  type PlatformImage,
  parseReply,
  RegistryError,
  type RegistryLocation,
} from './oci.js';
import { credentialsFor, dockerConfigPath, type Credentials } from './credentials.js';
import { anonymousRefused, credentialsRefused, errorDetail, isGhcr, pushRefused, readRefused, type RefusalContext } from './refusal.js';

export {
  isIndexMediaType,
  locate,
  MANIFEST_ACCEPT,
  MEDIA,
  type Descriptor,
  type ImageDescription,
  type Manifest,
  type ManifestJson,
  type PlatformImage,
  RegistryError,
  type RegistryLocation,
} from './oci.js';

export interface RegistryClientOptions {
  env?: NodeJS.ProcessEnv;
  /** Per-request timeout for API calls (not blob uploads), default 30 s. */
  timeoutMs?: number;
}


/** How a request is refused: a read, a push, and whether the token service said it. */
interface RefusalKind {
  push?: boolean;
  tokenService?: boolean;
  detail?: string;
}

/** One key per repository however it is spelled (`docker.io/x` and `x`). */
function canonical(repository: string): string {
  const loc = locate(repository);
  return `${loc.registry}/${loc.path}`;
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export class RegistryClient {
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;
  private readonly creds = new Map<string, Promise<Credentials | undefined>>();
  private readonly challenges = new Map<string, Challenge | null>();
  private readonly tokens = new Map<string, string>();
  /** Per repository, why its last read was refused with 403 (taken as "not there"). */
  private readonly refusedReads = new Map<string, string>();
  /** Repositories read with the push token: their reads were refused, their push was not. */
  private readonly readAsPusher = new Set<string>();
  private readonly pushChecks = new Map<string, Promise<void>>();
  /** Requests made, for tests and the benchmark. */
  requests = 0;

  constructor(opts: RegistryClientOptions = {}) {
    this.env = opts.env ?? process.env;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  private credentials(registry: string): Promise<Credentials | undefined> {
    let c = this.creds.get(registry);
    if (!c) {
      c = credentialsFor(registry, this.env);
      this.creds.set(registry, c);
    }
    return c;
  }

  private async authorization(loc: RegistryLocation, scope: string, challenge: Challenge, push: boolean): Promise<string | undefined> {
    const creds = await this.credentials(loc.registry);
    if (challenge.scheme === 'basic') {
      if (!creds?.username || creds.password === undefined) return undefined;
      return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    }
    const key = `${loc.registry} ${scope}`;
    const cached = this.tokens.get(key);
    if (cached) return cached;
    const realm = realmUrl(loc.registry, challenge.realm);
    const url = new URL(realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    url.searchParams.set('scope', scope);
    let res: Response;
    try {
      this.requests++;
      if (creds?.identityToken) {
        const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identityToken, scope, client_id: 'offmain' });
        if (challenge.service) form.set('service', challenge.service);
        res = await fetch(realm, { method: 'POST', body: form, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs) });
      } else {
        const headers: Record<string, string> = {};
        if (creds?.username && creds.password !== undefined) {
          headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        }
        res = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs) });
      }
    } catch (e) {
      throw new RegistryError(`registry ${loc.registry}: its token service ${url.origin} cannot be reached (${(e as Error).message})`, loc.registry);
    }
    if (res.status === 401 || res.status === 403) {
      throw this.refused(loc, creds, res.status, { push, tokenService: true, detail: await this.detailOf(loc, res) });
    }
    if (!res.ok) throw new RegistryError(`registry ${loc.registry}: its token service answered HTTP ${res.status}`, loc.registry, res.status);
    const body = parseReply(loc, 'its token service\'s answer', Buffer.from(await res.arrayBuffer())) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`registry ${loc.registry}: its token service returned no token`, loc.registry);
    const value = `Bearer ${token}`;
    this.tokens.set(key, value);
    return value;
  }

  /**
   * The error for a refusal: a 401 from the token service, or on a read, is about the credentials; a 403 on a
   * read is a read refusal (the read methods take it as "not there"); anything refused on a push is a push
   * refusal, with what to do (for ghcr.io, GitHub's own three causes).
   */
  private refused(loc: RegistryLocation, creds: Credentials | undefined, status: number, kind: RefusalKind = {}): RegistryError {
    const ghcr = isGhcr(loc.registry, this.challenges.get(loc.registry));
    const ctx: RefusalContext = { registry: loc.registry, path: loc.path, creds, configPath: dockerConfigPath(this.env), ghcr, env: this.env };
    const detail = kind.detail ?? '';
    if (status === 403 && !kind.push) {
      const r = readRefused(ctx, status, detail, kind.tokenService ? 'its token service' : 'the registry');
      return new RegistryError(r.message, loc.registry, status, r.reason);
    }
    if (!creds) return new RegistryError(anonymousRefused(ctx, status), loc.registry, status);
    if (status === 401 && (kind.tokenService || !kind.push)) return new RegistryError(credentialsRefused({ ...ctx, creds }, status), loc.registry, status);
    return new RegistryError(pushRefused({ ...ctx, creds }, status, detail), loc.registry, status);
  }

  /** The error code and message of a refusal's body, without any secret offmain holds. */
  private async detailOf(loc: RegistryLocation, res: Response): Promise<string> {
    let body = '';
    try {
      body = (await res.text()).slice(0, 64 * 1024);
    } catch {
      /* no body */
    }
    const creds = await this.credentials(loc.registry);
    const tokens = [...this.tokens.values()].map((t) => t.replace(/^Bearer /, ''));
    return errorDetail(body, [creds?.password, creds?.identityToken, ...tokens]);
  }

  /** One API request with authentication: anonymous first, then the challenge the registry answers with. */
  private async request(
    loc: RegistryLocation,
    pathAndQuery: string,
    init: { method?: string; headers?: Record<string, string>; body?: () => BodyInit; push?: boolean; timeout?: boolean; absolute?: string },
  ): Promise<Response> {
    const push = Boolean(init.push);
    const scope = `repository:${loc.path}:${push || this.readAsPusher.has(`${loc.registry}/${loc.path}`) ? 'pull,push' : 'pull'}`;
    const url = init.absolute ?? `${loc.scheme}://${loc.apiHost}/v2/${pathAndQuery}`;
    const hostKey = loc.registry;
    const origin = new URL(`${loc.scheme}://${loc.apiHost}/`).origin;
    const send = async (auth: string | undefined): Promise<Response> => {
      this.requests++;
      const body = init.body?.();
      const method = init.method ?? 'GET';
      try {
        // Redirects are followed here, not by fetch: the credentials go to the registry's own origin only
        // (a blob redirected to a CDN gets none), and never from https down to plain http elsewhere.
        let target = new URL(url);
        for (let hop = 0; ; hop++) {
          const headers: Record<string, string> = { ...(init.headers ?? {}) };
          if (auth && target.origin === origin) headers.Authorization = auth;
          const res = await fetch(target, {
            method,
            headers,
            body: hop === 0 ? body : undefined,
            redirect: 'manual',
            ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
            signal: init.timeout === false ? undefined : AbortSignal.timeout(this.timeoutMs),
          } as RequestInit);
          const location = res.headers.get('location');
          if (![301, 302, 303, 307, 308].includes(res.status) || !location || (method !== 'GET' && method !== 'HEAD')) return res;
          await res.body?.cancel();
          if (hop >= 5) throw new RegistryError(`registry ${loc.registry}: more than 5 redirects for ${loc.path}`, loc.registry);
          target = new URL(location, target);
          if (target.protocol !== 'https:' && !(target.protocol === 'http:' && isLoopbackHost(target.host))) {
            throw new RegistryError(
              `registry ${loc.registry} redirected a request for ${loc.path} to ${target.protocol}//${target.host}: offmain only follows https (or this machine); check the registry`,
              loc.registry,
            );
          }
        }
      } catch (e) {
        if (e instanceof RegistryError) throw e;
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw new RegistryError(
          `registry ${loc.registry} cannot be reached at ${loc.scheme}://${loc.apiHost} (${cause?.code ?? cause?.message ?? (e as Error).message}): check the registry host in the image name`,
          loc.registry,
        );
      }
    };

    let challenge = this.challenges.get(hostKey);
    let auth = challenge ? await this.authorization(loc, scope, challenge, push) : undefined;
    let res = await send(auth);
    if (res.status === 401) {
      await res.body?.cancel();
      const c = parseChallenge(res.headers.get('www-authenticate'));
      if (!c) throw this.refused(loc, await this.credentials(loc.registry), 401, { push });
      challenge = c;
      this.challenges.set(hostKey, c);
      this.tokens.delete(`${loc.registry} ${scope}`);
      auth = await this.authorization(loc, scope, c, push);
      if (!auth && c.scheme === 'basic') throw this.refused(loc, undefined, 401, { push });
      res = await send(auth);
      if (res.status === 401) {
        await res.body?.cancel();
        throw this.refused(loc, await this.credentials(loc.registry), 401, { push });
      }
    }
    if (res.status === 403) {
      throw this.refused(loc, await this.credentials(loc.registry), 403, { push, detail: await this.detailOf(loc, res) });
    }
    return res;
  }

  private async failed(loc: RegistryLocation, what: string, res: Response): Promise<RegistryError> {
    const detail = await this.detailOf(loc, res);
    return new RegistryError(`registry ${loc.registry}: ${what} answered HTTP ${res.status}${detail ? ` (${detail})` : ''}`, loc.registry, res.status);
  }

  /**
   * A read that asks whether something exists: a 403 is "not there" (`absent`), and why is kept for
   * `unreadable`. Every other refusal or failure is thrown.
   */
  private async existenceRead<T>(repository: string, read: () => Promise<T>, absent: T): Promise<T> {
    const key = canonical(repository);
    try {
      const value = await read();
      this.refusedReads.delete(key);
      return value;
    } catch (e) {
      if (!(e instanceof RegistryError) || !e.readRefusal) throw e;
      this.refusedReads.set(key, e.readRefusal);
      return absent;
    }
  }

  /**
   * Why the last read of a repository was refused (`HTTP 403, DENIED: denied from its token service`), when
   * it was: what offmain took as "not there" without knowing.
   */
  unreadable(repository: string): string | undefined {
    return this.refusedReads.get(canonical(repository));
  }

  /**
   * Whether the credentials Docker has may push to a repository, asked the way every push starts: an upload
   * is opened and cancelled at once (no blob, manifest or tag is written). A refusal throws, with what to do.
   * Other answers are left to the push itself. Once a push is allowed, a repository whose reads were refused
   * is read with the push token from then on (ghcr.io gives it for a package this job may create).
   */
  checkPush(repository: string): Promise<void> {
    const key = canonical(repository);
    let check = this.pushChecks.get(key);
    if (!check) {
      check = this.probePush(repository).then(() => {
        if (this.refusedReads.has(key)) this.readAsPusher.add(key);
      });
      this.pushChecks.set(key, check);
    }
    return check;
  }

  private async probePush(repository: string): Promise<void> {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/blobs/uploads/`, { method: 'POST', push: true, headers: { 'Content-Length': '0' } });
    await res.body?.cancel();
    const location = res.headers.get('location');
    if (res.status !== 202 || !location) return;
    try {
      const url = new URL(location, `${loc.scheme}://${loc.apiHost}/`);
      const del = await this.request(loc, '', { method: 'DELETE', push: true, absolute: url.toString() });
      await del.body?.cancel();
    } catch {
      // Not every registry cancels uploads (ghcr.io answers 405); an open upload expires by itself.
    }
  }

  /** Checks that the registry answers and accepts the credentials Docker has (GET /v2/ and a pull token). */
  async check(repository: string): Promise<void> {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/tags/list?n=1`, {});
    await res.body?.cancel();
    if (res.status >= 500) throw await this.failed(loc, `listing ${loc.path}`, res);
  }

  /** A manifest or index by tag or digest, or undefined when the registry does not have it (404, or 403: see above). */
  manifest(repository: string, reference: string): Promise<Manifest | undefined> {
    return this.existenceRead(repository, async () => {
      const loc = locate(repository);
      const res = await this.request(loc, `${loc.path}/manifests/${reference}`, { headers: { Accept: MANIFEST_ACCEPT } });
      if (res.status === 404) {
        await res.body?.cancel();
        return undefined;
      }
      if (!res.ok) throw await this.failed(loc, `GET ${loc.path}/manifests/${reference}`, res);
      const bytes = Buffer.from(await res.arrayBuffer());
      const json = parseReply(loc, `the manifest ${loc.path}:${reference}`, bytes) as ManifestJson;
      const mediaType = json.mediaType ?? res.headers.get('content-type')?.split(';')[0] ?? '';
      return { digest: res.headers.get('docker-content-digest') ?? sha256(bytes), mediaType, bytes, json };
    }, undefined);
  }

  /** The digest of a tag (HEAD), or undefined (404, or 403: see above). */
  async digest(repository: string, reference: string): Promise<string | undefined> {
    const head = await this.existenceRead(repository, async () => {
      const loc = locate(repository);
      const res = await this.request(loc, `${loc.path}/manifests/${reference}`, { method: 'HEAD', headers: { Accept: MANIFEST_ACCEPT } });
      if (res.status === 404) return { found: false };
      if (!res.ok) throw new RegistryError(`registry ${loc.registry}: HEAD ${loc.path}/manifests/${reference} answered HTTP ${res.status}`, loc.registry, res.status);
      return { found: true, digest: res.headers.get('docker-content-digest') ?? undefined };
    }, { found: false });
    if (!head.found) return undefined;
    return head.digest ?? (await this.manifest(repository, reference))?.digest;
  }

  /** The tags of a repository; none when it does not exist (404, or 403: see above). */
  tags(repository: string): Promise<string[]> {
    return this.existenceRead(repository, async () => {
      const loc = locate(repository);
      const res = await this.request(loc, `${loc.path}/tags/list`, {});
      if (res.status === 404) {
        await res.body?.cancel();
        return [];
      }
      if (!res.ok) throw await this.failed(loc, `listing the tags of ${loc.path}`, res);
      const tags = (parseReply(loc, `the tag list of ${loc.path}`, Buffer.from(await res.arrayBuffer())) as { tags?: unknown }).tags ?? [];
      if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) throw new RegistryError(`registry ${loc.registry}: the tag list of ${loc.path} is not a list of tags`, loc.registry);
      return tags as string[];
    }, [] as string[]);
  }

  async blob(repository: string, digest: string): Promise<Buffer> {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/blobs/${digest}`, {});
    if (!res.ok) throw await this.failed(loc, `GET ${loc.path}/blobs/${digest}`, res);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The labels of an image config blob. */
  async configLabels(repository: string, manifest: ManifestJson): Promise<Record<string, string>> {
    if (!manifest.config) return {};
    const config = parseReply(locate(repository), `the image config ${manifest.config.digest}`, await this.blob(repository, manifest.config.digest)) as {
      config?: { Labels?: Record<string, string> | null };
    };
    return config.config?.Labels ?? {};
  }

  /**
   * What a tag is: its digest, platforms (with sizes when `sizes`), annotations, attestation count and,
   * when `labels`, the config labels of its first platform. Undefined when the tag does not exist.
   */
  async describe(repository: string, reference: string, opts: { labels?: boolean; sizes?: boolean } = {}): Promise<ImageDescription | undefined> {
    const top = await this.manifest(repository, reference);
    if (!top) return undefined;
    const out: ImageDescription = {
      repository,
      reference,
      digest: top.digest,
      mediaType: top.mediaType,
      annotations: top.json.annotations ?? {},
      platforms: [],
      attestations: 0,
    };
    const size = (m: ManifestJson) => (m.config?.size ?? 0) + (m.layers ?? []).reduce((s, l) => s + l.size, 0);
    let first: ManifestJson | undefined;
    if (isIndexMediaType(top.mediaType)) {
      for (const d of top.json.manifests ?? []) {
        if (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') {
          out.attestations++;
          continue;
        }
        const p = d.platform;
        const platform = p ? [p.os, p.architecture, p.variant].filter(Boolean).join('/') : 'unknown';
        const entry: PlatformImage = { platform, digest: d.digest, annotations: d.annotations ?? {} };
        if (opts.sizes || (opts.labels && !first)) {
          const m = await this.manifest(repository, d.digest);
          if (m) {
            if (opts.sizes) entry.size = size(m.json);
            entry.annotations = { ...(m.json.annotations ?? {}), ...entry.annotations };
            first ??= m.json;
          }
        }
        out.platforms.push(entry);
      }
    } else {
      first = top.json;
      out.platforms.push({ platform: 'unknown', digest: top.digest, annotations: top.json.annotations ?? {}, ...(opts.sizes ? { size: size(top.json) } : {}) });
    }
    if (opts.labels && first) out.labels = await this.configLabels(repository, first);
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Pushing by digest
  // -------------------------------------------------------------------------------------------

  async blobExists(repository: string, digest: string, push = false): Promise<boolean> {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/blobs/${digest}`, { method: 'HEAD', push });
    return res.ok;
  }

  /** Uploads one blob (monolithic: POST then PUT) unless the repository has it already. */
  async uploadBlob(repository: string, digest: string, size: number, body: () => BodyInit): Promise<boolean> {
    if (await this.blobExists(repository, digest, true)) return false;
    const loc = locate(repository);
    const start = await this.request(loc, `${loc.path}/blobs/uploads/`, { method: 'POST', push: true, headers: { 'Content-Length': '0' } });
    if (start.status !== 202) throw await this.failed(loc, `starting an upload to ${loc.path}`, start);
    await start.body?.cancel();
    const location = start.headers.get('location');
    if (!location) throw new RegistryError(`registry ${loc.registry}: an upload started without a Location`, loc.registry);
    const url = new URL(location, `${loc.scheme}://${loc.apiHost}/`);
    url.searchParams.set('digest', digest);
    const put = await this.request(loc, '', {
      method: 'PUT',
      push: true,
      absolute: url.toString(),
      timeout: false,
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
      body,
    });
    if (put.status !== 201) throw await this.failed(loc, `uploading ${digest} to ${loc.path}`, put);
    await put.body?.cancel();
    return true;
  }

  async putManifest(repository: string, reference: string, mediaType: string, bytes: Buffer): Promise<string> {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/manifests/${reference}`, {
      method: 'PUT',
      push: true,
      headers: { 'Content-Type': mediaType },
      body: () => bytes as unknown as BodyInit,
    });
    if (res.status !== 201) throw await this.failed(loc, `PUT ${loc.path}/manifests/${reference}`, res);
    await res.body?.cancel();
    return res.headers.get('docker-content-digest') ?? sha256(bytes);
  }

  /** Points more tags at a manifest the repository already has (the same bytes, so the same digest). */
  async tag(repository: string, digest: string, tags: readonly string[]): Promise<void> {
    const m = await this.manifest(repository, digest);
    if (!m) throw new RegistryError(`registry ${locate(repository).registry}: ${repository}@${digest} does not exist, so it cannot be tagged`, locate(repository).registry);
    for (const t of tags) {
      const d = await this.putManifest(repository, t, m.mediaType, m.bytes);
      if (d !== digest) throw new RegistryError(`registry ${locate(repository).registry}: tagging ${repository}:${t} gave ${d}, not ${digest}`, locate(repository).registry);
    }
  }

  /**
   * Pushes what an OCI image layout holds (the manifest or index its index.json names, with every
   * manifest and blob below it) to a repository, by digest only: no tag is created. Returns the digest.
   */
  async pushOciLayout(layoutDir: string, repository: string): Promise<{ digest: string; uploaded: number; bytes: number }> {
    const index = JSON.parse(await readFile(join(layoutDir, 'index.json'), 'utf8')) as ManifestJson;
    const root = index.manifests?.[0];
    if (!root) throw new OffmainError(`${layoutDir}/index.json names no image: the build exported nothing`);
    const blobPath = (digest: string) => join(layoutDir, 'blobs', ...digest.split(':'));
    let uploaded = 0;
    let bytes = 0;
    const pushBlob = async (d: Descriptor) => {
      const file = blobPath(d.digest);
      const size = statSync(file).size;
      const did = await this.uploadBlob(repository, d.digest, size, () =>
        size < 4 * 1024 * 1024 ? (readFileSync(file) as unknown as BodyInit) : (Readable.toWeb(createReadStream(file)) as unknown as BodyInit),
      );
      if (did) {
        uploaded++;
        bytes += size;
      }
    };
    const pushManifest = async (d: Descriptor): Promise<void> => {
      const raw = await readFile(blobPath(d.digest));
      const json = JSON.parse(raw.toString('utf8')) as ManifestJson;
      if (isIndexMediaType(d.mediaType)) {
        for (const child of json.manifests ?? []) await pushManifest(child);
      } else {
        await Promise.all([...(json.config ? [json.config] : []), ...(json.layers ?? [])].map(pushBlob));
      }
      await this.putManifest(repository, d.digest, d.mediaType, raw);
    };
    await pushManifest(root);
    return { digest: root.digest, uploaded, bytes };
  }
}
