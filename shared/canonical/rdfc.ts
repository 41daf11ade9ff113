/**
 * RDFC-1.0 (RDF Dataset Canonicalization) for the common case where every blank node
 * has a unique first-degree hash, which is every credential in our profile: there the
 * algorithm is only "hash each blank node's quads (itself as _:a, others as _:z), number
 * the blank nodes in hash order, sort the relabelled N-Quads". Any hash shared by two
 * blank nodes needs the N-degree algorithm: this returns undefined and the caller runs
 * rdf-canonize (which also keeps its work-factor limit for poison graphs).
 *
 * The N-Quads serialization (escapes included) is a port of rdf-canonize 5's
 * `NQuads.serializeQuadComponents`; the differential tests compare the output with
 * rdf-canonize's on every generated document.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Quad, Term } from './to-rdf.js';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/g;
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/g;
const ECHAR: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

function uchar(c: string): string {
  return `\\u${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

const NEEDS_IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/;
const NEEDS_LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/;

function iriEscape(s: string): string {
  return NEEDS_IRI_ESCAPE.test(s) ? s.replace(IRI_ESCAPE, uchar) : s;
}

function literalEscape(s: string): string {
  return NEEDS_LITERAL_ESCAPE.test(s) ? s.replace(LITERAL_ESCAPE, (c) => ECHAR[c] ?? uchar(c)) : s;
}

/** SHA-256 as lowercase hex; noble by default (browser and Node), replaceable by a native one. */
let sha256Hex: (text: string) => string = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/**
 * Installs a native SHA-256 (node:crypto in Node: see shared/sign/ed25519-node.node.ts).
 * It must compute SHA-256 of the UTF-8 bytes, as hex: the differential tests run with it.
 */
export function usePlatformSha256Hex(hash: ((text: string) => string) | undefined): void {
  sha256Hex = hash ?? ((text) => bytesToHex(sha256(utf8ToBytes(text))));
}

/** SHA-256 of the UTF-8 bytes of `text`, as hex, with the installed implementation (native when installed). */
export function sha256HexOf(text: string): string {
  return sha256Hex(text);
}

/** A quad as fixed text around (at most three) blank node slots. */
interface Prepared {
  /** subject text (`<iri>`) or undefined when a blank node */
  s?: string;
  sb?: string;
  /** ` <predicate> ` */
  p: string;
  o?: string;
  ob?: string;
  /** '' for the default graph, ` <iri>`, or undefined when a blank node */
  g?: string;
  gb?: string;
}

function prepare(q: Quad): Prepared {
  const out: Prepared = { p: ` <${iriEscape(q.predicate.value)}> ` };
  if (q.subject.termType === 'BlankNode') out.sb = q.subject.value;
  else out.s = `<${iriEscape(q.subject.value)}>`;
  const o = q.object;
  if (o.termType === 'BlankNode') out.ob = o.value;
  else if (o.termType === 'NamedNode') out.o = `<${iriEscape(o.value)}>`;
  else out.o = literalText(o);
  if (q.graph.termType === 'BlankNode') out.gb = q.graph.value;
  else if (q.graph.termType === 'NamedNode') out.g = ` <${iriEscape(q.graph.value)}>`;
  else out.g = '';
  return out;
}

function literalText(o: Term): string {
  let text = `"${literalEscape(o.value)}"`;
  const dt = o.datatype?.value ?? XSD_STRING;
  if (dt === RDF_LANGSTRING) {
    if (o.language) text += `@${o.language}`;
  } else if (dt !== XSD_STRING) {
    text += `^^<${iriEscape(dt)}>`;
  }
  return text;
}

function line(q: Prepared, label: (id: string) => string): string {
  const s = q.sb === undefined ? q.s : `_:${label(q.sb)}`;
  const o = q.ob === undefined ? q.o : `_:${label(q.ob)}`;
  const g = q.gb === undefined ? q.g : ` _:${label(q.gb)}`;
  return `${s}${q.p}${o}${g} .\n`;
}

/**
 * Canonical N-Quads of `quads` (no duplicates, as jsonld.js toRDF gives), or undefined
 * when some blank nodes share a first-degree hash.
 */
export function canonizeSimple(quads: Quad[]): string | undefined {
  const prepared = quads.map(prepare);
  const byBlank = new Map<string, Prepared[]>();
  const note = (id: string | undefined, q: Prepared) => {
    if (id === undefined) return;
    let list = byBlank.get(id);
    if (!list) byBlank.set(id, (list = []));
    // rdf-canonize keeps a set: a quad that mentions the node twice counts once.
    if (list[list.length - 1] !== q) list.push(q);
  };
  for (const q of prepared) {
    note(q.sb, q);
    note(q.ob, q);
    note(q.gb, q);
  }
  const hashes: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const [id, list] of byBlank) {
    const label = (x: string) => (x === id ? 'a' : 'z');
    const lines = list.map((q) => line(q, label)).sort();
    const hash = sha256Hex(lines.join(''));
    if (seen.has(hash)) return undefined;
    seen.add(hash);
    hashes.push([hash, id]);
  }
  hashes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const canonical = new Map<string, string>();
  hashes.forEach(([, id], i) => canonical.set(id, `c14n${i}`));
  const label = (x: string) => canonical.get(x) as string;
  return prepared.map((q) => line(q, label)).sort().join('');
}
