/**
 * action-patch: resolve the upstream commit, check it out, name its version and apply the patch sets.
 * Inputs -> one core call (`prepare`) -> outputs.
 */
import { relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { errorMessage } from '../core/errors.js';
import { DEFAULT_PATCH_SETS, DEFAULT_REPOSITORY, failureLine, patchSummaryMarkdown, prepare } from '../patch/index.js';
import { gateBeforePatch } from '../pipeline/gate.js';
import { actionsLogger, setFailed } from './logger.js';
import { choiceInput, listInput, optionalInput } from './inputs.js';

export async function run(): Promise<void> {
  try {
    const token = optionalInput('token');
    if (token) core.setSecret(token);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const path = resolve(workspace, optionalInput('path') ?? 'mastodon');
    const patchSets = listInput('patch-sets');
    const repository = optionalInput('repository') ?? DEFAULT_REPOSITORY;
    const ref = optionalInput('ref') ?? 'main';
    const track = choiceInput('track', ['main', 'release'] as const, 'main');
    const log = actionsLogger(relative(workspace, path));
    // The upstream checks gate picks the commit (tracking main, none given) before anything is built.
    const gated = await gateBeforePatch({
      repository,
      ref,
      track,
      commit: optionalInput('commit'),
      token,
      checks: optionalInput('checks'),
      requiredChecks: listInput('required-checks'),
      checksApps: listInput('checks-apps'),
      minAge: optionalInput('min-age'),
      checksRepository: optionalInput('checks-repository'),
      log,
    });

    const result = await prepare(
      {
        repository,
        ref,
        commit: gated?.chosen?.sha ?? optionalInput('commit'),
        track,
        path,
        token,
        patchSets: patchSets.length ? patchSets : DEFAULT_PATCH_SETS,
        diffs: listInput('patches'),
        baseDir: workspace,
      },
      log,
    );

    const u = result.upstream;
    core.setOutput('commit', u.sha);
    core.setOutput('short-sha', u.shortSha);
    core.setOutput('commit-date', u.date);
    core.setOutput('version', result.version.display);
    core.setOutput('image-tag', result.version.imageTag);
    core.setOutput('path', result.dir);
    core.setOutput('patch-report', JSON.stringify(result.report));
    core.setOutput('changed-files', result.report.changedFiles.join('\n'));
    core.setOutput('ref', u.ref);
    core.setOutput('gate-lag-hours', gated ? String(gated.result.lagHours) : '');
    core.setOutput('held-back', gated ? gated.result.heldBack.map((h) => `${h.sha}: ${h.why}`).join('\n') : '');

    await core.summary
      .addRaw(`${gated ? `${gated.markdown}\n` : ''}${patchSummaryMarkdown(result)}`)
      .write();

    const failed = failureLine(result);
    if (failed) setFailed(failed);
  } catch (e) {
    setFailed(errorMessage(e));
  }
}
