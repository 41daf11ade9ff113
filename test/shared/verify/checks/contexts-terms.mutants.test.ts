/**
 * The context allow-list (`checkContexts`, `hasInlineContext`) and the inline-context branch
 * of `checkTerms`, pinned check by check (issue 13: StrykerJS found 62 mutants of
 * shared/verify/checks/contexts.ts and terms.ts that no test noticed). Each row pins what a
 * caller sees: the code, the details (where the refusal is, which URL, how many), the limit
 * exactly at and one past it, and the document checkTerms hands to readers. The functions are
 * called directly (both are exported from shared/ and the issuer calls them too) on small
 * hand-written documents, so each row changes exactly one thing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLED_CONTEXTS, DATA_INTEGRITY_V2_CONTEXT_URL, OB_V3_CONTEXT_URL, VC_V1_CONTEXT_URL, VC_V2_CONTEXT_URL,
  checkContexts, checkTerms, hasInlineContext, verifyCredential,
} from '../../../../shared/index.js';
import { createWorld } from '../../../fixtures/world.js';
import type { World } from '../../../fixtures/world.js';

type Doc = Record<string, unknown>;

const EVIL = 'https://evil.example/context.json';
const LONG = `https://evil.example/${'a'.repeat(300)}`;
const doc = (context: unknown, extra: Doc = {}): Doc => ({ '@context': context, type: 'VerifiableCredential', ...extra });
const verdict = (d: Doc) => {
  const c = checkContexts(d);
  return { id: c.id, status: c.status, code: c.code, details: c.details };
};
const refused = (code: string, details?: Doc) => ({ id: 'contexts', status: 'failed', code, details });
const allowed = (details: Doc) => ({ id: 'contexts', status: 'ok', code: 'CONTEXTS_ALLOWED', details });

describe('checkContexts: the list itself', () => {
  it('refuses a document without @context as CONTEXT_MISSING', () => {
    expect(verdict({ type: 'VerifiableCredential' })).toEqual(refused('CONTEXT_MISSING'));
  });

  it('reads a single context URL (not a list) as a one-item list', () => {
    expect(verdict(doc(VC_V2_CONTEXT_URL))).toEqual(allowed({ contexts: [VC_V2_CONTEXT_URL] }));
  });

  it('accepts exactly 10 contexts and refuses 11 with the count', () => {
    const urls = [VC_V2_CONTEXT_URL, ...[...BUNDLED_CONTEXTS.keys()].filter((u) => u !== VC_V2_CONTEXT_URL)];
    expect(urls.length).toBeGreaterThanOrEqual(11);
    expect(verdict(doc(urls.slice(0, 10)))).toEqual(allowed({ contexts: urls.slice(0, 10) }));
    expect(verdict(doc(urls.slice(0, 11)))).toEqual(refused('CONTEXT_TOO_MANY', { count: 11 }));
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['a list', [OB_V3_CONTEXT_URL]],
    ['a boolean', true],
  ])('refuses an entry that is neither a URL nor a context object (%s) as CONTEXT_INLINE', (_name, entry) => {
    expect(verdict(doc([VC_V2_CONTEXT_URL, entry, OB_V3_CONTEXT_URL]))).toEqual(refused('CONTEXT_INLINE'));
  });

  it.each([
    ['another bundled URL', [OB_V3_CONTEXT_URL, VC_V2_CONTEXT_URL], OB_V3_CONTEXT_URL],
    ['an inline context', [{ name: 'https://schema.org/name' }, VC_V2_CONTEXT_URL], 'inline'],
  ])('names the first context when it is not the VC context (%s)', (_name, context, first) => {
    expect(verdict(doc(context))).toEqual(refused('CONTEXT_FIRST_NOT_VC', { first }));
  });

  it('accepts the VC 1.1 context first', () => {
    expect(verdict(doc([VC_V1_CONTEXT_URL, OB_V3_CONTEXT_URL]))).toEqual(allowed({ contexts: [VC_V1_CONTEXT_URL, OB_V3_CONTEXT_URL] }));
  });

  it('names an unknown URL, cut to 200 characters', () => {
    expect(verdict(doc([VC_V2_CONTEXT_URL, EVIL]))).toEqual(refused('CONTEXT_UNKNOWN', { url: EVIL }));
    expect(verdict(doc([VC_V2_CONTEXT_URL, LONG]))).toEqual(refused('CONTEXT_UNKNOWN', { url: LONG.slice(0, 200) }));
  });

  it('refuses a URL listed twice as CONTEXT_DUPLICATE', () => {
    expect(verdict(doc([VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL, OB_V3_CONTEXT_URL]))).toEqual(refused('CONTEXT_DUPLICATE'));
  });
});

describe('checkContexts: inline context objects', () => {
  it('counts inline contexts in the details, and adds no count when there is none', () => {
    expect(verdict(doc([VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL]))).toEqual(allowed({ contexts: [VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL] }));
    expect(verdict(doc([VC_V2_CONTEXT_URL, { a: 'https://example.org/a' }]))).toEqual(allowed({ contexts: [VC_V2_CONTEXT_URL], inline: 1 }));
    expect(verdict(doc([VC_V2_CONTEXT_URL, { a: 'https://example.org/a' }, OB_V3_CONTEXT_URL, { b: 'https://example.org/b' }])))
      .toEqual(allowed({ contexts: [VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL], inline: 2 }));
  });

  it.each([
    ['@vocab in the first inline context', [{ '@vocab': 'https://evil.example/' }], '$.@context(inline 0).@vocab'],
    ['@base in the second inline context', [{ a: 'https://example.org/a' }, { '@base': 'https://evil.example/' }], '$.@context(inline 1).@base'],
    ['@protected inside a term definition', [{ a: { '@id': 'https://example.org/a', '@protected': true } }], '$.@context(inline 0).a.@protected'],
  ])('refuses %s as VOCAB_FORBIDDEN, saying where', (_name, inline, at) => {
    expect(verdict(doc([VC_V2_CONTEXT_URL, ...inline]))).toEqual(refused('VOCAB_FORBIDDEN', { at }));
  });

  it.each([
    ['an inline scoped context', { b: { '@id': 'https://example.org/b', '@context': { c: 'https://example.org/c' } } }],
    ['a scoped context URL', { b: { '@id': 'https://example.org/b', '@context': OB_V3_CONTEXT_URL } }],
  ])('refuses %s inside an inline context as CONTEXT_INLINE_SCOPED, naming which inline context', (_name, scoped) => {
    expect(verdict(doc([VC_V2_CONTEXT_URL, { a: 'https://example.org/a' }, scoped]))).toEqual(refused('CONTEXT_INLINE_SCOPED', { at: '$.@context(inline 1)' }));
  });
});

describe('an inline context wrapped in its own @context (a real bug, found while pinning these rows, issue 13)', () => {
  // jsonld.js reads `{"@context": X}` in a context list as X, so the wrapper hid `@vocab`
  // (or anything else) from the scan of inline contexts: `@vocab` then made every undefined
  // term "defined" and safe mode let the document through.
  it.each([
    ['@vocab', { '@context': { '@vocab': 'https://evil.example/' } }],
    ['plain terms', { '@context': { a: 'https://example.org/a' } }],
    ['a URL', { '@context': OB_V3_CONTEXT_URL }],
  ])('refuses a wrapped inline context (%s) as CONTEXT_INLINE_SCOPED', (_name, wrapped) => {
    expect(verdict(doc([VC_V2_CONTEXT_URL, { a: 'https://example.org/a' }, wrapped]))).toEqual(refused('CONTEXT_INLINE_SCOPED', { at: '$.@context(inline 1)' }));
  });

  it('refuses a signed credential whose undefined term a wrapped @vocab would define', async () => {
    const world = await createWorld();
    const vc = await world.issue({
      mutate: (v) => {
        (v['@context'] as unknown[]).push({ '@context': { '@vocab': 'https://evil.example/' } });
        (v.credentialSubject as Doc).undefinedTerm = 'x';
      },
    });
    const r = await verifyCredential(vc, world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'contexts')).toMatchObject({ status: 'failed', code: 'CONTEXT_INLINE_SCOPED', details: { at: '$.@context(inline 0)' } });
  });
});

describe('checkContexts: contexts below the top', () => {
  it('refuses a nested inline context as CONTEXT_NESTED, saying where', () => {
    const d = doc([VC_V2_CONTEXT_URL], { credentialSubject: { '@context': { a: 'https://example.org/a' } } });
    expect(verdict(d)).toEqual(refused('CONTEXT_NESTED', { at: '$.credentialSubject.@context' }));
  });

  it('refuses @vocab in the data as VOCAB_FORBIDDEN, saying where', () => {
    const d = doc([VC_V2_CONTEXT_URL], { credentialSubject: { '@vocab': 'https://evil.example/' } });
    expect(verdict(d)).toEqual(refused('VOCAB_FORBIDDEN', { at: '$.credentialSubject.@vocab' }));
  });

  it('names a nested unknown context URL, cut to 200 characters, as nested', () => {
    expect(verdict(doc([VC_V2_CONTEXT_URL], { credentialSubject: { '@context': [VC_V2_CONTEXT_URL, EVIL] } })))
      .toEqual(refused('CONTEXT_UNKNOWN', { url: EVIL, nested: true }));
    expect(verdict(doc([VC_V2_CONTEXT_URL], { credentialSubject: { '@context': LONG } })))
      .toEqual(refused('CONTEXT_UNKNOWN', { url: LONG.slice(0, 200), nested: true }));
  });

  it('accepts a nested context of bundled URLs', () => {
    expect(verdict(doc([VC_V2_CONTEXT_URL], { credentialSubject: { '@context': [VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL] } })))
      .toEqual(allowed({ contexts: [VC_V2_CONTEXT_URL] }));
  });

  const proof = (context: unknown) => ({ type: 'DataIntegrityProof', '@context': context });
  it.each([
    ['a single proof with an unknown URL', proof(EVIL)],
    ['a single proof with a list holding an unknown URL after a bundled one', proof([VC_V2_CONTEXT_URL, EVIL])],
    ['a single proof with an inline context', proof([VC_V2_CONTEXT_URL, { a: 'https://example.org/a' }])],
    ['the second proof of a set with an unknown URL', [proof(VC_V2_CONTEXT_URL), proof(EVIL)]],
  ])('refuses %s as CONTEXT_UNKNOWN at the proof', (_name, p) => {
    expect(verdict(doc([VC_V2_CONTEXT_URL], { proof: p }))).toEqual(refused('CONTEXT_UNKNOWN', { at: 'proof' }));
  });

  it.each([
    ['a single proof with one bundled URL', proof(DATA_INTEGRITY_V2_CONTEXT_URL)],
    ['a single proof with bundled URLs', proof([VC_V2_CONTEXT_URL, DATA_INTEGRITY_V2_CONTEXT_URL])],
    ['a proof set with bundled URLs', [proof(VC_V2_CONTEXT_URL), proof([VC_V2_CONTEXT_URL])]],
    ['a proof without @context', { type: 'DataIntegrityProof' }],
  ])('accepts %s', (_name, p) => {
    expect(verdict(doc([VC_V2_CONTEXT_URL], { proof: p }))).toEqual(allowed({ contexts: [VC_V2_CONTEXT_URL] }));
  });
});

describe('hasInlineContext', () => {
  it.each([
    ['a list with an inline context', [VC_V2_CONTEXT_URL, { a: 'https://example.org/a' }], true],
    ['a single inline context (not a list)', { a: 'https://example.org/a' }, true],
    ['a list of URLs', [VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL], false],
    ['a single URL', VC_V2_CONTEXT_URL, false],
  ])('%s: %s', (_name, context, expected) => {
    expect(hasInlineContext({ '@context': context })).toBe(expected);
  });

  it('is false without @context', () => {
    expect(hasInlineContext({ type: 'VerifiableCredential' })).toBe(false);
  });
});

describe('checkTerms with an inline context', () => {
  let world: World;
  beforeAll(async () => { world = await createWorld(); });

  const inline = { foo: 'https://example.org/foo' };

  it('says TERMS_DEFINED with inlineContext, and hands readers the document in the bundled words alone', async () => {
    const r = await checkTerms(doc([VC_V2_CONTEXT_URL, inline], { foo: 'x' }), world.documentLoader);
    expect(r.check).toMatchObject({ id: 'terms', status: 'ok', code: 'TERMS_DEFINED', details: { inlineContext: true } });
    // No proof key at all when the document has none (not even `proof: undefined`).
    expect(r.document).toStrictEqual({ '@context': [VC_V2_CONTEXT_URL, inline], type: 'VerifiableCredential', 'https://example.org/foo': 'x' });
  });

  it('puts the proof back as written', async () => {
    const proof = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z1' };
    const r = await checkTerms(doc([VC_V2_CONTEXT_URL, inline], { foo: 'x', proof }), world.documentLoader);
    expect(r.check.code).toBe('TERMS_DEFINED');
    expect(r.document).toStrictEqual({ '@context': [VC_V2_CONTEXT_URL, inline], type: 'VerifiableCredential', 'https://example.org/foo': 'x', proof });
  });

  it('refuses as TERM_UNDEFINED, with the reason, a document the bundled contexts alone cannot write', async () => {
    // `xsd:bar` is an absolute IRI when the inline context is read (the OB context that
    // makes `xsd` a prefix comes later), so the document reads under its own contexts; in
    // the bundled words alone it would be mistaken for the compact IRI `xsd` + `bar`.
    const r = await checkTerms(doc([VC_V1_CONTEXT_URL, { foo: 'xsd:bar' }, OB_V3_CONTEXT_URL], { foo: 'x' }), world.documentLoader);
    expect(r.document).toBeUndefined();
    expect(r.check).toMatchObject({ id: 'terms', status: 'failed', code: 'TERM_UNDEFINED', details: { reason: 'Absolute IRI "xsd:bar" confused with prefix "xsd".' } });
  });
});
