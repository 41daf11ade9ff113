import jsonld from 'jsonld';
import type { DocumentLoader } from '../../loader/document-loader.js';
import type { Json } from '../document.js';
import { failed, ok } from './result.js';
import type { CheckResult } from '../types.js';

/**
 * JSON-LD safe mode: expansion fails when a term is undefined, an IRI is relative, a
 * protected term is redefined, or a value would be dropped. What a person reads in the
 * JSON must be exactly what the signature covers.
 */
export async function checkTermsDefined(doc: Json, documentLoader: DocumentLoader): Promise<CheckResult<'terms'>> {
  const id = 'terms' as const;
  const { proof: _proof, ...unsigned } = doc;
  try {
    await jsonld.expand(unsigned, { documentLoader, safe: true, base: null });
    return ok(id, 'TERMS_DEFINED');
  } catch (e) {
    return failed(id, 'TERM_UNDEFINED', { reason: describeJsonLdError(e) });
  }
}

export function describeJsonLdError(e: unknown): string {
  if (e && typeof e === 'object') {
    const err = e as { message?: string; details?: { event?: { code?: string; details?: { term?: string; property?: string } } } };
    const ev = err.details?.event;
    const term = ev?.details?.term ?? ev?.details?.property;
    if (ev?.code) return term ? `${ev.code}: ${term}` : ev.code;
    if (err.message) return err.message.slice(0, 300);
  }
  return String(e).slice(0, 300);
}
