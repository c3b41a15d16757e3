/**
 * Text from outside offmain on its way into a log the GitHub runner reads (the output of docker buildx and git,
 * lines quoted from upstream files, values from the config repository, registry messages): no part of it may
 * be taken for a workflow command.
 *
 * What the runner takes for a command (actions/runner, ActionCommandManager and ActionCommand): it reads the
 * output line by line, ending a line at CR, LF or CRLF; a line is a command when, after its leading white space
 * (.NET `TrimStart`, Unicode white space) it starts with `::` (`::name props::data`, TryParseV2), or when it
 * holds `##[name]` anywhere (the older syntax, TryParse, still read).
 *
 * So every CR, LF and CRLF becomes one LF (a line break the reader sees, not a hidden one), and each line is
 * neutralised: a U+200B ZERO WIDTH SPACE goes in front of a line that would start with `::`, and between the
 * `##` and `[` of `##[`. .NET does not count U+200B as white space, so the line no longer starts with `::`;
 * it is invisible, so the log reads as the text was. Neutralising twice changes nothing more.
 */

const ZWSP = '\u200b';

/** What .NET's TrimStart removes (Char.IsWhiteSpace), and what JavaScript's `\s` does besides. */
const LEADING_SPACE = /^[\s\u0085\u180e]*/;

/** One line (no line breaks in it) that the runner would read as a command, V2 or legacy syntax. */
export function isCommandLike(line: string): boolean {
  return line.slice(LEADING_SPACE.exec(line)![0].length).startsWith('::') || line.includes('##[');
}

/** One line, with no line breaks in it, made unreadable as a command (see the module comment). */
export function neutraliseLine(line: string): string {
  const lead = LEADING_SPACE.exec(line)![0].length;
  const out = line.slice(lead).startsWith('::') ? `${ZWSP}${line}` : line;
  return out.includes('##[') ? out.replace(/##\[/g, `##${ZWSP}[`) : out;
}

/** The lines of a text as the runner splits them: at CRLF, CR and LF. */
export function runnerLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Any text from outside offmain, as lines (LF) none of which the runner reads as a command. */
export function runnerSafe(text: string): string {
  if (!/[\r\n]|::|##\[/.test(text)) return text;
  return runnerLines(text).map(neutraliseLine).join('\n');
}

/** The same on one line (a log group's name): line breaks become spaces. */
export function runnerSafeLine(text: string): string {
  return neutraliseLine(text.replace(/\r\n|\r|\n/g, ' '));
}

/**
 * A result on stdout (the CLI's): a JSON document stays the same JSON, with `##[` written `##\u005b` (it can
 * only stand inside a string there, and no JSON line starts with `::`); any other text as `runnerSafe`.
 */
export function runnerSafeResult(text: string): string {
  if (!/[\r\n]|::|##\[/.test(text)) return text;
  if (/^\s*[[{]/.test(text)) {
    try {
      JSON.parse(text);
      return text.replace(/##\[/g, '##\\u005b');
    } catch {
      // Not JSON after all: text.
    }
  }
  return runnerSafe(text);
}
