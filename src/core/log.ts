/**
 * Where progress goes. The actions log through @actions/core (groups, annotations); the CLI writes
 * to stderr so that stdout carries only the result (a version, a JSON report).
 */
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
}

export function stderrLogger(opts: { quiet?: boolean } = {}): Logger {
  const write = (s: string) => {
    if (!opts.quiet) process.stderr.write(`${s}\n`);
  };
  const at = (w?: Annotation) => (w?.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : '');
  return {
    info: write,
    warning: (m, w) => write(`warning: ${at(w)}${m}`),
    error: (m, w) => process.stderr.write(`error: ${at(w)}${m}\n`),
    async group(name, fn) {
      write(`== ${name}`);
      return fn();
    },
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
  };
}
