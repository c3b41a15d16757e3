/**
 * Text from outside offmain (a patch report, versions and file names from the config repository, upstream refs
 * and versions) in what offmain writes for people on GitHub: commit messages and pull requests.
 *
 * Such text is put in as one bounded line (`inline`) that cannot pose as anything else:
 * - no line breaks or other control characters: it cannot end the subject, nor start a body line of its own
 *   (a forged `Signed-off-by:` or `Co-authored-by:` trailer);
 * - no invisible characters (zero-width and bidirectional controls, U+200B–U+200F, U+202A–U+202E,
 *   U+2060–U+2069, U+FEFF, tag characters...) that would hide or reorder what a reviewer reads;
 * - no `<!--`: an HTML comment hides the rest of a pull request body (and could fake offmain's marker);
 *   it becomes `<\!--`, which Markdown shows as `<!--`;
 * - no @mention and no issue reference (`#12`, `GH-12`, which link, post a back-reference into that issue,
 *   and close it after "fixes"): the `@` and `#` become their fullwidth forms ＠ and ＃, which GitHub does not
 *   link wherever they stand, in a code span or not; an entity that would render as one (`&#64;`,
 *   `&commat;`) loses its `&` the same way (＆).
 *
 * A whole text is bounded with `bounded` (a clear "… truncated" line, never a cut line), and
 * `neutraliseTrailers` makes sure no body line reads as a git trailer but the ones offmain writes itself.
 */

/** Control characters (C0 but TAB, DEL, C1) and the line and paragraph separators. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Characters that are not seen but change what is seen: zero-width, bidi controls, tag characters. */
const HIDDEN = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\u{e0000}-\u{e0fff}\u{1d173}-\u{1d17a}]/gu;

/** Removes the invisible characters (HIDDEN) from any text. */
export function stripHidden(text: string): string {
  return text.replace(HIDDEN, '');
}

/** A Markdown job summary that quotes untrusted text: no invisible characters and no HTML comment. */
export function visible(markdown: string): string {
  return stripHidden(markdown).replace(/<!--/g, '<\\!--');
}

/** `@name`, `#12`, `GH-12`, entities and `<!--` made inert (see the module comment). */
export function neutraliseReferences(text: string): string {
  return text
    .replace(/<!--/g, '<\\!--')
    .replace(/&(?=#|[A-Za-z][A-Za-z0-9]*;)/g, '＆')
    .replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, '$1＠')
    .replace(/#(?=\d)/g, '＃')
    .replace(/\bGH-(?=\d)/gi, (m) => `${m.slice(0, 2)}‐`);
}

/** Cuts a text to `max` characters with `…`, never inside a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  if (end > 0 && /[\ud800-\udbff]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Untrusted text as one line of at most `max` characters: control characters become spaces, invisible ones
 * go, references are neutralised, white space runs are one space. Anything that is not a string is ''.
 */
export function inline(text: unknown, max = 200): string {
  if (typeof text !== 'string') return '';
  // Never run the expressions over megabytes: only the head can be shown anyway.
  const long = text.length > max * 4 + 64;
  const one = neutraliseReferences(stripHidden(long ? text.slice(0, max * 4 + 64) : text).replace(CONTROL, ' '))
    .replace(/[ \t]+/g, ' ')
    .trim();
  return cut(long ? `${one}…` : one, max);
}

/** A text of at most `max` characters: whole lines, then a line saying how much was left out. */
export function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = (n: number) => `… truncated: ${n} more characters not shown`;
  const room = max - note(text.length).length - 1;
  let end = text.lastIndexOf('\n', room);
  if (end <= 0) end = Math.max(0, room);
  if (end > 0 && /[\ud800-\udbff]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end).trimEnd()}\n${note(text.length - end)}`;
}

/** A git trailer's shape: `Token: value` (git also reads `Token #value` when so configured). */
const TRAILER = /^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*[:#]/;

/**
 * Body lines that read as git trailers (`Signed-off-by: ...`, `Co-authored-by: ...`) and are not one of
 * `own` (the headings offmain writes, e.g. `Files:`) are quoted with `> `, so that neither git nor GitHub
 * takes them for trailers.
 */
export function neutraliseTrailers(body: string, own: readonly string[] = []): string {
  return body
    .split('\n')
    .map((l) => (TRAILER.test(l) && !own.includes(l) ? `> ${l}` : l))
    .join('\n');
}
