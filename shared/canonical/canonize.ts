/**
 * The fast canonical path: bundled contexts prepared once, a purpose-built expansion and
 * toRDF for documents in the fast subset, then RDFC-1.0 (rdf-canonize, the same library
 * and defaults the stock path uses) on those quads. Anything the fast path does not fully
 * understand goes to the stock jsonld.js path, which stays the reference (and raises the
 * safe-mode errors).
 */
import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import { BUNDLED_CONTEXTS } from '../contexts/index.js';
import type { DocumentLoader } from '../loader/document-loader.js';
import { compactSubset } from './compact.js';
import { INITIAL_CONTEXT, Unsupported, isPlainObject, processContext } from './context.js';
import { contextUrls, expandSubset } from './expand.js';
import type { Expanded } from './expand.js';
import { canonizeSimple } from './rdfc.js';
import { toDataset } from './to-rdf.js';
import type { Quad } from './to-rdf.js';

type Loader = DocumentLoader | ((url: string) => Promise<{ document: unknown }>);

/**
 * Documents a loader returned for a bundled URL, and whether each is the bundled one.
 * A loader (or a wrapper such as jsonld-signatures' `extendContextLoader`) that serves
 * something else for the URL makes the fast path step aside, so the stock path sees
 * exactly what the loader serves.
 */
const verifiedDocuments = new WeakMap<object, string | false>();

/** The context URLs a document uses, and whether JSON.stringify writes exactly its content. */
interface Scan {
  urls: Set<string>;
  exact: boolean;
}

async function checkedContexts(doc: Record<string, unknown>, loader: Loader): Promise<{ contexts: Map<string, unknown>; exact: boolean } | undefined> {
  const scan: Scan = { urls: new Set(), exact: true };
  const { urls } = scan;
  try {
    collectContextUrls(doc, scan, 0);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const resolved = new Map<string, unknown>();
  for (const url of urls) {
    const bundled = BUNDLED_CONTEXTS.get(url);
    if (!bundled) return undefined;
    let loaded: unknown;
    try {
      loaded = (await loader(url))?.document;
    } catch {
      return undefined;
    }
    if (loaded !== bundled) {
      if (!isPlainObject(loaded)) return undefined;
      let verdict = verifiedDocuments.get(loaded);
      if (verdict === undefined) {
        verdict = sameJson(loaded, bundled) ? url : false;
        verifiedDocuments.set(loaded, verdict);
      }
      if (verdict !== url) return undefined;
    }
    resolved.set(url, bundled);
  }
  return { contexts: resolved, exact: scan.exact };
}

const MAX_DEPTH = 64;

/**
 * Collects the context URLs, and notes any value JSON.stringify would not write as it is
 * (`undefined`, functions, symbols, non-finite numbers, -0, class instances such as a
 * Date, sparse arrays): such a document is never looked up by its JSON text.
 */
function collectContextUrls(value: unknown, scan: Scan, depth: number): void {
  if (depth > MAX_DEPTH) throw new Unsupported('too deep');
  if (Array.isArray(value)) {
    for (const v of value) collectContextUrls(v, scan, depth + 1);
    return;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) scan.exact = false;
    return;
  }
  if (typeof value !== 'object') {
    scan.exact = false;
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) scan.exact = false;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (key === '@context') for (const url of contextUrls(object[key])) scan.urls.add(url);
    else collectContextUrls(object[key], scan, depth + 1);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * What the fast path has worked out for one document: its expansion (never handed out:
 * callers get copies or derived values), its canonical N-Quads once computed, and the
 * top-level context URLs (for compaction).
 */
interface FastForm {
  expanded: Expanded[];
  contextValue: unknown;
  nquads?: string;
}

/**
 * The fast forms of the last few documents, keyed by their exact JSON text. A
 * verification reads a document several times (the terms check expands and compacts it,
 * the proof canonicalizes the same document without its proof, the issuer checks terms
 * before signing), and each reading after the first is a lookup. The key is the content
 * (JSON.stringify, refused for anything JSON would not round-trip), so a hit is the same
 * document; the loader is still checked on every call (checkedContexts), and the entry
 * depends on nothing else. (collectContextUrls decides whether the JSON text is exact.) Small and bounded: it only has to span one verification.
 */
const MEMO_MAX = 32;
const memo = new Map<string, FastForm>();

async function fastForm(doc: unknown, documentLoader: Loader): Promise<FastForm | undefined> {
  if (!isPlainObject(doc)) return undefined;
  const checked = await checkedContexts(doc, documentLoader);
  if (!checked) return undefined;
  const key = checked.exact ? JSON.stringify(doc) : undefined;
  if (key !== undefined) {
    const hit = memo.get(key);
    if (hit) {
      memo.delete(key);
      memo.set(key, hit);
      return hit;
    }
  }
  const expanded = expandWith(doc, checked.contexts);
  if (!expanded) return undefined;
  const context = doc['@context'];
  const form: FastForm = { expanded, contextValue: Array.isArray(context) ? [...context] : context };
  if (key !== undefined) {
    memo.set(key, form);
    if (memo.size > MEMO_MAX) memo.delete(memo.keys().next().value as string);
  }
  return form;
}

/**
 * The expansion `jsonld.expand(doc, {documentLoader, safe: true, base: null})` would give,
 * computed on the fast path, or `undefined` when the document is outside the fast subset
 * (the caller then runs jsonld.expand, which gives the answer or the safe-mode error).
 * Never throws for a document; the result is a fresh object the caller may keep.
 */
export async function expandFast(doc: unknown, documentLoader: Loader): Promise<Expanded[] | undefined> {
  const form = await fastForm(doc, documentLoader);
  return form ? structuredClone(form.expanded) : undefined;
}

function expandWith(doc: Record<string, unknown>, contexts: Map<string, unknown>): Expanded[] | undefined {
  try {
    return expandSubset(doc, (url) => {
      const c = contexts.get(url);
      if (c === undefined) throw new Unsupported('context not resolved');
      return c;
    });
  } catch (e) {
    if (e instanceof Unsupported || e instanceof RangeError) return undefined;
    throw e;
  }
}

/**
 * The expansion and the compact form `jsonld.compact(expansion, doc['@context'],
 * {compactToRelative: false, skipExpansion: true})` gives, both on the fast path, or
 * undefined when either step is outside it (the caller then runs jsonld.js). The
 * compact form is a fresh object; the expansion is shared and must not be changed.
 */
export async function expandAndCompactFast(doc: unknown, documentLoader: Loader): Promise<{ expanded: readonly Expanded[]; compacted: Record<string, unknown> } | undefined> {
  const form = await fastForm(doc, documentLoader);
  if (!form) return undefined;
  try {
    let active = INITIAL_CONTEXT;
    for (const url of contextUrls(form.contextValue)) active = processContext(active, BUNDLED_CONTEXTS.get(url), true, false);
    return { expanded: form.expanded, compacted: compactSubset(form.expanded, active, form.contextValue) };
  } catch (e) {
    if (e instanceof Unsupported || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** The RDF dataset of a document in the fast subset, or undefined. */
export async function toRdfFast(doc: unknown, documentLoader: Loader): Promise<Quad[] | undefined> {
  const form = await fastForm(doc, documentLoader);
  return form ? datasetOf(form) : undefined;
}

function datasetOf(form: FastForm): Quad[] | undefined {
  try {
    return toDataset(form.expanded);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** RDFC-1.0 N-Quads on the fast path, or undefined when the document is outside it. */
export async function canonizeFast(doc: unknown, documentLoader: Loader): Promise<string | undefined> {
  const form = await fastForm(doc, documentLoader);
  if (!form) return undefined;
  if (form.nquads !== undefined) return form.nquads;
  const dataset = datasetOf(form);
  if (!dataset) return undefined;
  // Same library, algorithm and limits (maxWorkFactor 1) as the stock cryptosuites; a
  // refusal (work limit) is thrown again on every call, never remembered as a result.
  const nquads = canonizeSimple(dataset) ?? await rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
  form.nquads = nquads;
  return nquads;
}

export interface CanonizeOptions {
  documentLoader: Loader;
}

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document, as
 * `jsonld.canonize(doc, {algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true,
 * base: null, rdfDirection: 'i18n-datatype'})` gives them: fast path when the document is
 * in the fast subset, the stock path otherwise (with its errors).
 */
export async function canonize(doc: unknown, opts: CanonizeOptions): Promise<string> {
  const fast = await canonizeFast(doc, opts.documentLoader);
  if (fast !== undefined) return fast;
  return jsonld.canonize(doc, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader: opts.documentLoader as DocumentLoader,
    safe: true,
    base: null,
    rdfDirection: 'i18n-datatype',
  });
}
