/**
 * The proof suites we sign and verify with. Verification swaps the libraries' key code
 * for ours (`verifyEd25519`: strict RFC 8032, small-order keys refused) so Node and the
 * browser decide every signature the same way.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { base58 } from '@scure/base';
import { decodePublicMultikey, verifyEd25519 } from '../keys/ed25519.js';
import type { Signer } from '../keys/ed25519.js';

export type ProofSuiteName = 'eddsa-rdfc-2022' | 'Ed25519Signature2020';

interface VmLike { id: string; publicKeyMultibase?: string }

function strictVerifier(vm: VmLike) {
  const publicKey = decodePublicMultikey(String(vm.publicKeyMultibase));
  return {
    id: vm.id,
    algorithm: 'Ed25519',
    verify: ({ data, signature }: { data: Uint8Array; signature: Uint8Array }) => verifyEd25519(signature, data, publicKey),
  };
}

const strictEddsaRdfc2022 = {
  ...eddsaRdfc2022,
  createVerifier: async ({ verificationMethod }: { verificationMethod: VmLike }) => strictVerifier(verificationMethod),
};

class StrictEd25519Signature2020 extends Ed25519Signature2020 {
  override verifySignature = async ({ verifyData, verificationMethod, proof }: {
    verifyData: Uint8Array; verificationMethod: VmLike; proof: { proofValue?: unknown };
  }): Promise<boolean> => {
    const { proofValue } = proof;
    if (typeof proofValue !== 'string' || !proofValue.startsWith('z')) return false;
    let signature: Uint8Array;
    try {
      signature = base58.decode(proofValue.slice(1));
    } catch {
      return false;
    }
    return strictVerifier(verificationMethod).verify({ data: verifyData, signature });
  };
}

/** Suites that can verify: one instance each, reused (they hold no per-call state). */
export function verificationSuites(): object[] {
  return [new DataIntegrityProof({ cryptosuite: strictEddsaRdfc2022 }), new StrictEd25519Signature2020()];
}

export function signingSuite(name: ProofSuiteName, signer: Signer, date: Date): object {
  if (name === 'Ed25519Signature2020') return new Ed25519Signature2020({ signer, date });
  return new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date });
}
