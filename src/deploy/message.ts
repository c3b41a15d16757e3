/**
 * What a deploy says: the commit message (push mode; also the pull request's title and body) naming what
 * moved, from which version to which, with the upstream compare link, the patches and the digests; and the
 * job summary of the deploy with its freshness.
 */
import { cell } from '../core/markdown.js';
import { bounded, inline, neutraliseTrailers, visible } from '../core/untrusted.js';
import { commitUrl, compareUrl, redactUrl } from '../core/remote.js';
import { canonicalRepository, formatImageRef } from '../build/index.js';
import { parseImageTag, type PatchReport } from '../patch/index.js';
import type { BumpResult, ImageTarget } from './bump.js';
import { freshnessMarkdown } from './freshness.js';
import { holdsMarkdown } from './hold.js';
import { ROLLOUT_HEADINGS, rolloutLines, rolloutMarkdown, type RolloutReport } from './rollout.js';
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
  /** What the rollout brings (rollout.ts). */
  rollout?: RolloutReport;
}

/** The longest subject line; git's advice is 50–72, GitHub cuts the title of a commit at about 72. */
export const MAX_SUBJECT = 100;
/** The longest commit message (the pull request's body is bounded again by GitHub's own limit). */
export const MAX_MESSAGE = 64 * 1024;
/** At most this many patches and files are listed one by one; the rest are counted. */
const MAX_LISTED = 200;
/** The headings of the body, the only lines of it shaped like a trailer. */
const HEADINGS = ['Patches:', 'Images:', 'Adopted:', 'Files:', ...ROLLOUT_HEADINGS];

/** Up to MAX_LISTED items as `- ...` lines, and how many more there are. */
function listed<T>(items: readonly T[], line: (item: T) => string, what: string): string[] {
  const out = items.slice(0, MAX_LISTED).map((i) => `- ${line(i)}`);
  if (items.length > MAX_LISTED) out.push(`- … and ${items.length - MAX_LISTED} more ${what}`);
  return out;
}

/**
 * `mastodon 4.7.0+c5b3651 -> 4.8.0-alpha.1+2f40549` and a body with links, patches, images, files.
 *
 * Most of it comes from elsewhere (the patch report, the config repository's current tags and file names,
 * the upstream repository and ref, the version), so each such value is put in through `inline`
 * (core/untrusted.ts): one line, no invisible characters, no mention, issue reference or HTML comment, and
 * bounded. The subject is one line of at most MAX_SUBJECT characters, the message at most MAX_MESSAGE.
 */
export function deployCommitMessage(input: CommitMessageInput): { subject: string; body: string; message: string } {
  const moving = input.images.filter((t) => input.bump.changes.some((c) => canonicalRepository(c.repository) === canonicalRepository(t.repository)));
  const lead = moving[0] ?? input.images[0]!;
  const before = input.bump.previous[lead.repository];
  const from = before?.display ?? before?.tag ?? '(none)';
  const to = lead === input.images[0] && input.version ? input.version : displayOf(lead.tag)!;
  const subject = inline(`${inline(imageName(lead.repository), 40)} ${inline(from, 40)} -> ${inline(to, 40)}`, MAX_SUBJECT);

  const body: string[] = [];
  const u = input.upstream;
  if (u) {
    const oldSha = before?.tag ? parseImageTag(before.tag)?.shortSha : undefined;
    const newSha = u.commit ?? parseImageTag(lead.tag)?.shortSha;
    const cmp = oldSha && newSha && oldSha !== newSha.slice(0, oldSha.length) ? compareUrl(u.repository, oldSha, newSha) : undefined;
    if (cmp) body.push(`Upstream changes: ${inline(cmp, 400)}`);
    if (newSha) {
      const link = commitUrl(u.repository, newSha);
      body.push(`Upstream commit: ${inline(link ?? `${newSha} of ${redactUrl(u.repository)}`, 400)}${u.ref ? ` (${inline(u.ref, 100)})` : ''}`);
    }
    if (body.length) body.push('');
  }
  const patches = Array.isArray(input.patchReport?.patches) ? input.patchReport.patches : [];
  if (patches.length) {
    body.push('Patches:');
    body.push(
      ...listed(
        patches,
        (p) => `${inline(p?.id, 100)}: ${inline(p?.status, 40)}${typeof p?.reason === 'string' && p.reason ? ` (${inline(p.reason.split('\n')[0], 300)})` : ''}`,
        'patches',
      ),
    );
    body.push('');
  }
  if (input.rollout) body.push(...rolloutLines(input.rollout), '');
  body.push('Images:');
  for (const t of input.images) {
    const moved = moving.includes(t) ? '' : ' (already there)';
    body.push(`- ${inline(formatImageRef(t), 400)}${moved}`);
  }
  body.push('');
  // The first deploy over another build's images (bump/adopt.ts): which repositories it replaced.
  const adopted = new Map<string, { to: string; n: number }>();
  for (const c of input.bump.changes) {
    if (!c.adopted) continue;
    const key = `${c.adopted}\0${c.repository}`;
    adopted.set(key, { to: c.repository, n: (adopted.get(key)?.n ?? 0) + 1 });
  }
  if (adopted.size) {
    body.push('Adopted:');
    for (const [key, a] of adopted) {
      body.push(`- ${inline(key.split('\0')[0], 300)} -> ${inline(a.to, 300)} (${a.n} reference${a.n === 1 ? '' : 's'})`);
    }
    body.push('');
  }
  body.push('Files:');
  const prefix = input.prefix ? `${input.prefix.replace(/\/+$/, '')}/` : '';
  body.push(
    ...listed(
      input.bump.files,
      (f) => {
        const n = input.bump.changes.filter((c) => c.file === f).length;
        return `${inline(`${prefix}${f}`, 300)}${n > 1 ? ` (${n} references)` : ''}`;
      },
      'files',
    ),
  );
  const text = bounded(neutraliseTrailers(body.join('\n').trimEnd(), HEADINGS), MAX_MESSAGE - subject.length - 3);
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
    [r.dryRun ? 'Would deploy' : 'Deployed now', `\`${cell(r.next.version)}\``],
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
    `## offmain deploy: ${r.dryRun ? (r.changed ? 'dry run, nothing written' : 'dry run, no change') : r.changed ? (r.mode === 'push' ? 'pushed' : 'pull request') : 'no change'}`,
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
  if (r.holds?.length) out.push(holdsMarkdown(r.holds));
  if (r.rollout) out.push(rolloutMarkdown(r.rollout));
  if (r.redisDriver?.length) {
    out.push('### Redis driver', '', ...r.redisDriver.slice(0, 20).map((f) => `- ⚠️ \`${cell(f.file)}:${f.line}\` sets a \`rediss://\` URL${f.variable ? ` (\`${cell(f.variable)}\`)` : ''} without \`REDIS_DRIVER=ruby\``), '');
  }
  if (r.freshness) out.push(freshnessMarkdown(r.freshness));
  else if (r.freshnessError) out.push('### Freshness', '', `Not measured: ${cell(r.freshnessError)}`, '');
  // It quotes the config repository and upstream: nothing invisible, no HTML comment hiding the rest.
  return visible(out.join('\n'));
}

