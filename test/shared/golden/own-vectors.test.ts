/**
 * Our own signed vectors (made by scripts/make-golden-vectors.ts with fixed seeds),
 * re-verified on every run, and re-signed to the identical proofValue: any drift in
 * contexts, canonicalization or signing shows up here first.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signCredential, verifyCredential } from '../../../shared/index.js';
import { NOW, createWorld } from '../../fixtures/world.js';

const dir = path.resolve(import.meta.dirname, '../../fixtures/golden');
const load = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Record<string, unknown>;

async function goldenOptions() {
  const world = await createWorld(); // only for the DID documents (fixed seeds)
  const lists = load('status-lists.json');
  const accreditation = load('accreditation.json');
  return {
    world,
    options: world.verifyOptions({
      fetchStatusList: async (url: string) => ({ credential: lists[url], fetchedAt: NOW }),
      accreditation: {
        trustAnchor: { did: world.lan.did, publicKeyMultibase: world.lan.publicKeyMultibase },
        findAccreditations: async () => [accreditation],
      },
    }),
  };
}

describe('own golden vectors', () => {
  for (const name of ['learning-credential.eddsa-rdfc-2022.json', 'learning-credential.ed25519-2020.json']) {
    it(`${name} still verifies`, async () => {
      const { options } = await goldenOptions();
      const r = await verifyCredential(load(name), options);
      expect(r.error).toBeUndefined();
      expect(r.verified).toBe(true);
    });

    it(`${name} re-signs to the identical proofValue`, async () => {
      const { world } = await goldenOptions();
      const golden = load(name);
      const { proof, ...unsigned } = golden as { proof: { proofValue: string; created: string; type: string } };
      const resigned = await signCredential(unsigned, {
        signer: world.provider.signer,
        documentLoader: world.documentLoader,
        now: new Date(proof.created),
        suite: proof.type === 'Ed25519Signature2020' ? 'Ed25519Signature2020' : 'eddsa-rdfc-2022',
      });
      expect((resigned.proof as { proofValue: string }).proofValue).toBe(proof.proofValue);
    });
  }

  it('a golden credential with one changed character fails', async () => {
    const { options } = await goldenOptions();
    const text = JSON.stringify(load('learning-credential.eddsa-rdfc-2022.json')).replace('"creditsAvailable":24', '"creditsAvailable":25');
    const r = await verifyCredential(JSON.parse(text), options);
    expect(r.error?.code).toBe('SIGNATURE_INVALID');
  });
});
