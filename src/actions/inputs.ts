/** Reading action inputs the same way in every action. */
import * as core from '@actions/core';
import { OffmainError } from '../core/errors.js';

/** A list input: one item per line or separated by commas; blank items and `#` comments dropped. */
export function listInput(name: string): string[] {
  return parseList(core.getInput(name));
}

export function parseList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
}

export function optionalInput(name: string): string | undefined {
  const v = core.getInput(name).trim();
  return v === '' ? undefined : v;
}

export function choiceInput<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const v = optionalInput(name) ?? fallback;
  if (!(choices as readonly string[]).includes(v)) {
    throw new OffmainError(`input ${name} is "${v}": expected one of ${choices.join(', ')}`);
  }
  return v as T;
}

/** `true`/`false` (also yes/no, on/off, 1/0, any case); empty means the default. */
export function booleanInput(name: string, fallback: boolean): boolean {
  const v = optionalInput(name)?.toLowerCase();
  if (v === undefined) return fallback;
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  throw new OffmainError(`input ${name} is "${v}": expected true or false`);
}

/** A number of 0 or more; empty means undefined. */
export function numberInput(name: string): number | undefined {
  const v = optionalInput(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new OffmainError(`input ${name} is "${v}": expected a number`);
  return n;
}
