import { describe, expect, it } from 'vitest';
import { createSigner, decodePublicMultikey, encodePublicMultikey, generateKeyPair, verifyEd25519 } from '../../../shared/index.js';

// Ed25519 group order L (little-endian when added to S).
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function addLToS(sig: Uint8Array): Uint8Array {
  const s = sig.slice(32);
  let n = 0n;
  for (let i = 31; i >= 0; i--) n = (n << 8n) + BigInt(s[i]!);
  n += L;
  const out = new Uint8Array(sig);
  for (let i = 0; i < 32; i++) { out[32 + i] = Number(n & 0xffn); n >>= 8n; }
  return out;
}

describe('Ed25519 keys and strict verification', () => {
  it('round-trips Multikey encoding and signs/verifies', async () => {
    const kp = await generateKeyPair(new Uint8Array(32).fill(9));
    const mb = encodePublicMultikey(kp.publicKey);
    expect(mb.startsWith('z6Mk')).toBe(true);
    expect(decodePublicMultikey(mb)).toEqual(kp.publicKey);
    const data = new TextEncoder().encode('sertifikat');
    const sig = await createSigner('k', kp.secretKey).sign({ data });
    expect(await verifyEd25519(sig, data, kp.publicKey)).toBe(true);
    expect(await verifyEd25519(sig, new TextEncoder().encode('sertifikaT'), kp.publicKey)).toBe(false);
  });

  it('refuses a malleated signature (S + L)', async () => {
    const kp = await generateKeyPair(new Uint8Array(32).fill(9));
    const data = new Uint8Array([1, 2, 3]);
    const sig = await createSigner('k', kp.secretKey).sign({ data });
    expect(await verifyEd25519(addLToS(sig), data, kp.publicKey)).toBe(false);
  });

  it('refuses signatures of the wrong length', async () => {
    const kp = await generateKeyPair(new Uint8Array(32).fill(9));
    expect(await verifyEd25519(new Uint8Array(63), new Uint8Array(1), kp.publicKey)).toBe(false);
  });

  it('refuses small-order public keys', async () => {
    const identity = new Uint8Array(32); identity[0] = 1;
    await expect(verifyEd25519(new Uint8Array(64), new Uint8Array(0), identity)).rejects.toMatchObject({ code: 'KEY_WEAK' });
  });

  it('refuses multibase strings that are not Ed25519 keys', () => {
    expect(() => decodePublicMultikey('z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc')).toThrow(/Ed25519/);
    expect(() => decodePublicMultikey('uABC')).toThrow();
  });
});
