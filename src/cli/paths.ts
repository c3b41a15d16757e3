/**
 * Path options of the `offmain` commands, checked before a command starts: a directory option naming a file, a
 * file option naming a directory, or a path below a file is one line naming the option, never a stack trace
 * from deep inside. A path that does not exist passes: each command says what it needs there (or creates it).
 * A file system error that still escapes a command becomes one line too (`systemErrorLine`).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { OffmainError } from '../core/errors.js';

type Kind = 'directory' | 'file';

/**
 * `value` resolved, after checking that it is not the wrong kind of thing: for `want` directory not a file,
 * for `want` file not a directory; and not below a file.
 */
export function pathOption(command: string, name: string, value: string, want: Kind): string {
  const path = resolve(value);
  let found: Kind;
  try {
    found = statSync(path).isDirectory() ? 'directory' : 'file';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return path;
    if (code === 'ENOTDIR') throw new OffmainError(`offmain ${command}: --${name} ${value} lies below a file: pass a ${want} path`);
    throw new OffmainError(`offmain ${command}: --${name} ${value} cannot be used (${(e as Error).message})`);
  }
  if (found !== want) throw new OffmainError(`offmain ${command}: --${name} ${value} is a ${found}, not a ${want}: pass a ${want}`);
  return path;
}

/**
 * One line for a file system error (`EACCES: permission denied, mkdir '/x'`) that reached the command line,
 * or undefined for anything else (a bug in offmain, reported with its stack).
 */
export function systemErrorLine(command: string, e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException | undefined;
  if (!(err instanceof Error) || typeof err.code !== 'string' || !/^E[A-Z]+$/.test(err.code) || typeof err.syscall !== 'string') return undefined;
  return `offmain ${command}: ${err.message.split('\n')[0]}`;
}
