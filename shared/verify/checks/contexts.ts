import { BUNDLED_CONTEXTS, VC_V1_CONTEXT_URL, VC_V2_CONTEXT_URL } from '../../contexts/index.js';
import { isObject, scanDocument } from '../document.js';
import type { Json } from '../document.js';
import { failed, ok } from './result.js';
import type { CheckResult } from '../types.js';
import { DOCUMENT_LIMITS } from './well-formed.js';

const MAX_CONTEXTS = 10;

/**
 * The context allow-list. Bundled context URLs, VC context first; no context is ever
 * fetched. Nested contexts (an embedded OB EndorsementCredential's own `@context`) must be
 * bundled URLs too. A top-level inline context object is accepted for authenticity only:
 * expansion runs in safe mode (an undefined term or a redefined `@protected` term fails),
 * it may not carry `@vocab`, `@base`, `@protected`, `@import`, `@propagate`, `@version`,
 * a scoped context or a `@context` of its own, readers get the document compacted with the
 * bundled contexts alone (checkTerms), and recognition refuses it (the exact bundled
 * profile is required there).
 * A look-alike context that remaps a bundled term therefore never changes what is read.
 */
export function checkContexts(doc: Json): CheckResult<'contexts'> {
  const id = 'contexts' as const;
  const ctx = doc['@context'];
  if (ctx === undefined) return failed(id, 'CONTEXT_MISSING');
  const list = Array.isArray(ctx) ? ctx : [ctx];
  if (list.length > MAX_CONTEXTS) return failed(id, 'CONTEXT_TOO_MANY', { count: list.length });
  if (list.some((c) => typeof c !== 'string' && !isObject(c))) return failed(id, 'CONTEXT_INLINE');
  const urls = list.filter((c): c is string => typeof c === 'string');
  const inline = list.filter(isObject);
  if (list[0] !== VC_V2_CONTEXT_URL && list[0] !== VC_V1_CONTEXT_URL) return failed(id, 'CONTEXT_FIRST_NOT_VC', { first: typeof list[0] === 'string' ? list[0] : 'inline' });
  const unknownUrl = urls.find((u) => !BUNDLED_CONTEXTS.has(u));
  if (unknownUrl) return failed(id, 'CONTEXT_UNKNOWN', { url: unknownUrl.slice(0, 200) });
  if (new Set(urls).size !== urls.length) return failed(id, 'CONTEXT_DUPLICATE');
  for (const [i, c] of inline.entries()) {
    const inner = scanDocument(c, DOCUMENT_LIMITS);
    if (inner.vocabAt) return failed(id, 'VOCAB_FORBIDDEN', { at: `$.@context(inline ${i})${inner.vocabAt.slice(1)}` });
    // jsonld.js reads `{"@context": X}` in a context list as X; the scan skips a top-level
    // `@context`, so such a wrapper would hide `@vocab` or anything else: refused as well.
    if (Object.hasOwn(c, '@context') || inner.nestedContextAt || inner.nestedContextUrls.length > 0) return failed(id, 'CONTEXT_INLINE_SCOPED', { at: `$.@context(inline ${i})` });
  }
  const scan = scanDocument(doc, DOCUMENT_LIMITS);
  if (scan.nestedContextAt) return failed(id, 'CONTEXT_NESTED', { at: scan.nestedContextAt });
  if (scan.vocabAt) return failed(id, 'VOCAB_FORBIDDEN', { at: scan.vocabAt });
  const nestedUnknown = scan.nestedContextUrls.find((u) => !BUNDLED_CONTEXTS.has(u));
  if (nestedUnknown) return failed(id, 'CONTEXT_UNKNOWN', { url: nestedUnknown.slice(0, 200), nested: true });
  const proofs = Array.isArray(doc.proof) ? doc.proof : [doc.proof];
  for (const p of proofs) {
    if (isObject(p) && p['@context'] !== undefined) {
      const pc = Array.isArray(p['@context']) ? p['@context'] : [p['@context']];
      if (pc.some((c) => typeof c !== 'string' || !BUNDLED_CONTEXTS.has(c))) return failed(id, 'CONTEXT_UNKNOWN', { at: 'proof' });
    }
  }
  return ok(id, 'CONTEXTS_ALLOWED', { contexts: urls, ...(inline.length > 0 ? { inline: inline.length } : {}) });
}

/** Does the document carry an inline context (accepted for authenticity, never for recognition)? */
export function hasInlineContext(doc: Json): boolean {
  const ctx = doc['@context'];
  return (Array.isArray(ctx) ? ctx : [ctx]).some(isObject);
}
