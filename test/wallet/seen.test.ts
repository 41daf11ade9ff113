/** "Since you last looked": which fresh statuses are news for the holder. */
import { describe, expect, it } from 'vitest';
import { isCredentialRecord } from '../../wallet-web/src/credentials.js';
import { statusNews } from '../../wallet-web/src/seen.js';

describe('status news', () => {
  it.each([
    [undefined, 'revoked', 'tell'],
    ['verified', 'revoked', 'tell'],
    ['verified', 'suspended', 'tell'],
    ['suspended', 'revoked', 'tell'],
    ['revoked', 'revoked', undefined],
    ['suspended', 'suspended', undefined],
    ['suspended', 'verified', 'remember'],
    [undefined, 'verified', 'remember'],
    ['verified', 'expired', 'remember'],
    // Offline says nothing and forgets nothing: a revocation is still news once back online.
    ['verified', 'unknown', undefined],
    [undefined, 'unknown', undefined],
  ] as const)('seen %s, now %s → %s', (seen, now, expected) => {
    expect(statusNews(seen ? { seenStatus: seen } : {}, now)).toBe(expected);
  });

  it('keeps the seen status in the record, and refuses a made-up one', () => {
    const base = { id: 'urn:uuid:1', vc: { id: 'urn:uuid:1' }, issuerOrigin: 'https://i.example', addedAt: '2026-05-20T00:00:00Z' };
    expect(isCredentialRecord({ ...base, seenStatus: 'revoked' })).toBe(true);
    expect(isCredentialRecord({ ...base, seenStatus: 'gone' })).toBe(false);
  });
});
