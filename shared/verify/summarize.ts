import type { CheckResult, VerificationError } from './types.js';

/** verified only when every check is ok; the error is the first failure, else the first unknown. */
export function summarize<Id extends string>(checks: Array<CheckResult<Id>>): { verified: boolean; checks: Array<CheckResult<Id>>; error?: VerificationError } {
  const verified = checks.length > 0 && checks.every((c) => c.status === 'ok');
  const first = checks.find((c) => c.status === 'failed') ?? checks.find((c) => c.status === 'unknown' && c.code !== 'NOT_CHECKED');
  return first && !verified
    ? { verified, checks, error: { check: first.id, code: first.code, message: first.message } }
    : { verified, checks };
}
