/**
 * What the structure check (`checks/well-formed.ts`) answers, pinned where mutation testing
 * found no test looking (issue 13): the size limits exactly at their edge and one past it,
 * the proof-count limit, each refusal's code and details (a caller shows the code and the
 * details say what was too big or where the forbidden key sits), the VC 1.1 issuanceDate
 * rule, and the absolute-URI test of the issuer anchored at both ends. Called directly on
 * plain JSON: the check does no JSON-LD and no crypto, and runs first in verifyCredential.
 */
import { describe, expect, it } from 'vitest';
import { VC_V1_CONTEXT_URL, VC_V2_CONTEXT_URL } from '../../../../shared/contexts/index.js';
import { DOCUMENT_LIMITS, MAX_PROOFS, checkCredentialShape, isAbsoluteUri } from '../../../../shared/verify/checks/well-formed.js';
import { scanDocument } from '../../../../shared/verify/document.js';

type Doc = Record<string, unknown>;

const base = (extra: Doc = {}): Doc => ({
  '@context': [VC_V2_CONTEXT_URL],
  type: ['VerifiableCredential'],
  issuer: 'did:web:kredensial.example:providers:pusdiklat',
  credentialSubject: { id: 'did:example:holder' },
  ...extra,
});
const NO_LIMIT = { maxDepth: 1_000_000, maxNodes: 10_000_000 };
const proof = (n: number) => ({ type: 'DataIntegrityProof', proofValue: `z${n}` });

/** `base()` with a chain of nested objects, exactly `depth` levels deep as the scan counts them. */
function ofDepth(depth: number): Doc {
  let node: Doc = {};
  const doc = base({ extra: node });
  while (scanDocument(doc, NO_LIMIT).depth < depth) {
    const next: Doc = {};
    node.n = next;
    node = next;
  }
  expect(scanDocument(doc, NO_LIMIT).depth).toBe(depth);
  return doc;
}

/** `base()` padded with an array so that the scan counts exactly `nodes` nodes. */
function ofNodes(nodes: number): Doc {
  const without = scanDocument(base({ pad: [] }), NO_LIMIT).nodes;
  const doc = base({ pad: new Array<number>(nodes - without).fill(0) });
  expect(scanDocument(doc, NO_LIMIT).nodes).toBe(nodes);
  return doc;
}

describe('a well-formed credential', () => {
  it('is ok with the code WELL_FORMED and no details', () => {
    expect(checkCredentialShape(base())).toEqual({ id: 'wellFormed', status: 'ok', code: 'WELL_FORMED', message: expect.any(Object) });
  });
});

describe('size limits', () => {
  it(`accepts exactly ${DOCUMENT_LIMITS.maxDepth} levels and refuses one more, saying how deep (TOO_LARGE)`, () => {
    expect(checkCredentialShape(ofDepth(DOCUMENT_LIMITS.maxDepth))).toMatchObject({ status: 'ok', code: 'WELL_FORMED' });
    const deep = ofDepth(DOCUMENT_LIMITS.maxDepth + 1);
    const r = checkCredentialShape(deep);
    expect(r).toMatchObject({ id: 'wellFormed', status: 'failed', code: 'TOO_LARGE' });
    // The scan stops as soon as a limit is passed: the nodes are those counted so far.
    expect(r.details).toEqual({ depth: DOCUMENT_LIMITS.maxDepth + 1, nodes: scanDocument(deep, DOCUMENT_LIMITS).nodes });
  });

  it(`accepts exactly ${DOCUMENT_LIMITS.maxNodes} nodes and refuses one more, even when shallow (TOO_LARGE)`, () => {
    expect(checkCredentialShape(ofNodes(DOCUMENT_LIMITS.maxNodes))).toMatchObject({ status: 'ok', code: 'WELL_FORMED' });
    const big = ofNodes(DOCUMENT_LIMITS.maxNodes + 1);
    const r = checkCredentialShape(big);
    expect(r).toMatchObject({ status: 'failed', code: 'TOO_LARGE' });
    expect(r.details).toEqual({ depth: 3, nodes: DOCUMENT_LIMITS.maxNodes + 1 });
  });

  it('names where a forbidden key sits (FORBIDDEN_KEY)', () => {
    const doc = base({ credentialSubject: JSON.parse('{"id":"did:example:holder","__proto__":{"admin":true}}') as Doc });
    expect(checkCredentialShape(doc)).toMatchObject({ status: 'failed', code: 'FORBIDDEN_KEY', details: { at: '$.credentialSubject.__proto__' } });
  });

  it(`accepts ${MAX_PROOFS} proofs and refuses ${MAX_PROOFS + 1}, saying how many (TOO_MANY_PROOFS)`, () => {
    const proofs = (n: number) => Array.from({ length: n }, (_, i) => proof(i));
    expect(checkCredentialShape(base({ proof: proofs(MAX_PROOFS) }))).toMatchObject({ status: 'ok', code: 'WELL_FORMED' });
    expect(checkCredentialShape(base({ proof: proofs(MAX_PROOFS + 1) }))).toMatchObject({
      status: 'failed', code: 'TOO_MANY_PROOFS', details: { proofs: MAX_PROOFS + 1, max: MAX_PROOFS },
    });
    // A single proof object (no set) is one proof.
    expect(checkCredentialShape(base({ proof: proof(0) }))).toMatchObject({ status: 'ok', code: 'WELL_FORMED' });
  });
});

describe('each required part, with its own code', () => {
  const rows: Array<[string, Doc, string]> = [
    ['no VerifiableCredential type', base({ type: ['VerifiablePresentation'] }), 'TYPE_MISSING'],
    ['no issuer', base({ issuer: undefined }), 'ISSUER_MISSING'],
    ['an issuer that is not an absolute URI', base({ issuer: 'pusdiklat' }), 'ISSUER_MISSING'],
    ['an issuer object whose id is not an absolute URI', base({ issuer: { id: '/providers/pusdiklat' } }), 'ISSUER_MISSING'],
    ['no credentialSubject', base({ credentialSubject: undefined }), 'SUBJECT_MISSING'],
    ['an empty list of subjects', base({ credentialSubject: [] }), 'SUBJECT_MISSING'],
    ['a list of subjects where one is not an object', base({ credentialSubject: [{ id: 'did:example:holder' }, 'did:example:other'] }), 'SUBJECT_MISSING'],
    ['a VC 1.1 credential without issuanceDate', base({ '@context': [VC_V1_CONTEXT_URL] }), 'ISSUANCE_DATE_MISSING'],
  ];
  it.each(rows)('%s → %s', (_, doc, code) => {
    expect(checkCredentialShape(doc)).toMatchObject({ id: 'wellFormed', status: 'failed', code });
  });

  it('accepts a list of subjects that are all objects, and a VC 1.1 credential with issuanceDate', () => {
    expect(checkCredentialShape(base({ credentialSubject: [{ id: 'did:example:a' }, { id: 'did:example:b' }] })).code).toBe('WELL_FORMED');
    expect(checkCredentialShape(base({ '@context': [VC_V1_CONTEXT_URL], issuanceDate: '2026-05-20T03:00:00Z' })).code).toBe('WELL_FORMED');
    // issuanceDate is a VC 1.1 rule only.
    expect(checkCredentialShape(base({ '@context': [VC_V2_CONTEXT_URL] })).code).toBe('WELL_FORMED');
  });
});

describe('isAbsoluteUri', () => {
  it.each([
    ['did:web:kredensial.example', true],
    ['https://kredensial.example/a', true],
    ['urn:uuid:3f1a2b4c', true],
    // anchored at the start: a scheme must open the value
    ['1did:web:kredensial.example', false],
    [' did:web:kredensial.example', false],
    ['/did:web:kredensial.example', false],
    // anchored at the end: no white space anywhere after the scheme
    ['did:web:kredensial.example trailing', false],
    ['did:web:kredensial.example\n', false],
    ['did:', false],
  ])('%j → %s', (value, expected) => {
    expect(isAbsoluteUri(value)).toBe(expected);
  });
});
