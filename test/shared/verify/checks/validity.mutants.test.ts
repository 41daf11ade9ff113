/**
 * What the validity check (`checks/validity.ts`) answers, pinned where mutation testing
 * found no test looking (issue 13): the clock-skew tolerance exactly at its edge and one
 * second past it (validFrom, validUntil and proof.created alike, and in whole seconds), the
 * VC 1.1 field names, a range whose two ends are equal, a proof without `created`, the
 * period judged at `periodAt` while a proof is judged against `now`, and each answer's code
 * and details (the HR page shows the dates from the details). Called directly on plain
 * JSON: the check reads dates only.
 */
import { describe, expect, it } from 'vitest';
import { VC_V1_CONTEXT_URL, VC_V2_CONTEXT_URL } from '../../../../shared/contexts/index.js';
import { checkValidityPeriod } from '../../../../shared/verify/checks/validity.js';

type Doc = Record<string, unknown>;

const NOW = new Date('2026-06-01T08:00:00Z');
const SKEW = 300;
/** NOW moved by `s` seconds, as a credential writes it. */
const at = (s: number) => new Date(NOW.getTime() + s * 1000).toISOString().replace('.000Z', 'Z');
const iso = (s: number) => new Date(NOW.getTime() + s * 1000).toISOString();

const v2 = (extra: Doc = {}): Doc => ({ '@context': [VC_V2_CONTEXT_URL], type: ['VerifiableCredential'], ...extra });
const v1 = (extra: Doc = {}): Doc => ({ '@context': [VC_V1_CONTEXT_URL], type: ['VerifiableCredential'], ...extra });
const proof = (created?: string) => ({ type: 'DataIntegrityProof', ...(created === undefined ? {} : { created }), proofValue: 'z1' });

describe('within the period', () => {
  it('is ok (VALIDITY_OK) and reports both ends of the period as ISO instants', () => {
    expect(checkValidityPeriod(v2({ validFrom: at(-3600), validUntil: at(3600) }), NOW)).toEqual({
      id: 'validity', status: 'ok', code: 'VALIDITY_OK', message: expect.any(Object),
      details: { validFrom: iso(-3600), validUntil: iso(3600) },
    });
  });

  it('reports only the ends the credential has', () => {
    expect(checkValidityPeriod(v2({ validFrom: at(-3600) }), NOW).details).toEqual({ validFrom: iso(-3600) });
    expect(checkValidityPeriod(v2({ validUntil: at(3600) }), NOW).details).toEqual({ validUntil: iso(3600) });
    expect(checkValidityPeriod(v2(), NOW).details).toEqual({});
  });

  it('accepts a period whose two ends are the same instant', () => {
    expect(checkValidityPeriod(v2({ validFrom: at(0), validUntil: at(0) }), NOW)).toMatchObject({ status: 'ok', code: 'VALIDITY_OK' });
    expect(checkValidityPeriod(v2({ validFrom: at(0), validUntil: at(-1) }), NOW)).toMatchObject({ status: 'failed', code: 'VALIDITY_RANGE_INVALID' });
  });
});

describe('clock skew (default 300 s), exactly at the edge and one second past it', () => {
  it('validFrom up to 300 s ahead of the clock is valid; 301 s ahead is NOT_YET_VALID, naming validFrom', () => {
    for (const s of [0, 1, SKEW]) expect(checkValidityPeriod(v2({ validFrom: at(s) }), NOW).code, `+${s}s`).toBe('VALIDITY_OK');
    expect(checkValidityPeriod(v2({ validFrom: at(SKEW + 1) }), NOW)).toMatchObject({
      status: 'failed', code: 'NOT_YET_VALID', details: { validFrom: iso(SKEW + 1) },
    });
  });

  it('validUntil up to 300 s behind the clock is valid; 301 s behind is EXPIRED, naming validUntil', () => {
    for (const s of [0, -1, -SKEW]) expect(checkValidityPeriod(v2({ validUntil: at(s) }), NOW).code, `${s}s`).toBe('VALIDITY_OK');
    expect(checkValidityPeriod(v2({ validUntil: at(-SKEW - 1) }), NOW)).toMatchObject({
      status: 'failed', code: 'EXPIRED', details: { validUntil: iso(-SKEW - 1) },
    });
  });

  it('a proof created up to 300 s ahead is accepted; 301 s ahead is PROOF_CREATED_IN_FUTURE', () => {
    for (const s of [-3600, 0, 1, SKEW]) expect(checkValidityPeriod(v2({ proof: proof(at(s)) }), NOW).code, `+${s}s`).toBe('VALIDITY_OK');
    expect(checkValidityPeriod(v2({ proof: [proof(at(0)), proof(at(SKEW + 1))] }), NOW)).toMatchObject({ status: 'failed', code: 'PROOF_CREATED_IN_FUTURE' });
  });

  it('the skew is given in seconds', () => {
    expect(checkValidityPeriod(v2({ validFrom: at(60) }), NOW, 60).code).toBe('VALIDITY_OK');
    expect(checkValidityPeriod(v2({ validFrom: at(61) }), NOW, 60).code).toBe('NOT_YET_VALID');
    expect(checkValidityPeriod(v2({ validFrom: at(1) }), NOW, 0).code).toBe('NOT_YET_VALID');
  });
});

describe('the period at periodAt, the proof against now', () => {
  const issued = new Date('2026-01-10T00:00:00Z');
  it('judges validFrom and validUntil at periodAt', () => {
    const doc = v2({ validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-02-01T00:00:00Z' });
    expect(checkValidityPeriod(doc, NOW, SKEW, issued).code).toBe('VALIDITY_OK');
    expect(checkValidityPeriod(doc, NOW).code).toBe('EXPIRED');
  });

  it('judges a proof against now even when the period is judged earlier', () => {
    expect(checkValidityPeriod(v2({ proof: proof(at(0)) }), NOW, SKEW, issued).code).toBe('VALIDITY_OK');
    expect(checkValidityPeriod(v2({ proof: proof(at(SKEW + 1)) }), NOW, SKEW, new Date(NOW.getTime() + 86_400_000)).code).toBe('PROOF_CREATED_IN_FUTURE');
  });
});

describe('proofs and dates that cannot be read', () => {
  it('a proof without created is not judged', () => {
    expect(checkValidityPeriod(v2({ proof: proof() }), NOW)).toMatchObject({ status: 'ok', code: 'VALIDITY_OK' });
  });

  it('an unreadable proof.created fails with the date code and names the field', () => {
    expect(checkValidityPeriod(v2({ proof: proof('yesterday') }), NOW)).toMatchObject({ status: 'failed', code: 'DATE_INVALID', details: { field: 'proof.created' } });
    expect(checkValidityPeriod(v2({ proof: proof('2026-06-01T08:00:00') }), NOW)).toMatchObject({ status: 'failed', code: 'DATE_NO_TIMEZONE', details: { field: 'proof.created' } });
  });

  it('an unreadable period end fails with the date code and names the field', () => {
    expect(checkValidityPeriod(v2({ validFrom: '2026-02-30T00:00:00Z' }), NOW)).toMatchObject({ status: 'failed', code: 'DATE_INVALID', details: { field: 'validFrom' } });
    expect(checkValidityPeriod(v2({ validUntil: '2027-01-01T00:00:00' }), NOW)).toMatchObject({ status: 'failed', code: 'DATE_NO_TIMEZONE', details: { field: 'validUntil' } });
  });
});

describe('VC 1.1 names its period issuanceDate / expirationDate', () => {
  it('reads issuanceDate and expirationDate, and reports them under the common names', () => {
    expect(checkValidityPeriod(v1({ issuanceDate: at(-3600), expirationDate: at(3600) }), NOW)).toMatchObject({
      status: 'ok', details: { validFrom: iso(-3600), validUntil: iso(3600) },
    });
    expect(checkValidityPeriod(v1({ issuanceDate: at(3600) }), NOW)).toMatchObject({ code: 'NOT_YET_VALID', details: { validFrom: iso(3600) } });
    expect(checkValidityPeriod(v1({ expirationDate: at(-3600) }), NOW)).toMatchObject({ code: 'EXPIRED', details: { validUntil: iso(-3600) } });
    expect(checkValidityPeriod(v1({ issuanceDate: 'soon' }), NOW)).toMatchObject({ code: 'DATE_INVALID', details: { field: 'issuanceDate' } });
    expect(checkValidityPeriod(v1({ expirationDate: 'later' }), NOW)).toMatchObject({ code: 'DATE_INVALID', details: { field: 'expirationDate' } });
  });

  it('a VC 1.1 credential is not judged by the VC 2.0 names, nor a VC 2.0 one by the VC 1.1 names', () => {
    expect(checkValidityPeriod(v1({ validFrom: at(3600), validUntil: at(-3600) }), NOW).code).toBe('VALIDITY_OK');
    expect(checkValidityPeriod(v2({ issuanceDate: at(3600), expirationDate: at(-3600) }), NOW).code).toBe('VALIDITY_OK');
  });
});
