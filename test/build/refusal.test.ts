/**
 * What a registry's refusal says: its error body as one safe line, ghcr.io's advice and settings page, and
 * which buildx failures read like a refused push. (The refusals themselves, from real registries, are in
 * registry.test.ts.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorDetail, ghcrAdvice, ghcrSettingsUrl, isGhcr, pushRefusalHint } from '../../src/build/refusal.js';
import { tempDir } from '../support/tmp.js';

describe('a registry error body, as one line', () => {
  it.each([
    ['{"errors":[{"code":"DENIED","message":"permission_denied: write_package"}]}', 'DENIED: permission_denied: write_package'],
    ['{"errors":[{"code":"DENIED","message":"denied"}]}', 'DENIED: denied'],
    ['{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"x"}}]}', 'NAME_UNKNOWN: repository name not known to registry'],
    ['{"details":"incorrect username or password"}', 'incorrect username or password'],
    ['<html><body><h1>403 Forbidden</h1></body></html>', ''],
    ['', ''],
    ['{"errors":"no"}', ''],
  ])('%s', (body, line) => expect(errorDetail(body)).toBe(line));

  it('never carries a secret, a line break or a runner command, and is bounded', () => {
    const body = JSON.stringify({ errors: [{ code: 'DENIED', message: 'token s3cr3t-token is not valid\n::error::forged' }] });
    const line = errorDetail(body, ['s3cr3t-token', undefined, 'ab']);
    expect(line).toBe('DENIED: token *** is not valid ::error::forged');
    expect(line).not.toContain('\n');
    expect(errorDetail(JSON.stringify({ errors: [{ code: 'DENIED', message: 'x'.repeat(10_000) }] })).length).toBeLessThanOrEqual(200);
  });
});

describe("ghcr.io's advice for a refused push", () => {
  it('names the package settings page: orgs/ or users/ when the event says which, both forms otherwise', () => {
    expect(ghcrSettingsUrl('acme/mastodon')).toBe('https://github.com/orgs/acme/packages/container/mastodon/settings (users/ instead of orgs/ for a personal account)');
    expect(ghcrSettingsUrl('acme/tools/mastodon')).toMatch(/^https:\/\/github\.com\/orgs\/acme\/packages\/container\/tools%2Fmastodon\/settings /);
    const event = (type: string) => {
      const file = join(tempDir(), 'event.json');
      writeFileSync(file, JSON.stringify({ repository: { owner: { login: 'Acme', type } } }));
      return { GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY_OWNER: 'Acme' };
    };
    expect(ghcrSettingsUrl('acme/mastodon', event('Organization'))).toBe('https://github.com/orgs/acme/packages/container/mastodon/settings');
    expect(ghcrSettingsUrl('acme/mastodon', event('User'))).toBe('https://github.com/users/acme/packages/container/mastodon/settings');
    // The event is about another owner: it says nothing about this one.
    expect(ghcrSettingsUrl('other/mastodon', event('User'))).toMatch(/orgs\/other\/.* \(users\/ instead of orgs\//);
    expect(ghcrSettingsUrl('acme/mastodon', { GITHUB_EVENT_PATH: join(tempDir(), 'missing.json'), GITHUB_REPOSITORY_OWNER: 'acme' })).toMatch(/users\/ instead of orgs\//);
  });

  it('gives the three causes, each with its remedy', () => {
    const advice = ghcrAdvice('acme/mastodon', { GITHUB_REPOSITORY: 'acme/offmain-config' });
    expect(advice).toMatch(/^if the package acme\/mastodon already exists but is not linked to the repository acme\/offmain-config, add that repository under the package's "Manage Actions access" \(Package settings\) with the Write role: https:\/\/github\.com\//);
    expect(advice).toContain('if it is new, the workflow job needs "permissions: packages: write"');
    expect(advice).toMatch(/otherwise the token is not valid for acme .*: log in again$/);
    expect(ghcrAdvice('acme/mastodon')).toContain('not linked to the repository that runs offmain');
  });

  it('knows ghcr.io by name, or by the service its token challenge names', () => {
    expect(isGhcr('ghcr.io')).toBe(true);
    expect(isGhcr('mirror.example.org', { scheme: 'bearer', realm: 'https://ghcr.io/token', service: 'ghcr.io' })).toBe(true);
    expect(isGhcr('registry.example.org', { scheme: 'bearer', realm: 'https://auth.example.org/token', service: 'registry.example.org' })).toBe(false);
    expect(isGhcr('127.0.0.1:5000', { scheme: 'basic' })).toBe(false);
  });
});

describe('a failed buildx push to ghcr.io gets the advice', () => {
  const repos = ['ghcr.io/acme/mastodon', 'docker.io/acme/mastodon'];
  it.each([
    'docker buildx build of mastodon (linux/amd64) failed: denied: permission_denied: write_package',
    'docker buildx build of mastodon (linux/amd64) failed: denied: installation not allowed to Create organization package',
    'failed to push ghcr.io/acme/mastodon:edge: unexpected status from HEAD request to https://ghcr.io/v2/acme/mastodon/blobs/sha256:f6: 403 Forbidden',
    'failed commit on ref "index-sha256:adb5": unexpected status from PUT request to https://ghcr.io/v2/acme/mastodon/manifests/edge: 403 Forbidden',
    'denied: denied',
  ])('%s', (error) => {
    expect(pushRefusalHint(error, repos)).toMatch(/^\. ghcr\.io refused the push to ghcr\.io\/acme\/mastodon: if the package acme\/mastodon already exists/);
  });

  it('names the repository the error names', () => {
    const error = 'failed to push ghcr.io/acme/mastodon-streaming:edge: denied: permission_denied: write_package';
    expect(pushRefusalHint(error, ['ghcr.io/acme/mastodon', 'ghcr.io/acme/mastodon-streaming'])).toMatch(/push to ghcr\.io\/acme\/mastodon-streaming: if the package acme\/mastodon-streaming/);
  });

  it('but not a build that failed otherwise, nor a push to another registry', () => {
    expect(pushRefusalHint('failed to solve: process "/bin/sh -c ./x" did not complete successfully: exit code: 126', repos)).toBe('');
    expect(pushRefusalHint('failed to read dockerfile: open Dockerfile: permission denied', repos)).toBe('');
    expect(pushRefusalHint('denied: requested access to the resource is denied', ['docker.io/acme/mastodon'])).toBe('');
  });
});
