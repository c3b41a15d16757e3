/**
 * The bump's cross-file checks and messages: references that share one anchored scalar (they move together or
 * not at all), merging the edits of such references, and the "no reference found" message that lists where the
 * image's name appears in a form offmain cannot edit. Pure: works on what the scan found.
 */
import { OffmainError } from '../../core/errors.js';
import { repositoryPath } from '../../build/index.js';
import type { Edit } from './edit.js';
import { lineAt, type Mention, type Reference } from './refs.js';

/** Where to look, for the "no reference found" message. */
export const SEARCHED =
  'kustomization images, Helm values image.repository/tag (HelmRelease values too), Argo CD Application/ApplicationSet ' +
  'helm valuesObject/values/parameters and kustomize images, .argocd-source-<app>.yaml, workload containers, ' +
  'compose services, offmain/$imagepolicy markers';

export interface Found {
  file: string;
  text: string;
  ref: Reference;
}

export interface Scanned {
  found: Found[];
  mentions: (Mention & { file: string; line: number })[];
  /** Every file that may reference a target (parsed), with its text. */
  texts: Map<string, string>;
  /** In file order, every file whose text holds a target's path: the parsed ones and those that only mention it. */
  named: Map<string, string>;
}

/** A reference whose edited scalar is anchored and aliased, with the edits planned for it. */
export interface SharedUse {
  found: Found;
  edits: Edit[];
  /** The tag it would get, as reported. */
  to: string;
}

/**
 * Refuses when the images sharing an anchored scalar would get different values, or when the anchor is also
 * used somewhere that is not an image being bumped: a value never moves without being reported.
 */
export function checkShared(uses: SharedUse[]): void {
  const groups = new Map<string, SharedUse[]>();
  for (const u of uses) {
    const key = `${u.found.file}\0${u.found.ref.shared![0]}`;
    const list = groups.get(key);
    if (list) list.push(u);
    else groups.set(key, [u]);
  }
  for (const group of groups.values()) {
    const { file, text, ref } = group[0]!.found;
    const at = ref.shared![0]!;
    const line = (o: number) => lineAt(text, o);
    const valueOf = (u: SharedUse) => u.edits.find((e) => e.start === at)?.text ?? text.slice(at, scalarEnd(u.found.ref, at));
    if (new Set(group.map(valueOf)).size > 1) {
      const each = group.map((u) => `line ${line(u.found.ref.offset)} (${u.found.ref.repository} -> ${u.to})`).join(', ');
      throw new OffmainError(
        `${file}:${line(at)}: one anchored tag is used by images that would get different tags: ${each}; give each image its own tag, nothing was changed`,
        { file, line: line(at) },
      );
    }
    if (!group.some((u) => u.edits.length)) continue;
    const covered = new Set(group.map((u) => u.found.ref.offset));
    const others = ref.shared!.filter((o) => !covered.has(o));
    if (others.length === 0) continue;
    throw new OffmainError(
      `${file}:${line(at)}: this tag is anchored and also used on line ${upTo(others.map(line), 10)}, which is not an image being bumped; ` +
        `changing it would move that too: give the image its own tag (or bump every image that uses it), nothing was changed`,
      { file, line: line(at) },
    );
  }
}

/** `list` joined with ", ", the first `n` only. */
function upTo(list: unknown[], n: number): string {
  return list.slice(0, n).join(', ') + (list.length > n ? ` and ${list.length - n} more` : '');
}

function scalarEnd(ref: Reference, start: number): number {
  const s = ref.shape === 'whole' ? ref.scalar : [ref.tag, ref.digest].find((x) => x?.scalar.range[0] === start)?.scalar;
  return s?.range[1] ?? start;
}

/** The edits of one file with the ones planned twice (one anchored scalar, several references) kept once. */
export function mergeEdits(edits: Edit[]): Edit[] {
  const seen = new Map<string, Edit>();
  for (const e of edits) {
    const key = `${e.start}:${e.end}`;
    const had = seen.get(key);
    if (had && had.text !== e.text) throw new Error(`two different edits at offset ${e.start}`);
    seen.set(key, e);
  }
  return [...seen.values()];
}

/** Where `repository` appears in a form offmain cannot edit: the mentions, then other lines naming it. */
export function uneditable(repository: string, texts: Map<string, string>, mentions: Scanned['mentions']): string[] {
  const path = repositoryPath(repository);
  const named = new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w./-])`);
  const out: string[] = [];
  const said = new Set<string>();
  for (const m of mentions) {
    if (m.repository !== repository) continue;
    said.add(`${m.file}:${m.line}`);
    out.push(`${m.file}:${m.line} (${m.why}${m.marker ? '' : '; a marker there cannot work'})`);
  }
  for (const [file, text] of texts) {
    let line = 0;
    for (const l of text.split('\n')) {
      line++;
      if (!named.test(l) || /^\s*#/.test(l) || said.has(`${file}:${line}`)) continue;
      out.push(`${file}:${line} (not in a layout offmain edits; a marker # offmain: ${repository} at the end of that line makes it one)`);
    }
  }
  return out;
}

/** The "no reference found" message; `adopt`: where the config names another Mastodon image, and how to adopt it. */
export function noReference(dir: string, files: number, repository: string, places: string[], adopt?: string): string {
  const head = `no reference to ${repository} found in ${dir} (searched ${files} YAML files: ${SEARCHED})${adopt ? `; ${adopt}` : ''}`;
  const shown = places.slice(0, 20).join('; ') + (places.length > 20 ? `; and ${places.length - 20} more places` : '');
  if (places.length) return `${head}; it appears where offmain cannot edit it: ${shown}`;
  return adopt ? head : `${head}; add an offmain marker (# offmain: ${repository}) on the line to update`;
}
