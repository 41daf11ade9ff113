/**
 * What checks/proof.ts and checks/signer-key.ts report, pinned row by row (issue 13: the
 * mutants that survived the verify suites). Each failure's code and details; the proof-set
 * rules jsonld-signatures leaves to us (every proof counted, including one no suite
 * claims; previousProof links; a proof @context only as a prefix of the document's); the
 * text of a library failure (bounded, whatever was thrown); and every outcome of the
 * signer key check with its details. The checks are called directly: verifyCredential
 * stops earlier for most of these documents (well-formed, issuerKey), so it cannot show
 * what the check itself decides.
 */
import jsigs from 'jsonld-signatures';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, buildDidDocument, buildPresentation, encodePublicMultikey } from '../../../../shared/index.js';
import type { DocumentLoader, Signer } from '../../../../shared/index.js';
import { checkProofs } from '../../../../shared/verify/checks/proof.js';
import { checkSignerKey } from '../../../../shared/verify/checks/signer-key.js';
import { signingSuite } from '../../../../shared/sign/suites.js';
import { ISSUED_AT, createWorld } from '../../../fixtures/world.js';
import type { World } from '../../../fixtures/world.js';

type Doc = Record<string, unknown>;
type Proof = Record<string, unknown>;

const CHALLENGE = 'c-7d41e2';

let world: World;
let vc: Doc;
let vc2020: Doc;

beforeAll(async () => {
  world = await createWorld();
  vc = await world.issue();
  vc2020 = await world.issue({ suite: 'Ed25519Signature2020' });
});

const proofOf = (doc: Doc) => doc.proof as Proof;
const unsigned = (doc: Doc): Doc => { const { proof: _proof, ...rest } = structuredClone(doc); return rest; };
const withProof = (doc: Doc, change: (p: Proof) => void): Doc => { const d = structuredClone(doc); change(d.proof as Proof); return d; };
const proofCheck = (doc: Doc, purpose: 'assertionMethod' | 'authentication' = 'assertionMethod', loader: DocumentLoader = world.documentLoader) =>
  checkProofs(doc, purpose, loader);

/**
 * One more proof over `doc` (without its proofs), with extra proof fields (`id`,
 * `previousProof`, `domain`…) that the helpers of shared/sign do not offer.
 */
async function proofOver(doc: Doc, opts: { signer?: Signer; fields?: Proof; purpose?: object } = {}): Promise<Proof> {
  const suite = signingSuite('eddsa-rdfc-2022', opts.signer ?? world.provider.signer, ISSUED_AT) as { proof?: Proof };
  if (opts.fields) suite.proof = opts.fields;
  const signed = await jsigs.sign(unsigned(doc), { suite, purpose: opts.purpose ?? new CredentialIssuancePurpose(), documentLoader: world.documentLoader });
  return signed.proof as Proof;
}

/** A purpose for signing only: names the proof `authentication` and adds nothing (no challenge). */
const bareAuthentication = { update: async (proof: Proof) => ({ ...proof, proofPurpose: 'authentication' }) };
const authentication = (domain?: string) => new jsigs.purposes.AuthenticationProofPurpose({ challenge: CHALLENGE, ...(domain ? { domain } : {}) });
const presentation = (): Doc => buildPresentation({ holder: world.holder.did, credentials: [vc] });

describe('checkProofs: a document that verifies', () => {
  it('reports the number of proofs and the suite of each (cryptosuite, else type)', async () => {
    expect(await proofCheck(vc)).toMatchObject({ id: 'proof', status: 'ok', code: 'PROOF_OK', details: { proofs: 1, suites: ['eddsa-rdfc-2022'] } });
    expect((await proofCheck(vc2020)).details).toEqual({ proofs: 1, suites: ['Ed25519Signature2020'] });
  });

  it('a proof @context equal to the document\'s, or a prefix of it, is accepted', async () => {
    const docContext = vc['@context'] as string[];
    for (const context of [docContext, docContext.slice(0, 1), docContext[0]]) {
      const r = await proofCheck(withProof(vc, (p) => { p['@context'] = structuredClone(context); }));
      expect({ context, code: r.code }).toEqual({ context, code: 'PROOF_OK' });
    }
  });

  it('a chain: a proof whose previousProof names another proof of the set verifies', async () => {
    const first = await proofOver(vc, { fields: { id: 'urn:uuid:proof-a' } });
    const second = await proofOver(vc, { fields: { previousProof: 'urn:uuid:proof-a' } });
    const r = await proofCheck({ ...unsigned(vc), proof: [first, second] });
    expect([r.status, r.code, r.details]).toEqual(['ok', 'PROOF_OK', { proofs: 2, suites: ['eddsa-rdfc-2022', 'eddsa-rdfc-2022'] }]);
    const listed = await proofOver(vc, { fields: { previousProof: ['urn:uuid:proof-a'] } });
    expect((await proofCheck({ ...unsigned(vc), proof: [first, listed] })).code).toBe('PROOF_OK');
  });
});

describe('checkProofs: refusals before any signature is checked', () => {
  const rows: Array<[string, (v: Doc) => Doc, string, Doc | undefined]> = [
    ['no proof', (v) => unsigned(v), 'PROOF_MISSING', undefined],
    ['an empty proof list', (v) => ({ ...unsigned(v), proof: [] }), 'PROOF_MISSING', undefined],
    ['a proof list holding a non-object next to a valid proof', (v) => ({ ...unsigned(v), proof: [proofOf(v), 'z3FXQ…'] }), 'PROOF_MISSING', undefined],
    ['an unknown proof type naming the supported cryptosuite', (v) => withProof(v, (p) => { p.type = 'BbsBlsSignature2020'; }), 'PROOF_TYPE_UNSUPPORTED',
      { type: 'BbsBlsSignature2020', cryptosuite: 'eddsa-rdfc-2022' }],
    ['DataIntegrityProof with another cryptosuite', (v) => withProof(v, (p) => { p.cryptosuite = 'ecdsa-rdfc-2019'; }), 'PROOF_TYPE_UNSUPPORTED',
      { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019' }],
    ['an unknown proof type without cryptosuite', (v) => withProof(v, (p) => { p.type = 'JsonWebSignature2020'; delete p.cryptosuite; }), 'PROOF_TYPE_UNSUPPORTED',
      { type: 'JsonWebSignature2020', cryptosuite: '' }],
    ['proofPurpose authentication on a credential', (v) => withProof(v, (p) => { p.proofPurpose = 'authentication'; }), 'PROOF_PURPOSE_MISMATCH',
      { expected: 'assertionMethod', found: 'authentication' }],
    ['no proofPurpose', (v) => withProof(v, (p) => { delete p.proofPurpose; }), 'PROOF_PURPOSE_MISMATCH', { expected: 'assertionMethod', found: 'undefined' }],
    ['a proof @context longer than the document\'s, the extra entry empty (a JavaScript caller\'s array)',
      (v) => withProof(v, (p) => { p['@context'] = [...(v['@context'] as string[]), undefined]; }), 'PROOF_CONTEXT_MISMATCH', undefined],
    ['a proof @context differing at its second entry', (v) => withProof(v, (p) => { p['@context'] = [(v['@context'] as string[])[0], 'https://w3id.org/security/data-integrity/v2']; }),
      'PROOF_CONTEXT_MISMATCH', undefined],
    ['previousProof naming one proof of the set and one that is not there', (v) => withProof(v, (p) => { p.id = 'urn:uuid:proof-a'; p.previousProof = ['urn:uuid:proof-a', 'urn:uuid:nowhere']; }),
      'PREVIOUS_PROOF_MISSING', undefined],
    ['previousProof that is not a string', (v) => withProof(v, (p) => { p.previousProof = 7; }), 'PREVIOUS_PROOF_MISSING', undefined],
    ['no proofValue', (v) => withProof(v, (p) => { delete p.proofValue; }), 'SIGNATURE_INVALID', { reason: 'proofValue missing' }],
    ['a proofValue that is not a string', (v) => withProof(v, (p) => { p.proofValue = ['z3FXQ']; }), 'SIGNATURE_INVALID', { reason: 'proofValue missing' }],
  ];
  it.each(rows)('%s → %s', async (_name, make, code, details) => {
    const r = await proofCheck(make(vc));
    expect({ status: r.status, code: r.code, details: r.details }).toEqual({ status: 'failed', code, details });
  });
});

describe('checkProofs: what the library decides, counted proof by proof', () => {
  it('a proof no suite claims (Ed25519Signature2020 without its context) next to a valid one fails: every proof must verify', async () => {
    const r = await proofCheck({ ...unsigned(vc), proof: [proofOf(vc), proofOf(vc2020)] });
    // jsonld-signatures verified the one proof it could and reports no error at all.
    expect([r.status, r.code, r.details]).toEqual(['failed', 'PROOF_INVALID', { reason: 'unknown', verifiedProofs: 1, proofs: 2 }]);
  });

  it('a presentation proof signed without any challenge fails the authentication purpose', async () => {
    const vp = presentation();
    const r = await proofCheck({ ...vp, proof: await proofOver(vp, { signer: world.holder.signer, purpose: bareAuthentication }) }, 'authentication');
    expect([r.status, r.code, r.details]).toEqual(['failed', 'PROOF_INVALID', {
      reason: 'The challenge is not as expected; challenge="undefined", expected=""', verifiedProofs: 0, proofs: 1,
    }]);
  });

  it('two presentation proofs for different domains: the second is judged by the first one\'s domain', async () => {
    const vp = presentation();
    const proofs = [
      await proofOver(vp, { signer: world.holder.signer, purpose: authentication('https://a.example') }),
      await proofOver(vp, { signer: world.holder.signer, purpose: authentication('https://b.example') }),
    ];
    const r = await proofCheck({ ...vp, proof: proofs }, 'authentication');
    expect([r.status, r.code, r.details]).toEqual(['failed', 'PROOF_INVALID', {
      reason: 'The domain is not as expected; domain="https://b.example", expected="https://a.example"', verifiedProofs: 1, proofs: 2,
    }]);
    // The same two proofs with one domain verify.
    const same = [proofs[0], await proofOver(vp, { signer: world.holder.signer, purpose: authentication('https://a.example') })];
    expect((await proofCheck({ ...vp, proof: same }, 'authentication')).code).toBe('PROOF_OK');
  });

  it('a library that rejects instead of answering still gives a failed check with a reason', async () => {
    const doc = structuredClone(vc);
    // jsonld-signatures copies the document inside its own try; a primitive thrown there
    // makes its error handler throw in turn, so verify() rejects.
    Object.defineProperty(doc, 'evidence', { enumerable: true, get: () => { throw 'no evidence'; } });
    const r = await proofCheck(doc);
    expect([r.status, r.code, r.details]).toEqual(['failed', 'PROOF_INVALID', { reason: expect.stringMatching(/\S/) }]);
  });

  describe('the reason is a bounded text whatever the key lookup throws', () => {
    const rows: Array<[string, unknown, string]> = [
      ['an Error with a long message', new Error('e'.repeat(400)), 'e'.repeat(300)],
      ['an object with a long message (not an Error)', { message: 'o'.repeat(400) }, 'o'.repeat(300)],
      ['several errors at once', [new Error('first'), new Error('second')], 'first; second'],
      ['a list holding a long text and nothing', ['s'.repeat(400), null], `${'s'.repeat(300)}; unknown`],
    ];
    it.each(rows)('%s', async (_name, thrown, reason) => {
      const keyId = String(proofOf(vc).verificationMethod);
      const loader: DocumentLoader = async (url) => {
        if (url === keyId) throw thrown;
        return world.documentLoader(url);
      };
      const r = await proofCheck(vc, 'assertionMethod', loader);
      expect([r.status, r.code, r.details]).toEqual(['failed', 'PROOF_INVALID', { reason, verifiedProofs: 0, proofs: 1 }]);
    });
  });
});

describe('checkSignerKey', () => {
  const issuerKey = (doc: Doc, loader: DocumentLoader = world.documentLoader, expected: string | undefined = world.provider.did) =>
    checkSignerKey('issuerKey', doc, expected, 'assertionMethod', loader);
  const onlyResult = (r: { id: string; status: string; code: string; details?: unknown }) => ({ id: r.id, status: r.status, code: r.code, details: r.details });

  /** A did:web party of the test's own, with the DID document `doc` (built from its id). */
  function didWith(name: string, doc: (did: string) => ReturnType<typeof buildDidDocument>): string {
    const did = `did:web:kredensial.example:uji:${name}`;
    world.didDocs.set(did, doc(did));
    return did;
  }
  const signedBy = (keyId: string) => withProof(vc, (p) => { p.verificationMethod = keyId; });

  it('the issuer\'s key: ISSUER_KEY_OK with the keys it checked', async () => {
    expect(onlyResult(await issuerKey(vc))).toEqual({ id: 'issuerKey', status: 'ok', code: 'ISSUER_KEY_OK', details: { keys: [world.provider.keyId] } });
    const twice = { ...unsigned(vc), proof: [proofOf(vc), proofOf(vc2020)] };
    expect((await issuerKey(twice)).details).toEqual({ keys: [world.provider.keyId, world.provider.keyId] });
  });

  it('the holder\'s key: HOLDER_KEY_OK; another party\'s key: KEY_NOT_HOLDERS', async () => {
    const vp = presentation();
    const signed = { ...vp, proof: await proofOver(vp, { signer: world.holder.signer, purpose: authentication() }) };
    expect(onlyResult(await checkSignerKey('holderKey', signed, world.holder.did, 'authentication', world.documentLoader)))
      .toEqual({ id: 'holderKey', status: 'ok', code: 'HOLDER_KEY_OK', details: { keys: [world.holder.keyId] } });
    expect(onlyResult(await checkSignerKey('holderKey', signed, world.attacker.did, 'authentication', world.documentLoader)))
      .toEqual({ id: 'holderKey', status: 'failed', code: 'KEY_NOT_HOLDERS', details: { key: world.holder.keyId, expected: world.attacker.did } });
  });

  it('refusals, each with its details', async () => {
    const weak = new Uint8Array(32); weak[0] = 1; // the identity point: small order
    const weakKey = encodePublicMultikey(weak);
    const weakDid = didWith('lemah', (did) => buildDidDocument(did, [{ publicKeyMultibase: weakKey, id: 'k1' }]));
    const badDid = didWith('rusak', (did) => buildDidDocument(did, [{ publicKeyMultibase: 'mAbCd', id: 'k1' }]));
    const unauthorisedDid = didWith('tanpa-wewenang', (did) => ({ ...buildDidDocument(did, [{ publicKeyMultibase: world.provider.publicKeyMultibase, id: 'k1' }]), assertionMethod: [] }));
    const borrowedDid = didWith('pinjam', (did) => {
      const doc = buildDidDocument(did, [{ publicKeyMultibase: world.provider.publicKeyMultibase, id: 'k1' }]);
      doc.verificationMethod![0]!.controller = world.provider.did;
      return doc;
    });
    const rows: Array<[string, Doc, string | undefined, string, Doc | undefined]> = [
      ['no verificationMethod', withProof(vc, (p) => { delete p.verificationMethod; }), world.provider.did, 'KEY_NOT_FOUND', undefined],
      ['another party\'s key', signedBy(world.attacker.keyId), world.provider.did, 'KEY_NOT_ISSUERS', { key: world.attacker.keyId, expected: world.provider.did }],
      ['a key the DID document does not list', signedBy(`${world.provider.did}#k9`), world.provider.did, 'KEY_NOT_FOUND', { key: `${world.provider.did}#k9` }],
      ['a key listed but controlled by another DID', signedBy(`${borrowedDid}#k1`), borrowedDid, 'KEY_NOT_ISSUERS', { key: `${borrowedDid}#k1` }],
      ['a key not listed under assertionMethod', signedBy(`${unauthorisedDid}#k1`), unauthorisedDid, 'KEY_NOT_AUTHORIZED', { key: `${unauthorisedDid}#k1`, relationship: 'assertionMethod' }],
      ['a small-order key', signedBy(`${weakDid}#k1`), weakDid, 'KEY_WEAK', { key: `${weakDid}#k1` }],
      ['a key that is not an Ed25519 Multikey', signedBy(`${badDid}#k1`), badDid, 'KEY_INVALID', { key: `${badDid}#k1` }],
    ];
    for (const [name, doc, expected, code, details] of rows) {
      expect({ name, ...onlyResult(await issuerKey(doc, world.documentLoader, expected)) }).toEqual({ name, id: 'issuerKey', status: 'failed', code, details });
    }
  });

  it('a loader failing with anything but an AppError is a resolution failure; an AppError keeps its code', async () => {
    const failing = (e: unknown): DocumentLoader => async () => { throw e; };
    expect(onlyResult(await issuerKey(vc, failing(new TypeError('fetch failed')))))
      .toEqual({ id: 'issuerKey', status: 'failed', code: 'DID_RESOLUTION_FAILED', details: { did: world.provider.did, reason: 'DID_RESOLUTION_FAILED' } });
    expect(onlyResult(await issuerKey(vc, failing(new AppError('DID_DOCUMENT_MISMATCH', 'another id')))))
      .toEqual({ id: 'issuerKey', status: 'failed', code: 'DID_RESOLUTION_FAILED', details: { did: world.provider.did, reason: 'DID_DOCUMENT_MISMATCH' } });
  });
});
