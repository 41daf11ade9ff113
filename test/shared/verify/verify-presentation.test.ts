import { beforeAll, describe, expect, it } from 'vitest';
import { buildPresentation, signPresentation, verifyPresentation } from '../../../shared/index.js';
import type { PresentationVerification } from '../../../shared/index.js';
import { NOW, createWorld } from '../../fixtures/world.js';
import type { Party, World } from '../../fixtures/world.js';

const CHALLENGE = 'c-7f3a9b2e41d0';
const DOMAIN = 'https://verifier.example';

let world: World;
let bound: Record<string, unknown>;
let accreditation: Record<string, unknown>;

beforeAll(async () => {
  world = await createWorld();
  accreditation = await world.accredit({ provider: world.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
  bound = await world.issue({ holder: world.holder.did });
});

async function present(opts: { signer?: Party; holder?: string; credentials?: unknown[]; challenge?: string; domain?: string | null; created?: Date } = {}) {
  const signer = opts.signer ?? world.holder;
  const vp = buildPresentation({ holder: opts.holder ?? world.holder.did, credentials: opts.credentials ?? [bound] });
  return signPresentation(vp, {
    signer: signer.signer,
    documentLoader: world.documentLoader,
    now: opts.created ?? new Date(NOW.getTime() - 30_000),
    challenge: opts.challenge ?? CHALLENGE,
    ...(opts.domain === null ? {} : { domain: opts.domain ?? DOMAIN }),
  });
}

function expectFailure(r: PresentationVerification, check: string, code: string) {
  expect(r.verified).toBe(false);
  const c = r.checks.find((x) => x.id === check);
  expect({ check, status: c?.status, code: c?.code }).toEqual({ check, status: 'failed', code });
}

const options = (extra: Record<string, unknown> = {}) => ({ ...world.verifyOptions(), challenge: CHALLENGE, domain: DOMAIN, ...extra });

describe('verifyPresentation', () => {
  it('accepts a fresh presentation of a bound credential by its holder', async () => {
    const r = await verifyPresentation(await present(), options());
    expect(r.error).toBeUndefined();
    expect(r.verified).toBe(true);
    expect(r.holder).toBe(world.holder.did);
    expect(r.credentials).toHaveLength(1);
    expect(r.credentials[0]!.verified).toBe(true);
  });

  it('verifies offline from an accreditation carried in the presentation', async () => {
    const vp = await present({ credentials: [bound, accreditation] });
    const r = await verifyPresentation(vp, options({
      accreditation: { ...world.verifyOptions().accreditation!, findAccreditations: async () => { throw new Error('registry offline'); } },
    }));
    expect(r.error).toBeUndefined();
    expect(r.verified).toBe(true);
  });

  it('refuses a provider’s self-signed accreditation carried in the presentation (offline)', async () => {
    const w = await createWorld();
    const self = await w.accredit({ provider: w.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z'), signedBy: w.provider });
    w.accreditations.length = 0; // only the copy the wallet carries
    const vc = await w.issue({ holder: w.holder.did });
    const vp = await signPresentation(buildPresentation({ holder: w.holder.did, credentials: [vc, self] }), {
      signer: w.holder.signer, documentLoader: w.documentLoader, now: new Date(NOW.getTime() - 30_000), challenge: CHALLENGE, domain: DOMAIN,
    });
    const r = await verifyPresentation(vp, { ...w.verifyOptions(), challenge: CHALLENGE, domain: DOMAIN });
    // Two verdicts: the credential is authentic, but the self-made accreditation does not
    // make it recognised.
    expect(r.credentials).toHaveLength(1);
    expect(r.credentials[0]!.recognition).toMatchObject({ recognised: false, error: { code: 'ISSUER_NOT_CURATED' } });
  });

  const rows: Array<[string, () => Promise<unknown>, Record<string, unknown>, string, string]> = [
    ['the wrong challenge', () => present({ challenge: 'someone-elses' }), {}, 'challenge', 'CHALLENGE_MISMATCH'],
    ['no challenge in the proof', async () => { const vp = await present(); delete (vp.proof as Record<string, unknown>).challenge; return vp; }, {}, 'challenge', 'CHALLENGE_MISSING'],
    ['the wrong domain', () => present({ domain: 'https://evil.example' }), {}, 'domain', 'DOMAIN_MISMATCH'],
    ['no domain where one is required', () => present({ domain: null }), {}, 'domain', 'DOMAIN_MISSING'],
    ['a presentation older than allowed', () => present({ created: new Date(NOW.getTime() - 3600_000) }), {}, 'freshness', 'PRESENTATION_TOO_OLD'],
    ['a holder who is not the credential subject', async () => present({ credentials: [await world.issue({ holder: world.attacker.did })] }), {}, 'holder', 'HOLDER_NOT_SUBJECT'],
    ['a credential with two subjects, only one of them the holder', async () => present({ credentials: [await world.issue({ holder: world.holder.did, mutate: (vc) => { vc.credentialSubject = [vc.credentialSubject, { id: world.attacker.did }]; } })] }), {}, 'holder', 'HOLDER_NOT_SUBJECT'],
    ['an unbound credential (no subject id)', async () => present({ credentials: [await world.issue()] }), {}, 'holder', 'HOLDER_NOT_SUBJECT'],
    ['signed by another key than the holder\'s', () => present({ signer: world.attacker }), {}, 'holderKey', 'KEY_NOT_HOLDERS'],
    ['unsigned, where a challenge was asked', async () => buildPresentation({ holder: world.holder.did, credentials: [bound] }), {}, 'challenge', 'CHALLENGE_MISSING'],
    ['a revoked credential inside', async () => { const vc = await world.issue({ holder: world.holder.did, index: 31337 }); await world.setStatus('revocation', world.provider, 31337, true); return present({ credentials: [vc] }); }, {}, 'credentials', 'CREDENTIAL_NOT_VERIFIED'],
    ['more credentials than a presentation may carry', async () => present({ credentials: Array(21).fill(bound) }), {}, 'credentials', 'TOO_MANY_CREDENTIALS'],
    ['a tampered presentation', async () => { const vp = await present(); (vp as Record<string, unknown>).holder = world.attacker.did; return vp; }, {}, 'holderKey', 'KEY_NOT_HOLDERS'],
    ['a tampered credential list', async () => { const vp = await present(); (vp as Record<string, unknown>).verifiableCredential = [await world.issue({ holder: world.holder.did, index: 9 })]; return vp; }, {}, 'proof', 'SIGNATURE_INVALID'],
  ];

  it.each(rows)('refuses %s', async (_n, make, extra, check, code) => {
    expectFailure(await verifyPresentation(await make(), options(extra)), check, code);
  });
});
