import { describe, expect, it } from 'vitest';
import { parseSetArg } from '../../src/deploy/bump.js';
import { OffmainError } from '../../src/core/errors.js';
import {
  canonicalRepository,
  formatImageRef,
  isValidRepository,
  parseImageRef,
  repositoryPath,
  sameRepository,
} from '../../src/build/imageref.js';

const D = `sha256:${'ab'.repeat(32)}`;

describe('parseImageRef', () => {
  it.each([
    ['ghcr.io/acme/mastodon', { repository: 'ghcr.io/acme/mastodon' }],
    ['ghcr.io/acme/mastodon:4.8.0_2f40549', { repository: 'ghcr.io/acme/mastodon', tag: '4.8.0_2f40549' }],
    [`ghcr.io/acme/mastodon:v4.3.0@${D}`, { repository: 'ghcr.io/acme/mastodon', tag: 'v4.3.0', digest: D }],
    [`ghcr.io/acme/mastodon@${D}`, { repository: 'ghcr.io/acme/mastodon', digest: D }],
    ['localhost:5000/mastodon', { repository: 'localhost:5000/mastodon' }],
    ['localhost:5000/mastodon:latest', { repository: 'localhost:5000/mastodon', tag: 'latest' }],
    [`registry.example.org:8443/a/b/c:1.0@${D}`, { repository: 'registry.example.org:8443/a/b/c', tag: '1.0', digest: D }],
    ['nginx:1.27', { repository: 'nginx', tag: '1.27' }],
  ])('%s', (ref, parsed) => {
    expect(parseImageRef(ref)).toEqual(parsed);
    expect(formatImageRef(parseImageRef(ref))).toBe(ref);
  });
});

describe('repository identity', () => {
  it('treats every Docker Hub spelling as one repository', () => {
    for (const r of ['docker.io/library/nginx', 'docker.io/nginx', 'index.docker.io/nginx', 'library/nginx', 'nginx']) {
      expect(canonicalRepository(r)).toBe('nginx');
    }
    expect(sameRepository('docker.io/tootsuite/mastodon', 'tootsuite/mastodon')).toBe(true);
    expect(sameRepository('index.docker.io/tootsuite/mastodon', 'registry-1.docker.io/tootsuite/mastodon')).toBe(true);
  });

  it('matches names exactly', () => {
    expect(sameRepository('ghcr.io/acme/mastodon', 'ghcr.io/acme/mastodon-streaming')).toBe(false);
    expect(sameRepository('ghcr.io/acme/mastodon', 'quay.io/acme/mastodon')).toBe(false);
    expect(sameRepository('GHCR.io/acme/mastodon', 'ghcr.io/acme/mastodon')).toBe(true);
  });

  it('gives the part every spelling contains, for the quick file filter', () => {
    expect(repositoryPath('ghcr.io/acme/mastodon')).toBe('acme/mastodon');
    expect(repositoryPath('docker.io/library/nginx')).toBe('nginx');
    expect(repositoryPath('localhost:5000/mastodon')).toBe('mastodon');
    expect(repositoryPath('tootsuite/mastodon')).toBe('tootsuite/mastodon');
  });

  it('validates repositories', () => {
    expect(isValidRepository('ghcr.io/acme/mastodon')).toBe(true);
    expect(isValidRepository('localhost:5000/a_b/c--d')).toBe(true);
    expect(isValidRepository('ghcr.io/Acme/mastodon')).toBe(false);
    expect(isValidRepository('ghcr.io/acme/')).toBe(false);
    expect(isValidRepository('bad host/x')).toBe(false);
  });
});

describe('parseSetArg', () => {
  it('reads repository=tag[@digest]', () => {
    expect(parseSetArg(`ghcr.io/acme/mastodon=4.8.0-alpha.1_2f40549@${D}`)).toEqual({
      repository: 'ghcr.io/acme/mastodon',
      tag: '4.8.0-alpha.1_2f40549',
      digest: D,
    });
    expect(parseSetArg('localhost:5000/mastodon=latest')).toEqual({ repository: 'localhost:5000/mastodon', tag: 'latest' });
  });

  it('also reads a plain image reference', () => {
    expect(parseSetArg(`ghcr.io/acme/mastodon:4.8.0_2f40549@${D}`)).toEqual({
      repository: 'ghcr.io/acme/mastodon',
      tag: '4.8.0_2f40549',
      digest: D,
    });
  });

  it.each([
    ['ghcr.io/acme/mastodon=4.8.0+2f40549', /not a valid image tag/],
    ['ghcr.io/acme/mastodon=', /has no tag/],
    ['ghcr.io/acme/mastodon', /has no tag/],
    ['ghcr.io/acme/mastodon=4.8.0@sha256:1234', /not an image digest/],
    [`ghcr.io/acme/mastodon=4.8.0@SHA256:${'AB'.repeat(32)}`, /not an image digest/],
    ['ghcr.io/Acme/Mastodon=4.8.0', /not an image repository/],
    [`ghcr.io/acme/mastodon=${'x'.repeat(129)}`, /not a valid image tag/],
  ])('refuses %s', (arg, message) => {
    expect(() => parseSetArg(arg)).toThrow(OffmainError);
    expect(() => parseSetArg(arg)).toThrow(message);
  });
});
