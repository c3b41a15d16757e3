/**
 * The byte search that decides which YAML files the bump parses: a file is skipped, unparsed, only when it
 * cannot hold a reference to any target that the scan (refs.ts) would find. Most files of a config repository
 * are other apps' manifests; parsing them was most of the bump's time.
 *
 * Why a skipped file cannot name a target. The scan takes a file's image `R` when `canonicalRepository(R)` is a
 * target; canonicalRepository only trims, lower-cases and drops a leading host or `library/`, so the target's
 * path after its host (`repositoryPath`: `acme/mastodon` for ghcr.io/acme/mastodon, `nginx` for
 * docker.io/library/nginx) is, up to case, inside `R`. `R` is one YAML string, or a Helm / Argo CD
 * `registry` value joined with `/` to a `repository` value: then the path may be cut at a `/`, but its last
 * part (`mastodon`) is whole inside the `repository` value, and a registry key is in the file. Markers
 * (`# offmain: R`) name `R` in a comment; Flux markers name a policy, not the image, so any `$imagepolicy`
 * is parsed when a policy maps to a target. A string's value is its bytes in the file, except:
 *  - escapes in double quotes (`\x61`, `\u0061`, `\U...`, `\/`) and a backslash line break, which joins lines:
 *    a file with any of them is parsed;
 *  - folded line breaks, which become spaces or newlines: no repository has one inside, so none can match;
 *  - a character whose lower case is ASCII (the Kelvin sign is `k`): a file with one is parsed;
 *  - aliases and merge keys, which repeat a value written elsewhere in the same file.
 * The needles come from the functions the scan itself matches with, so the two cannot drift.
 */
import { canonicalRepository, repositoryPath } from '../../build/index.js';
import { helmKeyNames, POLICY_MARKER, type HelmKeys } from './refs.js';

/** The characters above ASCII whose `toLowerCase()` contains ASCII (a test checks every code point). */
export const LOWERS_TO_ASCII = ['\u0130', '\u212a'];

export interface PrefilterOptions {
  /** `namespace:name` of a Flux ImagePolicy -> repository. */
  policies?: Record<string, string>;
  helmKeys?: HelmKeys;
}

/** Whether a file's bytes may name one of the images: false only when they cannot. */
export type MayName = (bytes: Buffer) => boolean;

const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Bytes as the regular expressions below see them: one character per byte (`latin1`). */
const bytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
const anyOf = (xs: string[], flags = '') => new RegExp([...new Set(xs)].map(quote).join('|'), flags);

/** The byte search for the canonical repositories `repositories`. */
export function prefilter(repositories: Iterable<string>, opts: PrefilterOptions = {}): MayName {
  const targets = [...repositories].map((r) => canonicalRepository(r));
  const paths = targets.map((c) => repositoryPath(c));
  const lasts = paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
  const always = [...LOWERS_TO_ASCII.map(bytes)];
  const policy = Object.values(opts.policies ?? {}).some((r) => targets.includes(canonicalRepository(r)));
  if (policy) always.push(POLICY_MARKER);
  // Escapes that can stand for a character of a repository, and the backslash line break.
  const escape = /\\[xuU/\r\n]/;
  const always$ = always.length ? anyOf(always) : undefined;
  const path = anyOf(paths, 'i');
  const registry = anyOf(helmKeyNames(opts.helmKeys).registry);
  // One pass over most files: none of these, and the file cannot name a target (it may match more than that).
  const first = new RegExp(`${escape.source}|${[...always, ...lasts].map(quote).join('|')}`, 'i');
  return (buf) => {
    const s = buf.toString('latin1');
    if (!first.test(s)) return false;
    if (escape.test(s) || always$?.test(s)) return true;
    return path.test(s) || registry.test(s);
  };
}
