/** The images and fixtures the bump and deploy tests share (test/fixtures/configrepo). */
import { fileURLToPath } from 'node:url';
import type { ImageTarget } from '../../src/deploy/bump.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/configrepo', import.meta.url));
export const M = 'ghcr.io/acme/mastodon';
export const S = 'ghcr.io/acme/mastodon-streaming';
export const OLD = '4.8.0-alpha.1_2f40549';
export const NEW = '4.8.0-alpha.2_9c1e3d0';
export const DA = `sha256:${'a1'.repeat(32)}`;
export const DB = `sha256:${'b2'.repeat(32)}`;
export const TARGETS: ImageTarget[] = [
  { repository: M, tag: NEW, digest: DA },
  { repository: S, tag: NEW, digest: DB },
];
export const POLICIES = { 'flux-system:mastodon': M, 'flux-system:mastodon-streaming': S };
