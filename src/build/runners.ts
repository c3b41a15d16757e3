/**
 * One native GitHub runner per platform, for the distributed build (one job per platform, pushed by
 * digest, then merged): the matrix the reusable workflow builds from its `platforms` input.
 */
import { parsePlatforms, platformSlug } from './plan.js';
import { OffmainError } from '../core/errors.js';

export const NATIVE_RUNNERS: Readonly<Record<string, string>> = Object.freeze({
  'linux/amd64': 'ubuntu-24.04',
  'linux/arm64': 'ubuntu-24.04-arm',
});

export interface RunnerLeg {
  platform: string;
  runner: string;
  /** The platform as a name fragment (artifact names, cache scopes): `linux-arm64`. */
  slug: string;
}

export function runnerMatrix(platforms: string): { include: RunnerLeg[] } {
  return {
    include: parsePlatforms(platforms).map((platform) => {
      const runner = NATIVE_RUNNERS[platform];
      if (!runner) {
        throw new OffmainError(
          `platform ${platform} has no native GitHub runner: expected one of ${Object.keys(NATIVE_RUNNERS).join(', ')} (or build it under QEMU with action-build mode all)`,
        );
      }
      return { platform, runner, slug: platformSlug(platform) };
    }),
  };
}
