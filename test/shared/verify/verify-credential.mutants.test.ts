/**
 * What the credential pipeline itself (`verify-credential.ts`) decides, pinned where
 * mutation testing found no test looking (issue 13): the fail-closed path when a part
 * throws (INTERNAL_ERROR on the next check, message bounded), the order in which checks
 * gate each other (nothing after a failed contexts check runs; no proof check with a
 * key that is not the issuer's), what the cache keeps (only successful crypto checks,
 * in the right trust scope, never a pinned-anchor result standing in for another key; a
 * caller's own cache may hand checks back in any order and the report keeps the fixed one,
 * and an entry whose issuer key is not ok unlocks nothing),
 * the clock skew default and override, a status list's own status (not followed), the
 * issuer shown on a failure, and the pinned trust-anchor loader.
 *
 * Everything runs the real pipeline on the fixture world; the only stand-ins are a cache
 * that records what it is asked (wrapping the real cache) or that throws.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildStatusEntry, buildStatusListCredential, createVerificationCache, encodeStatusList, pinTrustAnchor, signCredential, verifyCredential,
} from '../../../shared/index.js';
import type { CredentialVerification, VerificationCache, VerifyOptions } from '../../../shared/index.js';
import { createWorld, ISSUED_AT, NOW } from '../../fixtures/world.js';
import type { World } from '../../fixtures/world.js';

type Doc = Record<string, unknown>;

let world: World;
let vc: Doc;

beforeAll(async () => {
  world = await createWorld();
  await world.accredit({ provider: world.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
  vc = await world.issue();
});

const table = (r: CredentialVerification) => r.checks.map((c) => [c.id, c.status, c.code]);
const check = (r: CredentialVerification, id: string) => r.checks.find((c) => c.id === id)!;
const NOT_CHECKED = (ids: string[]) => ids.map((id) => [id, 'unknown', 'NOT_CHECKED']);

/** The real cache, recording every `set` (scope and the check ids it keeps). */
function recordingCache(): { cache: VerificationCache; sets: Array<{ scope: string; ids: string[] }> } {
  const real = createVerificationCache();
  const sets: Array<{ scope: string; ids: string[] }> = [];
  return {
    sets,
    cache: {
      get: (doc, now, scope) => real.get(doc, now, scope),
      set: (doc, now, scope, value) => { sets.push({ scope, ids: value.checks.map((c) => c.id) }); real.set(doc, now, scope, value); },
    },
  };
}

function throwingCache(thrown: unknown): VerificationCache {
  return { get: () => { throw thrown; }, set: () => undefined };
}

describe('a part that throws still gives a "not verified" answer', () => {
  it('marks the next unfinished check INTERNAL_ERROR with the message cut to 200 characters, the rest not checked', async () => {
    const r = await verifyCredential(vc, world.verifyOptions({ cache: throwingCache(new Error('x'.repeat(250))) }));
    expect(r.verified).toBe(false);
    expect(table(r)).toEqual([
      ['wellFormed', 'ok', 'WELL_FORMED'], ['contexts', 'ok', 'CONTEXTS_ALLOWED'], ['terms', 'failed', 'INTERNAL_ERROR'],
      ...NOT_CHECKED(['issuerKey', 'proof', 'validity', 'status', 'accreditation']),
    ]);
    expect(check(r, 'terms').details).toEqual({ reason: 'x'.repeat(200) });
    expect(r.error).toMatchObject({ check: 'terms', code: 'INTERNAL_ERROR' });
  });

  it('says only "error" when what was thrown is not an Error', async () => {
    const r = await verifyCredential(vc, world.verifyOptions({ cache: throwingCache('secret detail') }));
    expect(check(r, 'terms')).toMatchObject({ status: 'failed', code: 'INTERNAL_ERROR', details: { reason: 'error' } });
  });
});

describe('the checks gate each other', () => {
  it('runs nothing after a failed contexts check', async () => {
    const bad = structuredClone(vc);
    (bad['@context'] as string[]).push('https://unknown.example/ctx');
    const r = await verifyCredential(bad, world.verifyOptions());
    expect(table(r).slice(2)).toEqual(NOT_CHECKED(['terms', 'issuerKey', 'proof', 'validity', 'status', 'accreditation']));
    expect(check(r, 'contexts').status).toBe('failed');
  });

  it('does not check a proof made with a key that is not the issuer\'s (a valid signature by someone else)', async () => {
    const foreign = await world.issue({ signer: world.attacker.signer });
    const r = await verifyCredential(foreign, world.verifyOptions());
    expect(check(r, 'issuerKey').status).toBe('failed');
    expect(check(r, 'proof')).toMatchObject({ status: 'unknown', code: 'NOT_CHECKED' });
    expect(r.verified).toBe(false);
  });
});

describe('the clock skew allowed on validFrom', () => {
  const at = (seconds: number) => world.issue({ validFrom: new Date(NOW.getTime() + seconds * 1000) });
  it.each([
    ['default 300 s: exactly 300 s ahead is valid', 300, undefined, 'ok'],
    ['default 300 s: 301 s ahead is not', 301, undefined, 'failed'],
    ['60 s asked for: 61 s ahead is not', 61, 60, 'failed'],
    ['60 s asked for: 60 s ahead is valid', 60, 60, 'ok'],
    ['0 s asked for: 1 s ahead is not', 1, 0, 'failed'],
  ] as const)('%s', async (_name, ahead, skew, status) => {
    const r = await verifyCredential(await at(ahead), world.verifyOptions(skew === undefined ? {} : { clockSkewSeconds: skew }));
    expect(check(r, 'validity').status).toBe(status);
  });
});

describe('what the cache keeps', () => {
  it('keeps only the crypto checks, under the loader scope, and a hit reports the same checks as a fresh run', async () => {
    const { cache, sets } = recordingCache();
    const opts = world.verifyOptions({ cache });
    const first = await verifyCredential(vc, opts);
    const loaderSets = sets.filter((s) => s.scope === 'loader');
    expect(loaderSets[0]!.ids).toEqual(['terms', 'issuerKey', 'proof']);
    expect(sets.every((s) => s.scope === 'loader' || s.scope === `pinned:${world.lan.did}#${world.lan.publicKeyMultibase}`)).toBe(true);
    const second = await verifyCredential(vc, opts);
    expect(first.verified).toBe(true);
    expect(table(second)).toEqual(table(first));
  });

  it('reports the fixed order even when a caller\'s cache gives its checks back in another order', async () => {
    const real = createVerificationCache();
    const reordering: VerificationCache = {
      get: (doc, now, scope) => { const hit = real.get(doc, now, scope); return hit && { ...hit, checks: [...hit.checks].reverse() }; },
      set: (doc, now, scope, value) => real.set(doc, now, scope, value),
    };
    const fresh = await verifyCredential(vc, world.verifyOptions({ cache: reordering }));
    const hit = await verifyCredential(vc, world.verifyOptions({ cache: reordering }));
    expect(table(hit)).toEqual(table(fresh));
    expect(hit.checks.map((c) => c.id)).toEqual(['wellFormed', 'contexts', 'terms', 'issuerKey', 'proof', 'validity', 'status', 'accreditation']);
  });

  it('fails closed on a cache entry whose issuer key is not ok: no document, nothing after validity checked', async () => {
    const real = createVerificationCache();
    const corrupt: VerificationCache = {
      get: (doc, now, scope) => {
        const hit = real.get(doc, now, scope);
        return hit && { ...hit, checks: hit.checks.map((c) => (c.id === 'issuerKey' ? { ...c, status: 'failed' as const, code: 'KEY_NOT_AUTHORIZED' } : c)) };
      },
      set: (doc, now, scope, value) => real.set(doc, now, scope, value),
    };
    await verifyCredential(vc, world.verifyOptions({ cache: corrupt }));
    const r = await verifyCredential(vc, world.verifyOptions({ cache: corrupt }));
    expect(r.verified).toBe(false);
    expect(r.document).toBeUndefined();
    expect(table(r).slice(6)).toEqual(NOT_CHECKED(['status', 'accreditation']));
  });

  it('does not keep a failure: an issuer key that could not be resolved is looked up again', async () => {
    const cache = createVerificationCache();
    const doc = world.didDocs.get(world.provider.did)!;
    world.didDocs.delete(world.provider.did);
    try {
      const down = await verifyCredential(vc, world.verifyOptions({ cache }));
      expect(check(down, 'issuerKey').status).not.toBe('ok');
    } finally {
      world.didDocs.set(world.provider.did, doc);
    }
    const back = await verifyCredential(vc, world.verifyOptions({ cache }));
    expect(back.verified).toBe(true);
  });

  it('never lets an accreditation checked against one pinned anchor key stand in for another key', async () => {
    const cache = createVerificationCache();
    const good = await verifyCredential(vc, world.verifyOptions({ cache }));
    expect(good.recognition.recognised).toBe(true);
    const opts = world.verifyOptions({ cache });
    const wrongKey: VerifyOptions = { ...opts, accreditation: { ...opts.accreditation!, trustAnchor: { did: world.lan.did, publicKeyMultibase: world.attacker.publicKeyMultibase } } };
    const r = await verifyCredential(vc, wrongKey);
    expect(r.verified).toBe(true);
    expect(r.recognition.recognised).toBe(false);
  });
});

describe('a status list is judged by its signature and issuer, not by a status of its own', () => {
  it('does not follow a credentialStatus inside the status list (lists could point at each other without end)', async () => {
    const w = await createWorld();
    const cred = await w.issue();
    const suspensionUrl = w.listUrl(w.provider, 'suspension');
    await w.setStatus('suspension', w.provider, 9, true);
    const revocation = w.statusLists.get(w.listUrl(w.provider, 'revocation'))!;
    const list = buildStatusListCredential({
      url: w.listUrl(w.provider, 'revocation'), issuerDid: w.provider.did, purpose: 'revocation', encodedList: await encodeStatusList(revocation.bits), validFrom: ISSUED_AT,
    });
    list.credentialStatus = [buildStatusEntry(suspensionUrl, 9, 'suspension')];
    revocation.signed = await signCredential(list, { signer: w.provider.signer, documentLoader: w.documentLoader, now: ISSUED_AT });
    const r = await verifyCredential(cred, w.verifyOptions());
    expect(check(r, 'status')).toMatchObject({ status: 'ok', code: 'STATUS_ACTIVE' });
  });
});

describe('the answer\'s summary', () => {
  it('names the accreditation grade and has no recognition error when recognised', async () => {
    const r = await verifyCredential(vc, world.verifyOptions());
    expect(r.issuer).toEqual({ id: world.provider.did, name: 'Pusdiklat Contoh (terkurasi)', accreditationGrade: 'A' });
    expect(r.recognition).toStrictEqual({ recognised: true });
  });

  it('names the claimed issuer of a credential whose signature fails', async () => {
    const forged = structuredClone(vc);
    (forged.credentialSubject as Doc).name = 'Orang Lain';
    const r = await verifyCredential(forged, world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.document).toBeUndefined();
    expect(r.issuer).toEqual({ id: world.provider.did });
  });

  it.each([[null], ['a string'], [42]])('answers "not verified" without an issuer for %j', async (input) => {
    const r = await verifyCredential(input, world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.issuer).toBeUndefined();
  });
});

describe('the pinned trust-anchor loader', () => {
  it('refuses any key of the anchor DID other than the configured one', async () => {
    const loader = pinTrustAnchor(world.documentLoader, { did: world.lan.did, publicKeyMultibase: world.lan.publicKeyMultibase });
    const url = `${world.lan.did}#other-key`;
    await expect(loader(url)).rejects.toMatchObject({ code: 'VERIFICATION_METHOD_NOT_FOUND', message: `${url} is not the configured trust anchor key.` });
  });
});
