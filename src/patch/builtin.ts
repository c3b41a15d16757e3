/**
 * The patch sets offmain ships, by name. Each is a YAML file in patches/ bundled as text (esbuild's
 * text loader; a vite plugin in tests), so the published action never reads files at run time.
 */
import redisTls from '../../patches/redis-tls.yml';
import versionMetadata from '../../patches/version-metadata.yml';

export const BUILTIN_PATCH_SETS: Readonly<Record<string, string>> = Object.freeze({
  'redis-tls': redisTls,
  'version-metadata': versionMetadata,
});

/** What a run applies when the admin names no patch set. */
export const DEFAULT_PATCH_SETS: readonly string[] = Object.freeze(['redis-tls', 'version-metadata']);

export function builtinPatchSetNames(): string[] {
  return Object.keys(BUILTIN_PATCH_SETS).sort();
}

export function builtinPatchSet(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(BUILTIN_PATCH_SETS, name) ? BUILTIN_PATCH_SETS[name] : undefined;
}
