/**
 * Claim links and relay answers the wallet must refuse (BAD-INPUTS #27): anything that is
 * not an http(s) claim URL, or that would send the wallet's answer to another origin.
 */
import { describe, expect, it } from 'vitest';
import { fetchOffer, parseClaimLink } from '../../wallet-web/src/claim.js';
import { openRelay } from '../../wallet-web/src/present.js';
import { displayStatusOf } from '../../wallet-web/src/status.js';
import type { CredentialVerification } from '../../shared/verify/index.js';

const OFFER = 'https://kredensial.example/claims/AbCdEfGhIjKlMnOpQrSt';

describe('parseClaimLink', () => {
  it.each([
    [OFFER, OFFER],
    [`  ${OFFER}  `, OFFER],
    [`https://dompet.example/#/claim?offer=${encodeURIComponent(OFFER)}`, OFFER],
    [`https://dompet.example/?offer=${encodeURIComponent(OFFER)}`, OFFER],
  ])('accepts %s', (input, expected) => {
    expect(parseClaimLink(input)).toBe(expected);
  });

  it.each([
    ['javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['file:///etc/passwd'],
    ['https://kredensial.example/claims/short'],
    ['https://kredensial.example/claims/AbCdEfGhIjKlMnOpQrSt?x=1'],
    ['https://kredensial.example/admin/providers'],
    ['https://user:pw@kredensial.example/claims/AbCdEfGhIjKlMnOpQrSt'],
    [`https://dompet.example/#/claim?offer=${encodeURIComponent('javascript:alert(1)')}`],
    [`https://k.example/claims/${'A'.repeat(2000)}`],
    [''],
  ])('refuses %s without opening it', (input) => {
    expect(() => parseClaimLink(input)).toThrow(expect.objectContaining({ code: 'CLAIM_LINK_INVALID' }));
  });
});

const jsonResponse = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('fetchOffer', () => {
  const request = (endpoint: string) => ({
    offerId: 'AbCdEfGhIjKlMnOpQrSt', provider: { name: 'Pusdiklat' }, credentialPreview: { name: 'Pelatihan' },
    verifiablePresentationRequest: { query: [{ type: 'DIDAuthentication' }], challenge: 'c'.repeat(32), domain: 'kredensial.example', interact: { service: [{ serviceEndpoint: endpoint }] } },
  });

  it('reads the offer and answers to its own origin', async () => {
    const offer = await fetchOffer(OFFER, { fetch: jsonResponse(200, request(OFFER)) });
    expect(offer).toMatchObject({ endpoint: OFFER, issuerOrigin: 'https://kredensial.example', provider: { name: 'Pusdiklat' }, challenge: 'c'.repeat(32) });
  });

  it('refuses an offer that names another host as the place to send the signed answer', async () => {
    await expect(fetchOffer(OFFER, { fetch: jsonResponse(200, request('https://evil.example/collect')) })).rejects.toMatchObject({ code: 'OFFER_INVALID' });
  });

  it('refuses to sign for a domain other than the offer\'s own issuer', async () => {
    const other = request(OFFER);
    other.verifiablePresentationRequest.domain = 'bank.example';
    await expect(fetchOffer(OFFER, { fetch: jsonResponse(200, other) })).rejects.toMatchObject({ code: 'OFFER_INVALID' });
  });

  it('shows the preview the issuer gives: JP, competency and dates', async () => {
    const rich = request(OFFER);
    (rich as Record<string, unknown>).credentialPreview = { name: 'Pelatihan', jp: 24, competency: { type: 'manajerial', code: 'M.01', name: { id: 'Integritas' }, level: 3 }, startDate: '2026-05-04T00:00:00Z', endDate: '2026-05-08T00:00:00Z' };
    const offer = await fetchOffer(OFFER, { fetch: jsonResponse(200, rich) });
    expect(offer).toMatchObject({ jp: 24, competency: { type: 'manajerial', code: 'M.01', name: 'Integritas', level: 3 }, startDate: '2026-05-04', endDate: '2026-05-08' });
  });

  it('passes on the issuer code for a used or expired link', async () => {
    await expect(fetchOffer(OFFER, { fetch: jsonResponse(410, { code: 'OFFER_USED', message: 'used' }) })).rejects.toMatchObject({ code: 'OFFER_USED' });
    await expect(fetchOffer(OFFER, { fetch: jsonResponse(410, { code: 'OFFER_EXPIRED', message: 'expired' }) })).rejects.toMatchObject({ code: 'OFFER_EXPIRED' });
  });
});

describe('openRelay', () => {
  const answer = { id: 'A'.repeat(22), challenge: 'c'.repeat(32), domain: 'https://verifikasi.example', expiresAt: '2026-01-01T00:05:00Z' };
  it('accepts the verifier’s own upload URL', async () => {
    const r = await openRelay('https://verifikasi.example', { fetch: jsonResponse(201, { ...answer, uploadUrl: `https://verifikasi.example/relay/${answer.id}` }) });
    expect(r.uploadUrl).toBe(`https://verifikasi.example/relay/${answer.id}`);
  });
  it('refuses to upload anywhere else', async () => {
    await expect(openRelay('https://verifikasi.example', { fetch: jsonResponse(201, { ...answer, uploadUrl: 'https://evil.example/x' }) })).rejects.toMatchObject({ code: 'RELAY_ANSWER_INVALID' });
  });
});

describe('displayStatusOf', () => {
  const check = (id: string, status: 'ok' | 'failed' | 'unknown', code: string) => ({ id, status, code, message: { id: code, en: code } });
  const v = (checks: ReturnType<typeof check>[]): CredentialVerification => {
    const authentic = checks.filter((c) => c.id !== 'accreditation').every((c) => c.status === 'ok');
    return { verified: authentic, recognition: { recognised: authentic && checks.every((c) => c.status === 'ok') }, checks } as unknown as CredentialVerification;
  };
  const base = [check('issuerKey', 'ok', 'ISSUER_KEY_OK'), check('proof', 'ok', 'PROOF_OK')];
  it.each([
    [[...base, check('status', 'ok', 'STATUS_ACTIVE')], 'verified'],
    [[...base, check('status', 'ok', 'STATUS_ACTIVE'), check('accreditation', 'failed', 'ISSUER_NOT_CURATED')], 'unrecognised'],
    [[...base, check('status', 'ok', 'STATUS_ACTIVE'), check('accreditation', 'unknown', 'ACCREDITATION_UNAVAILABLE')], 'unknown'],
    [[...base, check('status', 'failed', 'CREDENTIAL_REVOKED')], 'revoked'],
    [[...base, check('status', 'failed', 'CREDENTIAL_SUSPENDED')], 'suspended'],
    [[...base, check('validity', 'failed', 'EXPIRED'), check('status', 'ok', 'STATUS_ACTIVE')], 'expired'],
    [[check('issuerKey', 'failed', 'DID_RESOLUTION_FAILED'), check('proof', 'unknown', 'NOT_CHECKED')], 'unknown'],
    [[...base, check('status', 'unknown', 'STATUS_UNREACHABLE')], 'unknown'],
    [[check('issuerKey', 'ok', 'ISSUER_KEY_OK'), check('proof', 'failed', 'SIGNATURE_INVALID'), check('validity', 'failed', 'EXPIRED')], 'invalid'],
  ])('%#: → %s', (checks, expected) => {
    expect(displayStatusOf(v(checks)).status).toBe(expected);
  });
});
