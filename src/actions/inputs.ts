/** Reading action inputs the same way in every action. */
import * as core from '@actions/core';
import { OffmainError } from '../errors.js';

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
