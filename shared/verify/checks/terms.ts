import type { DocumentLoader } from '../../loader/document-loader.js';
import type { Json } from '../document.js';
import { readSignedForm } from '../read-form.js';
import { failed, ok } from './result.js';
import type { CheckResult } from '../types.js';

export { describeJsonLdError } from '../read-form.js';

/**
 * JSON-LD safe mode, and the form the proof covers. Expansion fails when a term is
 * undefined, an IRI is relative, a protected term is redefined, or a value would be
 * dropped; and the JSON must be exactly what its contexts compact that expansion to
 * (`NON_CANONICAL_FORM` otherwise), so that what a person or a check reads in the JSON
 * is what the signature covers. On success the compact form is returned for reading.
 */
export async function checkTerms(doc: Json, documentLoader: DocumentLoader): Promise<{ check: CheckResult<'terms'>; document?: Json }> {
  const id = 'terms' as const;
  const read = await readSignedForm(doc, documentLoader);
  if (!read.ok) return { check: failed(id, read.code, read.details) };
  return { check: ok(id, 'TERMS_DEFINED'), document: read.document };
}

/** checkTerms without the document: for callers that only need the verdict (issuance). */
export async function checkTermsDefined(doc: Json, documentLoader: DocumentLoader): Promise<CheckResult<'terms'>> {
  return (await checkTerms(doc, documentLoader)).check;
}
