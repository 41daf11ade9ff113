/**
 * JSON-LD compaction for expansions of the fast subset, giving exactly what
 * `jsonld.compact(expanded, contextUrls, {skipExpansion: true, compactToRelative: false})`
 * gives (jsonld.js 9 `lib/compact.js`: `compact`, `compactIri`, `compactValue`,
 * `_selectTerm`, and the inverse context of `lib/context.js`), or `Unsupported` for
 * anything else (the caller then runs jsonld.compact, the reference).
 *
 * Why a port: jsonld.js rebuilds the inverse context (term selection tables) whenever it
 * reverts a type-scoped context, i.e. for nearly every node, which made the read-form
 * check (shared/verify/read-form.ts) cost milliseconds per credential. Here the inverse
 * context is built once per active context, and active contexts are shared (context.ts).
 *
 * Only what expansions of the fast subset contain is handled: node objects with `@id`,
 * `@type` and absolute-IRI properties; value objects with `@value` and an optional
 * `@type`; node references; `@list` objects; graph objects of `@graph` containers. Term
 * definitions are those context.ts accepts (no `@language`, `@direction`, `@reverse`,
 * `@nest`, `@index`, `@vocab`, `@base`, containers other than `@set`/`@list`/`@graph`).
 */
import { Unsupported, expandIri, isKeyword, isPlainObject, processContext } from './context.js';
import type { ActiveContext, TermDefinition } from './context.js';

type Json = Record<string, unknown>;
/** Per IRI, per container key: the preferred term by `@type` value, by language value, and for any value. */
interface Selection { '@type': Map<string, string>; '@language': Map<string, string>; '@any': Map<string, string> }
interface Inverse {
  byIri: Map<string, Map<string, Selection>>;
  /** Terms usable as CURIE prefixes, with their IRIs. */
  prefixes: Array<{ term: string; iri: string }>;
}

const inverses = new WeakMap<ActiveContext, Inverse>();

/** jsonld.js `compareShortestLeast`. */
function shortestLeast(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** jsonld.js `_createInverseContext` for the definitions context.ts produces; once per active context. */
function inverseOf(ctx: ActiveContext): Inverse {
  let inv = inverses.get(ctx);
  if (inv) return inv;
  inv = { byIri: new Map(), prefixes: [] };
  const add = (m: Map<string, string>, key: string, term: string) => {
    if (!m.has(key)) m.set(key, term);
  };
  for (const term of [...ctx.mappings.keys()].sort(shortestLeast)) {
    const mapping = ctx.mappings.get(term)!;
    const iri = mapping['@id'];
    if (iri === null || iri === undefined) continue;
    const container = mapping['@container'] ? [...mapping['@container']].sort().join('') : '@none';
    let byContainer = inv.byIri.get(iri);
    if (!byContainer) inv.byIri.set(iri, (byContainer = new Map()));
    let sel = byContainer.get(container);
    if (!sel) byContainer.set(container, (sel = { '@type': new Map(), '@language': new Map(), '@any': new Map() }));
    add(sel['@any'], '@none', term);
    if ('@type' in mapping) {
      add(sel['@type'], mapping['@type']!, term);
    } else {
      // No default language, no @language or @direction in the fast subset.
      add(sel['@language'], '@none', term);
      add(sel['@type'], '@none', term);
    }
    if (mapping._prefix && !isKeyword(iri)) inv.prefixes.push({ term, iri });
  }
  inverses.set(ctx, inv);
  return inv;
}

/**
 * jsonld.js `compactIri` (no @vocab, no base: IRIs stay absolute). `value` is the
 * expanded value the term is chosen for (`null` for none).
 */
function compactIri(ctx: ActiveContext, iri: string, vocab: boolean, value: unknown = null): string {
  const inv = inverseOf(ctx);
  if (isKeyword(iri)) {
    const alias = inv.byIri.get(iri)?.get('@none')?.['@type'].get('@none');
    if (alias !== undefined) return alias;
  }
  if (vocab) {
    const byContainer = inv.byIri.get(iri);
    if (byContainer) {
      const term = selectTerm(ctx, byContainer, value);
      if (term !== null) return term;
    }
  }
  // Compact IRIs: the shortest, then least, `prefix:suffix` over prefixes strictly shorter than the IRI.
  let choice: string | null = null;
  for (const { term, iri: prefixIri } of inv.prefixes) {
    if (prefixIri.length >= iri.length || !iri.startsWith(prefixIri)) continue;
    const curie = `${term}:${iri.slice(prefixIri.length)}`;
    // A term spelled like the CURIE would shadow it; context.ts refuses such terms, checked anyway.
    if (ctx.mappings.has(curie)) throw new Unsupported('term spelled as a compact IRI');
    if (choice === null || shortestLeast(curie, choice) < 0) choice = curie;
  }
  if (choice !== null) return choice;
  // jsonld.js raises "IRI confused with prefix" here: the stock path gives that error.
  for (const [term, def] of ctx.mappings) {
    if (def._prefix && iri.startsWith(`${term}:`)) throw new Unsupported('IRI confused with prefix');
  }
  // Without a base, jsonld.js keeps every IRI that does not start with "//" as it is.
  if (!vocab && iri.startsWith('//')) throw new Unsupported('network-path IRI');
  return iri;
}

function isValueObject(v: unknown): v is Json {
  return isPlainObject(v) && '@value' in v;
}
function isNodeReference(v: unknown): v is Json {
  return isPlainObject(v) && '@id' in v && Object.keys(v).length === 1;
}
function isListObject(v: unknown): v is Json {
  return isPlainObject(v) && '@list' in v;
}
function isGraphObject(v: unknown): v is Json {
  return isPlainObject(v) && '@graph' in v && Object.keys(v).filter((k) => k !== '@id' && k !== '@index').length === 1;
}

/** Value keys the fast subset produces; anything else (`@index`, `@language`…) goes to jsonld.js. */
function assertSubsetValue(v: Json): void {
  for (const k of Object.keys(v)) if (k !== '@value' && k !== '@type') throw new Unsupported(`value key ${k}`);
}

/** The container and type/language preferences of jsonld.js `compactIri`, then `_selectTerm`. */
function selectTerm(ctx: ActiveContext, byContainer: Map<string, Selection>, value: unknown): string | null {
  const containers: string[] = [];
  let typeOrLanguage: '@type' | '@language' | '@any' = '@language';
  let typeOrLanguageValue = '@null';
  if (isPlainObject(value) && ('@index' in value || '@preserve' in value)) throw new Unsupported('@index or @preserve');
  const graph = isGraphObject(value);
  if (graph) {
    if ('@id' in value) throw new Unsupported('graph object with @id');
    containers.push('@graph', '@graph@set', '@set', '@graph@index', '@graph@index@set', '@index', '@index@set', '@graph@id', '@graph@id@set');
  } else if (isPlainObject(value) && !isValueObject(value)) {
    containers.push('@id', '@id@set', '@type', '@set@type');
  }
  if (isListObject(value)) {
    containers.push('@list');
    const list = value['@list'];
    if (!Array.isArray(list)) throw new Unsupported('@list not an array');
    if (list.length === 0) {
      typeOrLanguage = '@any';
      typeOrLanguageValue = '@none';
    } else {
      let commonLanguage: string | null = null;
      let commonType: string | null = null;
      for (const item of list) {
        let itemLanguage = '@none';
        let itemType = '@none';
        if (isValueObject(item)) {
          assertSubsetValue(item);
          if ('@type' in item) itemType = String(item['@type']);
          else itemLanguage = '@null';
        } else {
          itemType = '@id';
        }
        if (commonLanguage === null) commonLanguage = itemLanguage;
        else if (itemLanguage !== commonLanguage && isValueObject(item)) commonLanguage = '@none';
        if (commonType === null) commonType = itemType;
        else if (itemType !== commonType) commonType = '@none';
        if (commonLanguage === '@none' && commonType === '@none') break;
      }
      commonLanguage = commonLanguage || '@none';
      commonType = commonType || '@none';
      if (commonType !== '@none') {
        typeOrLanguage = '@type';
        typeOrLanguageValue = commonType;
      } else {
        typeOrLanguageValue = commonLanguage;
      }
    }
  } else {
    if (isValueObject(value)) {
      assertSubsetValue(value);
      if ('@type' in value) {
        typeOrLanguage = '@type';
        typeOrLanguageValue = String(value['@type']);
      }
    } else {
      typeOrLanguage = '@type';
      typeOrLanguageValue = '@id';
    }
    containers.push('@set');
  }
  containers.push('@none');
  if (isPlainObject(value)) containers.push('@index', '@index@set');
  if (isValueObject(value) && Object.keys(value).length === 1) containers.push('@language', '@language@set');

  const prefs: string[] = [];
  if (typeOrLanguageValue === '@id' && isPlainObject(value) && '@id' in value) {
    const id = value['@id'];
    if (typeof id !== 'string') throw new Unsupported('non-string @id');
    const term = compactIri(ctx, id, true);
    if (ctx.mappings.get(term)?.['@id'] === id) prefs.push('@vocab', '@id');
    else prefs.push('@id', '@vocab');
  } else {
    prefs.push(typeOrLanguageValue);
    // jsonld.js also tries the direction part of a "lang_dir" value (any value with "_").
    if (typeOrLanguageValue.includes('_')) prefs.push(typeOrLanguageValue.replace(/^[^_]+_/, '_'));
  }
  prefs.push('@none');

  for (const container of containers) {
    const sel = byContainer.get(container);
    if (!sel) continue;
    const map = sel[typeOrLanguage];
    for (const pref of prefs) {
      const term = map.get(pref);
      if (term !== undefined) return term;
    }
  }
  return null;
}

function definitionOf(ctx: ActiveContext, term: string | null): TermDefinition | undefined {
  return term === null ? undefined : ctx.mappings.get(term);
}

function containerOf(ctx: ActiveContext, term: string | null): string[] {
  return definitionOf(ctx, term)?.['@container'] ?? [];
}

/** jsonld.js `util.addValue` (allowDuplicate true, no prepending). */
function addValue(subject: Json, property: string, value: unknown, propertyIsArray: boolean): void {
  if (Array.isArray(value)) {
    if (value.length === 0 && propertyIsArray && !Object.hasOwn(subject, property)) subject[property] = [];
    for (const v of value) addValue(subject, property, v, propertyIsArray);
    return;
  }
  if (Object.hasOwn(subject, property)) {
    if (!Array.isArray(subject[property])) subject[property] = [subject[property]];
    (subject[property] as unknown[]).push(value);
  } else {
    subject[property] = propertyIsArray ? [value] : value;
  }
}

/** jsonld.js `compactValue` for value objects and node references of the fast subset. */
function compactValue(ctx: ActiveContext, activeProperty: string | null, value: Json): unknown {
  const def = definitionOf(ctx, activeProperty);
  const type = def && Object.hasOwn(def, '@type') ? def['@type']! : null;
  if (isValueObject(value)) {
    assertSubsetValue(value);
    if (type !== '@none' && value['@type'] === type) return value['@value'];
    if (Object.keys(value).length === 1 && type !== '@none') return value['@value'];
    const out: Json = {};
    if ('@type' in value) out[compactIri(ctx, '@type', true)] = compactIri(ctx, String(value['@type']), true);
    out[compactIri(ctx, '@value', true)] = value['@value'];
    return out;
  }
  const id = value['@id'];
  if (typeof id !== 'string') throw new Unsupported('non-string @id');
  const expandedProperty = activeProperty === null ? null : expandIri(ctx, activeProperty, true);
  const compacted = compactIri(ctx, id, type === '@vocab');
  if (type === '@id' || type === '@vocab' || expandedProperty === '@graph') return compacted;
  return { [compactIri(ctx, '@id', true)]: compacted };
}

/** jsonld.js `api.compact` with compactArrays on, for the fast subset. */
function compactElement(inputCtx: ActiveContext, activeProperty: string | null, element: unknown): unknown {
  if (Array.isArray(element)) {
    const out = element.map((e) => compactElement(inputCtx, activeProperty, e));
    return out.length === 1 && containerOf(inputCtx, activeProperty).length === 0 ? out[0] : out;
  }
  let ctx = inputCtx;
  const scoped = definitionOf(ctx, activeProperty);
  if (scoped && '@context' in scoped) ctx = processContext(ctx, scoped['@context'], true, true);
  if (!isPlainObject(element)) return element;
  if (isValueObject(element) || isNodeReference(element)) return compactValue(ctx, activeProperty, element);
  if (isListObject(element)) {
    if (containerOf(ctx, activeProperty).includes('@list')) return compactElement(ctx, activeProperty, element['@list']);
    throw new Unsupported('list object outside a property');
  }
  return compactNode(ctx, activeProperty, element);
}

function compactNode(nodeInputCtx: ActiveContext, activeProperty: string | null, element: Json): Json {
  const inputCtx = nodeInputCtx;
  // revertToPreviousContext: a type-scoped context does not reach into nested nodes.
  let ctx = inputCtx.previous ?? inputCtx;
  const propertyDef = definitionOf(inputCtx, activeProperty);
  if (propertyDef && '@context' in propertyDef) ctx = processContext(ctx, propertyDef['@context'], true, true);

  const rawTypes = element['@type'];
  if (rawTypes !== undefined && (!Array.isArray(rawTypes) || !rawTypes.every((t) => typeof t === 'string'))) throw new Unsupported('@type not a list of strings');
  const types = (rawTypes ?? []) as string[];
  const typeContext = ctx;
  for (const type of types.length > 1 ? [...types].sort() : types) {
    const compactedType = compactIri(typeContext, type, true);
    const def = inputCtx.mappings.get(compactedType);
    if (def && '@context' in def) ctx = processContext(ctx, def['@context'], false, false);
  }

  const out: Json = {};
  for (const key of Object.keys(element).sort()) {
    const value = element[key];
    if (key === '@id') {
      if (typeof value !== 'string') throw new Unsupported('non-string @id');
      out[compactIri(ctx, '@id', true)] = compactIri(ctx, value, false);
      continue;
    }
    if (key === '@type') {
      const compacted = types.map((t) => compactIri(inputCtx, t, true));
      const alias = compactIri(ctx, '@type', true);
      // JSON-LD 1.1 (every bundled context): an alias of @type with @container @set keeps the array.
      const typeAsSet = containerOf(ctx, alias).includes('@set');
      addValue(out, alias, compacted.length === 1 ? compacted[0] : compacted, typeAsSet || types.length === 0);
      continue;
    }
    if (key[0] === '@') throw new Unsupported(`keyword ${key}`);
    if (!Array.isArray(value)) throw new Unsupported('expanded value not an array');
    if (value.length === 0) {
      addValue(out, compactIri(ctx, key, true, value), value, true);
      continue;
    }
    for (const item of value) {
      // No @nest in the fast subset (context.ts refuses it), so values go to `out` itself.
      const term = compactIri(ctx, key, true, item);
      const container = containerOf(ctx, term);
      const isList = isListObject(item);
      const isGraph = isGraphObject(item);
      const inner = isList ? (item as Json)['@list'] : isGraph ? (item as Json)['@graph'] : item;
      let compacted = compactElement(ctx, term, inner);
      if (isList) {
        if (!Array.isArray(compacted)) compacted = [compacted];
        if ('@index' in (item as Json)) throw new Unsupported('@list with @index');
        if (container.includes('@list')) {
          out[term] = compacted;
          continue;
        }
        compacted = { [compactIri(ctx, '@list', true)]: compacted };
      }
      if (isGraph) {
        const graphItem = item as Json;
        if ('@index' in graphItem || container.includes('@id') || container.includes('@index')) throw new Unsupported('indexed graph');
        const simple = !('@id' in graphItem);
        if (container.includes('@graph') && simple) {
          if (Array.isArray(compacted) && compacted.length > 1) compacted = { '@included': compacted };
          addValue(out, term, compacted, container.includes('@set'));
        } else {
          if (Array.isArray(compacted) && compacted.length === 1) compacted = compacted[0];
          const wrapped: Json = { [compactIri(ctx, '@graph', true)]: compacted };
          if ('@id' in graphItem) wrapped[compactIri(ctx, '@id', true)] = graphItem['@id'];
          addValue(out, term, wrapped, container.includes('@set'));
        }
        continue;
      }
      if (container.includes('@language') || container.includes('@index') || container.includes('@id') || container.includes('@type')) {
        throw new Unsupported('map container');
      }
      const isArray = container.includes('@set') || container.includes('@list') || (Array.isArray(compacted) && compacted.length === 0);
      addValue(out, term, compacted, isArray);
    }
  }
  return out;
}

/**
 * Compacts an expansion (of a document in the fast subset) with the document's own
 * top-level context, `active` (the processed context URLs). Returns what jsonld.compact
 * returns, `@context` first (`contextValue`, as written), or throws `Unsupported`.
 */
export function compactSubset(expanded: unknown[], active: ActiveContext, contextValue: unknown): Json {
  let compacted = compactElement(active, null, expanded);
  if (Array.isArray(compacted)) {
    if (compacted.length !== 1) throw new Unsupported('not one top-level node');
    compacted = compacted[0];
  }
  if (!isPlainObject(compacted)) throw new Unsupported('top level did not compact to an object');
  const ctxList = Array.isArray(contextValue) ? [...contextValue] : [contextValue];
  return { '@context': ctxList.length === 1 ? ctxList[0] : ctxList, ...compacted };
}
