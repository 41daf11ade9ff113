/**
 * JSON-LD context processing for the bundled contexts, prepared once and reused.
 *
 * This is a port of jsonld.js 9 (`lib/context.js`: `process`, `createTermDefinition`,
 * `_expandIri`) restricted to the features our bundled contexts use: `@version`,
 * `@protected`, terms with `@id`, `@type` (`@id`, `@vocab`, `@json`, IRIs and compact
 * IRIs), `@container` (`@set`, `@list`, `@graph`) and scoped `@context` (objects or
 * null). Anything else (`@vocab`, `@base`, `@language`, `@direction`, `@import`,
 * `@propagate`, `@reverse`, `@nest`, `@prefix`, `@index`, terms that look like IRIs…)
 * throws `Unsupported`, and the caller falls back to the stock jsonld.js path, which is
 * the reference. Term definitions keep jsonld.js's exact shape so that the protected-term
 * comparison (`deepCompare`) decides exactly as jsonld.js does.
 *
 * Active contexts are immutable after creation; each caches the contexts derived from it
 * (keyed by the identity of the local context object and the processing flags), so a
 * credential's type-scoped and property-scoped contexts are processed once per process,
 * not once per document.
 */

/** Thrown for anything outside the fast subset: the caller falls back to jsonld.js. */
export class Unsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Unsupported';
  }
}

export interface TermDefinition {
  reverse: false;
  _termHasColon: boolean;
  '@id'?: string | null;
  _prefix?: boolean;
  protected?: true;
  '@type'?: string;
  '@container'?: string[];
  '@context'?: unknown;
}

export interface ActiveContext {
  readonly mappings: ReadonlyMap<string, TermDefinition>;
  readonly hasProtected: boolean;
  /** The context before a non-propagated (type-scoped) context was applied. */
  readonly previous: ActiveContext | undefined;
  /** Derived contexts, keyed by local context identity then by flags. */
  readonly derived: Map<unknown, Map<string, ActiveContext>>;
}

const KEYWORDS = new Set([
  '@base', '@container', '@context', '@default', '@direction', '@embed', '@explicit', '@graph', '@id', '@included',
  '@index', '@json', '@language', '@list', '@nest', '@none', '@omitDefault', '@prefix', '@preserve', '@protected',
  '@requireAll', '@reverse', '@set', '@type', '@value', '@version', '@vocab',
]);
export const REGEX_KEYWORD = /^@[a-zA-Z]+$/;
const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/;

export function isKeyword(v: unknown): boolean {
  return typeof v === 'string' && v[0] === '@' && KEYWORDS.has(v);
}

/** jsonld.js's (deliberately weak) absolute IRI test, blank node ids included. */
export function isAbsoluteIri(v: unknown): v is string {
  return typeof v === 'string' && ABSOLUTE_IRI.test(v);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function newContext(mappings: Map<string, TermDefinition>, hasProtected: boolean, previous: ActiveContext | undefined): ActiveContext {
  return { mappings, hasProtected, previous, derived: new Map() };
}

/** The initial (empty) active context; one instance, so everything derived from it is shared. */
export const INITIAL_CONTEXT: ActiveContext = newContext(new Map(), false, undefined);

/**
 * Processes `local` (a resolved context document's `@context` object, or null) on top of
 * `active`, as jsonld.js `process({activeCtx, localCtx, propagate, overrideProtected})`
 * does for one context. Cached per (active, local, flags).
 */
export function processContext(active: ActiveContext, local: unknown, propagate: boolean, overrideProtected: boolean): ActiveContext {
  const cacheKey = local === null ? NULL_KEY : local;
  let byFlags = active.derived.get(cacheKey);
  if (!byFlags) {
    byFlags = new Map();
    active.derived.set(cacheKey, byFlags);
  }
  const flags = `${propagate ? 1 : 0}${overrideProtected ? 1 : 0}`;
  const hit = byFlags.get(flags);
  if (hit) return hit;
  const result = processUncached(active, local, propagate, overrideProtected);
  byFlags.set(flags, result);
  return result;
}

const NULL_KEY = Symbol('null context');

function processUncached(active: ActiveContext, local: unknown, propagate: boolean, overrideProtected: boolean): ActiveContext {
  let ctx = local;
  if (isPlainObject(ctx) && '@context' in ctx) {
    if (Array.isArray(ctx['@context'])) throw new Unsupported('context document with an array @context');
    ctx = ctx['@context'];
  }
  // jsonld.js: when not propagating, remember the context to revert to (the first one).
  const previous = propagate ? active.previous : (active.previous ?? active);
  if (ctx === null) {
    if (!overrideProtected && active.hasProtected) throw new Unsupported('invalid context nullification');
    return INITIAL_CONTEXT;
  }
  if (!isPlainObject(ctx)) throw new Unsupported('local context is not an object');
  if (Object.prototype.hasOwnProperty.call(ctx, '@propagate')) throw new Unsupported('@propagate');

  const mappings = new Map(active.mappings);
  const state = { mappings, hasProtected: active.hasProtected };
  const defined = new Map<string, boolean>();
  for (const key of Object.keys(ctx)) {
    if (key === '@version') {
      if (ctx[key] !== 1.1) throw new Unsupported('@version other than 1.1');
      defined.set('@version', true);
    } else if (key === '@protected') {
      // handled below
    } else if (key.startsWith('@')) {
      throw new Unsupported(`context keyword ${key}`);
    }
  }
  defined.set('@protected', ctx['@protected'] === true);
  if (ctx['@protected'] !== undefined && typeof ctx['@protected'] !== 'boolean') throw new Unsupported('@protected not boolean');
  for (const key of Object.keys(ctx)) {
    if (key === '@version' || key === '@protected') continue;
    createTermDefinition(state, ctx, key, defined, overrideProtected);
  }
  return newContext(mappings, state.hasProtected, previous);
}

interface BuildState {
  mappings: Map<string, TermDefinition>;
  hasProtected: boolean;
}

function createTermDefinition(
  state: BuildState,
  localCtx: Record<string, unknown>,
  term: string,
  defined: Map<string, boolean>,
  overrideProtected: boolean,
): void {
  if (defined.has(term)) {
    if (defined.get(term)) return;
    throw new Unsupported('cyclic IRI mapping');
  }
  defined.set(term, false);
  let value = Object.prototype.hasOwnProperty.call(localCtx, term) ? localCtx[term] : undefined;
  if (isKeyword(term) || REGEX_KEYWORD.test(term) || term === '') throw new Unsupported(`term ${term}`);
  // Terms in the form of an IRI or compact IRI need extra rules we do not port.
  if (term.includes(':') || term.includes('/')) throw new Unsupported(`IRI-like term ${term}`);

  const previousMapping = state.mappings.get(term);
  state.mappings.delete(term);

  let simpleTerm = false;
  if (typeof value === 'string' || value === null) {
    simpleTerm = true;
    value = { '@id': value };
  }
  if (!isPlainObject(value)) throw new Unsupported('term definition is not an object');
  for (const kw of Object.keys(value)) {
    if (!['@container', '@id', '@type', '@context', '@protected'].includes(kw)) throw new Unsupported(`term definition key ${kw}`);
  }

  const mapping: TermDefinition = { reverse: false, _termHasColon: false };
  state.mappings.set(term, mapping);

  if (!('@id' in value)) throw new Unsupported('term without @id');
  const rawId = value['@id'];
  if (rawId === null) {
    mapping['@id'] = null;
  } else if (typeof rawId !== 'string') {
    throw new Unsupported('non-string @id');
  } else if (!isKeyword(rawId) && REGEX_KEYWORD.test(rawId)) {
    throw new Unsupported('reserved @id value');
  } else if (rawId !== term) {
    const id = expandIriInContext(state, rawId, true, localCtx, defined);
    if (id === null || (!isAbsoluteIri(id) && !isKeyword(id))) throw new Unsupported('invalid IRI mapping');
    mapping['@id'] = id;
    mapping._prefix = simpleTerm && /[:/?#[\]@]$/.test(id);
  } else {
    throw new Unsupported('term whose @id is itself');
  }

  if (value['@protected'] === true || (defined.get('@protected') === true && value['@protected'] !== false)) {
    state.hasProtected = true;
    mapping.protected = true;
  }
  defined.set(term, true);

  if ('@type' in value) {
    let type = value['@type'];
    if (typeof type !== 'string') throw new Unsupported('non-string @type');
    if (type === '@none') throw new Unsupported('@type @none');
    if (type !== '@id' && type !== '@vocab' && type !== '@json') {
      type = expandIriInContext(state, type, true, localCtx, defined);
      if (!isAbsoluteIri(type) || (type as string).startsWith('_:')) throw new Unsupported('invalid type mapping');
    }
    mapping['@type'] = type as string;
  }

  if ('@container' in value) {
    const raw = value['@container'];
    const container = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
    if (container.length !== 1 || !['@set', '@list', '@graph'].includes(container[0] as string)) {
      throw new Unsupported('container other than @set, @list or @graph');
    }
    mapping['@container'] = container as string[];
  }

  if ('@context' in value) mapping['@context'] = value['@context'];

  const id = mapping['@id'];
  if (id === '@context' || id === '@preserve') throw new Unsupported('invalid keyword alias');

  if (previousMapping && previousMapping.protected && !overrideProtected) {
    state.hasProtected = true;
    mapping.protected = true;
    // jsonld.js throws 'protected term redefinition' here; we let it say so.
    if (!deepCompare(previousMapping, mapping)) throw new Unsupported('protected term redefinition');
  }
}

/** `_expandIri` during context processing (base false), defining dependencies on the way. */
function expandIriInContext(
  state: BuildState,
  value: string,
  vocab: boolean,
  localCtx: Record<string, unknown>,
  defined: Map<string, boolean>,
): string | null {
  if (isKeyword(value)) return value;
  if (REGEX_KEYWORD.test(value)) return null;
  // jsonld.js defines dependencies without passing overrideProtected (defaults to false).
  if (Object.prototype.hasOwnProperty.call(localCtx, value) && defined.get(value) !== true) {
    createTermDefinition(state, localCtx, value, defined, false);
  }
  const colon = value.indexOf(':');
  if (colon > 0 && !(vocab && state.mappings.get(value)?.['@id'] !== undefined)) {
    const prefix = value.slice(0, colon);
    if (prefix !== '_' && !value.slice(colon + 1).startsWith('//') && Object.prototype.hasOwnProperty.call(localCtx, prefix)) {
      createTermDefinition(state, localCtx, prefix, defined, false);
    }
  }
  return expandIri(state, value, vocab);
}

/**
 * `_expandIri` for an active context of the fast subset (no @vocab, no @base, base IRI
 * null). `vocab`: look the value up as a term first. Relative values come back as they
 * are (and are refused by the callers).
 */
export function expandIri(ctx: { readonly mappings: ReadonlyMap<string, TermDefinition> }, value: string, vocab: boolean): string | null {
  if (isKeyword(value)) return value;
  if (REGEX_KEYWORD.test(value)) return null;
  if (vocab) {
    const mapping = ctx.mappings.get(value);
    if (mapping && '@id' in mapping) return mapping['@id'] ?? null;
  }
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    const suffix = value.slice(colon + 1);
    if (prefix === '_' || suffix.startsWith('//')) return value;
    const mapping = ctx.mappings.get(prefix);
    if (mapping && mapping._prefix) return `${mapping['@id']}${suffix}`;
  }
  return value;
}

/** jsonld.js `_deepCompare` (containers compared as sets). */
function deepCompare(x1: unknown, x2: unknown): boolean {
  if (!(x1 && typeof x1 === 'object') || !(x2 && typeof x2 === 'object')) return x1 === x2;
  const a1 = Array.isArray(x1);
  if (a1 !== Array.isArray(x2)) return false;
  if (a1) {
    const l1 = x1 as unknown[];
    const l2 = x2 as unknown[];
    return l1.length === l2.length && l1.every((v, i) => deepCompare(v, l2[i]));
  }
  const o1 = x1 as Record<string, unknown>;
  const o2 = x2 as Record<string, unknown>;
  const k1 = Object.keys(o1);
  if (k1.length !== Object.keys(o2).length) return false;
  for (const k of k1) {
    let v1 = o1[k];
    let v2 = o2[k];
    if (k === '@container' && Array.isArray(v1) && Array.isArray(v2)) {
      v1 = [...v1].sort();
      v2 = [...v2].sort();
    }
    if (!deepCompare(v1, v2)) return false;
  }
  return true;
}
