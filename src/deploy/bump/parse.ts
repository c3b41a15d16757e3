/**
 * The config repository's YAML, read within bounds, so that one huge or hostile file cannot stall the deploy:
 * a size limit per file (a bigger one is skipped, unless it mentions an image being bumped), a parse without
 * the YAML library's quadratic duplicate-key check (duplicateKeys does the same check in one pass), and alias
 * lookups from one table per document (the library's Alias.resolve walks the whole document per alias).
 * Nothing here expands aliases: no toJS. Merge keys (`<<`) are followed memoized in refs.ts.
 */
import { fstatSync, readSync } from 'node:fs';
import { isAlias, isScalar, parseAllDocuments, visit, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { OffmainError } from '../../core/errors.js';

/** Past this size a YAML file is not read: real Helm values files stay well under 200 KB. */
export const MAX_YAML_BYTES = 1024 * 1024;

/** Every document of `text`; duplicate keys are found by `duplicateKeys`, not by the parser. */
export function parseYaml(text: string): Document.Parsed[] {
  return parseAllDocuments(text, { uniqueKeys: false });
}

export interface YamlProblem {
  /** Offset in the text. */
  pos: number;
  /** 1-based, when the parser knew it. */
  line?: number;
  /** One line, without the parser's position suffix. */
  message: string;
}

/** A document's first syntax error (duplicate keys are not errors here: see `duplicateKeys`). */
export function firstProblem(doc: Document.Parsed): YamlProblem | undefined {
  const err = doc.errors[0];
  if (!err) return undefined;
  const message = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return { pos: err.pos[0], line: err.linePos?.[0].line, message };
}

/** A key given more than once in one mapping: every occurrence, in order (the last one wins, as in Helm and Flux). */
export interface DuplicateKey {
  map: YAMLMap;
  key: string;
  pairs: Pair[];
}

/**
 * Every key given more than once in its mapping, as the YAML library's `uniqueKeys` check sees keys (scalar
 * keys with the same value: `1` and `1.0` alike, `"1"` not), in one pass instead of that check's pass per key.
 * Helm, Flux and Argo CD accept such files and use the last occurrence; so does offmain. Duplicate-key
 * handling lives here and nowhere else.
 */
export function duplicateKeys(doc: Document.Parsed): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, Pair[]>();
      for (const pair of map.items) {
        const { key } = pair;
        if (!isScalar(key) || (typeof key.value === 'number' && Number.isNaN(key.value))) continue;
        const list = seen.get(key.value);
        if (list) list.push(pair);
        else seen.set(key.value, [pair]);
      }
      for (const [key, pairs] of seen) if (pairs.length > 1) out.push({ map, key: String(key), pairs });
    },
  });
  return out;
}

/**
 * What each alias of `doc` names: the last node before it with its anchor, the way Alias.resolve finds it,
 * for the whole document in one walk.
 */
export function aliasTable(doc: Document): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const table = new Map<Alias, Node | undefined>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) table.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return table;
}

/**
 * Whether the YAML file `file`, open as `fd` (opened by the confined read: no link followed), is past
 * MAX_YAML_BYTES and so is not read. It is then skipped with a warning, unless it mentions one of `needles`
 * (an image being bumped): its references would silently stay behind, so that is an error naming the file.
 */
export function skipOversized(fd: number, file: string, needles: Buffer[], warn: (message: string) => void): boolean {
  const size = fstatSync(fd).size;
  if (size <= MAX_YAML_BYTES) return false;
  const shown = `${file} is ${(size / 1024 / 1024).toFixed(1)} MiB, over offmain's limit of ${MAX_YAML_BYTES / 1024 / 1024} MiB for one YAML file`;
  const hit = mentions(fd, needles);
  if (hit) {
    throw new OffmainError(
      `${shown}, and it mentions ${hit}: offmain does not read it, so that reference would stay behind; move the image reference into a smaller file, nothing was changed`,
      { file },
    );
  }
  warn(`${shown}: skipped (it mentions no image being bumped)`);
  return true;
}

/** The first of `needles` in the open file, read a chunk at a time from its start (never all of it at once). */
function mentions(fd: number, needles: Buffer[]): string | undefined {
  const overlap = Math.max(0, ...needles.map((n) => n.length)) - 1;
  const chunk = Buffer.alloc(MAX_YAML_BYTES + overlap);
  let kept = 0;
  for (let position = 0; ; ) {
    const n = readSync(fd, chunk, kept, chunk.length - kept, position);
    position += n;
    const view = chunk.subarray(0, kept + n);
    const hit = needles.find((needle) => view.includes(needle));
    if (hit) return hit.toString('utf8');
    if (n === 0) return undefined;
    kept = Math.min(overlap, view.length);
    view.copy(chunk, 0, view.length - kept);
  }
}
