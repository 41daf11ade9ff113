/**
 * Property (issue 7, item 1): take signed credentials and presentations, respell them in
 * every way JSON-LD allows without changing their meaning (a key as its full IRI, `@type`
 * for `type`, values wrapped in or unwrapped from arrays, `@value` objects, repeated and
 * reordered array items) or in ways that change it, and assert: whatever still verifies
 * reads exactly like the original — same status entries, dates, issuer, subject, JP,
 * competency and names. A revoked credential never verifies, however it is spelled.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLED_CONTEXTS, buildPresentation, createVerificationCache, readLearningCredential, signPresentation,
  verifyCredential, verifyPresentation,
} from '../../../shared/index.js';
import type { VerifyOptions } from '../../../shared/index.js';
import { NOW, createWorld } from '../../fixtures/world.js';
import type { World } from '../../fixtures/world.js';

type Doc = Record<string, unknown>;

/** Total runs across the properties below (the issue asks for at least 10,000). */
const RUNS = Number(process.env.READ_FORM_RUNS ?? 10_000);

/** term → every IRI some bundled context gives it (a wrong pick makes a mutant that must fail). */
const IRIS = (() => {
  const out = new Map<string, string[]>();
  const walk = (ctx: unknown): void => {
    if (Array.isArray(ctx)) return ctx.forEach(walk);
    if (!ctx || typeof ctx !== 'object') return;
    for (const [term, def] of Object.entries(ctx as Doc)) {
      if (term.startsWith('@')) continue;
      const iri = typeof def === 'string' ? def : def && typeof def === 'object' ? (def as Doc)['@id'] : undefined;
      if (typeof iri === 'string' && /^https?:\/\//.test(iri)) out.set(term, [...new Set([...(out.get(term) ?? []), iri])]);
      if (def && typeof def === 'object') walk((def as Doc)['@context']);
    }
  };
  for (const doc of BUNDLED_CONTEXTS.values()) walk((doc as Doc)['@context']);
  return out;
})();

const OPS = ['iri', 'keyword', 'wrap', 'unwrap', 'value', 'typedValue', 'duplicate', 'reverse', 'proofIri', 'change'] as const;
type Op = (typeof OPS)[number];
const mutation = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...OPS), fc.nat()), { minLength: 1, maxLength: 3 });

/** Every (container, key) below the document, except contexts (checked by the allow-list). */
function slots(doc: unknown, skipProof: boolean): Array<[Doc | unknown[], string | number]> {
  const out: Array<[Doc | unknown[], string | number]> = [];
  const walk = (v: unknown, top: boolean) => {
    if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); walk(x, false); });
    else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (k === '@context' || (top && k === 'proof' && skipProof) || (top && k === 'verifiableCredential')) continue;
        out.push([v as Doc, k]);
        walk((v as Doc)[k], false);
      }
    }
  };
  walk(doc, true);
  return out;
}

function apply(doc: Doc, steps: Array<[number, Op, number]>): Doc {
  const m = structuredClone(doc);
  for (const [where, op, pick] of steps) {
    if (op === 'proofIri') {
      const proof = m.proof as Doc | undefined;
      if (!proof || typeof proof !== 'object') continue;
      const keys = Object.keys(proof);
      const k = keys[where % keys.length]!;
      const { [k]: v, ...rest } = proof;
      m.proof = { ...rest, [`https://w3id.org/security#${k}`]: v };
      continue;
    }
    const all = slots(m, true);
    if (all.length === 0) continue;
    const [holder, key] = all[where % all.length]!;
    const value = (holder as Doc)[key as string];
    const set = (v: unknown) => { (holder as Doc)[key as string] = v; };
    switch (op) {
      case 'iri': {
        if (typeof key !== 'string') break;
        const iris = IRIS.get(key);
        if (!iris) break;
        const { [key]: v, ...rest } = holder as Doc;
        for (const k of Object.keys(holder)) delete (holder as Doc)[k];
        Object.assign(holder, rest, { [iris[pick % iris.length]!]: v });
        break;
      }
      case 'keyword':
        if (key === 'type' || key === 'id') {
          const { [key]: v, ...rest } = holder as Doc;
          for (const k of Object.keys(holder)) delete (holder as Doc)[k];
          Object.assign(holder, rest, { [`@${key}`]: v });
        }
        break;
      case 'wrap': set([value]); break;
      case 'unwrap': if (Array.isArray(value) && value.length === 1) set(value[0]); break;
      case 'value': if (value !== null && typeof value !== 'object') set({ '@value': value }); break;
      case 'typedValue':
        if (typeof value === 'string') set({ '@value': value, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' });
        else if (typeof value === 'number') set({ '@value': value, '@type': 'http://www.w3.org/2001/XMLSchema#integer' });
        break;
      case 'duplicate': set(Array.isArray(value) && value.length > 0 ? [...value, value[pick % value.length]] : [value, value]); break;
      case 'reverse': if (Array.isArray(value)) set([...value].reverse()); break;
      case 'change':
        if (typeof value === 'string') set(`${value}x`);
        else if (typeof value === 'number') set(value + 1 + (pick % 7));
        break;
    }
  }
  return m;
}

/** What checks, the ledger and pages take from a credential. */
function reading(doc: Doc | undefined) {
  if (!doc) return undefined;
  const arr = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  const idOf = (v: unknown) => (typeof v === 'string' ? v : v && typeof v === 'object' ? (v as Doc).id : undefined);
  return {
    status: arr(doc.credentialStatus).map((e) => JSON.stringify(Object.entries(e as Doc).sort())).sort(),
    validFrom: doc.validFrom,
    validUntil: doc.validUntil,
    issuer: idOf(doc.issuer),
    subjects: arr(doc.credentialSubject).map(idOf),
    learning: readLearningCredential(doc),
  };
}

let world: World;
let options: VerifyOptions;
let active: Doc;
let activeReading: ReturnType<typeof reading>;
let revoked: Doc;

beforeAll(async () => {
  world = await createWorld();
  await world.accredit({ provider: world.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
  // creditsEarned differs from creditsAvailable, so a reader falling back would show it.
  active = await world.issue({ holder: world.holder.did, index: 11, mutate: (v) => { (v.credentialSubject as Doc).creditsEarned = 10; } });
  revoked = await world.issue({ holder: world.holder.did, index: 12 });
  await world.setStatus('revocation', world.provider, 12, true);
  // Status lists and the accreditation are cached: the properties exercise the credential.
  options = world.verifyOptions({ cache: createVerificationCache({ maxEntries: 50 }) });
  const r = await verifyCredential(active, options);
  expect(r.verified).toBe(true);
  activeReading = reading(r.document);
  expect(activeReading?.learning?.jp).toBe(10);
});

describe('respelled credentials', () => {
  it(`whatever verifies reads exactly like the original (${Math.round(RUNS * 0.6)} runs)`, async () => {
    let verified = 0;
    await fc.assert(fc.asyncProperty(mutation, async (steps) => {
      const r = await verifyCredential(apply(active, steps), options);
      if (!r.verified) return;
      verified++;
      expect(reading(r.document)).toEqual(activeReading);
    }), { numRuns: Math.round(RUNS * 0.6), seed: 20261129 });
    // The generator must reach mutants that verify (one-item arrays, reordering), or the property says nothing.
    expect(verified).toBeGreaterThan(RUNS * 0.01);
  }, 600_000);

  it(`a revoked credential never verifies, however it is spelled (${Math.round(RUNS * 0.25)} runs)`, async () => {
    await fc.assert(fc.asyncProperty(mutation, async (steps) => {
      const r = await verifyCredential(apply(revoked, steps), options);
      expect(r.verified).toBe(false);
    }), { numRuns: Math.round(RUNS * 0.25), seed: 7 });
  }, 600_000);
});

describe('respelled presentations', () => {
  it(`whatever verifies carries credentials that read like the originals (${Math.round(RUNS * 0.15)} runs)`, async () => {
    const vp = await signPresentation(buildPresentation({ holder: world.holder.did, credentials: [active] }), {
      signer: world.holder.signer, documentLoader: world.documentLoader, now: NOW, challenge: 'prop-1', domain: 'https://hr.example',
    });
    const vpOptions = { ...options, challenge: 'prop-1', domain: 'https://hr.example' };
    let verified = 0;
    await fc.assert(fc.asyncProperty(mutation, fc.boolean(), async (steps, inCredential) => {
      const mutant = structuredClone(vp);
      // Respell either the presentation itself or the credential it carries.
      if (inCredential) mutant.verifiableCredential = [apply(active, steps)];
      else Object.assign(mutant, apply(vp, steps), { verifiableCredential: vp.verifiableCredential });
      const r = await verifyPresentation(mutant, vpOptions);
      if (!r.verified) return;
      verified++;
      expect(r.holder).toBe(world.holder.did);
      expect(r.credentials.map((c) => reading(c.document))).toEqual([activeReading]);
    }), { numRuns: Math.round(RUNS * 0.15), seed: 99 });
    expect(verified).toBeGreaterThan(0);
  }, 600_000);
});
