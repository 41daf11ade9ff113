/**
 * Our own signed vectors (made by scripts/make-golden-vectors.ts with fixed seeds),
 * re-verified on every run, and re-signed to the identical proofValue: any drift in
 * contexts, canonicalization or signing shows up here first. Two forms: the ASN v1 form
 * (issued before the interoperability change, our own context; frozen files) and the
 * standard-only form issued now. Both must verify, be recognised and read the same.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import jsonld from 'jsonld';
import { canonize, canonizeFast, expandFast } from '../../../shared/canonical/index.js';
import { ASN_CONTEXT_URL, readLearningCredential, signCredential, verifyCredential } from '../../../shared/index.js';
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
  const LEGACY = ['learning-credential.eddsa-rdfc-2022.json', 'learning-credential.ed25519-2020.json'];
  const STANDARD = ['learning-credential.standard.eddsa-rdfc-2022.json', 'learning-credential.standard.ed25519-2020.json'];
  for (const name of [...LEGACY, ...STANDARD]) {
    it(`${name} still verifies, is recognised, and reads as a manajerial M.01 level 3 credential`, async () => {
      const { options } = await goldenOptions();
      const r = await verifyCredential(load(name), options);
      expect(r.error).toBeUndefined();
      expect(r.verified).toBe(true);
      expect(r.recognition.recognised).toBe(true);
      expect(r.checks.find((c) => c.id === 'accreditation')?.details?.competencies).toEqual([{ type: 'manajerial', code: 'M.01' }]);
      expect(readLearningCredential(r.document)?.competency).toMatchObject({ type: 'manajerial', code: 'M.01', level: 3 });
      expect(readLearningCredential(r.document)?.jp).toBe(24);
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

  it('recognition reads the competency of both forms: under a teknis-only accreditation each is authentic but outside the scope', async () => {
    const world = await createWorld();
    await world.accredit({ provider: world.provider, types: ['teknis'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
    for (const name of [...LEGACY, ...STANDARD]) {
      const r = await verifyCredential(load(name), world.verifyOptions());
      expect(r.verified, name).toBe(true);
      expect(r.recognition.recognised, name).toBe(false);
      expect(r.checks.find((c) => c.id === 'accreditation')?.code, name).toBe('OUTSIDE_ACCREDITED_SCOPE');
    }
  });

  it('the ASN v1 files are the old form and the standard files carry only standard contexts', () => {
    for (const name of LEGACY) expect(load(name)['@context']).toContain(ASN_CONTEXT_URL);
    for (const name of STANDARD) {
      // (+ the suite's own context for Ed25519Signature2020, a standard one every verifier bundles)
      const contexts = (load(name)['@context'] as string[]).filter((c) => c !== 'https://w3id.org/security/suites/ed25519-2020/v1');
      expect(contexts).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
      expect(JSON.stringify(load(name))).not.toMatch(/competencyType|competencyLevel|kredensial\.lan\.go\.id\/ns/);
    }
  });

  it('the builder still makes exactly the standard golden form (format drift shows here)', async () => {
    const { world } = await goldenOptions();
    const golden = load('learning-credential.standard.eddsa-rdfc-2022.json');
    const remade = await world.issue({ holder: world.holder.did, index: 4343 });
    expect(remade).toEqual(golden);
  });

  it('the fast canonical path takes the standard form (no fallback) and equals the stock library', async () => {
    const { world } = await goldenOptions();
    const { proof: _proof, ...unsigned } = load('learning-credential.standard.eddsa-rdfc-2022.json');
    const expanded = await expandFast(unsigned, world.documentLoader);
    expect(expanded).toBeDefined();
    expect(expanded).toEqual(await jsonld.expand(unsigned, { documentLoader: world.documentLoader, safe: true, base: null }));
    const fast = await canonizeFast(unsigned, world.documentLoader);
    expect(fast).toBeDefined();
    expect(fast).toBe(await canonize(unsigned, { documentLoader: world.documentLoader }));
    expect(fast).toBe(await jsonld.canonize(unsigned, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: world.documentLoader, safe: true, base: null, rdfDirection: 'i18n-datatype' }));
  });

  it('a golden credential with one changed character fails', async () => {
    const { options } = await goldenOptions();
    for (const name of ['learning-credential.eddsa-rdfc-2022.json', 'learning-credential.standard.eddsa-rdfc-2022.json']) {
      const text = JSON.stringify(load(name)).replace('"creditsAvailable":24', '"creditsAvailable":25');
      const r = await verifyCredential(JSON.parse(text), options);
      expect(r.error?.code).toBe('SIGNATURE_INVALID');
    }
  });

  it('a standard-form credential whose achieved level is changed fails', async () => {
    const { options } = await goldenOptions();
    const text = JSON.stringify(load('learning-credential.standard.eddsa-rdfc-2022.json')).replace('#level-kompetensi-3"', '#level-kompetensi-5"');
    expect(text).not.toBe(JSON.stringify(load('learning-credential.standard.eddsa-rdfc-2022.json')));
    const r = await verifyCredential(JSON.parse(text), options);
    expect(r.error?.code).toBe('SIGNATURE_INVALID');
  });
});
