import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import {
  displayVersion,
  displayVersionFromTag,
  imageTag,
  isValidOciTag,
  parseImageTag,
  parseVersionRb,
  semverOf,
  versionOf,
} from '../../src/patch/version.js';

// The three shapes of lib/mastodon/version.rb (see docs: up to v4.1, main of mid-2023, v4.2+).
const literalShape = (major: number, minor: number, patch: number, flags = '') => `# frozen_string_literal: true

module Mastodon
  module Version
    module_function

    def major
      ${major}
    end

    def minor
      ${minor}
    end

    def patch
      ${patch}
    end

    def flags
      '${flags}'
    end

    def suffix
      ''
    end

    def to_a
      [major, minor, patch].compact
    end

    def to_s
      [to_a.join('.'), flags, suffix].join
    end
  end
end
`;

const envSuffixShape = `# frozen_string_literal: true

module Mastodon
  module Version
    module_function

    def major
      4
    end

    def minor
      1
    end

    def patch
      2
    end

    def flags
      ENV.fetch('MASTODON_VERSION_FLAGS', '')
    end

    def suffix
      ENV.fetch('MASTODON_VERSION_SUFFIX', '')
    end

    def to_a
      [major, minor, patch].compact
    end

    def to_s
      [to_a.join('.'), flags, suffix].join
    end
  end
end
`;

const prereleaseShape = (minor: number, pre: string, since44 = false) => `# frozen_string_literal: true

module Mastodon
  module Version
    module_function

    def major
      4
    end

    def minor
      ${minor}
    end

    def patch
      0
    end

    def default_prerelease
      '${pre}'
    end

    def prerelease
      ${since44 ? 'version_configuration[:prerelease].presence' : "ENV['MASTODON_VERSION_PRERELEASE'].presence"} || default_prerelease
    end

    def build_metadata
      ${since44 ? 'version_configuration[:metadata]' : "ENV.fetch('MASTODON_VERSION_METADATA', nil)"}
    end

    def to_a
      [major, minor, patch].compact
    end

    def to_s
      components = [to_a.join('.')]
      components << "-#{prerelease}" if prerelease.present?
      components << "+#{build_metadata}" if build_metadata.present?
      components.join
    end
  end
end
`;

describe('parseVersionRb', () => {
  it.each([
    ['v4.1.2 (literal)', literalShape(4, 1, 2), '4.1.2', 'literal'],
    ['v4.0.0rc1 (literal flags)', literalShape(4, 0, 0, 'rc1'), '4.0.0rc1', 'literal'],
    ['main@5811ccc (env suffix)', envSuffixShape, '4.1.2', 'env-suffix'],
    ['v4.3.0 (prerelease, release)', prereleaseShape(3, ''), '4.3.0', 'prerelease'],
    ['main@2f40549 (prerelease, alpha)', prereleaseShape(8, 'alpha.1', true), '4.8.0-alpha.1', 'prerelease'],
    ['v4.7.0 (since 4.4 config)', prereleaseShape(7, '', true), '4.7.0', 'prerelease'],
  ])('%s', (_name, source, text, shape) => {
    const v = parseVersionRb(source);
    expect(v.text).toBe(text);
    expect(v.shape).toBe(shape);
  });

  it('reads endless method definitions', () => {
    const src = `module Mastodon\n  module Version\n    def major = 4\n    def minor = 9\n    def patch = 1\n    def default_prerelease = 'beta.2'\n  end\nend\n`;
    expect(parseVersionRb(src).text).toBe('4.9.1-beta.2');
  });

  it('names the file and line of an unreadable version', () => {
    const src = literalShape(4, 1, 2).replace(/def minor\n\s+1/, "def minor\n      ENV['MINOR'].to_i");
    expect(() => parseVersionRb(src)).toThrow(/lib\/mastodon\/version\.rb:11: cannot read the version: `def minor`/);
  });

  it('refuses a file that is not a version.rb', () => {
    expect(() => parseVersionRb('puts "hello"\n')).toThrow(/`def major` does not return a plain integer/);
  });
});

describe('display version and image tag', () => {
  it.each([
    ['4.8.0-alpha.1', '2f40549d1a2b3c4d5e6f708192a3b4c5d6e7f809', '4.8.0-alpha.1+2f40549', '4.8.0-alpha.1_2f40549'],
    ['4.7.0', 'c5b3651e00000000000000000000000000000000', '4.7.0+c5b3651', '4.7.0_c5b3651'],
    ['4.3.0', 'edcf3d92', '4.3.0+edcf3d9', '4.3.0_edcf3d9'],
    ['4.1.2', '5811ccc6', '4.1.2+5811ccc', '4.1.2_5811ccc'],
    ['4.1.2', '4B9E4F63', '4.1.2+4b9e4f6', '4.1.2_4b9e4f6'],
  ])('%s at %s', (declared, sha, display, tag) => {
    expect(displayVersion(declared, sha)).toBe(display);
    expect(imageTag(display)).toBe(tag);
    expect(isValidOciTag(tag)).toBe(true);
    expect(displayVersionFromTag(tag)).toBe(display);
    // Never read as a semver pre-release (metadata-action's `-` would sort 4.1.2-5811ccc below 4.1.2).
    expect(semver.valid(tag)).toBeNull();
    expect(semver.parse(display)?.build).toEqual([display.split('+')[1]]);
  });

  it('parses its own tags and ignores others', () => {
    expect(parseImageTag('4.8.0-alpha.1_2f40549')).toEqual({
      version: '4.8.0-alpha.1',
      shortSha: '2f40549',
      display: '4.8.0-alpha.1+2f40549',
    });
    for (const other of ['latest', 'edge', 'v4.3.0', '4.3.0', 'nightly.2026-11-20', 'a_b_c', '4.3.0_xyz1234']) {
      expect(parseImageTag(other)).toBeUndefined();
    }
  });

  it('refuses bad input', () => {
    expect(() => displayVersion('4.1.2', 'not-a-sha')).toThrow(/not a commit sha/);
    expect(() => displayVersion('4.1.2+x', 'abcdef0')).toThrow(/already carries build metadata/);
    expect(() => imageTag('4.1.2')).toThrow(/not a display version/);
    expect(() => imageTag(`4.1.2-${'a'.repeat(130)}+abcdef0`)).toThrow(/not a valid OCI tag/);
  });

  it('compares old-style flags as prereleases', () => {
    expect(semverOf('4.0.0rc1')).toBe('4.0.0-rc1');
    expect(semver.lt(semverOf('4.0.0rc1'), semverOf('4.0.0'))).toBe(true);
    expect(() => semverOf('four')).toThrow(/not a version/);
  });
});

describe('versionOf', () => {
  it('reads a checked-out tree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offmain-version-'));
    mkdirSync(join(dir, 'lib/mastodon'), { recursive: true });
    writeFileSync(join(dir, 'lib/mastodon/version.rb'), prereleaseShape(8, 'alpha.1', true));
    await expect(versionOf(dir, '2f40549d1a2b')).resolves.toMatchObject({
      display: '4.8.0-alpha.1+2f40549',
      imageTag: '4.8.0-alpha.1_2f40549',
    });
  });

  it('says when a directory is not a Mastodon tree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offmain-version-'));
    await expect(versionOf(dir, 'abcdef0')).rejects.toThrow(/is not a Mastodon tree: lib\/mastodon\/version\.rb was not found/);
  });
});
