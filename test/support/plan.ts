/** A build plan for one of the Mastodon-shaped fixture trees, at a fixed upstream commit (the plan and buildx tests). */
import { join } from 'node:path';
import { planBuild, readBuildTree, type PlanInput } from '../../src/build/plan.js';
import { versionOf } from '../../src/patch/version.js';
import { FIXTURES } from './tmp.js';

export const SHA = '2f40549d1e8a7c2b9f3e4d5c6b7a8e9f0a1b2c3d';

export async function planFor(line: string, extra: Partial<PlanInput> = {}) {
  const dir = join(FIXTURES, line);
  const version = await versionOf(dir, SHA);
  return planBuild(
    { dir, commit: SHA, commitTime: '2026-08-21T16:03:11+02:00', version, images: ['ghcr.io/acme/mastodon'], ...extra },
    await readBuildTree(dir),
  );
}
