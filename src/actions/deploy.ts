/**
 * action-deploy: bump the images in the GitOps config repository, push (or open one pull request), and report
 * how far the deployed commit is behind upstream. Inputs -> one core call (`deploy`) -> outputs, job summary.
 */
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { deploy, deploySummaryMarkdown, freshnessFailure, parseMergeMethod, parsePolicies, parseSetArg } from '../deploy/index.js';
import { errorMessage, OffmainError } from '../core/errors.js';
import { splitCredentials } from '../core/remote.js';
import { actionsLogger, setFailed } from './logger.js';
import { booleanInput, choiceInput, listInput, numberInput, optionalInput } from './inputs.js';

/** One image per line: `REPOSITORY=TAG@DIGEST` (the build step's output), or `REPOSITORY:TAG@DIGEST`. */
function imagesInput() {
  const lines = core
    .getInput('images')
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
  if (!lines.length) throw new OffmainError('input images is empty: give one REPOSITORY=TAG@DIGEST per line (the build step\'s images output)');
  return lines.map(parseSetArg);
}

export async function run(): Promise<void> {
  try {
    const token = optionalInput('token');
    if (token) core.setSecret(token);
    const upstreamToken = optionalInput('upstream-token');
    if (upstreamToken) core.setSecret(upstreamToken);
    const repository = core.getInput('repository', { required: true }).trim();
    const inUrl = splitCredentials(repository).password;
    if (inUrl) core.setSecret(inUrl);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const upstreamRepository = optionalInput('upstream-repository');
    const upstreamPath = optionalInput('upstream-path');
    const attempts = numberInput('push-attempts');

    const result = await deploy({
      repository,
      branch: optionalInput('branch'),
      token,
      tokenForGitHubOnly: true,
      images: imagesInput(),
      mode: choiceInput('mode', ['push', 'pull-request'] as const, 'push'),
      path: optionalInput('path'),
      pinDigest: booleanInput('pin-digest', true),
      digestInTag: booleanInput('digest-in-tag', false),
      allowDowngrade: booleanInput('allow-downgrade', false),
      policies: parsePolicies(listInput('image-policies')),
      adopt: listInput('adopt'),
      author: optionalInput('author'),
      upstream:
        upstreamRepository || upstreamPath
          ? {
              repository: upstreamRepository,
              ref: optionalInput('upstream-ref'),
              commit: optionalInput('upstream-commit'),
              path: upstreamPath ? resolve(workspace, upstreamPath) : undefined,
              token: upstreamToken,
            }
          : undefined,
      version: optionalInput('version'),
      patchReport: optionalInput('patch-report'),
      labels: listInput('labels'),
      autoMerge: parseMergeMethod(optionalInput('auto-merge')),
      closeSuperseded: booleanInput('close-superseded', true),
      maxLagHours: numberInput('max-lag'),
      warnOnly: booleanInput('warn-only', false),
      hold: optionalInput('hold'),
      gateLagHours: numberInput('gate-lag-hours'),
      attempts: attempts === undefined ? undefined : Math.max(1, Math.floor(attempts)),
      log: actionsLogger(),
    });

    core.setOutput('changed', String(result.changed));
    core.setOutput('commit', result.commit ?? '');
    core.setOutput('pull-request-url', result.pullRequest?.url ?? '');
    core.setOutput('files', result.files.join('\n'));
    core.setOutput('previous-version', result.previous.version ?? '');
    core.setOutput('held', (result.holds ?? []).map((h) => `${h.repository}: ${h.reason}`).join('\n'));
    core.setOutput('rollout', result.rollout ? JSON.stringify(result.rollout) : '');
    core.setOutput('lag-hours', result.freshness ? String(result.freshness.lag.hours) : '');

    await core.summary.addRaw(deploySummaryMarkdown(result)).write();

    if (result.freshness?.status === 'fail') setFailed(freshnessFailure(result.freshness));
  } catch (e) {
    setFailed(errorMessage(e));
  }
}
