/**
 * What the build step hands on: its outputs, named as the action names them (the CLI's --json prints the
 * same object), and the job summary (images, platforms, tags, digests, size, build time, cache use).
 */
import { cell } from '../core/markdown.js';
import type { BuildMode } from './buildx.js';
import type { BuildResult, ImageResult } from './step.js';

/** The step's outputs, named as the action names them (the CLI's --json prints this object). */
export interface BuildOutputs {
  skipped: boolean;
  mode: BuildMode;
  version: string;
  'image-tag': string;
  digest: string;
  image: string;
  'streaming-digest': string;
  'streaming-image': string;
  images: string[];
  digests: string[];
  tags: string[];
  platforms: string[];
  metadata: Record<string, unknown>;
}

export function buildOutputs(r: BuildResult): BuildOutputs {
  const m = r.images.find((i) => i.key === 'mastodon');
  const s = r.images.find((i) => i.key === 'mastodon-streaming');
  const metadata: Record<string, unknown> = {};
  for (const i of r.images) if (i.metadata) metadata[i.key] = i.metadata;
  return {
    skipped: r.skipped,
    mode: r.mode,
    version: r.plan.version,
    'image-tag': r.plan.imageTag,
    digest: m?.digest ?? '',
    image: m?.pinned[0] ?? '',
    'streaming-digest': s?.digest ?? '',
    'streaming-image': s?.pinned[0] ?? '',
    images: r.images.flatMap((i) => i.pinned),
    digests: r.images.map((i) => `${i.key}@${i.digest}`),
    tags: r.images.flatMap((i) => i.repositories.flatMap((repo) => i.tags.map((t) => `${repo}:${t}`))),
    platforms: r.plan.platforms,
    metadata,
  };
}

function size(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

const STATUS: Record<ImageResult['status'], string> = {
  built: '🔨 built',
  skipped: '⏭️ skipped (exists with this revision)',
  copied: '📋 copied (existed in another registry)',
  merged: '🔗 merged',
};

/** The job summary: images, platforms, tags, digests, size, build time, cache use. */
export function buildSummaryMarkdown(r: BuildResult): string {
  const p = r.plan;
  const lines: string[] = [];
  lines.push(`### offmain build: ${r.skipped ? 'nothing to build' : r.mode === 'platform' ? `${p.platforms[0]} by digest` : 'images pushed'}`);
  lines.push('');
  lines.push(`Upstream ${p.upstream} at \`${p.shortSha}\` (${p.commitTime}), version \`${p.version}\`, mode \`${r.mode}\`${r.push ? '' : ' (not pushed)'}, cache \`${r.cache}\`.`);
  if (p.patches.length) lines.push(`Patches: ${p.patches.map((x) => `\`${x}\``).join(', ')}.`);
  if (p.sourceRepository !== p.upstream) lines.push(`Source label (the repository a new ghcr.io package links to): ${p.sourceRepository}.`);
  lines.push('');
  lines.push('| image | status | digest | platforms | size | time | cache |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const i of r.images) {
    const plats = i.platforms.map((x) => `${x.platform}${x.size !== undefined ? ` (${size(x.size)})` : ''}`).join('<br>');
    const total = i.platforms.some((x) => x.size !== undefined) ? size(i.platforms.reduce((s, x) => s + (x.size ?? 0), 0)) : '';
    const cacheUse = i.steps !== undefined ? `${i.cached}/${i.steps} steps cached` : '';
    lines.push(`| ${cell(i.repositories.join('<br>'))} | ${STATUS[i.status]} | \`${i.digest}\` | ${plats} | ${total} | ${i.seconds.toFixed(1)} s | ${cacheUse} |`);
  }
  if (r.mode !== 'platform') {
    lines.push('');
    lines.push(`Tags: ${p.tags.map((t) => `\`${t}\``).join(', ')}`);
    lines.push('');
    lines.push('Pinned references (what a cluster should run):');
    lines.push('');
    for (const i of r.images) for (const ref of i.pinned) lines.push(`- \`${ref}\``);
  } else {
    lines.push('');
    lines.push('Pass these to the merge step:');
    lines.push('');
    for (const i of r.images) lines.push(`- \`${i.key}@${i.digest}\``);
  }
  if (r.warnings.length) {
    lines.push('');
    for (const w of r.warnings) lines.push(`> ⚠️ ${w}`);
  }
  return `${lines.join('\n')}\n`;
}

