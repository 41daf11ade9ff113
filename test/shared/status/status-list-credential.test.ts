/**
 * The two Bitstring Status List documents we write (shared/status/status-list-credential.ts),
 * field by field as the W3C spec names them: a verifier elsewhere reads exactly these.
 */
import { describe, expect, it } from 'vitest';
import { buildStatusEntry, buildStatusListCredential } from '../../../shared/status/status-list-credential.js';

const URL_ = 'https://kredensial.example/status/pusdiklat/revocation/1';

describe('status list documents', () => {
  it('an entry names its list, purpose and index (as a decimal string)', () => {
    expect(buildStatusEntry(URL_, 4242, 'suspension')).toEqual({
      id: `${URL_}#4242`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'suspension',
      statusListIndex: '4242',
      statusListCredential: URL_,
    });
  });

  it('a status list credential is a VC 2.0 BitstringStatusListCredential whose id is its URL', () => {
    const vc = buildStatusListCredential({ url: URL_, issuerDid: 'did:web:kredensial.example:providers:pusdiklat', purpose: 'revocation', encodedList: 'uH4sI', validFrom: new Date('2026-05-20T03:00:00.123Z') });
    expect(vc).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: URL_,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:web:kredensial.example:providers:pusdiklat',
      validFrom: '2026-05-20T03:00:00Z',
      credentialSubject: { id: `${URL_}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: 'uH4sI' },
    });
    expect('validUntil' in vc).toBe(false);
  });

  it('carries validUntil when one is given', () => {
    const vc = buildStatusListCredential({ url: URL_, issuerDid: 'did:web:x', purpose: 'suspension', encodedList: 'u', validFrom: new Date('2026-05-20T03:00:00Z'), validUntil: new Date('2026-05-21T03:00:00Z') });
    expect(vc.validUntil).toBe('2026-05-21T03:00:00Z');
  });
});
