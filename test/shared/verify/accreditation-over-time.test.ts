/**
 * "Accredited for this competency at validFrom" (issue 7, item 4): a credential issued
 * inside an accreditation stays recognised after that accreditation ends; one issued after
 * it ended says so with its own code; only LAN's explicit withdrawal takes it back.
 */
import { describe, expect, it } from 'vitest';
import { verifyCredential } from '../../../shared/index.js';
import { createWorld } from '../../fixtures/world.js';

const FROM = new Date('2026-01-01T00:00:00Z');
const UNTIL = new Date('2026-07-01T00:00:00Z');
const accreditationOf = (r: Awaited<ReturnType<typeof verifyCredential>>) => r.checks.find((c) => c.id === 'accreditation')!;

describe('accreditation over time', () => {
  it('a credential issued inside the accreditation stays recognised after it ends', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: FROM, until: UNTIL });
    const vc = await w.issue({ validFrom: new Date('2026-05-20T03:00:00Z') });
    const later = await verifyCredential(vc, w.verifyOptions({ now: new Date('2027-03-01T00:00:00Z') }));
    expect(accreditationOf(later).code).toBe('ACCREDITED');
    expect(later.verified).toBe(true);
    expect(later.issuer?.name).toBe('Pusdiklat Contoh (terkurasi)');
  });

  it('a credential issued after the accreditation ended is "not accredited at issuance", not "not curated"', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: FROM, until: new Date('2026-03-01T00:00:00Z') });
    const vc = await w.issue({ validFrom: new Date('2026-05-20T03:00:00Z') });
    const r = await verifyCredential(vc, w.verifyOptions());
    expect(accreditationOf(r)).toMatchObject({ status: 'failed', code: 'NOT_ACCREDITED_AT_ISSUANCE' });
  });

  it('a renewal leaves earlier credentials recognised for good (closing copy + new accreditation)', async () => {
    const w = await createWorld();
    // What LAN's issuer does on a renewal at T: the original is revoked (superseded), a
    // closing copy covers [FROM, T], a new accreditation covers [T, new end].
    const original = await w.accredit({ provider: w.provider, types: ['manajerial'], from: FROM, until: UNTIL, statusIndex: 61 });
    void original;
    const T = new Date('2026-06-01T00:00:00Z');
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: FROM, until: T, statusIndex: 62 });
    await w.accredit({ provider: w.provider, types: ['teknis'], from: T, until: new Date('2027-06-01T00:00:00Z'), statusIndex: 63 });
    await w.setStatus('revocation', w.lan, 61, true);
    const before = await w.issue({ validFrom: new Date('2026-05-20T03:00:00Z') });
    for (const now of ['2026-06-02T00:00:00Z', '2027-09-01T00:00:00Z']) {
      const r = await verifyCredential(before, w.verifyOptions({ now: new Date(now) }));
      expect(accreditationOf(r).code, now).toBe('ACCREDITED');
    }
    // After T the scope is teknis only: the revoked original must not stand in for it.
    const after = await w.issue({ validFrom: new Date('2026-06-10T00:00:00Z') });
    const r = await verifyCredential(after, w.verifyOptions({ now: new Date('2026-06-11T00:00:00Z') }));
    expect(accreditationOf(r).code).toBe('OUTSIDE_ACCREDITED_SCOPE');
  });

  it('LAN withdrawing the provider (every accreditation revoked) takes earlier credentials back, with its own code', async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: FROM, until: UNTIL, statusIndex: 71 });
    const vc = await w.issue({ validFrom: new Date('2026-05-20T03:00:00Z') });
    await w.setStatus('revocation', w.lan, 71, true);
    const r = await verifyCredential(vc, w.verifyOptions({ now: new Date('2027-01-01T00:00:00Z') }));
    expect(accreditationOf(r)).toMatchObject({ status: 'failed', code: 'ACCREDITATION_WITHDRAWN' });
  });

  it("an accreditation LAN's status list cannot confirm right now is unknown, not 'not curated'", async () => {
    const w = await createWorld();
    await w.accredit({ provider: w.provider, types: ['manajerial'], from: FROM, until: UNTIL });
    const vc = await w.issue();
    w.unreachable.add(w.listUrl(w.lan, 'revocation'));
    const r = await verifyCredential(vc, w.verifyOptions());
    expect(accreditationOf(r)).toMatchObject({ status: 'unknown', code: 'ACCREDITATION_STATUS_UNKNOWN' });
  });
});
