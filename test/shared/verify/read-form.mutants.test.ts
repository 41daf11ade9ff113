/**
 * Mutation survivors of `shared/verify/read-form.ts` (issue 13), lines 48–182: the
 * comparison of the written JSON with its compact form ("read what was signed", issue 7).
 * Pins what a caller sees: `ok`, `code`, `details.at` (the JSON path of the first
 * difference, shown by the HR page and the API) and the returned `document` (what every
 * reader downstream reads), through `readSignedForm`, `firstDifference` and, end to end,
 * `verifyCredential`. readSignedForm checks the form only (no signature), so the documents
 * below are respelled credentials from the test world.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OB_V3_PRERELEASE_CONTEXT_URL, verifyCredential } from '../../../shared/index.js';
import type { DocumentLoader } from '../../../shared/index.js';
import type { Json } from '../../../shared/verify/document.js';
import { firstDifference, readSignedForm } from '../../../shared/verify/read-form.js';
import { createWorld } from '../../fixtures/world.js';
import type { World } from '../../fixtures/world.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const CRED = 'https://www.w3.org/2018/credentials#';

let world: World;
let loader: DocumentLoader;
let signed: Doc;
let unsigned: Doc;
beforeAll(async () => {
  world = await createWorld();
  loader = world.documentLoader;
  signed = await world.issue();
  const { proof: _proof, ...rest } = signed;
  unsigned = rest;
});

const read = (doc: Doc) => readSignedForm(doc as Json, loader);

describe('firstDifference: the path of the first place the written JSON departs from the compact form', () => {
  const rows: Array<[string, unknown, unknown, string | undefined]> = [
    ['same scalar', 'a', 'a', undefined],
    ['other scalar', 1, 2, '$'],
    ['one-item array for its value', ['a'], 'a', undefined],
    ['one-item array, other value', ['a'], 'b', '$[0]'],
    ['two-item array for one value', ['a', 'b'], 'a', '$'],
    ['an array inside a one-item array', [['a']], 'a', '$[0]'],
    ['value for a one-item array', 'a', ['a'], undefined],
    ['value for a two-item array', 'a', ['a', 'b'], '$'],
    ['value for an array inside an array', 'a', [['a']], '$'],
    ['arrays of other lengths', ['a'], ['a', 'b'], '$'],
    ['arrays alike', ['a', 'b'], ['a', 'b'], undefined],
    ['arrays differing in the second item', ['a', 'b'], ['a', 'c'], '$[1]'],
    ['arrays differing in the first item', ['a', 'b'], ['c', 'b'], '$[0]'],
    ['an array as an array item', [['a']], ['a'], '$[0]'],
    ['node reference for its id', { id: 'x' }, 'x', undefined],
    ['node reference for another id', { id: 'x' }, 'y', '$'],
    ['node reference alike', { id: 'x' }, { id: 'x' }, undefined],
    ['an object with more than an id is no reference', { id: 'x', name: 'n' }, 'x', '$'],
    ['object for a scalar', { name: 'n' }, 'n', '$'],
    ['objects alike', { a: 1, b: [2] }, { b: 2, a: 1 }, undefined],
    ['a key less', { a: 1 }, { a: 1, b: 2 }, '${keys}'],
    ['another key', { a: ['x'] }, { b: 'x' }, '$.a'],
    ['a value differs', { a: 1 }, { a: 2 }, '$.a'],
    ['the second value differs', { a: 1, b: 1 }, { a: 1, b: 2 }, '$.b'],
  ];
  for (const [name, written, compact, at] of rows) {
    it(`${name}: ${String(at)}`, () => {
      expect(firstDifference(written, compact, '$')).toBe(at);
    });
  }
});

describe('readSignedForm: where a respelled document is refused', () => {
  it('a proof with a key no proof has: $.proof.<key>', async () => {
    expect(await read({ ...signed, proof: { ...signed.proof, foo: 'x' } }))
      .toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at: '$.proof.foo' } });
  });

  it('a key written as its IRI: $.<IRI>', async () => {
    const { credentialStatus, ...rest } = unsigned;
    expect(await read({ ...rest, [`${CRED}credentialStatus`]: credentialStatus }))
      .toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at: `$.${CRED}credentialStatus` } });
  });

  it('a repeated array item: the path of the repetition', async () => {
    const ids = unsigned.credentialSubject.identifier;
    const doc = { ...unsigned, credentialSubject: { ...unsigned.credentialSubject, identifier: [ids[0], ids[1], ids[0]] } };
    expect(await read(doc)).toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at: '$.credentialSubject.identifier[2]' } });
  });

  it('a @value object where compaction writes the plain value: $.validFrom', async () => {
    expect(await read({ ...unsigned, validFrom: { '@value': unsigned.validFrom } }))
      .toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at: '$.validFrom' } });
  });

  it('two terms for one IRI written side by side (compaction joins them): ${keys} of their object', async () => {
    const doc = withPrereleaseSubject({ achievement: { id: 'https://x.example/a' }, Achievement: { id: 'https://x.example/b' } });
    expect(await read(doc)).toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at: '$.credentialSubject{keys}' } });
  });

  it('an IRI that expands but cannot be compacted (confused with a prefix): the reason names it', async () => {
    // `xsd://x` is an absolute IRI to expansion (a `//` after the colon is no compact IRI),
    // but compaction cannot write it: it reads as the prefix `xsd` of the OB 3.0 prerelease context.
    const r = await read({ ...withPrereleaseSubject({}), credentialSubject: { id: 'xsd://subject' } });
    expect(r).toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { reason: expect.stringContaining('xsd://subject') } });
  });

  it('end to end: verifyCredential names the same path', async () => {
    const r = await verifyCredential({ ...signed, validFrom: { '@value': signed.validFrom } }, world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.error).toMatchObject({ check: 'terms', code: 'NON_CANONICAL_FORM' });
    expect(r.checks.find((c) => c.id === 'terms')?.details).toEqual({ at: '$.validFrom' });
  });
});

/** A credential under the OB 3.0 prerelease context, where one IRI has two terms (`achievement`, `Achievement`). */
function withPrereleaseSubject(subject: Doc): Doc {
  return {
    '@context': ['https://www.w3.org/2018/credentials/v1', OB_V3_PRERELEASE_CONTEXT_URL],
    id: 'urn:uuid:3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f9',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: 'did:example:issuer',
    issuanceDate: '2026-01-01T00:00:00Z',
    credentialSubject: { type: 'AchievementSubject', ...subject },
  };
}

describe('readSignedForm: the document readers get', () => {
  it('is the written document, with its @context and no proof key when none was written', async () => {
    const r = await read(unsigned);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document['@context']).toEqual(unsigned['@context']);
    expect(Object.keys(r.document).sort()).toEqual(Object.keys(unsigned).sort());
    expect(Object.hasOwn(r.document, 'proof')).toBe(false);
  });

  it('keeps the proof as written', async () => {
    const r = await read(signed);
    expect(r.ok && r.document.proof).toEqual(signed.proof);
  });

  for (const [name, issuer] of [['{"id": X}', { id: 'did:example:a' }], ['[{"id": X}]', [{ id: 'did:example:a' }]]] as const) {
    it(`an issuer written ${name} reads as {"id": X} (compaction writes X)`, async () => {
      const r = await read({ ...unsigned, issuer });
      expect(r.ok && r.document.issuer).toEqual({ id: 'did:example:a' });
    });
  }

  it('subjects written as node references stay node references', async () => {
    const r = await read({ ...unsigned, credentialSubject: [{ id: 'did:example:a' }, { id: 'did:example:b' }] });
    expect(r.ok && r.document.credentialSubject).toEqual([{ id: 'did:example:a' }, { id: 'did:example:b' }]);
  });

  it('a node reference where compaction keeps the object stays that object', async () => {
    const achievement = { id: 'https://x.example/a' };
    const r = await read({ ...unsigned, credentialSubject: { ...unsigned.credentialSubject, achievement } });
    expect(r.ok && (r.document.credentialSubject as Doc).achievement).toEqual(achievement);
  });

  it('two achievements written under the synonym term read as both (in the compact term)', async () => {
    const two = [
      { id: 'https://x.example/a', type: 'Achievement', name: 'A' },
      { id: 'https://x.example/b', type: 'Achievement', name: 'B' },
    ];
    const r = await read(withPrereleaseSubject({ achievement: two }));
    expect(r.ok && r.document.credentialSubject).toEqual({ type: 'AchievementSubject', Achievement: two });
  });

  it('an end-to-end read keeps the node reference the issuer wrote', async () => {
    const vc = await world.issue({ mutate: (v) => { v.issuer = { id: (v.issuer as Doc).id }; } });
    const r = await verifyCredential(vc, world.verifyOptions());
    expect(r.document?.issuer).toEqual({ id: (vc.issuer as Doc).id });
  });
});

describe('readSignedForm: contexts nested below the top are not compared', () => {
  const evidence = (name: string) => ({ id: `https://x.example/evidence/${name}`, type: 'Evidence', name });

  it('a nested context in one array item only', async () => {
    const OB = unsigned['@context'][1];
    const r = await read({ ...unsigned, evidence: [{ '@context': OB, ...evidence('a') }, evidence('b')] });
    expect(r.ok && r.document.evidence).toEqual([evidence('a'), evidence('b')]);
  });

  it('a nested context two levels down, under an object that has nothing else', async () => {
    const OB = unsigned['@context'][1];
    const inner = { id: 'https://x.example/named', name: 'n' };
    const r = await read({ ...unsigned, name: { name: { '@context': OB, ...inner } } });
    expect(r.ok && r.document.name).toEqual({ name: inner });
  });
});
