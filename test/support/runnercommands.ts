/**
 * What the GitHub runner would obey in a step's output, modelled on actions/runner (ActionCommandManager and
 * ActionCommand): lines end at CR, LF or CRLF; a line is a command when after .NET's TrimStart it starts
 * with `::name...::` (V2), or holds `##[name...]` anywhere (the old syntax); names are case-insensitive and
 * must be registered; `::stop-commands::TOKEN` ignores every command until `::TOKEN::`.
 */

/** The commands the runner registers (its command extensions and stop-commands). */
const REGISTERED = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
];

/** Char.IsWhiteSpace: what `TrimStart()` removes. */
const DOTNET_LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

export interface RunnerCommand {
  command: string;
  data: string;
  line: string;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function parse(line: string, registered: Set<string>): RunnerCommand | undefined {
  const trimmed = line.replace(DOTNET_LEADING_SPACE, '');
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2);
    if (end >= 0) {
      const info = trimmed.slice(2, end);
      const name = info.split(' ')[0]!;
      if (registered.has(name.toLowerCase())) return { command: name.toLowerCase(), data: unescapeData(trimmed.slice(end + 2)), line };
    }
  }
  const at = line.indexOf('##[');
  if (at >= 0) {
    const rb = line.indexOf(']', at);
    if (rb >= 0) {
      const name = line.slice(at + 3, rb).split(' ')[0]!;
      if (registered.has(name.toLowerCase())) return { command: name.toLowerCase(), data: line.slice(rb + 1), line };
    }
  }
  return undefined;
}

/** The commands the runner would obey in `stdout`, in order (stop-commands and its resume included). */
export function runnerCommands(stdout: string): RunnerCommand[] {
  const registered = new Set(REGISTERED);
  let stopToken: string | undefined;
  const out: RunnerCommand[] = [];
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const c = parse(line, registered);
    if (!c) continue;
    if (stopToken !== undefined) {
      if (c.command === stopToken.toLowerCase()) {
        registered.delete(c.command);
        stopToken = undefined;
        out.push(c);
      }
      continue;
    }
    if (c.command === 'stop-commands') {
      stopToken = c.data;
      registered.add(c.data.toLowerCase());
    }
    out.push(c);
  }
  return out;
}

/** The lines of `stdout` as the runner splits them, that start with `::` after its TrimStart or hold `##[`. */
export function commandShapedLines(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter((l) => l.replace(DOTNET_LEADING_SPACE, '').startsWith('::') || l.includes('##['));
}
