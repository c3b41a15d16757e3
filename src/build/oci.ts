/**
 * The names and shapes of the OCI distribution API (v2) that offmain speaks: media types, where a repository
 * lives (registry, API host, path, scheme), and manifests, descriptors and what a tag is (`ImageDescription`).
 * Loopback registries (127.0.0.1, localhost, [::1]) are plain HTTP, as Docker treats them; all others HTTPS.
 * Also the error every registry call throws (`RegistryError`), and the one way a reply is parsed (`parseReply`):
 * a reply that is not JSON is one line naming what it was, never the reply itself.
 */
import { OffmainError } from '../core/errors.js';
import { isLoopbackHost } from '../core/remote.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

export const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(', ');

export function isIndexMediaType(mediaType: string | undefined): boolean {
  return mediaType === MEDIA.ociIndex || mediaType === MEDIA.dockerList;
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

export interface RegistryLocation {
  /** The registry as written in the image name (`ghcr.io`, `docker.io`, `127.0.0.1:5000`). */
  registry: string;
  /** Where its API answers (`registry-1.docker.io` for Docker Hub). */
  apiHost: string;
  /** The repository path inside the registry (`owner/mastodon`, `library/x`). */
  path: string;
  /** `http` for loopback registries, `https` otherwise. */
  scheme: 'http' | 'https';
}

const DOCKER_HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** Where a repository lives: `owner/x` -> Docker Hub `owner/x`; `x` -> Docker Hub `library/x`. */
export function locate(repository: string): RegistryLocation {
  const parts = repository.split('/');
  const first = parts[0] ?? '';
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasHost ? first.toLowerCase() : 'docker.io';
  let path = hasHost ? parts.slice(1).join('/') : repository;
  const hub = DOCKER_HUB_NAMES.has(registry);
  if (hub && !path.includes('/')) path = `library/${path}`;
  return {
    registry: hub ? 'docker.io' : registry,
    apiHost: hub ? 'registry-1.docker.io' : registry,
    path,
    scheme: isLoopbackHost(registry) ? 'http' : 'https',
  };
}

export interface Manifest {
  digest: string;
  mediaType: string;
  /** The exact bytes the registry returned (their sha256 is the digest). */
  bytes: Buffer;
  json: ManifestJson;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ManifestJson {
  schemaVersion?: number;
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
  annotations?: Record<string, string>;
}

export interface PlatformImage {
  /** `linux/amd64`, `linux/arm/v7`. */
  platform: string;
  digest: string;
  /** Compressed size: config plus layers. */
  size?: number;
  annotations: Record<string, string>;
}

export interface ImageDescription {
  repository: string;
  reference: string;
  digest: string;
  mediaType: string;
  /** Annotations of the index (or of the manifest, for a single-platform image). */
  annotations: Record<string, string>;
  platforms: PlatformImage[];
  /** Attestation manifests (provenance, SBOM) in the index. */
  attestations: number;
  /** Labels of the image config (of the first platform), when asked for. */
  labels?: Record<string, string>;
}

/** A refused or failed registry call; the message names the registry and what to do. */
export class RegistryError extends OffmainError {
  constructor(
    message: string,
    readonly registry: string,
    readonly status?: number,
    /** A read refused with 403: why, in a few words (the read methods take it as "not there"). */
    readonly readRefusal?: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/**
 * A registry's JSON reply, or one line that names what could not be read: a parser's message would quote the
 * reply, which is the registry's text, not offmain's (it could hold a `::` runner command).
 */
export function parseReply(loc: RegistryLocation, what: string, bytes: Buffer): unknown {
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof v !== 'object' || v === null) throw new Error('not an object');
    return v;
  } catch {
    throw new RegistryError(`registry ${loc.registry}: ${what} is not the JSON object the registry API returns (${bytes.length} bytes)`, loc.registry);
  }
}

