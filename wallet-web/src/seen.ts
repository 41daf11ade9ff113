/**
 * "Since you last looked": each credential record remembers the last definite status the
 * holder saw (sealed with the record, so a stolen profile does not show it either). A check
 * that finds it newly revoked or suspended is news the holder must be told; any other
 * definite status is remembered quietly; "cannot check now" (offline) changes nothing, so
 * a revocation is still news when the wallet comes back online.
 */
import type { CredentialRecord } from './credentials.js';
import type { DisplayStatus } from './status.js';

export type SeenStatus = Exclude<DisplayStatus, 'unknown'>;
export const SEEN_STATUSES: readonly SeenStatus[] = ['verified', 'unrecognised', 'revoked', 'suspended', 'expired', 'invalid'];

/** What to do with a fresh status: tell the holder, remember it quietly, or nothing. */
export function statusNews(record: Pick<CredentialRecord, 'seenStatus'>, status: DisplayStatus): 'tell' | 'remember' | undefined {
  if (status === 'unknown' || record.seenStatus === status) return undefined;
  return status === 'revoked' || status === 'suspended' ? 'tell' : 'remember';
}
