/**
 * The fast Ed25519 paths (WebCrypto, node:crypto) sign the same bytes as noble and decide
 * every signature exactly as the strict `verifyEd25519` does: malleated S, non-canonical
 * R, weak and invalid keys, flipped bytes.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createSigner, generateKeyPair, verifyEd25519 } from '../../../shared/index.js';
import { createFastSigner, usePlatformEd25519Verify, verifyEd25519Fast } from '../../../shared/sign/ed25519-fast.js';
import { createNodeSigner, verifyWithNode } from '../../../shared/sign/ed25519-node.node.js';
import { AppError } from '../../../shared/errors.js';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const P = 2n ** 255n - 19n;

function le(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}
function fromLe(b: Uint8Array): bigint {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i] as number);
  return n;
}

afterEach(() => usePlatformEd25519Verify(undefined));

async function verdict(f: () => Promise<boolean>): Promise<string> {
  try {
    return String(await f());
  } catch (e) {
    return `throws ${e instanceof AppError ? e.code : String(e)}`;
  }
}

describe('fast Ed25519', () => {
  it('WebCrypto, node:crypto and noble signers give the same signature bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }), async (seed, data) => {
      const kp = await generateKeyPair(seed);
      const a = await createSigner('k', kp.secretKey).sign({ data });
      const b = await createFastSigner('k', kp.secretKey).sign({ data });
      const c = await createNodeSigner('k', kp.secretKey).sign({ data });
      expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
      expect(Buffer.from(c).equals(Buffer.from(a))).toBe(true);
    }), { numRuns: 60, seed: 5 });
  });

  for (const platform of ['WebCrypto', 'node:crypto'] as const) {
    it(`${platform}: every verdict is the strict noble verdict`, async () => {
      if (platform === 'node:crypto') usePlatformEd25519Verify(verifyWithNode);
      const kp = await generateKeyPair(new Uint8Array(32).fill(9));
      const msg = new TextEncoder().encode('kredensial');
      const sig = await createSigner('k', kp.secretKey).sign({ data: msg });
      const malleated = Uint8Array.from(sig);
      malleated.set(le(fromLe(sig.subarray(32)) + L), 32);
      const flippedR = Uint8Array.from(sig);
      flippedR[3] = (flippedR[3] as number) ^ 1;
      const flippedS = Uint8Array.from(sig);
      flippedS[40] = (flippedS[40] as number) ^ 1;
      const smallOrderKey = le(1n); // the identity point
      const nonCanonicalKey = le(P + 1n);
      const cases: Array<[string, Uint8Array, Uint8Array, Uint8Array]> = [
        ['valid', sig, msg, kp.publicKey],
        ['other message', sig, new TextEncoder().encode('kredensiaL'), kp.publicKey],
        ['S + L', malleated, msg, kp.publicKey],
        ['flipped R', flippedR, msg, kp.publicKey],
        ['flipped S', flippedS, msg, kp.publicKey],
        ['short', sig.subarray(0, 63), msg, kp.publicKey],
        ['small-order key', sig, msg, smallOrderKey],
        ['non-canonical key', sig, msg, nonCanonicalKey],
      ];
      for (const [name, s, m, k] of cases) {
        const expected = await verdict(() => verifyEd25519(s, m, k));
        expect(await verdict(() => verifyEd25519Fast(s, m, k)), name).toBe(expected);
        // Twice: the per-key cache answers the same (including the thrown error).
        expect(await verdict(() => verifyEd25519Fast(s, m, k)), `${name} (cached)`).toBe(expected);
      }
      expect(await verdict(() => verifyEd25519Fast(sig, msg, kp.publicKey))).toBe('true');
      expect(await verdict(() => verifyEd25519Fast(malleated, msg, kp.publicKey))).toBe('false');
      expect(await verdict(() => verifyEd25519Fast(sig, msg, smallOrderKey))).toBe('throws KEY_WEAK');
    });
  }

  it('a platform verifier that says yes to everything still cannot pass what strict decoding refuses', async () => {
    usePlatformEd25519Verify(() => true);
    const kp = await generateKeyPair(new Uint8Array(32).fill(10));
    const msg = new Uint8Array([1, 2, 3]);
    const sig = await createSigner('k', kp.secretKey).sign({ data: msg });
    const malleated = Uint8Array.from(sig);
    malleated.set(le(fromLe(sig.subarray(32)) + L), 32);
    const nonCanonicalR = Uint8Array.from(sig);
    nonCanonicalR.set(le(P + 1n), 0);
    const signedZeroR = Uint8Array.from(sig);
    signedZeroR.set(le(1n | (1n << 255n)), 0);
    for (const bad of [malleated, nonCanonicalR, signedZeroR]) {
      expect(await verifyEd25519(bad, msg, kp.publicKey)).toBe(false);
      expect(await verifyEd25519Fast(bad, msg, kp.publicKey)).toBe(false);
    }
  });
});
