/**
 * The verifier's fetch cache is bounded (issue 7 item 5: status-list URLs with different
 * query strings on an allowed issuer were each fetched and stored forever). Real LevelDB,
 * or PostgreSQL with TEST_STORE=postgres.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteCache } from '../../verifier/services/remote-cache.js';
import { DEFAULT_SETTINGS } from '../../verifier/services/context.js';
import type { VerifierSettings } from '../../verifier/services/context.js';
import type { World } from '../fixtures/world.js';
import { curatedWorld, openTestStore as openStore, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

describe('status-list URLs with a query string', () => {
  let world: World;
  let issuer: StandInIssuer;
  let verifier: RunningVerifier;
  beforeAll(async () => {
    world = await curatedWorld();
    issuer = await startStandInIssuer(world);
    verifier = await startVerifier({ world, issuer, clock: testClock() });
  });
  afterAll(async () => {
    await verifier?.close();
    await issuer?.stop();
  });

  it('are refused before any fetch: no status, nothing cached, the cache does not grow', async () => {
    const plain = await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: await world.issue() });
    expect(plain.status).toBe(200);
    const before = await verifier.services.cache.size();
    // The provider's own lists (named only with a query here); LAN's lists are revalidated
    // for the accreditation on every decision, as they should be.
    const statusHits = () => issuer.hits.filter((h) => h.startsWith('/status/pusdiklat/')).length;
    const hitsBefore = statusHits();
    for (let i = 0; i < 5; i++) {
      const vc = await world.issue({
        index: 100 + i,
        mutate: (c) => {
          for (const e of c.credentialStatus as Array<Record<string, string>>) e.statusListCredential = `${e.statusListCredential}?v=${i}`;
        },
      });
      const r = await postJson(`${verifier.url}/credentials/verify`, { verifiableCredential: vc });
      expect(r.status).toBe(422);
      expect(r.body.checks.find((c: { id: string }) => c.id === 'status').status).not.toBe('ok');
    }
    expect(statusHits()).toBe(hitsBefore);
    expect(await verifier.services.cache.size()).toEqual(before);
    const keys = (await verifier.store.list('fetchCache')).map((e) => e.key);
    expect(keys.some((k) => k.includes('?'))).toBe(false);
  });
});

describe('RemoteCache bounds', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fetch-cache-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const settings = { ...DEFAULT_SETTINGS, didCacheMaxAgeSeconds: 100, maxStatusAgeSeconds: 50 } as VerifierSettings;
  const opts = { refreshSeconds: 10, maxFallbackSeconds: 1_000_000 };

  it('keeps at most maxEntries and maxBytes (oldest evicted, in the same write), and nothing older than maxAge', async () => {
    const store = await openStore(path.join(dir, 'a'));
    const clock = testClock(new Date('2026-06-01T00:00:00Z'));
    try {
      const cache = new RemoteCache({ store, now: clock.now, settings }, { maxEntries: 3, maxBytes: 9_080 });
      for (let i = 0; i < 5; i++) {
        await cache.get(`status:https://issuer.example/status/${i}`, async () => ({ n: i }), opts);
        clock.advance(1);
      }
      expect((await store.list('fetchCache')).map((e) => e.key)).toEqual([2, 3, 4].map((i) => `status:https://issuer.example/status/${i}`));
      expect((await cache.size()).entries).toBe(3);

      // Bytes: one big document pushes the older ones out.
      await cache.get('status:https://issuer.example/status/big', async () => ({ pad: 'x'.repeat(9_000) }), opts);
      expect((await store.list('fetchCache')).map((e) => e.key)).toEqual(['status:https://issuer.example/status/big']);

      // Age: past maxAge (max of the DID and status limits, 100 s) a copy is neither served
      // as a fallback for an unreachable issuer nor kept.
      clock.advance(101);
      await expect(cache.get('status:https://issuer.example/status/big', async () => {
        throw new Error('unreachable');
      }, opts)).rejects.toThrow('unreachable');
      await cache.get('did:did:web:issuer.example', async () => ({ id: 'did:web:issuer.example' }), opts);
      expect((await store.list('fetchCache')).map((e) => e.key)).toEqual(['did:did:web:issuer.example']);
    } finally {
      await store.close();
    }
  });

  it('applies the bounds to what a previous run left in the store', async () => {
    const where = path.join(dir, 'b');
    const clock = testClock(new Date('2026-06-01T00:00:00Z'));
    let store = await openStore(where);
    const big = new RemoteCache({ store, now: clock.now, settings }, { maxEntries: 100 });
    for (let i = 0; i < 6; i++) await big.get(`k${i}`, async () => i, opts);
    await store.close();
    store = await openStore(where);
    try {
      const small = new RemoteCache({ store, now: clock.now, settings }, { maxEntries: 2 });
      expect((await small.size()).entries).toBe(2);
      expect((await store.list('fetchCache')).length).toBe(2);
    } finally {
      await store.close();
    }
  });
});
