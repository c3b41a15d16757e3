/**
 * A run with nothing new: the decision (decide.ts) found every image of this upstream commit in every
 * registry and the config repository already running it, so the run stops there, before any upstream
 * checkout, patch or build. What it still reports: the upstream commit and version, the images with their
 * digests (from the registries), the config repository's branch and commit, and the freshness (the lag,
 * measured on the run's one upstream history).
 */
import { cell } from '../core/markdown.js';
import { commitUrl } from '../core/remote.js';
import { inline } from '../core/untrusted.js';
import { freshnessMarkdown, type FreshnessReport } from '../deploy/index.js';
import type { Decision } from './decide.js';

export interface NothingNew {
  /** The decision's own line: `nothing new since 4.8.0-alpha.1+2f40549 (2f40549), lag 0 h: ...`. */
  line: string;
  /** Every repository of every image, with its digest and platforms. */
  images: Decision['images'];
  /** `REPOSITORY:TAG@DIGEST` of every repository: what the config repository runs. */
  pinned: string[];
  /** The config repository (without credentials), the branch and the commit it was read at. */
  config: { repository: string; branch: string; commit: string };
  freshness?: FreshnessReport;
  /** Why the lag could not be measured, when it could not. */
  freshnessError?: string;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The job summary section of a run that stopped at the decision. */
export function nothingNewMarkdown(n: NothingNew, upstream: { repository: string; commit: string; version: string; imageTag: string }): string {
  const url = commitUrl(upstream.repository, upstream.commit);
  const short = `\`${upstream.commit.slice(0, 7)}\``;
  const rows = [
    ['Upstream', `${url ? `[${short}](${url})` : short} of ${cell(upstream.repository)}`],
    ['Version', `\`${cell(upstream.version)}\` (tag \`${cell(upstream.imageTag)}\`)`],
    ['Config repository', `${cell(n.config.repository)} (${cell(n.config.branch)} at \`${n.config.commit.slice(0, 7)}\`): runs these images`],
    ['Done', 'nothing: no checkout, no patch, no build, no commit'],
  ];
  const images = n.images.flatMap((i) =>
    i.repositories.map((r) => {
      const digest = r.digest && DIGEST.test(r.digest) ? `\`${r.digest}\`` : 'unreadable';
      return `| ${i.key} | \`${cell(r.repository)}:${cell(upstream.imageTag)}\` | ${digest} | ${cell(inline(r.platforms.join(', '), 200))} |`;
    }),
  );
  const parts = [
    '## offmain: nothing new',
    '',
    cell(inline(n.line, 400)),
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([a, b]) => `| ${a} | ${b} |`),
    '',
    '### Images',
    '',
    '| Image | Reference | Digest | Platforms |',
    '| --- | --- | --- | --- |',
    ...images,
    '',
  ];
  if (n.freshness) parts.push(freshnessMarkdown(n.freshness));
  else if (n.freshnessError) parts.push(`### Freshness\n\nnot measured: ${cell(inline(n.freshnessError, 400))}\n`);
  return parts.join('\n');
}
