/**
 * "Read what was signed" (shared/verify/read-form.ts), pinned where mutation testing found
 * no test looking (issue 13): the cheap refusals before any JSON-LD work and what they
 * report, the term synonyms the comparison accepts, the proof shape, and the reasons
 * shown for a JSON-LD failure.
 *
 * - A key respelled as a bundled term's IRI, `@id` or `@type` is refused *where it is
 *   written*: each row also carries an earlier non-canonical value (`name` as a `@value`
 *   object), so only the cheap check (not the later comparison) can name the respelled key.
 * - A repeated array item, and an array inside an array, are refused at their own path;
 *   "repeated" means the same JSON up to key order, and items that differ only inside an
 *   array are not repeats.
 * - OB 3.0.0 gives one IRI two terms (`achievement`, `Achievement`; 3.0.3: `criteria`,
 *   `Criteria`): the written synonym is accepted wherever it sits (one-item array, several
 *   subjects, a single value where the compact form writes a one-item array), but only a
 *   plain term is taken for another term: a full IRI the cheap check does not know, or a
 *   compact IRI, is still refused.
 * - A proof is read as written, so its shape is fixed: each value a string, lists (non-empty,
 *   strings only) only where the specs allow them; the path names the offending key.
 * - `details.reason` of a JSON-LD failure (shown on the HR page and in the API) names the
 *   event and the term, and is bounded to 300 characters.
 *
 * `details.at` and `details.reason` are what the HR page and the API show, so they are pinned.
 * Everything runs the real bundled loader; no stand-ins.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../../shared/loader/document-loader.js';
import { describeJsonLdError, readSignedForm } from '../../../shared/verify/read-form.js';
import { verifyCredential } from '../../../shared/index.js';
import vector from '../../fixtures/ob3-eddsa-vector.json' with { type: 'json' };
import { createWorld } from '../../fixtures/world.js';
import type { World } from '../../fixtures/world.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const loader = createDocumentLoader();
const STATUS = 'https://www.w3.org/ns/credentials/status#';

let world: World;
/** A credential as this project issues it (VC 2.0 + OB 3.0.3), signed, and its unsigned part. */
let signed: Doc;
let ours: Doc;
/** The OB 3.0 test vector (VC 1.1 + OB 3.0.0, where `achievement` and `Achievement` name one IRI). */
let ob300: Doc;

beforeAll(async () => {
  world = await createWorld();
  signed = await world.issue();
  const { proof: _p, ...unsigned } = signed;
  ours = unsigned;
  const { proof: _vp, ...v } = structuredClone(vector.signedCredential) as Doc;
  ob300 = v;
});

const read = (doc: Doc) => readSignedForm(doc, loader);

/** `key` renamed to `to`, keeping its place among the keys. */
function renameKey(obj: Doc, key: string, to: string): Doc {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === key ? to : k, v]));
}

describe('a respelled key is refused where it is written (before any JSON-LD work)', () => {
  /** `name` (before `credentialSubject` and `credentialStatus`) as a `@value` object: a difference the comparison finds first. */
  const withEarlierDifference = (d: Doc): Doc => ({ ...d, name: { '@value': d.name } });

  it('the earlier difference alone is refused at its own path (the comparison)', async () => {
    expect(await read(withEarlierDifference(structuredClone(ours)))).toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at: '$.name' } });
  });

  const rows: Array<[string, (d: Doc) => void, string]> = [
    ['a status term as its IRI, in the second item of a list',
      (d) => { d.credentialStatus[1] = renameKey(d.credentialStatus[1], 'statusPurpose', `${STATUS}statusPurpose`); },
      `$.credentialStatus[1].${STATUS}statusPurpose`],
    ['`@id` for `id`, two objects down',
      (d) => { d.credentialSubject.achievement = renameKey(d.credentialSubject.achievement, 'id', '@id'); },
      '$.credentialSubject.achievement.@id'],
    ['`@type` for `type`, one object down',
      (d) => { d.issuer = renameKey(d.issuer, 'type', '@type'); },
      '$.issuer.@type'],
    ['`@type` inside an item of a list inside an object',
      (d) => { const a = d.credentialSubject.achievement.alignment; a[0] = renameKey(a[0], 'type', '@type'); },
      '$.credentialSubject.achievement.alignment[0].@type'],
  ];
  for (const [name, respell, at] of rows) {
    it(name, async () => {
      const d = withEarlierDifference(structuredClone(ours));
      respell(d);
      expect(await read(d)).toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at } });
    });
  }

  it('end to end: the verifier reports the respelled key, not the earlier difference', async () => {
    const d = structuredClone(signed);
    d.credentialStatus[0] = renameKey(d.credentialStatus[0], 'statusPurpose', `${STATUS}statusPurpose`);
    const r = await verifyCredential(withEarlierDifference(d), world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.error).toMatchObject({ check: 'terms', code: 'NON_CANONICAL_FORM' });
    expect(r.checks.find((c) => c.id === 'terms')?.details).toEqual({ at: `$.credentialStatus[0].${STATUS}statusPurpose` });
    expect(r.document).toBeUndefined();
  });
});

describe('repeated items and arrays inside arrays', () => {
  it('a repeated item deep in the document is refused at its full path', async () => {
    const d = structuredClone(ours);
    const levels = d.credentialSubject.achievement.resultDescription[0].rubricCriterionLevel;
    levels.push(structuredClone(levels[0]));
    expect(await read(d)).toEqual({
      ok: false, code: 'NON_CANONICAL_FORM', details: { at: '$.credentialSubject.achievement.resultDescription[0].rubricCriterionLevel[5]' },
    });
  });

  it('the same item with its keys in another order is a repeat', async () => {
    const d = structuredClone(ours);
    const reordered = Object.fromEntries(Object.entries(d.credentialStatus[0] as Doc).reverse());
    d.credentialStatus.push(reordered);
    expect(await read(d)).toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at: '$.credentialStatus[2]' } });
  });

  it('an array inside an array is refused at the inner array', async () => {
    const d = structuredClone(ours);
    d.credentialSubject.achievement.tag = [['klasikal', 'pelatihan']];
    expect(await read(d)).toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at: '$.credentialSubject.achievement.tag[0]' } });
  });

  /** Two result descriptions (blank nodes: two nodes, however alike) that differ only in `allowedValue`. */
  const twoDescriptions = (a: unknown[], b: unknown[]): Doc => {
    const d = structuredClone(ours);
    const rd = { type: ['ResultDescription'], name: 'Nilai', resultType: 'LetterGrade' };
    d.credentialSubject.achievement.resultDescription = [{ ...rd, allowedValue: a }, { ...rd, allowedValue: b }];
    return d;
  };
  for (const [a, b] of [[['A'], ['B']], [[1, 2], [12]]] as Array<[unknown[], unknown[]]>) {
    it(`items that differ only inside an array are not repeats (${JSON.stringify(a)} / ${JSON.stringify(b)})`, async () => {
      const r = await read(twoDescriptions(a, b));
      expect(r.ok).toBe(true);
      expect((r as { document: Doc }).document.credentialSubject.achievement.resultDescription.map((x: Doc) => x.allowedValue)).toEqual([a, b]);
    });
  }
});

describe('term synonyms (one IRI, two terms: OB 3.0.0 `achievement`/`Achievement`, OB 3.0.3 `criteria`/`Criteria`)', () => {
  it('the written synonym is accepted and readers get the compact spelling', async () => {
    const r = await read(structuredClone(ob300));
    expect(r.ok).toBe(true);
    const subject = (r as { document: Doc }).document.credentialSubject;
    expect(Object.keys(subject)).toEqual(['id', 'type', 'Achievement']);
    expect(subject.Achievement.id).toBe(ob300.credentialSubject.achievement.id);
  });

  it('inside a subject written as a one-item array', async () => {
    const d = structuredClone(ob300);
    d.credentialSubject = [d.credentialSubject];
    const r = await read(d);
    expect(r.ok).toBe(true);
    expect((r as { document: Doc }).document.credentialSubject).toMatchObject({ id: ob300.credentialSubject.id, Achievement: { id: ob300.credentialSubject.achievement.id } });
  });

  it('inside each of several subjects', async () => {
    const d = structuredClone(ob300);
    d.credentialSubject = [d.credentialSubject, { ...structuredClone(d.credentialSubject), id: 'did:example:lain' }];
    const r = await read(d);
    expect(r.ok).toBe(true);
    expect((r as { document: Doc }).document.credentialSubject.map((s: Doc) => [s.id, Object.keys(s)])).toEqual([
      [ob300.credentialSubject.id, ['id', 'type', 'Achievement']], ['did:example:lain', ['id', 'type', 'Achievement']],
    ]);
  });

  it('next to a single value the compact form writes as a one-item array', async () => {
    const d = structuredClone(ob300);
    d.credentialSubject.achievement.tag = 'kerja-sama';
    const r = await read(d);
    expect(r.ok).toBe(true);
    expect((r as { document: Doc }).document.credentialSubject.Achievement.tag).toEqual(['kerja-sama']);
  });

  it('OB 3.0.3 (`criteria` and `Criteria`): the class term written as the property, inside a single value the compact form writes as a one-item list', async () => {
    const d = structuredClone(ours);
    const [alignment] = d.credentialSubject.achievement.alignment;
    // Typed Achievement as well, so that both terms are defined there and compaction picks `criteria`.
    d.credentialSubject.achievement.alignment = { ...alignment, type: ['Alignment', 'Achievement'], Criteria: { narrative: 'Menguasai materi.' } };
    const r = await read(d);
    expect(r.ok).toBe(true);
    expect((r as { document: Doc }).document.credentialSubject.achievement.alignment).toEqual([{ ...alignment, type: ['Alignment', 'Achievement'], criteria: { narrative: 'Menguasai materi.' } }]);
  });

  it('a full IRI is never taken for a term (VC 1.1 names issuanceDate by a compact IRI, so the cheap check does not know it)', async () => {
    const { issuanceDate, ...rest } = structuredClone(ob300);
    const r = await read({ ...rest, 'https://www.w3.org/2018/credentials#issuanceDate': issuanceDate });
    // The place named is the IRI key itself, not the synonym (`achievement`) that comes
    // first in the document but is accepted: what the HR page shows must be the problem.
    expect(r).toMatchObject({ ok: false, code: 'NON_CANONICAL_FORM', details: { at: '$.https://www.w3.org/2018/credentials#issuanceDate' } });
  });

  /** An inline context with a term and a prefix for one IRI: `ex:catatan` (a compact IRI) and `catatan` (a term). */
  const withInlineTerm = (key: string): Doc => {
    const d = structuredClone(ours);
    d['@context'] = [...d['@context'], { ex: 'https://kredensial.example/vocab/', catatan: 'https://kredensial.example/vocab/catatan' }];
    d.credentialSubject[key] = 'Lulus dengan pujian';
    return d;
  };

  it('the term itself is accepted', async () => {
    const r = await read(withInlineTerm('catatan'));
    expect(r.ok).toBe(true);
    expect((r as { document: Doc }).document.credentialSubject.catatan).toBe('Lulus dengan pujian');
  });

  it('a compact IRI is never taken for a term, even when one key on each side differs', async () => {
    expect(await read(withInlineTerm('ex:catatan'))).toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at: '$.credentialSubject.ex:catatan' } });
  });
});

describe('the proof is read as written: its shape is fixed', () => {
  const withProof = (proof: unknown): Doc => ({ ...structuredClone(ours), proof });
  const good = () => structuredClone(signed.proof) as Doc;

  const rows: Array<[string, () => unknown, string]> = [
    ['a proof that is not an object', () => 'z3abc', '$.proof'],
    ['an item of a proof list that is not an object', () => [good(), 'z3abc'], '$.proof[1]'],
    ['a number where a string belongs', () => ({ ...good(), created: 20260520 }), '$.proof.created'],
    ['a list where the specs allow none', () => ({ ...good(), created: [good().created] }), '$.proof.created'],
    ['an empty list', () => ({ ...good(), domain: [] }), '$.proof.domain'],
    ['a list with a non-string item', () => ({ ...good(), domain: ['https://hr.example', 5] }), '$.proof.domain'],
    ['a list of numbers', () => ({ ...good(), domain: [5] }), '$.proof.domain'],
    ['an unknown key', () => ({ ...good(), jws: 'x' }), '$.proof.jws'],
  ];
  for (const [name, proof, at] of rows) {
    it(`${name} is refused at ${at}`, async () => {
      expect(await read(withProof(proof()))).toEqual({ ok: false, code: 'NON_CANONICAL_FORM', details: { at } });
    });
  }

  it('a list of strings where the specs allow one is accepted, and the proof is returned as written', async () => {
    const proof = { ...good(), domain: ['https://hr.example', 'https://bkn.example'] };
    const r = await read(withProof(proof));
    expect(r.ok).toBe(true);
    expect((r as { document: Doc }).document.proof).toEqual(proof);
  });
});

describe('the reason shown for a JSON-LD failure', () => {
  it('names the event and the property (an undefined term, in safe mode)', async () => {
    const d = structuredClone(ours);
    d.credentialSubject.catatan = 'x';
    expect(await read(d)).toEqual({ ok: false, code: 'TERM_UNDEFINED', details: { reason: 'invalid property: catatan' } });
  });

  it('names the event and the term; the event alone when there is no term', () => {
    expect(describeJsonLdError({ details: { event: { code: 'invalid property', details: { term: 'a', property: 'b' } } } })).toBe('invalid property: a');
    expect(describeJsonLdError({ details: { event: { code: 'invalid property', details: { property: 'b' } } } })).toBe('invalid property: b');
    expect(describeJsonLdError({ details: { event: { code: 'relative @id reference' } } })).toBe('relative @id reference');
  });

  it('is bounded to 300 characters, for an error and for anything else thrown', () => {
    expect(describeJsonLdError(new Error('x'.repeat(400)))).toBe('x'.repeat(300));
    expect(describeJsonLdError('y'.repeat(400))).toBe('y'.repeat(300));
  });

  it('describes null, undefined and a thrown function by their text, without failing', () => {
    expect(describeJsonLdError(null)).toBe('null');
    expect(describeJsonLdError(undefined)).toBe('undefined');
    const fn = Object.assign(() => 0, { message: 'not read' });
    expect(describeJsonLdError(fn)).toBe(String(fn));
  });
});
