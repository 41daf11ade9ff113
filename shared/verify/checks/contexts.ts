import { BUNDLED_CONTEXTS, VC_V1_CONTEXT_URL, VC_V2_CONTEXT_URL } from '../../contexts/index.js';
import { isObject, scanDocument } from '../document.js';
import type { Json } from '../document.js';
import { failed, ok } from './result.js';
import type { CheckResult } from '../types.js';
import { DOCUMENT_LIMITS } from './well-formed.js';

const MAX_CONTEXTS = 10;

/**
 * The context allow-list. Only bundled context URLs, as plain strings, VC context first;
 * no inline or nested contexts and no @vocab anywhere. A look-alike context that remaps
 * terms is therefore refused even when its signature would verify.
 */
export function checkContexts(doc: Json): CheckResult<'contexts'> {
  const id = 'contexts' as const;
  const ctx = doc['@context'];
  if (ctx === undefined) return failed(id, 'CONTEXT_MISSING');
  const list = Array.isArray(ctx) ? ctx : [ctx];
  if (list.length > MAX_CONTEXTS) return failed(id, 'CONTEXT_TOO_MANY', { count: list.length });
  if (list.some((c) => typeof c !== 'string')) return failed(id, 'CONTEXT_INLINE');
  const urls = list as string[];
  if (urls[0] !== VC_V2_CONTEXT_URL && urls[0] !== VC_V1_CONTEXT_URL) return failed(id, 'CONTEXT_FIRST_NOT_VC', { first: urls[0] });
  const unknownUrl = urls.find((u) => !BUNDLED_CONTEXTS.has(u));
  if (unknownUrl) return failed(id, 'CONTEXT_UNKNOWN', { url: unknownUrl.slice(0, 200) });
  if (new Set(urls).size !== urls.length) return failed(id, 'CONTEXT_DUPLICATE');
  const scan = scanDocument(doc, DOCUMENT_LIMITS);
  if (scan.nestedContextAt) return failed(id, 'CONTEXT_NESTED', { at: scan.nestedContextAt });
  if (scan.vocabAt) return failed(id, 'VOCAB_FORBIDDEN', { at: scan.vocabAt });
  const proofs = Array.isArray(doc.proof) ? doc.proof : [doc.proof];
  for (const p of proofs) {
    if (isObject(p) && p['@context'] !== undefined) {
      const pc = Array.isArray(p['@context']) ? p['@context'] : [p['@context']];
      if (pc.some((c) => typeof c !== 'string' || !BUNDLED_CONTEXTS.has(c))) return failed(id, 'CONTEXT_UNKNOWN', { at: 'proof' });
    }
  }
  return ok(id, 'CONTEXTS_ALLOWED', { contexts: urls });
}
