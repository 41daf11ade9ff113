/**
 * The fast forms of recent documents are reused by their exact JSON text
 * (shared/canonical/canonize.ts). A reuse must never change an answer: a document whose
 * JSON text hides a difference (-0 written as 0, a Date written as a string) is never
 * served another document's form, and what a caller receives is its own copy.
 */
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonizeFast, expandFast } from '../../../shared/canonical/index.js';
import { VC_V2_CONTEXT_URL } from '../../../shared/index.js';
import type { DocumentLoader } from '../../../shared/index.js';
import { createWorld } from '../../fixtures/world.js';

let loader: DocumentLoader;
beforeAll(async () => {
  loader = (await createWorld()).documentLoader;
});

const statusList = (value: unknown) => ({
  '@context': [VC_V2_CONTEXT_URL],
  id: 'https://kredensial.example/status/memo/1',
  type: ['VerifiableCredential', 'BitstringStatusListCredential'],
  issuer: 'did:web:kredensial.example',
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: 'https://kredensial.example/status/memo/1#list', type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: 'uH4sIAAAAAAAAA', ttl: value },
});

describe('fast form reuse', () => {
  it('a document written the same as another by JSON.stringify (-0 and 0) gets its own expansion', async () => {
    const zero = statusList(0);
    const negativeZero = statusList(-0);
    expect(JSON.stringify(zero)).toBe(JSON.stringify(negativeZero));
    await expandFast(zero, loader);
    const fast = await expandFast(negativeZero, loader);
    const stock = await jsonld.expand(negativeZero, { documentLoader: loader, safe: true, base: null });
    expect(fast).toEqual(stock);
    expect(fast).not.toEqual(await expandFast(zero, loader));
  });

  it('each caller gets its own expansion: changing one does not change the next answer', async () => {
    const doc = statusList(1);
    const first = await expandFast(doc, loader);
    (first![0] as Record<string, unknown>)['@id'] = 'https://attacker.example/';
    expect(await expandFast(doc, loader)).toEqual(await jsonld.expand(doc, { documentLoader: loader, safe: true, base: null }));
  });

  it('the same content in a new object gives the same N-Quads as jsonld.canonize', async () => {
    const doc = statusList(1);
    const once = await canonizeFast(doc, loader);
    const again = await canonizeFast(structuredClone(doc), loader);
    expect(again).toBe(once);
    expect(again).toBe(await jsonld.canonize(doc, {
      algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: loader, safe: true, base: null, rdfDirection: 'i18n-datatype',
    }));
  });
});
