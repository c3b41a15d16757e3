/**
 * The build stage, as the other stages and the adapters see it: plan the images of a patched tree, skip
 * what the registries already hold, build and push with buildx, and name the image references. Everything
 * else in src/build/ is its inside.
 */
export { build, type BuildOptions, type BuildResult, type ImageResult } from './step.js';
export { buildOutputs, buildSummaryMarkdown, type BuildOutputs } from './summary.js';
export { appliedPatchIds, planBuild, readBuildTree, type BuildPlan } from './plan.js';
export { BUILD_MODES, CACHE_MODES, PUBLIC_BUILD_ARGS, type BuildMode, type CacheMode } from './buildx.js';
export { runnerMatrix } from './runners.js';
export {
  canonicalRepository,
  formatImageRef,
  isValidRepository,
  parseImageRef,
  repositoryPath,
  validateTarget,
  type ImageRef,
} from './imageref.js';
export { describeTag, type TagContent } from './skip.js';
export { RegistryClient } from './registry.js';
export { LABEL, parsePlatforms, streamingName } from './plan.js';
export { runningRepository, validateSourceRepository } from './sourcerepo.js';
