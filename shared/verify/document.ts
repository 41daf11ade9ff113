/** Small readers over untrusted JSON documents (credentials, presentations, proofs). */

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray<T = unknown>(v: unknown): T[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as T[];
}

export function typesOf(doc: Json): string[] {
  return asArray(doc.type).filter((t): t is string => typeof t === 'string');
}

export function idOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isObject(v) && typeof v.id === 'string') return v.id;
  return undefined;
}

export function proofsOf(doc: Json): Json[] {
  return asArray(doc.proof).filter(isObject);
}

export function didOfKeyId(keyId: string): string {
  const hash = keyId.indexOf('#');
  return hash === -1 ? keyId : keyId.slice(0, hash);
}

export interface DocumentScan {
  depth: number;
  nodes: number;
  forbiddenKey?: string;
  /** A nested `@context` that is not a URL or a list of URLs (an inline context). */
  nestedContextAt?: string;
  /** The URLs nested `@context`s name (an embedded endorsement's own contexts), in order met. */
  nestedContextUrls: string[];
  vocabAt?: string;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const KEYWORDS_THAT_REDEFINE = new Set(['@vocab', '@base', '@protected', '@propagate', '@import', '@version']);

/**
 * One iterative pass (no recursion: hostile depth cannot overflow the stack) that
 * measures the document and finds keys that are never acceptable. `@context` is allowed
 * at the top and directly inside a proof (Data Integrity permits it there); deeper down
 * only as URLs (collected for the allow-list: an embedded credential's own contexts).
 */
export function scanDocument(doc: unknown, limits: { maxDepth: number; maxNodes: number }): DocumentScan {
  const scan: DocumentScan = { depth: 0, nodes: 0, nestedContextUrls: [] };
  const stack: Array<{ v: unknown; depth: number; path: string; contextAllowed: boolean }> = [{ v: doc, depth: 1, path: '$', contextAllowed: true }];
  while (stack.length > 0) {
    const { v, depth, path, contextAllowed } = stack.pop()!;
    scan.nodes += 1;
    if (depth > scan.depth) scan.depth = depth;
    if (scan.depth > limits.maxDepth || scan.nodes > limits.maxNodes) return scan;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], depth: depth + 1, path: `${path}[${i}]`, contextAllowed: false });
    } else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        if (FORBIDDEN.has(key)) scan.forbiddenKey ??= `${path}.${key}`;
        const child = (v as Json)[key];
        if (key === '@context' && !contextAllowed) {
          const urls = Array.isArray(child) ? child : [child];
          // URLs are judged against the allow-list by checkContexts; anything else is inline.
          if (urls.length > 0 && urls.every((u) => typeof u === 'string')) {
            scan.nestedContextUrls.push(...(urls as string[]));
            continue;
          }
          scan.nestedContextAt ??= `${path}.${key}`;
        }
        if (KEYWORDS_THAT_REDEFINE.has(key)) scan.vocabAt ??= `${path}.${key}`;
        // A proof object (or each proof in a set) may carry its own @context.
        const childContextAllowed = path === '$' && key === 'proof' ? true : false;
        // Allowed context values are checked by checkContexts (strings from the allow-list).
        if (key === '@context' && contextAllowed) continue;
        if (childContextAllowed && Array.isArray(child)) {
          child.forEach((p, i) => stack.push({ v: p, depth: depth + 2, path: `${path}.proof[${i}]`, contextAllowed: true }));
          scan.nodes += 1;
        } else {
          stack.push({ v: child, depth: depth + 1, path: `${path}.${key}`, contextAllowed: childContextAllowed });
        }
      }
    }
  }
  return scan;
}
