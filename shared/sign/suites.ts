/**
 * The proof suites we sign and verify with. Verification swaps the libraries' key code
 * for ours (strict RFC 8032, small-order keys refused) so Node and the browser decide
 * every signature the same way.
 *
 * Both suites canonicalize through the fast canonical path (shared/canonical): documents
 * it fully understands are expanded and turned into quads without generic JSON-LD
 * processing; everything else goes to the libraries' own (stock jsonld.js) canonize, so
 * the canonical N-Quads, and therefore the signatures, are the stock ones byte for byte
 * (proven by test/shared/canonical). Ed25519 runs on WebCrypto where available, with
 * noble deciding every rejection (shared/sign/ed25519-fast.ts).
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { base58 } from '@scure/base';
import { canonizeFast } from '../canonical/canonize.js';
import { DATA_INTEGRITY_V1_CONTEXT_URL, VC_V2_CONTEXT_URL } from '../contexts/index.js';
import { decodePublicMultikey } from '../keys/ed25519.js';
import type { Signer } from '../keys/ed25519.js';
import { verifyEd25519Fast } from './ed25519-fast.js';
import { BoundedMap } from '../util/bounded-map.js';

export type ProofSuiteName = 'eddsa-rdfc-2022' | 'Ed25519Signature2020';

interface VmLike { id: string; publicKeyMultibase?: string }
type CanonizeOptions = { documentLoader?: (url: string) => Promise<{ document: unknown }>; skipExpansion?: boolean; [k: string]: unknown };

const decodedKeys = new BoundedMap<string, Uint8Array>(4096);

/** decodePublicMultikey, remembered per multibase string (bounded); it throws for bad keys. */
function publicKeyOf(multibase: string): Uint8Array {
  let key = decodedKeys.get(multibase);
  if (!key) {
    key = decodePublicMultikey(multibase);
    decodedKeys.set(multibase, key);
  }
  return key;
}

function strictVerifier(vm: VmLike) {
  const publicKey = publicKeyOf(String(vm.publicKeyMultibase));
  return {
    id: vm.id,
    algorithm: 'Ed25519',
    verify: ({ data, signature }: { data: Uint8Array; signature: Uint8Array }) => verifyEd25519Fast(signature, data, publicKey),
  };
}

/**
 * The eddsa-rdfc-2022 cryptosuite with the fast canonical path. The stock `canonize`
 * (expand + toRDF + RDFC-1.0 with safe mode, base null) runs for anything outside it.
 */
export const fastEddsaRdfc2022 = {
  ...eddsaRdfc2022,
  canonize: async (input: unknown, options: CanonizeOptions): Promise<string> => {
    const loader = options?.documentLoader;
    if (loader && !options.skipExpansion) {
      const fast = await canonizeFast(input, loader);
      if (fast !== undefined) return fast;
    }
    return (eddsaRdfc2022.canonize as (i: unknown, o: unknown) => Promise<string>)(input, options);
  },
};

const strictEddsaRdfc2022 = {
  ...fastEddsaRdfc2022,
  createVerifier: async ({ verificationMethod }: { verificationMethod: VmLike }) => strictVerifier(verificationMethod),
};

/** Ed25519Signature2020 whose `canonize` takes the fast canonical path when it can. */
export class FastEd25519Signature2020 extends Ed25519Signature2020 {
  override async canonize(input: unknown, options: CanonizeOptions): Promise<string> {
    const loader = options?.documentLoader;
    if (loader && !options.skipExpansion) {
      const fast = await canonizeFast(input, loader);
      if (fast !== undefined) return fast;
    }
    return super.canonize(input, options);
  }
}

class StrictEd25519Signature2020 extends FastEd25519Signature2020 {
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

/**
 * Data Integrity for VC 1.1 documents that carry the Data Integrity **v1** context (the
 * Open Badges 3.0 specification's own eddsa-rdfc-2022 example). The stock suite adds the
 * v2 context to the proof options it canonicalizes, and v1 and v2 define the same
 * protected terms differently ("tried to redefine a protected term"); in legacy mode the
 * library canonicalizes the proof options with v1, as such documents were signed. It
 * claims a proof only when the document names v1 and not VC 2.0 (whose context defines
 * the v2 terms itself), so every other proof goes to the stock suite.
 */
class LegacyContextDataIntegrityProof extends DataIntegrityProof {
  override async matchProof(opts: { proof: Record<string, unknown>; document?: Record<string, unknown>; [k: string]: unknown }): Promise<boolean> {
    const context = opts.document?.['@context'];
    const list = Array.isArray(context) ? context : [context];
    if (!list.includes(DATA_INTEGRITY_V1_CONTEXT_URL) || list.includes(VC_V2_CONTEXT_URL)) return false;
    return super.matchProof(opts);
  }
}

/** Suites that can verify: one instance each, reused (they hold no per-call state). */
export function verificationSuites(): object[] {
  return [
    // Before the stock suite: jsonld-signatures gives a proof to the first suite that claims it.
    new LegacyContextDataIntegrityProof({ cryptosuite: strictEddsaRdfc2022, legacyContext: true }),
    new DataIntegrityProof({ cryptosuite: strictEddsaRdfc2022 }),
    new StrictEd25519Signature2020(),
  ];
}

export function signingSuite(name: ProofSuiteName, signer: Signer, date: Date): object {
  if (name === 'Ed25519Signature2020') return new FastEd25519Signature2020({ signer, date });
  return new DataIntegrityProof({ signer, cryptosuite: fastEddsaRdfc2022, date });
}
