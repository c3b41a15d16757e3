/**
 * YAML embedded in a literal block string (Argo CD's `helm.values: |`): the embedded text is parsed, and every
 * node's source range is moved to where its text sits in the file. An edit inside the block is then an edit of
 * the file itself, at the right column: the block's indentation, its header and every other byte stay as they
 * are, and a key added inside it gets the block's indentation plus its own.
 */
import { visit, type Document, type Node } from 'yaml';
import { firstProblem, parseYaml } from './parse.js';
import type { SourceScalar } from './reference.js';

/** The documents inside `s` with ranges in `text`, or why they cannot be read that way. */
export function embeddedDocuments(text: string, s: SourceScalar): Document.Parsed[] | string {
  if (s.type === 'BLOCK_FOLDED') return 'a folded block string (>), whose line breaks offmain cannot keep';
  if (s.type !== 'BLOCK_LITERAL') return 'a quoted or plain string, not a literal block (|)';
  const nl = text.indexOf('\n', s.range[0]);
  if (nl < 0 || nl >= s.range[1]) return 'an empty block string';
  if (!/^\|[+-]?[ \t]*(#.*)?\r?$/.test(text.slice(s.range[0], nl))) return 'a block string with an indentation indicator (|2)';
  const inner: string[] = [];
  const innerStarts: number[] = [];
  const outerStarts: number[] = [];
  let indent = -1;
  let at = 0;
  for (let start = nl + 1; start < s.range[1]; ) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 || end > s.range[1] ? s.range[1] : end;
    const line = text.slice(start, stop).replace(/\r$/, '');
    const blank = /^[ ]*$/.test(line);
    if (!blank && indent < 0) indent = /^ */.exec(line)![0].length;
    if (!blank && !line.startsWith(' '.repeat(indent))) return 'a block string offmain could not read';
    const content = blank ? '' : line.slice(indent);
    innerStarts.push(at);
    outerStarts.push(start + (blank ? line.length : indent));
    inner.push(content);
    at += content.length + 1;
    start = stop + 1;
  }
  const joined = inner.join('\n');
  if (joined.replace(/\n+$/, '') !== String(s.value).replace(/\n+$/, '')) return 'a block string offmain could not read';
  const docs = parseYaml(joined);
  for (const doc of docs) {
    const problem = firstProblem(doc);
    if (problem) return `a block string that is not valid YAML (${problem.message})`;
  }
  const move = (offset: number): number => {
    let lo = 0;
    let hi = innerStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (innerStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return outerStarts[lo]! + (offset - innerStarts[lo]!);
  };
  for (const doc of docs) {
    visit(doc, {
      Node(_, node: Node) {
        if (node.range) node.range = [move(node.range[0]), move(node.range[1]), move(node.range[2])];
      },
    });
  }
  return docs;
}
