/**
 * What the bump finds in a file: image references (one scalar holding a whole reference, or tag and digest
 * in separate keys), places it cannot edit, and the small helpers every part of the scan shares (line numbers,
 * a scalar's source text). Types and pure helpers only.
 */
import type { Alias, Pair, Scalar, YAMLMap } from 'yaml';

export type RefKind = 'kustomize' | 'helm' | 'workload' | 'compose' | 'marker';

/** A scalar with its source offsets (always set by the parser). */
export type SourceScalar = Scalar & { range: [number, number, number] };

/** An existing `key: value` whose value is a scalar. */
export interface Slot {
  /** Absent for a sequence item. */
  pair?: Pair;
  scalar: SourceScalar;
  /** The alias (`*version`) the scalar was reached through, if any. */
  alias?: Alias;
}

/** One scalar holding a whole image reference, possibly after a `prefix` (Argo CD's `name=`). */
export interface WholeRef {
  shape: 'whole';
  scalar: SourceScalar;
  prefix: string;
  /** The repository as written there, kept as it is when it names the target; '' to write the target's. */
  name: string;
  /** A Flux `:name` marker: the scalar holds the repository only. */
  nameOnly?: boolean;
  alias?: Alias;
}

/** Tag and digest in separate keys of one mapping. */
export interface SplitRef {
  shape: 'split';
  map: YAMLMap;
  tag?: Slot;
  digest?: Slot;
  /** Key to add for the tag / digest when the mapping lacks it; without one the value cannot be set. */
  addTag?: string;
  addDigest?: string;
  /** How to drop a digest that no longer matches the tag: delete its line, or set it to "". */
  dropDigest: 'remove-line' | 'empty';
  /** Added keys go after this pair (default: the tag, else the last pair), quoted like `like`. */
  after?: Pair;
  like?: SourceScalar;
  /** The tag may carry `@sha256:...` (Helm: the chart renders `repository:tag`). */
  pinInTag?: boolean;
  /** The tag scalar holds `tag@digest` now. */
  tagPinned?: boolean;
  /**
   * Where the repository is written, rewritten only when the reference is adopted (bump/adopt.ts): Helm's
   * `repository` (and `registry`), Kustomize's `newName`. Without them the mapping cannot be adopted.
   */
  repo?: Slot;
  registry?: Slot;
  /** Kustomize: the key to add for the new name (`newName`) after the `name` pair, quoted like it. */
  addName?: string;
  nameAfter?: Slot;
}

export type Reference = (WholeRef | SplitRef) & {
  kind: RefKind;
  /** Canonical repository (see `canonicalRepository`). */
  repository: string;
  /** What the reference says now. */
  now: { tag?: string; digest?: string };
  /** Offset the reference is reported at (the alias, when the scalar is reached through one). */
  offset: number;
  /** When the edited scalar is anchored and aliased: the offset of every use (anchor and aliases). */
  shared?: number[];
  /** Said with the change (a duplicate key on the way, ...). */
  notes?: string[];
  /** A Kustomize image (an `images:` entry, Argo CD's `kustomize.images`): the name it matches in the manifests, canonical. */
  matches?: string;
  /** `# offmain: REPOSITORY` markers: where REPOSITORY is in their comments (rewritten when it is adopted). */
  markerNames?: [number, number][];
  /** Lines that head it, as offsets: the key its mapping is under, its entry, container or service (holdplace.ts). */
  heads?: number[];
};

/** A place the image's name appears in a form offmain cannot edit. */
export interface Mention {
  offset: number;
  repository: string;
  why: string;
  /** Whether an `# offmain:` marker on that line would make it editable. */
  marker: boolean;
  /** Refuse the bump even when the image has references elsewhere (only some of them would move). */
  refuse?: boolean;
}

/** What one file holds for the bump. */
export interface FileScan {
  refs: Reference[];
  /** Places offmain cannot edit (a `${VAR}` tag). */
  mentions: Mention[];
  /** One line each, with the file and line (a duplicate key away from any image). */
  warnings: { line: number; message: string }[];
}

/** Canonical repositories to look for: a set, or a rule that lists none (the adoption hint's, bump/adopt.ts). */
export type Repositories = { has(repository: string): boolean } & Iterable<string>;

export interface ScanOptions {
  /** Canonical repositories to look for. */
  repositories: Repositories;
  /** `namespace:name` of a Flux ImagePolicy -> repository. */
  policies?: Record<string, string>;
  helmKeys?: HelmKeys;
}

/** Key names of a Helm values image mapping, tried in order. */
export interface HelmKeys {
  repository?: string[];
  tag?: string[];
  digest?: string[];
  registry?: string[];
}

let newlines: { text: string; at: number[] } | undefined;

/** 1-based line of an offset (the newlines of the last text asked about are kept: many lookups stay linear). */
export function lineAt(text: string, offset: number): number {
  if (newlines?.text !== text) {
    const at: number[] = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) at.push(i);
    newlines = { text, at };
  }
  const { at } = newlines;
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** A scalar's text as a string: the source of a plain scalar (so `4.10` stays `4.10`), '' for null. */
export function scalarText(s: Scalar, text: string): string {
  if (s.value == null) return '';
  if (typeof s.value === 'string') return s.value;
  const r = (s as SourceScalar).range;
  return s.type === 'PLAIN' && r ? text.slice(r[0], r[1]).trim() : String(s.value);
}
