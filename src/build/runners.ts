/**
 * One native GitHub runner per platform, for the distributed build (one job per platform, pushed by
 * digest, then merged): the matrix the reusable workflow builds from its `platforms` input. A runner label
 * can be replaced per platform (larger or self-hosted runners), and a foreign platform can be `emulate`d
 * under QEMU on the amd64 runner instead.
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
  /** Built under QEMU on the amd64 runner (`--runner linux/arm64=emulate`). */
  emulate: boolean;
}

export const EMULATE = 'emulate';

/** `labels`: platform -> runner label, or `emulate` (QEMU on the linux/amd64 runner). */
export function runnerMatrix(platforms: string, labels: Readonly<Record<string, string>> = {}): { include: RunnerLeg[] } {
  const runners = { ...NATIVE_RUNNERS, ...labels };
  for (const [platform, label] of Object.entries(labels)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(label)) {
      throw new OffmainError(`runner label "${label}" for ${platform} is not a runner label: give one label such as ubuntu-24.04, or emulate`);
    }
  }
  return {
    include: parsePlatforms(platforms).map((platform) => {
      const emulate = runners[platform] === EMULATE && platform !== 'linux/amd64';
      const runner = emulate ? runners['linux/amd64'] : runners[platform];
      if (!runner) {
        throw new OffmainError(
          `platform ${platform} has no native GitHub runner: expected one of ${Object.keys(NATIVE_RUNNERS).join(', ')} (or build it under QEMU with action-build mode all)`,
        );
      }
      if (runner === EMULATE) throw new OffmainError('linux/amd64 cannot be emulated: give its runner a label');
      return { platform, runner, slug: platformSlug(platform), emulate };
    }),
  };
}
