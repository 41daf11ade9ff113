/**
 * Speed and memory benchmarks (`npm run bench`). Numbers, not pass/fail: targets are
 * judged here, never by timed tests. Prints ops/s and heap growth for the hot paths.
 */
import { buildLearningCredential, createVerificationCache, parseLearningInput, signCredential, verifyCredential } from '../shared/index.js';
import { ISSUED_AT, NOW, SAMPLE_INPUT, createWorld } from '../test/fixtures/world.js';
import { benchIssuanceStores } from './storage.js';

interface Row { name: string; ops: number; msPerOp: number; heapMB: number }

async function measure(name: string, iterations: number, fn: (i: number) => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < Math.min(20, iterations); i++) await fn(i); // warm-up: JIT and context caches
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await fn(i);
  const ms = performance.now() - t0;
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  return { name, ops: Math.round((iterations / ms) * 1000), msPerOp: +(ms / iterations).toFixed(2), heapMB: +heapMB.toFixed(1) };
}

const n = Number(process.env.BENCH_ITERATIONS ?? 200);
const world = await createWorld();
await world.accredit({ provider: world.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });
const parsed = parseLearningInput(SAMPLE_INPUT, NOW);
if (!parsed.ok) throw new Error('bad sample');
const unsigned = buildLearningCredential(parsed.value, {
  id: 'urn:uuid:6f1c9a52-3c1d-4a7e-9d8e-3b2f1a0c9d8e', issuer: { id: world.provider.did, name: 'Pusdiklat' },
  validFrom: ISSUED_AT, salt: '00ff00ff00ff00ff00ff00ff00ff00ff', achievementBaseUrl: 'https://kredensial.example/achievements',
});
const signed = await world.issue();
const options = world.verifyOptions();
const cachedOptions = world.verifyOptions({ cache: createVerificationCache() });

const rows: Row[] = [];
rows.push(await measure('build + validate learning credential', n * 10, async () => {
  const p = parseLearningInput(SAMPLE_INPUT, NOW);
  if (p.ok) buildLearningCredential(p.value, { id: 'urn:uuid:6f1c9a52-3c1d-4a7e-9d8e-3b2f1a0c9d8f', issuer: { id: world.provider.did, name: 'P' }, validFrom: ISSUED_AT, salt: 'aa', achievementBaseUrl: 'https://k.example' });
}));
rows.push(await measure('sign eddsa-rdfc-2022', n, () => signCredential(unsigned, { signer: world.provider.signer, documentLoader: world.documentLoader, now: ISSUED_AT })));
rows.push(await measure('verify credential (all checks, status + accreditation)', n, async () => {
  const r = await verifyCredential(signed, options);
  if (!r.verified) throw new Error(`bench credential did not verify: ${r.error?.code}`);
}));
rows.push(await measure('verify the same credential again, with verification cache', n, async () => {
  const r = await verifyCredential(signed, cachedOptions);
  if (!r.verified) throw new Error(`bench credential did not verify: ${r.error?.code}`);
}));
// The realistic case for a verifier: each credential is new, its status lists and the
// provider's accreditation were seen before.
const distinct = await Promise.all(Array.from({ length: n + 20 }, (_, i) => world.issue({ index: 100 + i, mutate: (v) => { v.id = `urn:uuid:6f1c9a52-3c1d-4a7e-9d8e-${String(i).padStart(12, '0')}`; } })));
rows.push(await measure('verify a new credential each time, sub-documents cached', n, async (i) => {
  const r = await verifyCredential(distinct[i % distinct.length], cachedOptions);
  if (!r.verified) throw new Error(`bench credential did not verify: ${r.error?.code}`);
}));
console.table(rows);
// Storage: issuance per instance on LevelDB and PostgreSQL (docs/deploy.md uses these figures).
console.table(await benchIssuanceStores(n));
