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
import { Unsupported, isPlainObject } from './context.js';
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

async function checkedContexts(doc: Record<string, unknown>, loader: Loader): Promise<Map<string, unknown> | undefined> {
  const urls = new Set<string>();
  try {
    collectContextUrls(doc, urls, 0);
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
  return resolved;
}

const MAX_DEPTH = 64;

function collectContextUrls(value: unknown, urls: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) throw new Unsupported('too deep');
  if (Array.isArray(value)) {
    for (const v of value) collectContextUrls(v, urls, depth + 1);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    if (key === '@context') for (const url of contextUrls(value[key])) urls.add(url);
    else collectContextUrls(value[key], urls, depth + 1);
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
 * The expansion `jsonld.expand(doc, {documentLoader, safe: true, base: null})` would give,
 * computed on the fast path, or `undefined` when the document is outside the fast subset
 * (the caller then runs jsonld.expand, which gives the answer or the safe-mode error).
 * Never throws for a document; the result is a fresh object the caller may keep.
 */
export async function expandFast(doc: unknown, documentLoader: Loader): Promise<Expanded[] | undefined> {
  if (!isPlainObject(doc)) return undefined;
  const contexts = await checkedContexts(doc, documentLoader);
  if (!contexts) return undefined;
  return expandWith(doc, contexts);
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

/** The RDF dataset of a document in the fast subset, or undefined. */
export async function toRdfFast(doc: unknown, documentLoader: Loader): Promise<Quad[] | undefined> {
  const expanded = await expandFast(doc, documentLoader);
  if (!expanded) return undefined;
  try {
    return toDataset(expanded);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** RDFC-1.0 N-Quads on the fast path, or undefined when the document is outside it. */
export async function canonizeFast(doc: unknown, documentLoader: Loader): Promise<string | undefined> {
  const dataset = await toRdfFast(doc, documentLoader);
  if (!dataset) return undefined;
  const simple = canonizeSimple(dataset);
  if (simple !== undefined) return simple;
  // Same library, algorithm and limits (maxWorkFactor 1) as the stock cryptosuites.
  return rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
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
