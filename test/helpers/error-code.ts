import { AppError } from '../../shared/errors.js';

/**
 * House rule: bad input gets a stable code AND a sentence. Every refusal read through these
 * helpers must carry a message, so a refusal that lost its sentence fails the test.
 */
function checked(e: AppError): string {
  if (e.message.trim().length < 8) throw new Error(`AppError ${e.code} has no sentence: ${JSON.stringify(e.message)}`);
  return e.code;
}

/** The AppError code `fn` throws (undefined when it does not throw; other errors rethrown). */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return checked(e);
    throw e;
  }
  return undefined;
}

/** The same for async work. */
export async function codeOfAsync(fn: () => unknown): Promise<string | undefined> {
  return (await errorOfAsync(fn))?.code;
}

/** The AppError `fn` throws or rejects with, for tests that also read its status, details or cause. */
export async function errorOfAsync(fn: () => unknown): Promise<AppError | undefined> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) {
      checked(e);
      return e;
    }
    throw e;
  }
  return undefined;
}
