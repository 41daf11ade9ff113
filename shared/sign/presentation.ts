import { VC_V2_CONTEXT_URL } from '../contexts/index.js';

/** An unsigned VC 2.0 presentation of the given credentials by `holder`. */
export function buildPresentation(opts: { holder: string; credentials: unknown[]; id?: string }): Record<string, unknown> {
  return {
    '@context': [VC_V2_CONTEXT_URL],
    ...(opts.id ? { id: opts.id } : {}),
    type: ['VerifiablePresentation'],
    holder: opts.holder,
    verifiableCredential: opts.credentials,
  };
}
