/**
 * Finding image references in one YAML file's text: pure, nothing is written here.
 *
 * A reference is either one scalar holding a whole image reference (`image: repo:tag@sha256:...`)
 * or separate scalars for the tag and digest (kustomize `newTag`/`digest`, Helm `tag`/`digest`; a Helm mapping
 * with `repository` and no `tag` runs the chart's default and gets a `tag` key). Argo CD's places are read by
 * argocd.ts through this scan; the data shapes are in reference.ts.
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
import { canonicalRepository, parseImageRef, repositoryPath } from '../../build/index.js';
import { ARGOCD_SOURCE_FILE, argoApplication, argoSource, type Walk } from './argocd.js';
import { embeddedDocuments } from './blockstring.js';
import { settleDuplicates } from './duplicates.js';
import { aliasTable, firstProblem, parseYaml } from './parse.js';
import {
  lineAt,
  scalarText,
  type FileScan,
  type HelmKeys,
  type RefKind,
  type Reference,
  type ScanOptions,
  type Slot,
  type SourceScalar,
  type SplitRef,
} from './reference.js';

export type {
  FileScan,
  HelmKeys,
  Mention,
  RefKind,
  Reference,
  ScanOptions,
  Slot,
  SourceScalar,
  SplitRef,
  WholeRef,
} from './reference.js';
export { lineAt, scalarText } from './reference.js';

const HELM_KEYS: Required<HelmKeys> = {
  repository: ['repository'],
  tag: ['tag'],
  digest: ['digest'],
  registry: ['registry'],
};

/** The key names of Helm image mappings (and Argo CD parameters) in use: the defaults, with `given` over them. */
export function helmKeyNames(given?: HelmKeys): Required<HelmKeys> {
  return { ...HELM_KEYS, ...given };
}

/** What a comment must contain to be a Flux image policy marker (`# {"$imagepolicy": "ns:name:tag"}`). */
export const POLICY_MARKER = '$imagepolicy';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const COMPOSE_FILE = /(?:^|\/)(?:docker-)?compose(?:\.[^/]*)?\.ya?ml$/;
const KUSTOMIZATION_FILE = /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/;
const COMPOSE_KEYS = new Set(['version', 'name', 'services', 'networks', 'volumes', 'configs', 'secrets', 'include']);

/** Parses `text` (the file `file`, relative): every reference to a requested repository, and what else to say. */
export function findReferences(text: string, file: string, opts: ScanOptions): FileScan {
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
  const out: FileScan = { refs: [], mentions: [], warnings: [] };
  const withMarkers = /offmain:|\$imagepolicy/.test(text);
  for (const doc of docs) {
    const refs: Reference[] = [];
    const taken = new Set<string>();
    const add = (r: Reference | undefined) => {
      if (!r) return;
      const slot = r.shape === 'whole' ? r : (r.tag ?? r.digest);
      const at = `${slot?.scalar.range[0] ?? r.offset}@${r.offset}`;
      if (taken.has(at)) return;
      taken.add(at);
      refs.push(r);
    };
    const scan = new DocScan(doc, text, file, opts, out);
    if (withMarkers) scan.markers().forEach(add);
    scan.layout().forEach(add);
    out.refs.push(...scan.settle(refs));
  }
  out.refs.sort((a, b) => a.offset - b.offset);
  return out;
}

class DocScan implements Walk {
  readonly keys: Required<HelmKeys>;
  private aliases?: Map<Alias, Node | undefined>;
  /** Per anchored node: its own offset, then every alias's. */
  private uses?: Map<Node, number[]>;
  /** `get` through merge keys, per mapping and key: each mapping's merges are followed once (cycles cut). */
  private readonly merged = new Map<YAMLMap, Map<string, Node | null | undefined>>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly file: string,
    private readonly opts: ScanOptions,
    private readonly out: FileScan,
  ) {
    this.keys = helmKeyNames(opts.helmKeys);
  }

  /** The references kept once keys given twice are read as Helm reads them (duplicates.ts), anchors marked. */
  settle(refs: Reference[]): Reference[] {
    const settled = settleDuplicates(this.doc, refs, (o) => lineAt(this.text, o));
    for (const r of settled.refs) this.share(r);
    this.out.mentions.push(...settled.dropped);
    this.out.warnings.push(...settled.warnings.map((w) => ({ line: lineAt(this.text, w.offset), message: w.message })));
    return settled.refs;
  }

  /** Helm values embedded in a string (Argo CD's `helm.values: |`); a string that cannot be read is a mention. */
  embedded(s: Scalar, what: string): Reference[] {
    const scalar = s as SourceScalar;
    const docs = embeddedDocuments(this.text, scalar);
    if (typeof docs === 'string') {
      for (const repository of this.opts.repositories) {
        if (!String(s.value).includes(repositoryPath(repository))) continue;
        this.out.mentions.push({ offset: scalar.range[0], repository, why: `${what} is ${docs}, so offmain cannot edit the image in it`, marker: false });
      }
      return [];
    }
    return docs.flatMap((doc) => {
      const inner = new DocScan(doc, this.text, this.file, this.opts, this.out);
      return inner.settle(inner.helmValues(doc.contents));
    });
  }

  /** Sets `r.shared` when the scalar it edits carries an anchor that an alias uses too. */
  share(r: Reference): void {
    const s = r.shape === 'whole' ? r.scalar : (r.tag ?? r.digest)?.scalar;
    if (!s?.anchor) return;
    if (!this.uses) {
      this.aliases ??= aliasTable(this.doc);
      this.uses = new Map();
      for (const [alias, node] of this.aliases) {
        if (!node) continue;
        const list = this.uses.get(node) ?? [node.range![0]];
        list.push(alias.range![0]);
        this.uses.set(node, list);
      }
    }
    const uses = this.uses.get(s);
    if (uses) r.shared = uses;
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
    if (ARGOCD_SOURCE_FILE.test(file)) return argoSource(this, root);
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
    if ((kind === 'Application' || kind === 'ApplicationSet') && apiVersion.startsWith('argoproj.io/')) {
      refs.push(...argoApplication(this, root, kind));
    }
    visit(root, {
      Pair: (_, pair) => {
        if (!isScalar(pair.key) || !CONTAINER_LISTS.has(String(pair.key.value))) return;
        for (const c of this.items(this.resolve(pair.value))) {
          const r = isMap(c) ? this.whole(this.get(c, 'image'), 'workload') : undefined;
          if (r) refs.push(Object.assign(r, { heads: [(c as YAMLMap).range![0]] }));
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
      if (r && isScalar(p.key)) r.heads = [(p.key as SourceScalar).range[0]];
      return r ? [r] : [];
    });
  }

  /** Kustomize `images:` entries: name / newName / newTag / digest. */
  private kustomizeImages(images: Node | null | undefined): Reference[] {
    const refs: Reference[] = [];
    for (const entry of this.items(images)) {
      if (!isMap(entry)) continue;
      const newName = this.str(entry, 'newName');
      const name = this.str(entry, 'name');
      const repo = newName ?? name;
      if (!repo || !this.wanted(repo)) continue;
      const tag = this.slot(entry, 'newTag');
      const digest = this.slot(entry, 'digest');
      const r: Reference = {
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
        heads: [entry.range![0]],
      };
      if (name) r.matches = canonicalRepository(name);
      // Adopted, `name` stays (it is what the transformer matches in the manifests): `newName` is set.
      if (newName !== undefined) r.repo = this.slot(entry, 'newName');
      else Object.assign(r, { addName: 'newName', nameAfter: this.slot(entry, 'name') });
      refs.push(r);
    }
    return refs;
  }

  /**
   * Helm values: every mapping with `repository: <repo>` (plus `registry:` if split) and a `tag:` key,
   * and every string that is a whole `repo:tag` reference (`image: repo:tag`, or any value with a tag).
   */
  helmValues(values: Node | null | undefined): Reference[] {
    if (!isMap(values) && !isSeq(values)) return [];
    const refs: Reference[] = [];
    const k = this.keys;
    visit(values, {
      Map: (_, map, path) => {
        const repoKey = k.repository.find((key) => this.str(map, key) !== undefined);
        const tagKey = k.tag.find((key) => map.has(key));
        if (!repoKey) return;
        const registryKey = k.registry.find((key) => this.str(map, key));
        const registry = registryKey && this.str(map, registryKey);
        const repo = `${registry ? `${registry.replace(/\/+$/, '')}/` : ''}${this.str(map, repoKey)}`;
        if (!this.wanted(repo)) return;
        // A tag merged in (`<<: *common`) is edited where it is written, with the mapping it comes from.
        if (!tagKey && k.tag.some((key) => this.get(map, key) !== undefined)) return;
        const tag = tagKey ? this.slot(map, tagKey) : undefined;
        if (tagKey && !tag && this.get(map, tagKey) != null) return; // a tag that is not a scalar: not ours to edit
        const digestKey = k.digest.find((key) => map.has(key));
        const digest = digestKey ? this.slot(map, digestKey) : undefined;
        const repoSlot = this.slot(map, repoKey);
        const r: Reference = {
          shape: 'split',
          kind: 'helm',
          repository: canonicalRepository(repo),
          map,
          tag,
          digest,
          dropDigest: 'empty',
          pinInTag: true,
          offset: tag?.alias?.range?.[0] ?? tag?.scalar.range[0] ?? repoSlot?.scalar.range[0] ?? map.range![0],
          now: this.current(tag, digest, true),
          heads: [map.range![0], ...[path[path.length - 1]].flatMap((p) => (isPair(p) && isScalar(p.key) ? [(p.key as SourceScalar).range[0]] : []))],
        };
        // Where an adoption rewrites the repository: written in this mapping itself (not merged in), or nowhere.
        const registrySlot = registryKey ? this.slot(map, registryKey) : undefined;
        if (repoSlot && (!registryKey || registrySlot)) Object.assign(r, { repo: repoSlot, registry: registrySlot });
        // The chart's default tag (its appVersion) is in use: add `tag` next to `repository`, quoted like it.
        if (!tagKey && repoSlot) Object.assign(r, { addTag: k.tag[0], after: repoSlot.pair, like: repoSlot.scalar });
        if (tag && /@sha256:/.test(scalarText(tag.scalar, this.text))) r.tagPinned = true;
        refs.push(r);
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
  whole(
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
    if (this.templated(s, scalar.value, canonicalRepository(ref.repository))) return undefined;
    const r: Reference = {
      shape: 'whole',
      kind,
      repository: canonicalRepository(ref.repository),
      scalar: s,
      prefix,
      name: ref.repository,
      now: { tag: ref.tag, digest: ref.digest },
      offset: isAlias(node) ? node.range![0] : s.range[0],
    };
    if (isAlias(node)) r.alias = node;
    return r;
  }

  /** Whether `value` takes its tag from a variable (`${TAG}`, `{{ .Values.tag }}`): then it is a mention, not a reference. */
  private templated(s: SourceScalar, value: string, repository: string): boolean {
    if (!/\$\{|\{\{/.test(value)) return false;
    this.out.mentions.push({ offset: s.range[0], repository, why: `"${value}" takes its tag from a variable; set that variable instead, or write a literal tag here`, marker: false, refuse: true });
    return true;
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
        const m = /^([ \t]*#[ \t]*)(.*?)\s*$/.exec(this.text.slice(s.range[1], eol < 0 ? undefined : eol));
        const marker = m ? this.parseMarker(m[2]!) : undefined;
        if (!marker) return;
        const { repo, part } = marker;
        const at = s.range[1] + m![1]!.length;
        const names: [number, number][] = marker.name ? [[at + marker.name[0], at + marker.name[1]]] : [];
        if (part === 'whole' || part === 'name') {
          const value = s.value == null ? '' : String(s.value);
          if (this.templated(s, value, repo)) return;
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
            markerNames: names,
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
            markerNames: [],
          };
          splits.set(parent, r);
          refs.push(r);
        }
        r[part] = { pair: isPair(last) ? last : undefined, scalar: s };
        r.markerNames!.push(...names);
        r.now = this.current(r.tag, r.digest);
      },
    });
    return refs;
  }

  /** The repository and part a marker names; for `offmain:` markers, where the repository is in `comment`. */
  private parseMarker(comment: string): { repo: string; part: 'whole' | 'tag' | 'digest' | 'name'; name?: [number, number] } | undefined {
    const withPart = (spec: string, known: (s: string) => string | undefined) => {
      const m = /^(.*?)(?::(tag|digest|name))?$/.exec(spec)!;
      const repo = known(m[1]!);
      return repo ? { repo, part: (m[2] ?? 'whole') as 'whole' | 'tag' | 'digest' | 'name', length: m[1]!.length } : undefined;
    };
    const own = /^offmain:\s*(\S+)$/.exec(comment);
    if (own) {
      const found = withPart(own[1]!, (r) => {
        const c = canonicalRepository(r);
        return this.opts.repositories.has(c) ? c : undefined;
      });
      const start = comment.length - own[1]!.length;
      return found && { repo: found.repo, part: found.part, name: [start, start + found.length] };
    }
    if (!comment.includes(POLICY_MARKER) || !this.opts.policies) return undefined;
    let policy: unknown;
    try {
      policy = (JSON.parse(comment) as Record<string, unknown>)[POLICY_MARKER];
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

  /** The tag and digest there now; `pinnable`: a tag `t@sha256:...` counts as tag `t` pinned to that digest. */
  current(tag?: Slot, digest?: Slot, pinnable = false): { tag?: string; digest?: string } {
    const out: { tag?: string; digest?: string } = {};
    let t = tag && scalarText(tag.scalar, this.text);
    let d = digest && scalarText(digest.scalar, this.text);
    const at = pinnable && t ? t.indexOf('@sha256:') : -1;
    if (t && at >= 0) {
      d ||= t.slice(at + 1);
      t = t.slice(0, at);
    }
    if (t) out.tag = t;
    if (d) out.digest = d;
    return out;
  }

  wanted(repository: string): boolean {
    return this.opts.repositories.has(canonicalRepository(repository));
  }

  private resolve(node: unknown): unknown {
    if (!isAlias(node)) return node;
    this.aliases ??= aliasTable(this.doc);
    return this.aliases.get(node);
  }

  /** A key's value, following aliases and `<<` merge keys. */
  get(map: YAMLMap, key: string): Node | null | undefined {
    for (let i = map.items.length - 1; i >= 0; i--) {
      const p = map.items[i]!;
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

  map(map: YAMLMap, key: string): YAMLMap | undefined {
    const v = this.get(map, key);
    return isMap(v) ? v : undefined;
  }

  str(map: YAMLMap, key: string): string | undefined {
    const v = this.get(map, key);
    return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
  }

  items(node: unknown): unknown[] {
    const n = this.resolve(node);
    return isSeq(n) ? n.items.map((i) => this.resolve(i)) : [];
  }

  /** The pair `key` of `map` itself (not merged; the last one if given twice) when its value is a scalar. */
  slot(map: YAMLMap, key: string): Slot | undefined {
    let pair: Pair | undefined;
    for (const p of map.items) if (isScalar(p.key) && p.key.value === key) pair = p;
    const v = pair && this.resolve(pair.value);
    if (!pair || !isScalar(v)) return undefined;
    const slot: Slot = { pair, scalar: v as SourceScalar };
    if (isAlias(pair.value)) slot.alias = pair.value;
    return slot;
  }
}

