/**
 * Profiling harness for the verification pipeline (not part of `npm run bench`):
 * `PROFILE_OUT=/tmp/verify.cpuprofile node --import tsx bench/profile-verify.ts [cached|uncached]`.
 * Runs the two pipeline rows of bench/run.ts (a new credential each time with status lists
 * and the accreditation cached; nothing cached) and, with PROFILE_OUT, writes a CPU
 * profile of the verification loop only (not the setup), for Chrome DevTools or speedscope.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import {
  buildLearningCredential, createVerificationCache, parseLearningInput, signCredential, verifyCredential,
} from '../shared/index.js';
import { createNodeSigner, installNodeCrypto } from '../shared/sign/ed25519-node.node.js';
import { ISSUED_AT, NOW, SAMPLE_INPUT, createWorld } from '../test/fixtures/world.js';

type Json = Record<string, unknown>;
installNodeCrypto();
const mode = process.argv[2] ?? 'cached';
const n = Number(process.env.PROFILE_ITERATIONS ?? 1000);
const world = await createWorld();
await world.accredit({ provider: world.provider, types: ['manajerial'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z') });

function unsignedCredential(i: number): Json {
  const parsed = parseLearningInput(SAMPLE_INPUT, NOW);
  if (!parsed.ok) throw new Error('bad sample');
  return buildLearningCredential(parsed.value, {
    id: `urn:uuid:6f1c9a52-3c1d-4a7e-9d8e-${String(i).padStart(12, '0')}`,
    issuer: { id: world.provider.did, name: 'Pusdiklat Contoh' },
    validFrom: ISSUED_AT, salt: '0123456789abcdef0123456789abcdef', achievementBaseUrl: 'https://kredensial.example/achievements',
    holderDid: world.holder.did,
    credentialStatus: [
      { id: `${world.listUrl(world.provider, 'revocation')}#${100 + i}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(100 + i), statusListCredential: world.listUrl(world.provider, 'revocation') },
    ],
  });
}
const signer = createNodeSigner(world.provider.keyId, world.provider.secretKey);
const sign = (i: number) => signCredential(unsignedCredential(i), { signer, documentLoader: world.documentLoader, now: ISSUED_AT });
const signed = await Promise.all(Array.from({ length: n }, (_, i) => sign(i)));
const warm = await Promise.all(Array.from({ length: 100 }, (_, i) => sign(n + i)));
const opts = mode === 'cached' ? world.verifyOptions({ cache: createVerificationCache() }) : world.verifyOptions();
const count = mode === 'cached' ? n : Math.round(n / 10);
// Warm-up on other credentials (JIT, processed contexts, caches of status lists / accreditation).
for (let i = 0; i < Math.min(100, count); i++) await verifyCredential(warm[i] as Json, opts);
const session = new Session();
if (process.env.PROFILE_OUT) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const times: number[] = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < count; i++) {
  const s = performance.now();
  const r = await verifyCredential(signed[i] as Json, opts);
  times.push(performance.now() - s);
  if (!r.verified) throw new Error(`did not verify: ${JSON.stringify(r.error)}`);
}
const ms = performance.now() - t0;
const cpuUsed = process.cpuUsage(cpu0);
if (process.env.PROFILE_OUT) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
}
const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
console.log(`${mode}: ${count} in ${ms.toFixed(0)} ms wall = ${Math.round((count / ms) * 1000)}/s; ${cpuMs.toFixed(0)} ms CPU = ${Math.round((count / cpuMs) * 1000)}/cpu-s`);
if (process.env.PROFILE_TIMES) console.log(times.map((t) => t.toFixed(1)).join(' '));
