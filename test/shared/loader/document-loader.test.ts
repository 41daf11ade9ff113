import { describe, expect, it } from 'vitest';
import jsonld from 'jsonld';
import { BUNDLED_CONTEXTS, createDocumentLoader, didKeyFromPublicKey, generateKeyPair } from '../../../shared/index.js';

describe('static document loader', () => {
  const loader = createDocumentLoader();

  it('serves every bundled context from memory, the same object each time', async () => {
    for (const url of BUNDLED_CONTEXTS.keys()) {
      const a = await loader(url);
      expect(a.document).toBe((await loader(url)).document);
      expect(a.documentUrl).toBe(url);
    }
    expect(BUNDLED_CONTEXTS.has('https://www.w3.org/ns/credentials/v2')).toBe(true);
    expect(BUNDLED_CONTEXTS.has('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json')).toBe(true);
    expect(BUNDLED_CONTEXTS.has('https://www.w3.org/ns/credentials/undefined-terms/v2')).toBe(false);
  });

  it.each([
    ['https://evil.example/context.jsonld', 'DOCUMENT_NOT_ALLOWED'],
    ['http://www.w3.org/ns/credentials/v2', 'DOCUMENT_NOT_ALLOWED'],
    ['file:///etc/passwd', 'DOCUMENT_NOT_ALLOWED'],
    ['did:web:kredensial.example', 'DID_RESOLUTION_UNAVAILABLE'],
    ['did:example:123', 'DID_UNSUPPORTED'],
    ['did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc', 'DID_UNSUPPORTED'],
  ])('refuses %s with %s (and never fetches)', async (url, code) => {
    await expect(loader(url)).rejects.toMatchObject({ code });
  });

  it('resolves an Ed25519 did:key locally, and its key by fragment', async () => {
    const kp = await generateKeyPair(new Uint8Array(32).fill(3));
    const { did, keyId } = didKeyFromPublicKey(kp.publicKey);
    const doc = (await loader(did)).document as { id: string; assertionMethod: string[] };
    expect(doc.id).toBe(did);
    expect(doc.assertionMethod).toEqual([keyId]);
    const vm = (await loader(keyId)).document as { controller: string; type: string };
    expect(vm).toMatchObject({ controller: did, type: 'Multikey' });
    await expect(loader(`${did}#z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc`)).rejects.toMatchObject({ code: 'VERIFICATION_METHOD_NOT_FOUND' });
  });

  it('makes jsonld refuse an unknown context without any network access', async () => {
    const doc = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.org/ctx'], type: ['VerifiableCredential'] };
    await expect(jsonld.expand(doc, { documentLoader: loader, safe: true })).rejects.toThrow();
  });

  it('a did:web resolver that returns a document for another DID is refused', async () => {
    const l = createDocumentLoader({ resolveDidWeb: async () => ({ id: 'did:web:other.example' }) });
    await expect(l('did:web:kredensial.example')).rejects.toMatchObject({ code: 'DID_DOCUMENT_MISMATCH' });
  });
});
