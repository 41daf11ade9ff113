/**
 * The fast canonical path (see canonize.ts): what the proof suites, the terms check and
 * the canonical-form check use. Runs in Node and in the browser.
 */
export { canonize, canonizeFast, expandAndCompactFast, expandFast, toRdfFast } from './canonize.js';
export type { CanonizeOptions } from './canonize.js';
export type { Expanded } from './expand.js';
export type { Quad, Term } from './to-rdf.js';
