/**
 * Finding image references in one YAML file's text: pure, nothing is written here.
 *
 * A reference is either one scalar holding a whole image reference (`image: repo:tag@sha256:...`)
 * or separate scalars for the tag and digest (kustomize `newTag`/`digest`, Helm `tag`/`digest`).
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { OffmainError } from '../../core/errors.js';
import { canonicalRepository, parseImageRef } from '../../build/index.js';
import { aliasTable, firstProblem, parseYaml } from './parse.js';

export type RefKind = 'kustomize' | 'helm' | 'workload' | 'compose' | 'marker';

/** A scalar with its source offsets (always set by the parser). */
export type SourceScalar = Scalar & { range: [number, number, number] };

/** An existing `key: value` whose value is a scalar. */
export interface Slot {
  /** Absent for a sequence item. */
  pair?: Pair;
  scalar: SourceScalar;
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
}

export type Reference = (WholeRef | SplitRef) & {
  kind: RefKind;
  /** Canonical repository (see `canonicalRepository`). */
  repository: string;
  /** What the reference says now. */
  now: { tag?: string; digest?: string };
  /** Offset the reference is reported at. */
  offset: number;
};

export interface ScanOptions {
  /** Canonical repositories to look for. */
  repositories: Set<string>;
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

const HELM_KEYS: Required<HelmKeys> = {
  repository: ['repository'],
  tag: ['tag'],
  digest: ['digest'],
  registry: ['registry'],
};

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const COMPOSE_FILE = /(?:^|\/)(?:docker-)?compose(?:\.[^/]*)?\.ya?ml$/;
const KUSTOMIZATION_FILE = /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/;
const COMPOSE_KEYS = new Set(['version', 'name', 'services', 'networks', 'volumes', 'configs', 'secrets', 'include']);

/** Where to look, for the "no reference found" message. */
export const SEARCHED =
  'kustomization images, Helm values image.repository/tag, workload containers, compose services, offmain/$imagepolicy markers';

/** Parses `text` (the file `file`, relative) and returns every reference to a requested repository. */
export function findReferences(text: string, file: string, opts: ScanOptions): Reference[] {
  const docs = parseYaml(text);
  for (const doc of docs) {
    const problem = firstProblem(doc);
    if (problem) {
      const line = problem.line ?? lineAt(text, problem.pos);
      throw new OffmainError(`${file}:${line}: YAML syntax error: ${problem.message}; fix the file, nothing was changed`, {
        file,
        line,
      });
    }
  }
  const refs: Reference[] = [];
  const taken = new Set<number>();
  const add = (r: Reference | undefined) => {
    if (!r) return;
    const at = r.shape === 'whole' ? r.scalar.range[0] : (r.tag ?? r.digest)?.scalar.range[0] ?? r.offset;
    if (taken.has(at)) return;
    taken.add(at);
    refs.push(r);
  };
  const withMarkers = /offmain:|\$imagepolicy/.test(text);
  for (const doc of docs) {
    const scan = new DocScan(doc, text, file, opts);
    if (withMarkers) scan.markers().forEach(add);
    scan.layout().forEach(add);
  }
  return refs.sort((a, b) => a.offset - b.offset);
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

class DocScan {
  private readonly keys: Required<HelmKeys>;
  private aliases?: Map<Alias, Node | undefined>;
  /** `get` through merge keys, per mapping and key: each mapping's merges are followed once (cycles cut). */
  private readonly merged = new Map<YAMLMap, Map<string, Node | null | undefined>>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly file: string,
    private readonly opts: ScanOptions,
  ) {
    this.keys = { ...HELM_KEYS, ...opts.helmKeys };
  }

  /** References the document's layout implies. */
  layout(): Reference[] {
    const file = this.file;
    const root = this.doc.contents;
    if (!isMap(root)) return [];
    const apiVersion = this.str(root, 'apiVersion') ?? '';
    const kind = this.str(root, 'kind');
    if (KUSTOMIZATION_FILE.test(file) || (apiVersion.startsWith('kustomize.config.k8s.io/') && kind)) {
      return this.kustomizeImages(this.get(root, 'images'));
    }
    if (apiVersion && kind) return this.k8sObject(root, apiVersion, kind);
    if (this.isCompose(root, file)) return this.compose(root);
    return this.helmValues(root);
  }

  private k8sObject(root: YAMLMap, apiVersion: string, kind: string): Reference[] {
    const refs: Reference[] = [];
    const spec = this.map(root, 'spec');
    if (spec && kind === 'Kustomization' && apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')) {
      refs.push(...this.kustomizeImages(this.get(spec, 'images')));
    }
    if (spec && kind === 'HelmRelease') {
      refs.push(...this.helmValues(this.get(spec, 'values')));
      for (const pr of this.items(this.get(spec, 'postRenderers'))) {
        const k = isMap(pr) ? this.map(pr, 'kustomize') : undefined;
        if (k) refs.push(...this.kustomizeImages(this.get(k, 'images')));
      }
    }
    if (spec && kind === 'Application' && apiVersion.startsWith('argoproj.io/')) {
      const sources = [this.get(spec, 'source'), ...this.items(this.get(spec, 'sources'))];
      for (const s of sources) {
        if (!isMap(s)) continue;
        const helm = this.map(s, 'helm');
        if (helm) refs.push(...this.helmValues(this.get(helm, 'valuesObject')));
        const k = this.map(s, 'kustomize');
        for (const item of k ? this.items(this.get(k, 'images')) : []) {
          const r = this.whole(item, 'kustomize', (v) => v.slice(0, v.indexOf('=') + 1));
          if (r) refs.push(r);
        }
      }
    }
    visit(root, {
      Pair: (_, pair) => {
        if (!isScalar(pair.key) || !CONTAINER_LISTS.has(String(pair.key.value))) return;
        for (const c of this.items(this.resolve(pair.value))) {
          const r = isMap(c) ? this.whole(this.get(c, 'image'), 'workload') : undefined;
          if (r) refs.push(r);
        }
      },
    });
    return refs;
  }

  private isCompose(root: YAMLMap, file: string): boolean {
    if (!isMap(this.get(root, 'services'))) return false;
    if (COMPOSE_FILE.test(file)) return true;
    return root.items.every((p) => isScalar(p.key) && (COMPOSE_KEYS.has(String(p.key.value)) || /^x-/.test(String(p.key.value))));
  }

  private compose(root: YAMLMap): Reference[] {
    const services = this.get(root, 'services');
    if (!isMap(services)) return [];
    return services.items.flatMap((p) => {
      const s = this.resolve(p.value);
      const r = isMap(s) ? this.whole(this.get(s, 'image'), 'compose') : undefined;
      return r ? [r] : [];
    });
  }

  /** Kustomize `images:` entries: name / newName / newTag / digest. */
  private kustomizeImages(images: Node | null | undefined): Reference[] {
    const refs: Reference[] = [];
    for (const entry of this.items(images)) {
      if (!isMap(entry)) continue;
      const repo = this.str(entry, 'newName') ?? this.str(entry, 'name');
      if (!repo || !this.wanted(repo)) continue;
      const tag = this.slot(entry, 'newTag');
      const digest = this.slot(entry, 'digest');
      refs.push({
        shape: 'split',
        kind: 'kustomize',
        repository: canonicalRepository(repo),
        map: entry,
        tag,
        digest,
        addTag: 'newTag',
        addDigest: 'digest',
        dropDigest: 'remove-line',
        offset: (tag ?? digest)?.scalar.range[0] ?? entry.range![0],
        now: this.current(tag, digest),
      });
    }
    return refs;
  }

  /**
   * Helm values: every mapping with `repository: <repo>` (plus `registry:` if split) and a `tag:` key,
   * and every string that is a whole `repo:tag` reference (`image: repo:tag`, or any value with a tag).
   */
  private helmValues(values: Node | null | undefined): Reference[] {
    if (!isMap(values) && !isSeq(values)) return [];
    const refs: Reference[] = [];
    const k = this.keys;
    visit(values, {
      Map: (_, map) => {
        const repoKey = k.repository.find((key) => this.str(map, key) !== undefined);
        const tagKey = k.tag.find((key) => map.has(key));
        if (!repoKey || !tagKey) return;
        const registry = k.registry.map((key) => this.str(map, key)).find((v) => v);
        const repo = `${registry ? `${registry.replace(/\/+$/, '')}/` : ''}${this.str(map, repoKey)}`;
        if (!this.wanted(repo)) return;
        const tag = this.slot(map, tagKey);
        if (!tag && this.get(map, tagKey) != null) return; // a tag that is not a scalar: not ours to edit
        const digestKey = k.digest.find((key) => map.has(key));
        const digest = digestKey ? this.slot(map, digestKey) : undefined;
        refs.push({
          shape: 'split',
          kind: 'helm',
          repository: canonicalRepository(repo),
          map,
          tag,
          digest,
          dropDigest: 'empty',
          offset: tag?.scalar.range[0] ?? map.range![0],
          now: this.current(tag, digest),
        });
      },
      Pair: (_, pair) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (k.repository.includes(key) || k.tag.includes(key) || k.digest.includes(key)) return;
        const r = this.whole(pair.value, 'helm', undefined, key === 'image');
        if (r) refs.push(r);
      },
      Seq: (_, seq) => {
        for (const item of seq.items) {
          const r = this.whole(item, 'helm', undefined, false);
          if (r) refs.push(r);
        }
      },
    });
    return refs;
  }

  /** A scalar holding a whole image reference to a requested repository. */
  private whole(
    node: unknown,
    kind: RefKind,
    prefixOf: (value: string) => string = () => '',
    /** Whether a reference without tag or digest counts (not for arbitrary strings in values). */
    untagged = true,
  ): Reference | undefined {
    const scalar = this.resolve(node);
    if (!isScalar(scalar) || typeof scalar.value !== 'string') return undefined;
    const prefix = prefixOf(scalar.value);
    const ref = parseImageRef(scalar.value.slice(prefix.length).trim());
    if (!this.wanted(ref.repository) || (!untagged && ref.tag === undefined && ref.digest === undefined)) return undefined;
    const s = scalar as SourceScalar;
    this.refuseTemplated(s, scalar.value);
    return {
      shape: 'whole',
      kind,
      repository: canonicalRepository(ref.repository),
      scalar: s,
      prefix,
      name: ref.repository,
      now: { tag: ref.tag, digest: ref.digest },
      offset: s.range[0],
    };
  }

  private refuseTemplated(s: SourceScalar, value: string): void {
    if (!/\$\{|\{\{/.test(value)) return;
    const line = lineAt(this.text, s.range[0]);
    throw new OffmainError(
      `${this.file}:${line}: "${value}" takes its tag from a variable; set that variable instead, or write a literal tag here`,
      { file: this.file, line },
    );
  }

  /** Scalars with an `offmain:` or `$imagepolicy` marker comment at the end of their line. */
  markers(): Reference[] {
    const refs: Reference[] = [];
    const splits = new Map<unknown, Reference & SplitRef>();
    visit(this.doc, {
      Scalar: (key, node, path) => {
        if (key === 'key') return;
        const s = node as SourceScalar;
        const eol = this.text.indexOf('\n', s.range[1]);
        const m = /^[ \t]*#[ \t]*(.*?)\s*$/.exec(this.text.slice(s.range[1], eol < 0 ? undefined : eol));
        const marker = m ? this.parseMarker(m[1]!) : undefined;
        if (!marker) return;
        const { repo, part } = marker;
        if (part === 'whole' || part === 'name') {
          const value = s.value == null ? '' : String(s.value);
          this.refuseTemplated(s, value);
          const ref = parseImageRef(value);
          const same = canonicalRepository(ref.repository) === repo;
          refs.push({
            shape: 'whole',
            kind: 'marker',
            repository: repo,
            scalar: s,
            prefix: '',
            name: same ? ref.repository : '',
            nameOnly: part === 'name',
            now: same && part === 'whole' ? { tag: ref.tag, digest: ref.digest } : {},
            offset: s.range[0],
          });
          return;
        }
        // `:tag` and `:digest` markers in one mapping make one reference.
        const last = path[path.length - 1];
        const parent = isPair(last) ? path[path.length - 2] : last;
        let r = splits.get(parent);
        if (!r || r.repository !== repo || r[part]) {
          r = {
            shape: 'split',
            kind: 'marker',
            repository: repo,
            map: parent as YAMLMap,
            dropDigest: 'empty',
            offset: s.range[0],
            now: {},
          };
          splits.set(parent, r);
          refs.push(r);
        }
        r[part] = { pair: isPair(last) ? last : undefined, scalar: s };
        r.now = this.current(r.tag, r.digest);
      },
    });
    return refs;
  }

  private parseMarker(comment: string): { repo: string; part: 'whole' | 'tag' | 'digest' | 'name' } | undefined {
    const withPart = (spec: string, known: (s: string) => string | undefined) => {
      const m = /^(.*?)(?::(tag|digest|name))?$/.exec(spec)!;
      const repo = known(m[1]!);
      return repo ? { repo, part: (m[2] ?? 'whole') as 'whole' | 'tag' | 'digest' | 'name' } : undefined;
    };
    const own = /^offmain:\s*(\S+)$/.exec(comment);
    if (own) {
      return withPart(own[1]!, (r) => {
        const c = canonicalRepository(r);
        return this.opts.repositories.has(c) ? c : undefined;
      });
    }
    if (!comment.includes('$imagepolicy') || !this.opts.policies) return undefined;
    let policy: unknown;
    try {
      policy = (JSON.parse(comment) as Record<string, unknown>)['$imagepolicy'];
    } catch {
      return undefined;
    }
    if (typeof policy !== 'string') return undefined;
    return withPart(policy, (p) => {
      const repo = this.opts.policies?.[p];
      const c = repo === undefined ? undefined : canonicalRepository(repo);
      return c && this.opts.repositories.has(c) ? c : undefined;
    });
  }

  private current(tag?: Slot, digest?: Slot): { tag?: string; digest?: string } {
    const out: { tag?: string; digest?: string } = {};
    const t = tag && scalarText(tag.scalar, this.text);
    const d = digest && scalarText(digest.scalar, this.text);
    if (t) out.tag = t;
    if (d) out.digest = d;
    return out;
  }

  private wanted(repository: string): boolean {
    return this.opts.repositories.has(canonicalRepository(repository));
  }

  private resolve(node: unknown): unknown {
    if (!isAlias(node)) return node;
    this.aliases ??= aliasTable(this.doc);
    return this.aliases.get(node);
  }

  /** A key's value, following aliases and `<<` merge keys. */
  private get(map: YAMLMap, key: string): Node | null | undefined {
    for (const p of map.items) {
      if (isScalar(p.key) && p.key.value === key) return this.resolve(p.value) as Node | null;
    }
    if (!map.items.some((p) => isScalar(p.key) && p.key.value === '<<')) return undefined;
    let memo = this.merged.get(map);
    if (!memo) this.merged.set(map, (memo = new Map()));
    if (memo.has(key)) return memo.get(key);
    memo.set(key, undefined); // while it is looked up: a mapping that merges itself finds nothing there
    let found: Node | null | undefined;
    for (const p of map.items) {
      if (found !== undefined) break;
      if (!isScalar(p.key) || p.key.value !== '<<') continue;
      const sources = isSeq(p.value) ? p.value.items : [p.value];
      for (const s of sources) {
        const m = this.resolve(s);
        found = isMap(m) ? this.get(m, key) : undefined;
        if (found !== undefined) break;
      }
    }
    memo.set(key, found);
    return found;
  }

  private map(map: YAMLMap, key: string): YAMLMap | undefined {
    const v = this.get(map, key);
    return isMap(v) ? v : undefined;
  }

  private str(map: YAMLMap, key: string): string | undefined {
    const v = this.get(map, key);
    return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
  }

  private items(node: unknown): unknown[] {
    const n = this.resolve(node);
    return isSeq(n) ? n.items.map((i) => this.resolve(i)) : [];
  }

  /** The pair `key` of `map` itself (not merged) when its value is a scalar, for editing in place. */
  private slot(map: YAMLMap, key: string): Slot | undefined {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    const v = pair && this.resolve(pair.value);
    return pair && isScalar(v) ? { pair, scalar: v as SourceScalar } : undefined;
  }
}

/** A scalar's text as a string: the source of a plain scalar (so `4.10` stays `4.10`), '' for null. */
export function scalarText(s: Scalar, text: string): string {
  if (s.value == null) return '';
  if (typeof s.value === 'string') return s.value;
  const r = (s as SourceScalar).range;
  return s.type === 'PLAIN' && r ? text.slice(r[0], r[1]).trim() : String(s.value);
}
