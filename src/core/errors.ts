/**
 * An error a user can act on: one clear message naming the thing and what to do.
 * Anything else that is thrown is a bug in offmain and is reported with its stack.
 */
export interface ErrorLocation {
  /** File the problem is in, relative to the tree or config it belongs to. */
  file?: string;
  /** 1-based line number in that file. */
  line?: number;
}

export class OffmainError extends Error {
  readonly location: ErrorLocation;

  constructor(message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'OffmainError';
    this.location = location;
  }
}

export function isOffmainError(e: unknown): e is OffmainError {
  return e instanceof OffmainError;
}

/** The one line a user sees for an error. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
