import jsonld from 'jsonld';
import type { DocumentLoader } from '../../loader/document-loader.js';
import { isObject } from '../document.js';
import type { Json } from '../document.js';
import { describeJsonLdError, readSignedForm } from '../read-form.js';
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
  const context = doc['@context'];
  if (!Array.isArray(context) || !context.some(isObject)) return { check: ok(id, 'TERMS_DEFINED'), document: read.document };
  // An inline context may give a bundled IRI a second term (say `status` for
  // credentialStatus), which compaction would then prefer. Readers get the document in the
  // bundled contexts' words alone: every bundled IRI under its bundled term, an inline
  // term's IRI written out in full (read by no check, counted nowhere).
  const bundled = context.filter((c): c is string => typeof c === 'string');
  const { proof, ...unsigned } = doc;
  try {
    const options = { documentLoader, safe: true, base: null };
    const expanded = await jsonld.expand(unsigned, options);
    const compacted = await jsonld.compact(expanded, bundled, { ...options, compactToRelative: false, skipExpansion: true }) as Json;
    const { '@context': _c, ...body } = compacted;
    return { check: ok(id, 'TERMS_DEFINED', { inlineContext: true }), document: { '@context': context, ...body, ...(proof !== undefined ? { proof } : {}) } };
  } catch (e) {
    return { check: failed(id, 'TERM_UNDEFINED', { reason: describeJsonLdError(e) }) };
  }
}

/** checkTerms without the document: for callers that only need the verdict (issuance). */
export async function checkTermsDefined(doc: Json, documentLoader: DocumentLoader): Promise<CheckResult<'terms'>> {
  return (await checkTerms(doc, documentLoader)).check;
}
