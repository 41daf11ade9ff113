/**
 * Differential tests: the fast canonical path against the stock libraries, which are the
 * reference. Fast signatures equal the stock suites' byte for byte and the stock library
 * verifies them; a change of meaning changes both canonical forms; documents outside the
 * fast subset take the stock path and give the stock result or the stock error. The
 * 10,000-document N-Quads comparison is in differential-nquads-{1,2}.test.ts (two files,
 * so the two halves run on both cores).
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as stockEddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as vcLib from '@digitalbazaar/vc';
import fc from 'fast-check';
import jsonld from 'jsonld';
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonize, canonizeFast, expandFast } from '../../../shared/canonical/index.js';
import { ED25519_2020_CONTEXT_URL, VC_V2_CONTEXT_URL, signCredential, signPresentation } from '../../../shared/index.js';
import type { DocumentLoader } from '../../../shared/index.js';
import { createNodeSigner } from '../../../shared/sign/ed25519-node.node.js';
import { fastEddsaRdfc2022 } from '../../../shared/sign/suites.js';
import { ISSUED_AT, createWorld } from '../../fixtures/world.js';
import type { World } from '../../fixtures/world.js';
import { accreditationCredential, learningCredential, presentation, profileDocument, text } from './arbitraries.js';
import { outcome } from './nquads-property.js';

type Json = Record<string, unknown>;
const { CredentialIssuancePurpose } = vcLib;
const stockVerifyCredential = (vcLib as unknown as { verifyCredential(o: Json): Promise<{ verified: boolean; error?: unknown }> }).verifyCredential;

let world: World;
let loader: DocumentLoader;
beforeAll(async () => {
  world = await createWorld();
  loader = world.documentLoader;
});

/** What the stock cryptosuites compute: jsonld.toRDF + RDFC-1.0, safe mode, base null. */
async function stockCanonize(doc: unknown): Promise<string> {
  return jsonld.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: loader, safe: true, base: null, rdfDirection: 'i18n-datatype' });
}

describe('fast canonical path = stock jsonld.js (differential)', () => {
  it('signatures equal the stock suites byte for byte (both suites), and the stock library verifies them', async () => {
    const nodeSigner = createNodeSigner(world.provider.signer.id, world.provider.secretKey);
    let stockVerified = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(learningCredential, accreditationCredential), fc.constantFrom('eddsa-rdfc-2022', 'Ed25519Signature2020') as fc.Arbitrary<'eddsa-rdfc-2022' | 'Ed25519Signature2020'>, fc.boolean(), async (vc, suite, verifyWithStock) => {
        const fastSigned = await outcome(() => signCredential(vc, { signer: nodeSigner, documentLoader: loader, now: ISSUED_AT, suite }));
        const input = structuredClone(vc);
        if (suite === 'Ed25519Signature2020') input['@context'] = [...(input['@context'] as string[]), ED25519_2020_CONTEXT_URL];
        const stockSuite = suite === 'Ed25519Signature2020'
          ? new Ed25519Signature2020({ signer: world.provider.signer, date: ISSUED_AT })
          : new DataIntegrityProof({ signer: world.provider.signer, cryptosuite: stockEddsaRdfc2022, date: ISSUED_AT });
        const stockSigned = await outcome(() => jsigs.sign(input, { suite: stockSuite, purpose: new CredentialIssuancePurpose(), documentLoader: loader }));
        // Both sign the same bytes, or both refuse (e.g. a poison-like list for RDFC-1.0's work limit).
        expect(fastSigned.ok).toBe(stockSigned.ok);
        if (!fastSigned.ok || !stockSigned.ok) return;
        expect(JSON.stringify(fastSigned.value)).toBe(JSON.stringify(stockSigned.value));
        if (verifyWithStock && stockVerified < 40) {
          stockVerified++;
          const r = await stockVerifyCredential({
            credential: fastSigned.value,
            suite: [new DataIntegrityProof({ cryptosuite: stockEddsaRdfc2022 }), new Ed25519Signature2020()],
            documentLoader: loader,
            checkStatus: async () => ({ verified: true }),
            now: new Date('2200-01-01T00:00:00Z'),
          });
          // The stock library may refuse a credential for reasons of its own (dates it
          // reads differently); the signature itself must never be what fails.
          expect(JSON.stringify(r.error ?? '')).not.toMatch(/Invalid signature|did not verify any proofs/i);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(stockVerified).toBeGreaterThan(20);
  }, 600_000);

  it('the stock library verifies fast signatures of well-formed credentials (full verdict)', async () => {
    for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
      const signed = await world.issue({ suite, holder: world.holder.did });
      const r = await stockVerifyCredential({
        credential: signed,
        suite: [new DataIntegrityProof({ cryptosuite: stockEddsaRdfc2022 }), new Ed25519Signature2020()],
        documentLoader: loader,
        checkStatus: async () => ({ verified: true }),
        now: new Date('2026-06-01T00:00:00Z'),
      });
      expect(r.error).toBeUndefined();
      expect(r.verified).toBe(true);
    }
  });

  it('a signed presentation is byte for byte the stock one', async () => {
    const holder = createNodeSigner(world.holder.signer.id, world.holder.secretKey);
    await fc.assert(
      fc.asyncProperty(presentation, text, async (vp, challenge) => {
        const fastSigned = await outcome(() => signPresentation(vp, { signer: holder, documentLoader: loader, now: ISSUED_AT, challenge, domain: 'https://hr.example' }));
        const stockSigned = await outcome(() => jsigs.sign(structuredClone(vp), {
          suite: new DataIntegrityProof({ signer: world.holder.signer, cryptosuite: stockEddsaRdfc2022, date: ISSUED_AT }),
          purpose: new jsigs.purposes.AuthenticationProofPurpose({ challenge, domain: 'https://hr.example' }),
          documentLoader: loader,
        }));
        expect(fastSigned.ok).toBe(stockSigned.ok);
        if (fastSigned.ok && stockSigned.ok) expect(JSON.stringify(fastSigned.value)).toBe(JSON.stringify(stockSigned.value));
      }),
      { numRuns: 40, seed: 11 },
    );
  }, 300_000);
});

/** Changes one leaf of meaning: a string, a number or a boolean somewhere below the top. */
function mutate(doc: Json, pick: number, replacement: string): Json | undefined {
  const copy = structuredClone(doc);
  const leaves: Array<[Json | unknown[], string | number]> = [];
  const walk = (v: unknown, parentKey: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => (typeof x === 'object' && x !== null ? walk(x, parentKey) : parentKey !== 'type' && parentKey !== '@context' && leaves.push([v, i])));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Json)) {
        if (k === '@context' || k === 'type') continue;
        if (typeof x === 'object' && x !== null) walk(x, k);
        else leaves.push([v as Json, k]);
      }
    }
  };
  walk(copy, '');
  if (leaves.length === 0) return undefined;
  const [holder, key] = leaves[pick % leaves.length] as [Record<string | number, unknown>, string | number];
  const old = holder[key];
  if (typeof old === 'string') {
    // Keep IRIs absolute (still in the fast subset): change the end of the string.
    const next = `${old}${replacement}`;
    holder[key] = next;
  } else if (typeof old === 'number') {
    holder[key] = old + 1;
  } else if (typeof old === 'boolean') {
    holder[key] = !old;
  } else {
    return undefined;
  }
  return copy;
}

describe('a change of meaning changes the canonical form on both paths', () => {
  it('mutating one value changes both canonical forms, which stay equal', async () => {
    await fc.assert(
      fc.asyncProperty(profileDocument, fc.nat(), fc.constantFrom('x', 'é', '0', '/'), async (doc, pick, suffix) => {
        const mutated = mutate(doc, pick, suffix);
        fc.pre(mutated !== undefined);
        const [before, after] = [await outcome(() => canonizeFast(doc, loader)), await outcome(() => canonizeFast(mutated, loader))];
        const [stockBefore, stockAfter] = [await outcome(() => stockCanonize(doc)), await outcome(() => stockCanonize(mutated))];
        expect(before).toEqual(stockBefore);
        // Both paths refuse, for the same reason (RDFC-1.0's work limit on look-alike list cells).
        fc.pre(before.ok && stockAfter.ok);
        expect(after).toEqual(stockAfter);
        expect(after.ok && after.value).not.toBe(before.ok && before.value);
      }),
      { numRuns: 200, seed: 3 },
    );
  }, 300_000);
});

/** Moves one key (with its value) of the document into another node object. */
function transplant(doc: Json, from: number, to: number): Json | undefined {
  const copy = structuredClone(doc);
  const nodes: Json[] = [];
  const pairs: Array<[string, unknown]> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      nodes.push(v as Json);
      for (const [k, x] of Object.entries(v as Json)) {
        if (k !== '@context') pairs.push([k, x]);
        walk(x);
      }
    }
  };
  walk(copy);
  const target = nodes[to % nodes.length] as Json;
  const [key, value] = pairs[from % pairs.length] as [string, unknown];
  if (key in target) return undefined;
  target[key] = structuredClone(value);
  return copy;
}

describe('terms used where their (type- or property-scoped) context does not reach', () => {
  it('a key moved into another node: the fast path gives the stock result or steps aside', async () => {
    let fastAccepted = 0;
    let stepAside = 0;
    await fc.assert(
      fc.asyncProperty(profileDocument, fc.nat(), fc.nat(), async (doc, from, to) => {
        const moved = transplant(doc, from, to);
        fc.pre(moved !== undefined);
        const fast = await outcome(() => canonizeFast(moved, loader));
        const stock = await outcome(() => stockCanonize(moved));
        if (fast.ok && fast.value === undefined) {
          stepAside++;
          return;
        }
        fastAccepted++;
        expect(fast).toEqual(stock);
      }),
      { numRuns: 300, seed: 13 },
    );
    // Both kinds occur, so the property is not vacuous either way.
    expect(fastAccepted).toBeGreaterThan(20);
    expect(stepAside).toBeGreaterThan(20);
  }, 300_000);
});

describe('documents outside the fast subset take the stock path', () => {
  const base = (): Json => ({
    '@context': [VC_V2_CONTEXT_URL],
    id: 'urn:uuid:6f1c9a52-3c1d-4a7e-9d8e-3b2f1a0c9d8e',
    type: ['VerifiableCredential'],
    issuer: 'did:web:kredensial.example',
    validFrom: '2026-05-20T03:00:00Z',
    credentialSubject: { id: 'did:web:kredensial.example:providers:pusdiklat', name: 'Siti' },
  });
  const cases: Array<[string, (d: Json) => void]> = [
    ['a full-IRI key', (d) => { (d.credentialSubject as Json)['https://schema.org/name'] = 'Siti'; delete (d.credentialSubject as Json).name; }],
    ['a @value object', (d) => { (d.credentialSubject as Json).name = { '@value': 'Siti' }; }],
    ['a @value object with a type', (d) => { d.validFrom = { '@value': '2026-05-20T03:00:00Z', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' }; }],
    ['an undefined term', (d) => { (d.credentialSubject as Json).nickname = 'S'; }],
    ['an undefined type', (d) => { d.type = ['VerifiableCredential', 'MadeUpCredential']; }],
    ['a full-IRI type', (d) => { d.type = ['VerifiableCredential', 'https://www.w3.org/2018/credentials#VerifiableCredential']; }],
    ['a nested inline context', (d) => { (d.credentialSubject as Json)['@context'] = { nickname: 'https://schema.org/alternateName' }; (d.credentialSubject as Json).nickname = 'S'; }],
    ['a top-level inline context', (d) => { d['@context'] = [VC_V2_CONTEXT_URL, { nickname: 'https://schema.org/alternateName' }]; (d.credentialSubject as Json).nickname = 'S'; }],
    ['an unknown context URL', (d) => { d['@context'] = [VC_V2_CONTEXT_URL, 'https://example.com/ctx.jsonld']; }],
    ['a relative id', (d) => { d.id = 'credential-1'; }],
    ['a blank node id', (d) => { d.id = '_:b0'; }],
    ['a null value', (d) => { (d.credentialSubject as Json).name = null; }],
    ['a keyword key', (d) => { (d.credentialSubject as Json)['@type'] = 'Person'; }],
    ['a @list object', (d) => { (d.credentialSubject as Json).name = { '@list': ['a', 'b'] }; }],
    ['a protected term redefined inline', (d) => { d['@context'] = [VC_V2_CONTEXT_URL, { name: 'https://example.com/name' }]; }],
    ['a credential-scoped term inside the subject', (d) => { (d.credentialSubject as Json).validFrom = '2026-05-20T03:00:00Z'; }],
    ['a credential-scoped term inside the issuer', (d) => { d.issuer = { id: 'did:web:kredensial.example', credentialSubject: 'did:web:x' }; }],
    ['a @json value', (d) => { d.type = ['VerifiableCredential', 'JsonSchemaCredential']; d.credentialSubject = { id: 'https://x.example/s', type: 'JsonSchema', jsonSchema: { a: 1 } }; }],
  ];
  for (const [name, change] of cases) {
    it(`${name}: the fast path steps aside and the result is the stock one (or its error)`, async () => {
      const doc = base();
      change(doc);
      expect(await canonizeFast(doc, loader)).toBeUndefined();
      expect(await expandFast(doc, loader)).toBeUndefined();
      const stock = await outcome(() => stockCanonize(doc));
      const mine = await outcome(() => canonize(doc, { documentLoader: loader }));
      expect(mine).toEqual(stock);
      const suite = await outcome(() => fastEddsaRdfc2022.canonize(doc, { documentLoader: loader }));
      expect(suite).toEqual(stock);
    });
  }

  it('the base document itself is on the fast path (so each case above is the one change)', async () => {
    expect(await canonizeFast(base(), loader)).toBe(await stockCanonize(base()));
  });

  it('a loader that serves another document for a bundled URL sends everything to the stock path', async () => {
    const other: DocumentLoader = async (url) => {
      const r = await loader(url);
      return url === VC_V2_CONTEXT_URL ? { ...r, document: { '@context': { ...(r.document as { '@context': Json })['@context'], nickname: 'https://schema.org/alternateName' } } } : r;
    };
    expect(await canonizeFast(base(), other)).toBeUndefined();
    const stock = await jsonld.canonize(base(), { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: other, safe: true, base: null });
    expect(await canonize(base(), { documentLoader: other })).toBe(stock);
  });

  it('every ordered pair of bundled contexts gives the stock result or steps aside', async () => {
    const { BUNDLED_CONTEXTS } = await import('../../../shared/contexts/index.js');
    const urls = [...BUNDLED_CONTEXTS.keys()];
    let fastCount = 0;
    for (const a of urls) {
      for (const b of urls) {
        const doc = { ...base(), '@context': a === b ? [a] : [a, b] };
        const fast = await canonizeFast(doc, loader);
        const stock = await outcome(() => stockCanonize(doc));
        if (fast !== undefined) {
          fastCount++;
          expect(stock).toEqual({ ok: true, value: fast });
        }
      }
    }
    expect(fastCount).toBeGreaterThan(10);
  }, 120_000);
});
