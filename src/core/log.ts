/**
 * Where progress goes. The actions log through @actions/core (groups, annotations); the CLI writes
 * to stderr so that stdout carries only the result (a version, a JSON report).
 *
 * Messages often carry text from outside offmain (a Dockerfile's RUN output, a line of an upstream file, a
 * value from the config repository, git's and a registry's words), so every logger that writes where a GitHub
 * runner may read (the actions' stdout; the CLI's stderr, when it runs in a workflow step) passes all of it
 * through runnertext.ts: nothing it writes is read as a workflow command unless offmain issued that command.
 */
import { runnerSafe, runnerSafeLine } from './runnertext.js';

export interface Annotation {
  file?: string;
  line?: number;
  title?: string;
}

export interface Logger {
  info(message: string): void;
  warning(message: string, where?: Annotation): void;
  error(message: string, where?: Annotation): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * One line another program printed (docker buildx progress: whatever a Dockerfile's RUN echoes), shown as
   * it is but never obeyed; without it such lines go to `info`. A run of them ends at `endOutput`, or at the
   * next other call.
   */
  output?(line: string): void;
  endOutput?(): void;
}

export function stderrLogger(opts: { quiet?: boolean } = {}): Logger {
  const write = (s: string) => {
    if (!opts.quiet) process.stderr.write(`${runnerSafe(s)}\n`);
  };
  const at = (w?: Annotation) => (w?.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : '');
  return {
    info: write,
    warning: (m, w) => write(`warning: ${at(w)}${m}`),
    error: (m, w) => process.stderr.write(`${runnerSafe(`error: ${at(w)}${m}`)}\n`),
    async group(name, fn) {
      write(`== ${runnerSafeLine(name)}`);
      return fn();
    },
    output: write,
  };
}

/** A logger that remembers what it was told (tests, and the CLI's --json mode). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    async group(name, fn) {
      lines.push(`== ${name}`);
      return fn();
    },
    output: (l) => lines.push(l),
  };
}
