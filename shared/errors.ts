import { redactDeep, redactIdentifiers } from './util/redact.js';

/**
 * One error class for the whole project. `code` is stable (clients and tests match on
 * it), `status` is the HTTP status an API maps it to, and JSON never carries a stack.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status?: number;
  readonly details?: unknown;

  constructor(code: string, message: string, opts: { status?: number; details?: unknown; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.details !== undefined) this.details = opts.details;
  }

  /** What an API sends: identifiers shaped like a NIP are masked, whatever put them there. */
  toJSON(): { code: string; message: string; details?: unknown } {
    const message = redactIdentifiers(this.message);
    return this.details === undefined
      ? { code: this.code, message }
      : { code: this.code, message, details: redactDeep(this.details) };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
