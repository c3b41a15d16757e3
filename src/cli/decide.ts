/**
 * `offmain decide`: what a scheduled run needs (builds per platform, a merge, a deploy), from git and the
 * registries alone (src/pipeline/decide.ts). Text, `--json`, or GitHub step outputs and one summary line
 * (`--github-output`, `--summary`) for the reusable workflow's first job.
 */
import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { OffmainError } from '../core/errors.js';
import { decide, type Decision } from '../pipeline/decide.js';
import { DEFAULT_PATCH_SETS, type Track } from '../patch/index.js';
import { parse, type Command } from './args.js';
import { pathOption } from './paths.js';

export const DECIDE_USAGE = `  decide   --image NAME [--image ...] [--streaming-image NAME ...] [--platforms P]
           [--repository URL] [--ref BRANCH] [--track main|release] [--commit SHA]
           [--patch-set NAME|FILE ...] [--patch FILE.diff ...] [--config OWNER/NAME|URL [--config-branch B] [--config-path DIR]
            [--adopt REPOSITORY[=TARGET] ...]]
           [--checks require|names|off] [--required-check NAME ...] [--checks-app SLUG ...] [--min-age 2h]
           [--checks-repository OWNER/NAME] [--github-output FILE] [--summary FILE] [--json]
           what a run needs: which platforms to build, a merge, a deploy; nothing when nothing moved`;

/** Option values may hold several items, one per line (a workflow input passes a block). */
function items(values: string[] | undefined, commas = false): string[] {
  return (values ?? []).flatMap((v) => v.split(commas ? /[\n,]/ : /\n/)).map((v) => v.trim()).filter(Boolean);
}

function outputs(d: Decision): Record<string, string> {
  const first = d.images.find((i) => i.key === 'mastodon')?.repositories[0];
  return {
    commit: d.commit,
    version: d.version,
    'image-tag': d.imageTag,
    platforms: d.platforms.join(','),
    merge: String(d.merge),
    deploy: String(d.deploy),
    image: d.pinned.length && first ? `${first.repository}:${d.imageTag}@${first.digest}` : '',
    images: d.pinned.join('\n'),
    'lag-hours': !d.deploy && d.head && d.pinned.length ? '0' : '',
    'gate-lag-hours': d.gate ? String(d.gate.lagHours) : '',
  };
}

export const decideCommand: Command = async (args, out) => {
  const v = parse('decide', args, {
    repository: { type: 'string' },
    ref: { type: 'string' },
    track: { type: 'string' },
    commit: { type: 'string' },
    'patch-set': { type: 'string', multiple: true },
    patch: { type: 'string', multiple: true },
    image: { type: 'string', multiple: true },
    'streaming-image': { type: 'string', multiple: true },
    platforms: { type: 'string' },
    config: { type: 'string' },
    'config-branch': { type: 'string' },
    'config-path': { type: 'string' },
    adopt: { type: 'string', multiple: true },
    'github-output': { type: 'string' },
    summary: { type: 'string' },
    checks: { type: 'string' },
    'required-check': { type: 'string', multiple: true },
    'checks-app': { type: 'string', multiple: true },
    'min-age': { type: 'string' },
    'checks-repository': { type: 'string' },
  });
  const images = items(v.image, true);
  if (!images.length) throw new OffmainError('offmain decide: --image is required (the repositories the mastodon image is pushed to)');
  const track = v.track || 'main';
  if (track !== 'main' && track !== 'release') throw new OffmainError(`offmain decide: --track is "${track}": expected main or release`);
  const githubOutput = v['github-output'] ? pathOption('decide', 'github-output', v['github-output'], 'file') : undefined;
  const summary = v.summary ? pathOption('decide', 'summary', v.summary, 'file') : undefined;
  const sets = items(v['patch-set']);
  const d = await decide({
    upstream: v.repository || undefined,
    track: track as Track,
    ref: v.ref || undefined,
    commit: v.commit || undefined,
    upstreamToken: process.env.OFFMAIN_UPSTREAM_TOKEN || undefined,
    patchSets: sets.length ? sets : DEFAULT_PATCH_SETS,
    patches: items(v.patch),
    baseDir: process.cwd(),
    images,
    streamingImages: items(v['streaming-image'], true),
    platforms: v.platforms || undefined,
    config: v.config
      ? {
          repository: v.config,
          branch: v['config-branch'] || undefined,
          path: v['config-path'] || undefined,
          token: process.env.OFFMAIN_CONFIG_TOKEN || undefined,
          // In a workflow the decision gets the deploy job's token: it goes where action-deploy sends it, only there.
          tokenForGitHubOnly: process.env.GITHUB_ACTIONS === 'true',
        }
      : undefined,
    adopt: items(v.adopt),
    gate: { checks: v.checks || undefined, requiredChecks: items(v['required-check'], true), checksApps: items(v['checks-app'], true), minAge: v['min-age'] || undefined, checksRepository: v['checks-repository'] || undefined },
    log: out.log,
  });
  if (githubOutput) {
    const eof = `OFFMAIN_${randomBytes(8).toString('hex')}`;
    const text = Object.entries(outputs(d))
      .map(([k, val]) => (val.includes('\n') ? `${k}<<${eof}\n${val}\n${eof}\n` : `${k}=${val}\n`))
      .join('');
    appendFileSync(githubOutput, text);
  }
  if (summary) appendFileSync(summary, `### offmain\n\n${d.line}\n\n${d.gateMarkdown ? `${d.gateMarkdown}\n` : ''}`);
  out.stdout(v.json ? JSON.stringify(d, null, 2) : d.line);
  return 0;
};
