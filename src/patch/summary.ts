/**
 * The job summary: the table a person wants after a run (upstream commit, version, patches).
 * Pure text, so the action (core.summary) and the CLI print the same thing.
 */
import { cell, table } from '../core/markdown.js';
import { visible } from '../core/untrusted.js';
import type { PatchResult } from './apply.js';
import type { UpstreamCommit } from './upstream.js';
import type { VersionInfo } from './version.js';

const STATUS_MARK: Record<PatchResult['status'], string> = {
  applied: '✅ applied',
  'already-applied': '✅ already applied',
  'not-needed': '➖ not needed',
  failed: '❌ failed',
};

/** A patch step's result (`PatchTreeResult`, or `PrepareResult` with its upstream). */
export interface PatchSummaryInput {
  upstream?: Pick<UpstreamCommit, 'repository' | 'sha' | 'shortSha' | 'date' | 'ref' | 'tag' | 'webUrl'>;
  commit: string;
  version: VersionInfo;
  results: PatchResult[];
  report: { changedFiles: string[] };
}

/** The job summary; what it quotes from upstream and the patch sets shows no invisible text nor an HTML comment. */
export function patchSummaryMarkdown(input: PatchSummaryInput): string {
  const u = input.upstream;
  const short = input.commit.slice(0, 7);
  const commitCell = u?.webUrl ? `[\`${short}\`](${u.webUrl})` : `\`${short}\``;
  const overview: string[][] = [
    ['Upstream commit', `${commitCell}${u ? ` on ${cell(u.tag ?? u.ref)} of ${cell(u.repository)}` : ''}`],
    ...(u ? [['Commit time', u.date]] : []),
    ['Version', `\`${input.version.display}\``],
    ['Image tag', `\`${input.version.imageTag}\``],
    ['Changed files', input.report.changedFiles.length ? input.report.changedFiles.map((f) => `\`${cell(f)}\``).join(', ') : 'none'],
  ];
  const patches = input.results.map((p) => [
    `\`${cell(p.id)}\``,
    STATUS_MARK[p.status],
    cell(
      p.status === 'failed' && p.failure
        ? `${p.failure.file}${p.failure.line ? `:${p.failure.line}` : ''}: expected ${p.failure.expected}${p.reason ? `; ${p.reason}` : ''}`
        : (p.reason ?? p.description),
    ),
  ]);
  return visible([
    '## offmain patch',
    '',
    table(['', ''], overview),
    '',
    '### Patches',
    '',
    patches.length ? table(['Patch', 'Status', 'Details'], patches) : '_No patches were requested._',
    '',
  ].join('\n'));
}
