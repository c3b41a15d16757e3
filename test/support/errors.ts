import { expect } from 'vitest';
import { OffmainError } from '../../src/core/errors.js';

/** The OffmainError a promise rejects with (the test fails when it resolves or throws anything else). */
export async function rejection(p: Promise<unknown>): Promise<OffmainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OffmainError);
  return e as OffmainError;
}
