/**
 * The deploy stage, as the pipeline and the adapters see it: bump the image references in the GitOps
 * config repository, push or open one pull request, and measure how far the cluster is behind upstream.
 * Everything else in src/deploy/ is its inside.
 */
export { deploy, type DeployMode, type DeployOptions, type DeployResult } from './step.js';
export { ConfigCheckout, configRemote, type ConfigRemote } from './configrepo.js';
export { deployCommitMessage, deploySummaryMarkdown } from './message.js';
export { bump, parsePolicies, parseSetArg, type BumpChange, type BumpOptions, type BumpResult, type ImageTarget } from './bump.js';
export { imageKind as adoptedKind } from './bump/adopt.js';
export {
  DEFAULT_MAX_LAG_HOURS,
  freshness,
  freshnessFailure,
  freshnessLine,
  freshnessMarkdown,
  type FreshnessReport,
} from './freshness.js';
export { parseMergeMethod, type MergeMethod } from './pullrequest.js';
export { UpstreamHistory, type CommitTime } from './history.js';
export { computeLag, formatHours } from './freshness.js';
