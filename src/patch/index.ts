/**
 * The patch stage, as the other stages and the adapters see it: resolve the upstream commit, name its
 * version, apply the patch sets and diffs, report. Everything else in src/patch/ is its inside.
 */
export { resolveUpstream, DEFAULT_REPOSITORY, type ResolveOptions, type Track, type UpstreamCommit } from './upstream.js';
export {
  displayVersionFromTag,
  isValidOciTag,
  parseImageTag,
  semverOf,
  versionOf,
  type VersionInfo,
} from './version.js';
export {
  DEFAULT_PATCH_SETS,
  failureLine,
  headOf,
  patchesDigest,
  patchTree,
  prepare,
  type PatchReport,
  type PatchTreeOptions,
  type PatchTreeResult,
  type PrepareOptions,
  type PrepareResult,
} from './step.js';
export { patchSummaryMarkdown } from './summary.js';
export { stableTags } from './releases.js';
export type { PatchResult, PatchStatus } from './apply.js';
