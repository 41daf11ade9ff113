/**
 * Status index allocation (issuer/services/status.ts), fast and without HTTP: on a tiny
 * 64-entry list (real LevelDB), an index is never handed out twice, whether the earlier
 * allocation was written or is still pending in the same batch; a full list rolls over.
 * (The crash test in batch-crash.test.ts covers the same property across a restart.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuerServices } from '../../issuer/services/index.js';
import type { IssuerServices } from '../../issuer/services/index.js';
import type { StatusRefs } from '../../issuer/services/status.js';
import { openLevelStore } from '../../issuer/store/level-store.js';
import type { LevelKvStore } from '../../issuer/store/level-store.js';
import { MASTER_KEY } from './helpers.js';

const LENGTH = 64;
let dir: string;
let store: LevelKvStore;
let services: IssuerServices;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'issuer-status-'));
  store = await openLevelStore(path.join(dir, 'db'));
  services = createIssuerServices({
    store, now: () => new Date('2026-06-01T08:00:00Z'), masterKey: MASTER_KEY, logger: pino({ level: 'silent' }),
    settings: { publicUrl: 'https://kredensial.example', claimOfferTtlSeconds: 3600, statusListLength: LENGTH },
  });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const slots = (refs: StatusRefs[]) => ({
  revocation: refs.map((r) => `${r.revocation.listNo}/${r.revocation.index}`),
  suspension: refs.map((r) => `${r.suspension.listNo}/${r.suspension.index}`),
});

describe('status index allocation', () => {
  it('never reuses an index already written to the store', async () => {
    const refs: StatusRefs[] = [];
    for (let i = 0; i < 48; i++) {
      await services.status.withOwnerLock('written', async () => {
        const a = await services.status.allocate('written', `urn:uuid:written-${i}`);
        await store.batch(a.ops);
        refs.push(a.refs);
      });
    }
    const { revocation, suspension } = slots(refs);
    expect(new Set(revocation).size).toBe(refs.length);
    expect(new Set(suspension).size).toBe(refs.length);
    for (const r of refs) for (const ref of [r.revocation, r.suspension]) expect(ref.index).toBeLessThan(LENGTH);
  });

  it('never reuses an index drawn earlier in the same, not yet written batch', async () => {
    const refs: StatusRefs[] = [];
    await services.status.withOwnerLock('pending', async () => {
      const ops = [];
      for (let i = 0; i < 40; i++) {
        const a = await services.status.allocate('pending', `urn:uuid:pending-${i}`);
        ops.push(...a.ops);
        refs.push(a.refs);
      }
      await store.batch(ops);
    });
    const { revocation, suspension } = slots(refs);
    expect(new Set(revocation).size).toBe(refs.length);
    expect(new Set(suspension).size).toBe(refs.length);
  });

  it('a list that is (nearly) full continues in the next one, whose number is saved', async () => {
    const listNos = new Set<number>();
    for (let i = 0; i < LENGTH + 8; i++) {
      await services.status.withOwnerLock('full', async () => {
        const a = await services.status.allocate('full', `urn:uuid:full-${i}`);
        await store.batch(a.ops);
        listNos.add(a.refs.revocation.listNo);
        expect(a.entries.map((e) => e.statusListCredential)).toEqual([
          `https://kredensial.example/status/full/revocation/${a.refs.revocation.listNo}`,
          `https://kredensial.example/status/full/suspension/${a.refs.suspension.listNo}`,
        ]);
      });
    }
    expect(Math.max(...listNos)).toBeGreaterThan(1);
    expect(await store.get('meta', 'statusCurrent/full/revocation')).toBe(Math.max(...listNos));
  });
});
