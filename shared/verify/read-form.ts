/**
 * "Read what was signed." A Data Integrity proof covers the JSON-LD *meaning* of a
 * document, not its JSON text: the same meaning can be written with a term's full IRI as
 * key, a `{"@value": …}` object, `@type` instead of `type`, or a value wrapped in a
 * one-item array, and the signature still holds. Every check and every reader downstream
 * reads plain JSON keys, so a document is accepted only when its JSON is exactly what its
 * own (bundled) contexts compact its verified expansion to, and readers are then handed
 * that compact form. Renaming `credentialStatus` to its IRI, or `creditsEarned: [10]`,
 * can therefore never hide or change what a check reads.
 *
 * The comparison ignores key order and lets a one-item array stand for its single value
 * (many wallets write `"type": ["Achievement"]`); a repeated array item (signed once, as
 * RDF is a set) and an array inside an array (flattened by JSON-LD) are refused. The returned document is the compact form itself, so readers
 * see one spelling only.
 */
import jsonld from 'jsonld';
import { expandAndCompactFast, expandFast } from '../canonical/index.js';
import { BUNDLED_CONTEXTS } from '../contexts/index.js';
import type { DocumentLoader } from '../loader/document-loader.js';
import { isObject } from './document.js';
import type { Json } from './document.js';

export type ReadFormOutcome =
  | { ok: true; document: Json }
  | { ok: false; code: 'TERM_UNDEFINED' | 'NON_CANONICAL_FORM'; details: Record<string, unknown> };

export interface ReadFormOptions {
  /**
   * `false` runs the stock jsonld.js expansion and compaction even for documents the fast
   * path understands: the reference the fast path is compared with (differential tests,
   * diagnosis). Default true.
   */
  fastPath?: boolean;
}

/** Keys a proof may carry (Data Integrity and Ed25519Signature2020), each a string or string list. */
const PROOF_KEYS = new Set([
  '@context', 'id', 'type', 'cryptosuite', 'created', 'expires', 'verificationMethod', 'proofPurpose',
  'proofValue', 'challenge', 'domain', 'nonce', 'previousProof',
]);
const PROOF_LIST_KEYS = new Set(['@context', 'domain', 'previousProof']);

/**
 * Expands `doc` (without its proof) in JSON-LD safe mode, compacts the expansion with the
 * document's own `@context`, and requires the two to match. Returns the compact form, with
 * the original `@context` and the (shape-checked) proof put back.
 */
export async function readSignedForm(doc: Json, documentLoader: DocumentLoader, opts: ReadFormOptions = {}): Promise<ReadFormOutcome> {
  const { proof, ...unsigned } = doc;
  const proofProblem = proof === undefined ? undefined : checkProofShape(proof);
  if (proofProblem) return { ok: false, code: 'NON_CANONICAL_FORM', details: { at: proofProblem } };
  // Cheap refusals before any JSON-LD work: spellings compaction never produces here.
  // The contexts themselves are not data (an inline context's `@id` is its own syntax).
  const { '@context': _contexts, ...data } = unsigned;
  const spelled = firstRespelledKey(data, '$') ?? firstDuplicate(data, '$');
  if (spelled) return { ok: false, code: 'NON_CANONICAL_FORM', details: { at: spelled } };
  const compacted = await compactForm(unsigned, documentLoader, opts.fastPath ?? true);
  if (!compacted.ok) return compacted;
  const { '@context': _written, ...withNested } = unsigned;
  // Nested contexts (bundled URLs, checked by checkContexts) are not written back by compaction.
  const writtenBody = withoutNestedContexts(withNested) as Json;
  const { '@context': _compactContext, ...compactBody } = compacted.document;
  // A term synonym (OB 3.0.0 `achievement` for `Achievement`) is accepted; the place named
  // is the first difference left once synonyms are aligned, not the synonym's.
  const at = firstDifference(writtenBody, compactBody, '$') && firstDifference(writtenBody, alignTermSynonyms(writtenBody, compactBody), '$');
  if (at) return { ok: false, code: 'NON_CANONICAL_FORM', details: { at } };
  return {
    ok: true,
    document: { '@context': unsigned['@context'], ...(keepNodeReferences(writtenBody, compactBody) as Json), ...(proof !== undefined ? { proof } : {}) },
  };
}

/**
 * The compact form of `unsigned`'s expansion under its own context. The fast path
 * (bundled contexts prepared once; shared/canonical) when it fully understands the
 * document, where it gives exactly what jsonld.js gives (test/shared/canonical/
 * compact-differential.test.ts); otherwise the stock jsonld.js expansion, with its
 * safe-mode errors, and jsonld.compact.
 */
async function compactForm(unsigned: Json, documentLoader: DocumentLoader, fastPath: boolean): Promise<ReadFormOutcome> {
  const fast = fastPath ? await expandAndCompactFast(unsigned, documentLoader) : undefined;
  if (fast) return { ok: true, document: fast.compacted };
  const options = { documentLoader, safe: true, base: null };
  let expanded: unknown;
  try {
    expanded = (fastPath ? await expandFast(unsigned, documentLoader) : undefined) ?? await jsonld.expand(unsigned, options);
  } catch (e) {
    return { ok: false, code: 'TERM_UNDEFINED', details: { reason: describeJsonLdError(e) } };
  }
  try {
    return { ok: true, document: await jsonld.compact(expanded, unsigned['@context'], { ...options, compactToRelative: false, skipExpansion: true }) };
  } catch (e) {
    return { ok: false, code: 'NON_CANONICAL_FORM', details: { reason: describeJsonLdError(e) } };
  }
}

/**
 * Where `written` departs from `compact` (a JSON path), or undefined when they say the
 * same in the same words. Key order is free; `[x]` matches `x` in either direction.
 */
export function firstDifference(written: unknown, compact: unknown, path: string, inArray = false): string | undefined {
  if (Array.isArray(written) !== Array.isArray(compact)) {
    // Only a property's value may be a one-item array for its single item, never an item.
    if (inArray) return path;
    if (Array.isArray(written)) return written.length === 1 ? firstDifference(written[0], compact, `${path}[0]`, true) : path;
    return (compact as unknown[]).length === 1 ? firstDifference(written, (compact as unknown[])[0], path, true) : path;
  }
  if (Array.isArray(written)) {
    const other = compact as unknown[];
    if (written.length !== other.length) return path;
    for (let i = 0; i < written.length; i++) {
      const d = firstDifference(written[i], other[i], `${path}[${i}]`, true);
      if (d) return d;
    }
    return undefined;
  }
  // `{"id": X}` is how many issuers write a reference to X (an issuer, a subject): the
  // same node reference that compaction writes as the string X.
  if (isNodeReference(written) && typeof compact === 'string') return written.id === compact ? undefined : path;
  if (isObject(written) || isObject(compact)) {
    if (!isObject(written) || !isObject(compact)) return path;
    const keys = Object.keys(written);
    if (keys.length !== Object.keys(compact).length) return `${path}{keys}`;
    for (const k of keys) {
      if (!Object.hasOwn(compact, k)) return `${path}.${k}`;
      const d = firstDifference(written[k], compact[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return written === compact ? undefined : path;
}

function isNodeReference(v: unknown): v is { id: string } {
  return isObject(v) && typeof v.id === 'string' && Object.keys(v).length === 1;
}

/**
 * The compact form, except that a node reference written `{"id": X}` stays an object (so
 * that readers of issuers and subjects see one shape). Called only once the two match.
 */
function keepNodeReferences(written: unknown, compact: unknown): unknown {
  if (isNodeReference(written) && typeof compact === 'string') return { id: compact };
  if (Array.isArray(compact)) {
    if (!Array.isArray(written)) return compact.length === 1 ? [keepNodeReferences(written, compact[0])] : compact;
    return compact.map((c, i) => keepNodeReferences(written[i], c));
  }
  if (Array.isArray(written)) return written.length === 1 ? keepNodeReferences(written[0], compact) : compact;
  if (isObject(compact) && isObject(written)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(compact)) out[k] = keepNodeReferences(written[k], v);
    return out;
  }
  return compact;
}

/** The value without `@context` keys below the top (the same object when there are none). */
function withoutNestedContexts(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(withoutNestedContexts);
    return items.every((v, i) => v === value[i]) ? value : items;
  }
  if (!isObject(value)) return value;
  let changed = Object.hasOwn(value, '@context');
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '@context') continue;
    out[k] = withoutNestedContexts(v);
    if (out[k] !== v) changed = true;
  }
  return changed ? out : value;
}

const PLAIN_TERM = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * The compact form with a key renamed where the written object uses another plain term
 * (no `:`, no `@`) in its place: one unmatched key on each side. Some bundled contexts
 * give one IRI two terms (OB 3.0.0 names the `achievement` property with the IRI of the
 * `Achievement` class, and compaction picks `Achievement`). Both sides mean the expansion
 * (the compact form is made from it, the written form expands to it), so a rename that
 * makes them match joins two terms for one IRI. Readers still get the compact form: one
 * spelling per meaning.
 */
function alignTermSynonyms(written: unknown, compact: unknown): unknown {
  if (Array.isArray(compact)) {
    if (Array.isArray(written) && written.length === compact.length) return compact.map((c, i) => alignTermSynonyms(written[i], c));
    if (!Array.isArray(written) && compact.length === 1) return [alignTermSynonyms(written, compact[0])];
    return compact;
  }
  if (Array.isArray(written)) return written.length === 1 ? alignTermSynonyms(written[0], compact) : compact;
  if (!isObject(written) || !isObject(compact)) return compact;
  const onlyWritten = Object.keys(written).filter((k) => !Object.hasOwn(compact, k));
  const onlyCompact = Object.keys(compact).filter((k) => !Object.hasOwn(written, k));
  const rename = onlyWritten.length === 1 && onlyCompact.length === 1 && PLAIN_TERM.test(onlyWritten[0]!) && PLAIN_TERM.test(onlyCompact[0]!)
    ? { from: onlyCompact[0]!, to: onlyWritten[0]! } : undefined;
  const out: Json = {};
  for (const [k, v] of Object.entries(compact)) {
    const key = k === rename?.from ? rename.to : k;
    out[key] = alignTermSynonyms(written[key], v);
  }
  return out;
}

/**
 * Every IRI a bundled context gives a term. Compaction writes such an IRI as its term (the
 * VC contexts, first in every accepted document, also alias `@id`/`@type` as `id`/`type`),
 * so a key spelled as one of these is refused without expanding anything. Over-eager at
 * worst (a term whose type does not fit keeps its IRI in compaction): refusing is safe.
 */
const TERM_IRIS: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  const walk = (ctx: unknown): void => {
    if (Array.isArray(ctx)) return ctx.forEach(walk);
    if (!isObject(ctx)) return;
    for (const [term, def] of Object.entries(ctx)) {
      if (term.startsWith('@')) continue;
      const iri = typeof def === 'string' ? def : isObject(def) ? def['@id'] : undefined;
      if (typeof iri === 'string' && iri.includes(':') && !iri.startsWith('@')) out.add(iri);
      if (isObject(def)) walk(def['@context']);
    }
  };
  for (const doc of BUNDLED_CONTEXTS.values()) if (isObject(doc)) walk(doc['@context']);
  return out;
})();

function firstRespelledKey(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const d = firstRespelledKey(value[i], `${path}[${i}]`);
      if (d) return d;
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '@id' || k === '@type' || TERM_IRIS.has(k)) return `${path}.${k}`;
      const d = firstRespelledKey(v, `${path}.${k}`);
      if (d) return d;
    }
  }
  return undefined;
}

/**
 * Where an array repeats an item. RDF is a set: a repeated value or node is signed once,
 * so a repetition is a second spelling of the same meaning and is refused like the rest.
 */
function firstDuplicate(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    // A one-item array cannot repeat an item: no need to serialize it (most arrays here).
    const seen = value.length > 1 ? new Set<string>() : undefined;
    for (let i = 0; i < value.length; i++) {
      // JSON-LD flattens an array inside an array; compaction never writes one.
      if (Array.isArray(value[i])) return `${path}[${i}]`;
      if (seen) {
        const key = stableJson(value[i]);
        if (seen.has(key)) return `${path}[${i}]`;
        seen.add(key);
      }
      const d = firstDuplicate(value[i], `${path}[${i}]`);
      if (d) return d;
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const d = firstDuplicate(v, `${path}.${k}`);
      if (d) return d;
    }
  }
  return undefined;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Proofs are not compacted (the suites read them as written), so their shape is fixed
 * instead: only the proof terms, each a string (or a list of strings where the specs allow).
 */
function checkProofShape(proof: unknown): string | undefined {
  const list = Array.isArray(proof) ? proof : [proof];
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    const at = Array.isArray(proof) ? `$.proof[${i}]` : '$.proof';
    if (!isObject(p)) return at;
    for (const [k, v] of Object.entries(p)) {
      if (!PROOF_KEYS.has(k)) return `${at}.${k}`;
      const ok = typeof v === 'string' || (PROOF_LIST_KEYS.has(k) && Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));
      if (!ok) return `${at}.${k}`;
    }
  }
  return undefined;
}

/** A short reason from a jsonld.js error (its event code and the term concerned). */
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
