/**
 * Argo CD's places for an image: an Application's or ApplicationSet's sources (`spec.source`, `spec.sources[]`,
 * `spec.template.spec...`) with `helm.valuesObject`, `helm.values` (a block string of YAML), `helm.parameters`
 * (`name: image.tag`) and `kustomize.images`, and Argo CD Image Updater's write-back file
 * `.argocd-source-<app>.yaml` (the same `helm:` / `kustomize:` keys at its root).
 */
import { isMap, isScalar, type Node, type Scalar, type YAMLMap } from 'yaml';
import { canonicalRepository } from '../../build/index.js';
import type { HelmKeys, RefKind, Reference, Slot } from './reference.js';

/** What the scan offers this file's readers (refs.ts DocScan). */
export interface Walk {
  readonly keys: Required<HelmKeys>;
  get(map: YAMLMap, key: string): Node | null | undefined;
  map(map: YAMLMap, key: string): YAMLMap | undefined;
  str(map: YAMLMap, key: string): string | undefined;
  items(node: unknown): unknown[];
  slot(map: YAMLMap, key: string): Slot | undefined;
  wanted(repository: string): boolean;
  current(tag?: Slot, digest?: Slot, pinnable?: boolean): { tag?: string; digest?: string };
  helmValues(values: Node | null | undefined): Reference[];
  whole(node: unknown, kind: RefKind, prefixOf?: (value: string) => string): Reference | undefined;
  /** References in YAML embedded in a string (a place that cannot be read is a mention). */
  embedded(s: Scalar, what: string): Reference[];
}

/** `.argocd-source-<app>.yaml`, Argo CD Image Updater's git write-back file. */
export const ARGOCD_SOURCE_FILE = /(?:^|\/)\.argocd-source(?:-[^/]+)?\.ya?ml$/;

/** The references of an Argo CD Application or ApplicationSet. */
export function argoApplication(w: Walk, root: YAMLMap, kind: string): Reference[] {
  const spec = w.map(root, 'spec');
  const template = kind === 'ApplicationSet' && spec ? w.map(spec, 'template') : undefined;
  const app = kind === 'ApplicationSet' ? template && w.map(template, 'spec') : spec;
  if (!app) return [];
  const sources = [w.get(app, 'source'), ...w.items(w.get(app, 'sources'))];
  return sources.flatMap((s) => (isMap(s) ? argoSource(w, s) : []));
}

/** One source, or the root of `.argocd-source-<app>.yaml`. */
export function argoSource(w: Walk, source: YAMLMap): Reference[] {
  const refs: Reference[] = [];
  const helm = w.map(source, 'helm');
  if (helm) {
    refs.push(...w.helmValues(w.get(helm, 'valuesObject')));
    const values = w.get(helm, 'values');
    if (isScalar(values) && typeof values.value === 'string') refs.push(...w.embedded(values, 'helm.values'));
    refs.push(...parameters(w, w.items(w.get(helm, 'parameters'))));
  }
  const k = w.map(source, 'kustomize');
  for (const item of k ? w.items(w.get(k, 'images')) : []) {
    const r = w.whole(item, 'kustomize', (v) => v.slice(0, v.indexOf('=') + 1));
    if (r?.shape === 'whole') r.matches = r.prefix ? canonicalRepository(r.prefix.slice(0, -1)) : r.repository;
    if (r) refs.push(r);
  }
  return refs;
}

/**
 * `helm.parameters`: `{name: image.tag, value: ...}` beside `{name: image.repository, value: ...}` (or
 * `image.name`, Image Updater's default), with `image.registry` and `image.digest` when given.
 */
function parameters(w: Walk, items: unknown[]): Reference[] {
  const byName = new Map<string, YAMLMap>();
  for (const item of items) {
    const name = isMap(item) ? w.str(item, 'name') : undefined;
    if (name !== undefined) byName.set(name, item as YAMLMap);
  }
  const value = (name: string) => {
    const p = byName.get(name);
    return p ? w.str(p, 'value') : undefined;
  };
  const refs: Reference[] = [];
  for (const [name, param] of byName) {
    const tagKey = w.keys.tag.find((k) => name === k || name.endsWith(`.${k}`));
    if (!tagKey) continue;
    const prefix = name.slice(0, name.length - tagKey.length);
    const repoKey = [...w.keys.repository, 'name'].find((k) => value(prefix + k));
    if (!repoKey) continue;
    const registryKey = w.keys.registry.find((k) => value(prefix + k));
    const registry = registryKey && value(prefix + registryKey);
    const repo = `${registry ? `${registry.replace(/\/+$/, '')}/` : ''}${value(prefix + repoKey)}`;
    if (!w.wanted(repo)) continue;
    const tag = w.slot(param, 'value');
    if (!tag) continue;
    const digestParam = w.keys.digest.map((k) => byName.get(prefix + k)).find((p) => p);
    const digest = digestParam ? w.slot(digestParam, 'value') : undefined;
    const r: Reference = {
      shape: 'split',
      kind: 'helm',
      repository: canonicalRepository(repo),
      map: param,
      tag,
      digest,
      dropDigest: 'empty',
      pinInTag: true,
      offset: tag.scalar.range[0],
      now: w.current(tag, digest, true),
      // Where an adoption rewrites the repository (bump/adopt.ts).
      repo: w.slot(byName.get(prefix + repoKey)!, 'value'),
      registry: registryKey ? w.slot(byName.get(prefix + registryKey)!, 'value') : undefined,
      heads: [byName.get(prefix + repoKey)!, param, ...(digestParam ? [digestParam] : [])].map((m) => m.range![0]),
    };
    if (/@sha256:/.test(String(tag.scalar.value))) r.tagPinned = true;
    refs.push(r);
  }
  return refs;
}
