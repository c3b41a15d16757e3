/**
 * action-build: build the mastodon (and streaming) images of a patched tree with docker buildx, tagged by
 * upstream commit, pushed once. Inputs -> one core call (`build`) -> outputs and a job summary.
 */
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { build, BUILD_MODES, buildOutputs, buildSummaryMarkdown, CACHE_MODES, runningRepository, validateSourceRepository } from '../build/index.js';
import { errorMessage, OffmainError } from '../core/errors.js';
import { actionsLogger, setFailed } from './logger.js';
import { booleanInput, choiceInput, listInput, optionalInput } from './inputs.js';

/** Names of build arguments that carry a secret, by convention (NPM_TOKEN, RAILS_MASTER_KEY, DB_PASSWORD, ...). */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|(?:^|_)KEY(?:$|_)|AUTH/i;

/**
 * Masks the values of the build arguments whose names say they are secrets, before anything runs: a RUN step
 * may print one. (The logged build command shows no value of a build argument given here at all.) Short
 * values are left: masking `1` would hide every 1 in the log.
 */
export function maskSecretBuildArgs(lines: readonly string[]): string[] {
  const masked: string[] = [];
  for (const line of lines) {
    const eq = line.indexOf('=');
    const value = eq > 0 ? line.slice(eq + 1) : '';
    if (eq > 0 && SECRET_NAME.test(line.slice(0, eq)) && value.trim().length >= 4) {
      core.setSecret(value);
      masked.push(line.slice(0, eq).trim());
    }
  }
  return masked;
}

export async function run(): Promise<void> {
  try {
    const buildArgs = listInput('build-args');
    maskSecretBuildArgs(buildArgs);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const dir = resolve(workspace, optionalInput('path') ?? 'mastodon');
    const commit = optionalInput('commit');
    if (!commit) throw new OffmainError('input commit is required: the upstream commit of the tree (the patch step\'s commit output)');
    const sbomInput = optionalInput('sbom') ?? 'true';
    const sbom = /^(true|false)$/i.test(sbomInput) ? sbomInput.toLowerCase() === 'true' : sbomInput;
    const mode = choiceInput('mode', BUILD_MODES, 'all');
    const platforms = listInput('platforms');
    // The image's source label names the repository that runs offmain, so that a new ghcr.io package links to it.
    const sourceInput = optionalInput('source-repository');
    const sourceRepository = sourceInput ? validateSourceRepository(sourceInput, 'input source-repository') : runningRepository(process.env);

    const result = await build(
      {
        dir,
        commit,
        commitDate: optionalInput('commit-date'),
        upstream: optionalInput('repository'),
        sourceRepository,
        track: choiceInput('track', ['main', 'release'] as const, 'main'),
        branch: optionalInput('ref'),
        images: listInput('images'),
        streamingImages: listInput('streaming-images'),
        platforms: platforms.length ? platforms : undefined,
        tags: optionalInput('tags') === undefined ? undefined : listInput('tags'),
        buildArgs,
        prerelease: optionalInput('prerelease'),
        patchReport: optionalInput('patch-report'),
        push: booleanInput('push', true),
        mode,
        digests: listInput('digests'),
        cache: choiceInput('cache', CACHE_MODES, 'gha'),
        provenance: booleanInput('provenance', true),
        sbom,
        force: booleanInput('force', false),
        builder: optionalInput('builder'),
      },
      actionsLogger(),
    );

    const out = buildOutputs(result);
    core.setOutput('skipped', String(out.skipped));
    core.setOutput('mode', out.mode);
    core.setOutput('version', out.version);
    core.setOutput('image-tag', out['image-tag']);
    core.setOutput('digest', out.digest);
    core.setOutput('image', out.image);
    core.setOutput('streaming-digest', out['streaming-digest']);
    core.setOutput('streaming-image', out['streaming-image']);
    core.setOutput('images', out.images.join('\n'));
    core.setOutput('digests', out.digests.join('\n'));
    core.setOutput('tags', out.tags.join('\n'));
    core.setOutput('platforms', out.platforms.join(','));
    core.setOutput('metadata', JSON.stringify(out.metadata));
    await core.summary.addRaw(buildSummaryMarkdown(result)).write();
  } catch (e) {
    setFailed(errorMessage(e));
  }
}
