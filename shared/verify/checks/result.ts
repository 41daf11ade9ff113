import { messageFor } from '../messages.js';
import type { CheckResult, CheckStatus } from '../types.js';

export function result<Id extends string>(id: Id, status: CheckStatus, code: string, details?: Record<string, unknown>): CheckResult<Id> {
  return details === undefined ? { id, status, code, message: messageFor(code) } : { id, status, code, message: messageFor(code), details };
}

export const ok = <Id extends string>(id: Id, code: string, details?: Record<string, unknown>) => result(id, 'ok', code, details);
export const failed = <Id extends string>(id: Id, code: string, details?: Record<string, unknown>) => result(id, 'failed', code, details);
export const unknown = <Id extends string>(id: Id, code: string, details?: Record<string, unknown>) => result(id, 'unknown', code, details);
export const notChecked = <Id extends string>(id: Id) => result(id, 'unknown', 'NOT_CHECKED');
