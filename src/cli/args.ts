/** Option parsing shared by every `offmain` command: strict, and one clear line on a bad option. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { errorMessage, OffmainError } from '../core/errors.js';
import type { Logger } from '../core/log.js';

/** Where a command writes: its result to stdout, progress and errors to the logger (stderr). */
export type CommandOut = { stdout(s: string): void; log: Logger };
export type Command = (args: string[], out: CommandOut) => Promise<number>;

export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: false, strict: true }).values;
  } catch (e) {
    throw new OffmainError(`offmain ${command}: ${errorMessage(e)} (see offmain --help)`);
  }
}

export function required(command: string, name: string, value: string | undefined): string {
  if (!value) throw new OffmainError(`offmain ${command}: --${name} is required (see offmain --help)`);
  return value;
}
