/**
 * What a deploy says: the commit message (push mode; also the pull request's title and body) naming what
 * moved, from which version to which, with the upstream compare link, the patches and the digests; and the
 * job summary of the deploy with its freshness.
 */
import { cell } from '../core/markdown.js';
import { commitUrl, compareUrl, redactUrl } from '../core/remote.js';
import { canonicalRepository, formatImageRef } from '../build/index.js';
import { parseImageTag, type PatchReport } from '../patch/index.js';
import type { BumpResult, ImageTarget } from './bump.js';
import { freshnessMarkdown } from './freshness.js';
import type { DeployResult } from './step.js';

/** The last path component of an image repository: `ghcr.io/acme/mastodon` -> `mastodon`. */
export function imageName(repository: string): string {
  return repository.split('/').pop() ?? repository;
}

/** A tag's display version when it is offmain's, else the tag itself. */
export function displayOf(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  return parseImageTag(tag)?.display ?? tag;
}

export interface CommitMessageInput {
  images: ImageTarget[];
  bump: Pick<BumpResult, 'changes' | 'files' | 'previous'>;
  /** Display version of the build, if known. */
  version?: string;
  /** Path prefix of the bumped directory inside the repository ('' for the root). */
  prefix?: string;
  upstream?: { repository: string; ref?: string; commit?: string };
  patchReport?: PatchReport;
}

/** `mastodon 4.7.0+c5b3651 -> 4.8.0-alpha.1+2f40549` and a body with links, patches, images, files. */
export function deployCommitMessage(input: CommitMessageInput): { subject: string; body: string; message: string } {
  const moving = input.images.filter((t) => input.bump.changes.some((c) => canonicalRepository(c.repository) === canonicalRepository(t.repository)));
  const lead = moving[0] ?? input.images[0]!;
  const before = input.bump.previous[lead.repository];
  const from = before?.display ?? before?.tag ?? '(none)';
  const to = lead === input.images[0] && input.version ? input.version : displayOf(lead.tag)!;
  const subject = `${imageName(lead.repository)} ${from} -> ${to}`;

  const body: string[] = [];
  const u = input.upstream;
  if (u) {
    const oldSha = before?.tag ? parseImageTag(before.tag)?.shortSha : undefined;
    const newSha = u.commit ?? parseImageTag(lead.tag)?.shortSha;
    const cmp = oldSha && newSha && oldSha !== newSha.slice(0, oldSha.length) ? compareUrl(u.repository, oldSha, newSha) : undefined;
    if (cmp) body.push(`Upstream changes: ${cmp}`);
    if (newSha) {
      const link = commitUrl(u.repository, newSha);
      body.push(`Upstream commit: ${link ?? `${newSha} of ${redactUrl(u.repository)}`}${u.ref ? ` (${u.ref})` : ''}`);
    }
    if (body.length) body.push('');
  }
  const patches = input.patchReport?.patches ?? [];
  if (patches.length) {
    body.push('Patches:');
    for (const p of patches) body.push(`- ${p.id}: ${p.status}${p.reason ? ` (${p.reason.split('\n')[0]})` : ''}`);
    body.push('');
  }
  body.push('Images:');
  for (const t of input.images) {
    const moved = moving.includes(t) ? '' : ' (already there)';
    body.push(`- ${formatImageRef(t)}${moved}`);
  }
  body.push('');
  body.push('Files:');
  const prefix = input.prefix ? `${input.prefix.replace(/\/+$/, '')}/` : '';
  for (const f of input.bump.files) {
    const n = input.bump.changes.filter((c) => c.file === f).length;
    body.push(`- ${prefix}${f}${n > 1 ? ` (${n} references)` : ''}`);
  }
  const text = body.join('\n').trimEnd();
  return { subject, body: text, message: `${subject}\n\n${text}\n` };
}

function table(rows: string[][]): string {
  return ['| | |', '| --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The job summary of a deploy. */
export function deploySummaryMarkdown(r: DeployResult): string {
  const rows: string[][] = [
    ['Config repository', `${cell(r.repository)} (${cell(r.branch)})`],
    ['Deployed before', r.previous.version ? `\`${cell(r.previous.version)}\`` : 'unknown'],
    ['Deployed now', `\`${cell(r.next.version)}\``],
  ];
  if (r.upstream?.compareUrl) rows.push(['Upstream changes', `[compare](${r.upstream.compareUrl})`]);
  if (r.pullRequest) {
    rows.push(['Pull request', `[#${r.pullRequest.number}](${r.pullRequest.url}) ${r.pullRequest.created ? 'opened' : 'updated'} from \`${cell(r.pullRequest.branch)}\``]);
    if (r.pullRequest.autoMerge) rows.push(['Auto-merge', r.pullRequest.autoMerge === 'enabled' ? 'enabled' : `not enabled: ${cell(r.pullRequest.autoMerge)}`]);
    if (r.pullRequest.closed.length) rows.push(['Superseded', r.pullRequest.closed.map((n) => `#${n}`).join(', ') + ' closed']);
  }
  if (r.commit) {
    const short = `\`${r.commit.slice(0, 7)}\``;
    rows.push(['Commit', r.commitUrl ? `[${short}](${r.commitUrl})` : short]);
  } else {
    rows.push(['Commit', `none: ${cell(r.reason ?? 'nothing changed')}`]);
  }
  if (r.files.length) rows.push(['Files', r.files.map((f) => `\`${cell(f)}\``).join(', ')]);
  const images = r.images.map((t) => {
    const moved = r.changes.some((c) => canonicalRepository(c.repository) === canonicalRepository(t.repository));
    return [`\`${cell(t.repository)}\``, `\`${cell(t.tag)}\``, t.digest ? `\`${t.digest}\`` : '', moved ? 'updated' : 'already there'];
  });
  const out = [
    `## offmain deploy: ${r.changed ? (r.mode === 'push' ? 'pushed' : 'pull request') : 'no change'}`,
    '',
    table(rows),
    '',
    '### Images',
    '',
    '| Image | Tag | Digest | |',
    '| --- | --- | --- | --- |',
    ...images.map((x) => `| ${x.join(' | ')} |`),
    '',
  ];
  if (r.freshness) out.push(freshnessMarkdown(r.freshness));
  else if (r.freshnessError) out.push('### Freshness', '', `Not measured: ${cell(r.freshnessError)}`, '');
  return out.join('\n');
}

