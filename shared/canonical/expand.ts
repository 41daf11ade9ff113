/**
 * JSON-LD expansion for documents in the fast subset, giving exactly what
 * `jsonld.expand(doc, {safe: true, base: null})` gives (jsonld.js 9 `lib/expand.js`,
 * ported for that subset), or `Unsupported` for anything else.
 *
 * The fast subset, by construction: every key is `@context` or a term defined in the
 * active context (type-scoped and property-scoped contexts included) that maps to an
 * absolute IRI or to `@id` / `@type`; `@context` values are bundled context URLs; type
 * values are terms; no value objects, lists written as `@list`, `null`, blank node ids,
 * `@json` values, free-floating or dropped values. Safe mode is therefore never
 * relaxed: wherever jsonld.js would drop something (and safe mode would fail), this code
 * refuses first and the stock path runs and fails.
 */
import { INITIAL_CONTEXT, Unsupported, expandIri, isAbsoluteIri, isKeyword, isPlainObject, processContext } from './context.js';
import type { ActiveContext } from './context.js';

export type Expanded = Record<string, unknown>;

/**
 * Expands `doc`; `resolveContext(url)` returns the context document of a bundled URL
 * (already checked against the caller's document loader). Throws `Unsupported`.
 */
export function expandSubset(doc: unknown, resolveContext: (url: string) => unknown): Expanded[] {
  if (!isPlainObject(doc)) throw new Unsupported('top level is not an object');
  const expanded = expandElement(INITIAL_CONTEXT, null, doc, false, resolveContext);
  if (!isPlainObject(expanded)) throw new Unsupported('top level did not expand to a node');
  if ('@graph' in expanded) throw new Unsupported('@graph');
  return [expanded];
}

function expandElement(
  ctx: ActiveContext,
  activeProperty: string | null,
  element: unknown,
  insideList: boolean,
  resolve: (url: string) => unknown,
): unknown {
  if (element === null || element === undefined) throw new Unsupported('null value');
  if (typeof element !== 'object') {
    if (!insideList && (activeProperty === null || expandIri(ctx, activeProperty, true) === '@graph')) {
      throw new Unsupported('free-floating scalar');
    }
    return expandValue(ctx, activeProperty as string, element);
  }
  if (Array.isArray(element)) {
    const container = activeProperty === null ? undefined : ctx.mappings.get(activeProperty)?.['@container'];
    const listy = insideList || (container?.includes('@list') ?? false);
    const out: unknown[] = [];
    for (const item of element) {
      if (Array.isArray(item)) throw new Unsupported('nested array');
      const e = expandElement(ctx, activeProperty, item, false, resolve);
      if (listy && Array.isArray(e)) throw new Unsupported('list of lists');
      out.push(e);
    }
    return out;
  }
  return expandObject(ctx, activeProperty, element as Record<string, unknown>, insideList, resolve);
}

function expandObject(
  inputCtx: ActiveContext,
  activeProperty: string | null,
  element: Record<string, unknown>,
  insideList: boolean,
  resolve: (url: string) => unknown,
): Expanded {
  let ctx = inputCtx;
  const expandedActiveProperty = activeProperty === null ? null : expandIri(ctx, activeProperty, true);
  const propertyDef = activeProperty === null ? undefined : ctx.mappings.get(activeProperty);
  const propertyScoped = propertyDef && '@context' in propertyDef ? propertyDef['@context'] : undefined;
  const hasPropertyScoped = propertyDef !== undefined && '@context' in propertyDef;

  const keys = Object.keys(element).sort();
  for (const key of keys) {
    // Only terms (and @context) are in the subset; keywords used directly are not.
    if (key[0] === '@' && key !== '@context') throw new Unsupported(`keyword key ${key}`);
  }
  // Revert a type-scoped context unless this is a node reference ({"id": ...} alone).
  let mustRevert = true;
  const typeScopedBefore = ctx.previous ? ctx : null;
  if (typeScopedBefore && keys.length <= 2 && !keys.includes('@context')) {
    for (const key of keys) {
      const ep = typeScopedBefore.mappings.get(key)?.['@id'];
      if (ep === '@value') throw new Unsupported('value object');
      if (ep === '@id' && keys.length === 1) {
        mustRevert = false;
        break;
      }
    }
  }
  if (mustRevert && ctx.previous) ctx = ctx.previous;
  if (hasPropertyScoped) ctx = processContext(ctx, propertyScoped, true, true);
  if ('@context' in element) {
    for (const url of contextUrls(element['@context'])) {
      ctx = processContext(ctx, resolve(url), true, false);
    }
  }
  const typeScoped = ctx;

  let typeKey: string | null = null;
  for (const key of keys) {
    if (key === '@context') continue;
    if (ctx.mappings.get(key)?.['@id'] !== '@type') continue;
    typeKey = typeKey ?? key;
    const value = element[key];
    const types = Array.isArray(value) ? (value.length > 1 ? [...value].sort() : value) : [value];
    for (const t of types) {
      if (typeof t !== 'string') throw new Unsupported('non-string type');
      const def = typeScoped.mappings.get(t);
      if (def && '@context' in def) ctx = processContext(ctx, def['@context'], false, false);
    }
  }

  const out: Expanded = {};
  for (const key of keys) {
    if (key === '@context') continue;
    const value = element[key];
    const def = ctx.mappings.get(key);
    if (!def) throw new Unsupported(`undefined term ${key.slice(0, 60)}`);
    const ep = def['@id'];
    if (typeof ep !== 'string') throw new Unsupported('term mapped to null');
    if (isKeyword(ep)) {
      if (ep === '@id') {
        if ('@id' in out) throw new Unsupported('colliding keywords');
        if (typeof value !== 'string') throw new Unsupported('non-string @id');
        out['@id'] = nodeIri(ctx, value, false);
        continue;
      }
      if (ep === '@type') {
        if ('@type' in out) throw new Unsupported('two @type keys');
        const list = Array.isArray(value) ? value : [value];
        if (list.length === 0) throw new Unsupported('empty type');
        out['@type'] = list.map((t) => {
          if (typeof t !== 'string') throw new Unsupported('non-string type');
          // Type values must be terms: a full IRI would skip its type-scoped context.
          const tdef = typeScoped.mappings.get(t);
          const iri = tdef?.['@id'];
          if (typeof iri !== 'string' || !isAbsoluteIri(iri) || iri.startsWith('_:')) throw new Unsupported(`type ${t.slice(0, 60)} is not a term`);
          return iri;
        });
        continue;
      }
      throw new Unsupported(`keyword alias ${ep}`);
    }
    if (!isAbsoluteIri(ep) || ep.startsWith('_:')) throw new Unsupported('property is not an absolute IRI');

    const termCtx = '@context' in def ? processContext(ctx, def['@context'], true, true) : ctx;
    const container = def['@container'] ?? [];
    if (def['@type'] === '@json') throw new Unsupported('@json value');
    let expandedValue = expandElement(termCtx, key, value, false, resolve);

    if (container.includes('@list')) {
      expandedValue = { '@list': Array.isArray(expandedValue) ? expandedValue : [expandedValue] };
    }
    if (container.includes('@graph')) {
      const items = Array.isArray(expandedValue) ? expandedValue : [expandedValue];
      for (const v of items) {
        if (!isPlainObject(v) || wouldDrop(v)) throw new Unsupported('graph container value would be dropped');
      }
      expandedValue = items.map((v) => ({ '@graph': [v] }));
    }
    const existing = out[ep] as unknown[] | undefined;
    const target = existing ?? (out[ep] = []) as unknown[];
    if (Array.isArray(expandedValue)) target.push(...expandedValue);
    else target.push(expandedValue);
  }

  if ('@type' in out && !Array.isArray(out['@type'])) out['@type'] = [out['@type']];
  const dropCheck = !insideList && (activeProperty === null || expandedActiveProperty === '@graph' ||
    (ctx.mappings.get(activeProperty)?.['@container'] ?? []).includes('@graph'));
  if (dropCheck && wouldDrop(out)) throw new Unsupported('object would be dropped');
  return out;
}

/** jsonld.js `_dropUnsafeObject` condition (empty, only @id, a value or a list). */
function wouldDrop(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length === 0 || '@value' in v || '@list' in v || (keys.length === 1 && '@id' in v);
}

function expandValue(ctx: ActiveContext, activeProperty: string, value: unknown): unknown {
  const def = ctx.mappings.get(activeProperty);
  const type = def?.['@type'];
  if (type === '@id' && typeof value === 'string') return { '@id': nodeIri(ctx, value, false) };
  if (type === '@vocab' && typeof value === 'string') return { '@id': nodeIri(ctx, value, true) };
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new Unsupported('unexpected scalar');
  if (type !== undefined && type !== '@id' && type !== '@vocab') return { '@type': type, '@value': value };
  return { '@value': value };
}

/** An IRI in a node position: must end up absolute, never a blank node id or a keyword. */
function nodeIri(ctx: ActiveContext, value: string, vocab: boolean): string {
  const iri = expandIri(ctx, value, vocab);
  if (iri === null || isKeyword(iri) || !isAbsoluteIri(iri) || iri.startsWith('_:')) throw new Unsupported('IRI is not absolute');
  return iri;
}

/** The URLs of a `@context` value; only bundled context URLs are in the fast subset. */
export function contextUrls(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new Unsupported('empty @context');
  for (const c of list) if (typeof c !== 'string') throw new Unsupported('inline context');
  return list as string[];
}
