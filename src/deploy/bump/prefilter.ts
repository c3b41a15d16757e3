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
 *
 * A second, exact pass (`live`) then looks at each place the name is found: most files that name the image only
 * mention it in a comment or in prose. A place is dead, and a file with only dead places is skipped, when:
 *  - the byte before it is a letter, a digit or `(`: `R` above starts with the path (or `host/` then the path,
 *    or the registry's `/`), after a `name=` prefix (Argo CD kustomize images) or blanks at most, so a letter,
 *    digit or `(` right before the path cannot be in `R`; in the file the byte before a value's character is
 *    the character before it in the value (escapes and line breaks were ruled out above or are blanks);
 *  - a comment holds it: on its line a `#` at the line's start or after a blank comes before it, with no quote,
 *    `=` or backslash between the line's start and it. Then either the `#` starts a comment (to the end of the
 *    line), or it is inside a quoted or block string that goes on past the name (it cannot end on that line
 *    without a quote): that string holds `#` (and maybe blanks) before the name on the same line, so `R` is not
 *    all of it, and no `=` lets a prefix be cut off.
 * Both rules are off (the file is parsed) in a file holding `values` (Argo CD's `helm.values`, a string of YAML
 * whose every mention of the path counts when it cannot be read) or `offmain:` (a marker names `R` in a comment).
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

/**
 * Whether a file's bytes may name one of the images: false only when they cannot; `mentions` when they hold a
 * target's path only where no reference can be (the file need not be parsed, but its lines are shown in the
 * "no reference found" error as a parsed file's would be).
 */
export type MayName = (bytes: Buffer) => boolean | 'mentions';

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
  const pathAll = anyOf(paths, 'gi');
  const lastAll = anyOf(lasts, 'gi');
  const first = new RegExp(`${escape.source}|${[...always, ...lasts].map(quote).join('|')}`, 'i');
  return (buf) => {
    const s = buf.toString('latin1');
    if (!first.test(s)) return false;
    if (escape.test(s) || always$?.test(s)) return true;
    const registered = registry.test(s);
    const named = path.test(s);
    if (!registered && !named) return false;
    if (DOUBT.test(s)) return true;
    // With a registry key the path may be split at a `/`: each place of its last part must be dead.
    if (live(s, registered ? lastAll : pathAll)) return true;
    return named ? 'mentions' : false;
  };
}

/** Files where every mention may count: parsed whole. */
const DOUBT = /values|offmain:/i;
/** A byte before the name that no image reference has there. */
const DEAD_BEFORE = /[A-Za-z0-9(]/;
/** A line break. */
const BREAK = /[\r\n]/g;
/** A line break, or a `#` after a blank. */
const BREAK_OR_HASH = /[\r\n]|[ \t]#/g;
/** A line break, or what may not stand between a line's start and a name for the `#` before it to rule it out. */
const BREAK_OR_QUOTE = /[\r\n"'=\\]/g;

/** Where `re` first matches in `s` from `from`: its index, or the length of `s`. */
function search(re: RegExp, s: string, from: number): number {
  re.lastIndex = from;
  return re.exec(s)?.index ?? s.length;
}

/**
 * Whether one of the places `needle` finds in `s` may be (part of) an image reference (see the module comment).
 * The places come in order and each line is read once, when the first of them on it is: the work is linear in
 * the file's size however many places it holds (a hostile repository may fill 1 MiB files with them).
 */
export function live(s: string, needle: RegExp): boolean {
  let end = -1; // the line break ending the current line (or the length of `s`); -1 before the first line
  let hash = 0; // on the current line: the first `#` at its start or after a blank, or Infinity
  let quote = 0; // on the current line: the first quote, `=` or backslash, or Infinity
  needle.lastIndex = 0;
  for (let m = needle.exec(s); m; m = needle.exec(s)) {
    const at = m.index;
    needle.lastIndex = at + 1; // every place, overlapping ones too
    if (at > 0 && DEAD_BEFORE.test(s[at - 1]!)) continue;
    if (at > end) {
      let start = end + 1;
      end = search(BREAK, s, start);
      while (end < at) {
        start = end + 1;
        end = search(BREAK, s, start);
      }
      const h = s[start] === '#' ? start - 1 : search(BREAK_OR_HASH, s, start);
      hash = h < end ? h + 1 : Infinity;
      const q = search(BREAK_OR_QUOTE, s, start);
      quote = q < end ? q : Infinity;
    }
    // A `#` before it on its line, and no quote, `=` or backslash before it: in a comment.
    if (hash < at && quote > at) continue;
    return true;
  }
  return false;
}
