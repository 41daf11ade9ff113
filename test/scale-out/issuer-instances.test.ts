/**
 * Scale-out proof for the issuer: two real issuer processes (`issuer/server.ts`) on one
 * PostgreSQL database, behind one public URL as a load balancer would put them.
 *
 * 1. Both issue for the same provider at once, with revocations and suspensions sent to the
 *    other instance: no status index is used twice, every credential verifies (or reports
 *    exactly its own revocation/suspension), and both instances serve the same status
 *    lists, whose bits are exactly the stored state.
 * 2. An idempotency key sent to both at once gives one credential; a claim offer redeemed
 *    through both at once is handed out once.
 * 3. One is killed with SIGKILL in the middle of a cohort: the other takes the cohort over
 *    and every row is issued exactly once.
 *
 * `npm test` issues the 2,000 credentials the issue asks for (SCALE_CREDENTIALS to change
 * it). Measured here on a 2-core machine shared with other work (load ~20): issuing 365 s,
 * verifying every credential over HTTP 456 s; both are CPU-bound in JSON-LD work
 * (signing's and verification's read-form check and canonicalization), not in PostgreSQL
 * (docs/deploy.md).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CredentialRecord } from '../../issuer/services/records.js';
import { openPgStore } from '../../issuer/store/pg-store.js';
import { decodeStatusList, getStatusBit } from '../../shared/status/bitstring.js';
import { createVerificationCache } from '../../shared/verify/index.js';
import { call, learningInput, makeWallet, setupProvider, verifyOverHttp, waitFor } from '../issuer/helpers.js';
import type { Loose, TestIssuer } from '../issuer/helpers.js';
import { killTree, startIssuerProcess } from '../issuer/process.js';
import { freePort } from '../helpers/free-port.js';
import { describePg, freshDatabase, pgUrl } from '../helpers/pg-run.js';

const CREDENTIALS = Number(process.env.SCALE_CREDENTIALS ?? 2000);
const PROVIDER = 'skala-prov';

let databaseUrl: string;
let publicUrl: string;
const urls: string[] = [];
const procs: Array<ChildProcess | undefined> = [];
const dirs: string[] = [];
let apiKey: string;

beforeAll(async () => {
  if (!pgUrl()) return;
  databaseUrl = await freshDatabase();
  const ports = [await freePort(), await freePort()];
  publicUrl = `http://127.0.0.1:${ports[0]}`;
  for (const port of ports) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'issuer-scale-'));
    dirs.push(dir);
    urls.push(`http://127.0.0.1:${port}`);
    procs.push(await startIssuerProcess(port, {
      DATABASE_URL: databaseUrl,
      ISSUER_DATA_DIR: dir, // holds nothing with DATABASE_URL set
      ISSUER_PUBLIC_URL: publicUrl,
      ISSUER_RATE_LIMIT_MAX: '1000000',
      ISSUER_BATCH_POLL_SECONDS: '1',
    }));
  }
  apiKey = (await setupProvider(urls[1]!, PROVIDER)).apiKey;
}, 120_000);

afterAll(async () => {
  for (const p of procs) await killTree(p);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs `fn` over `items` with `width` requests in flight. */
async function inParallel<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  }));
}

describePg('two issuer processes on one PostgreSQL', () => {
  it(`${CREDENTIALS} credentials for one provider through both at once, with revocations: indexes unique, all verify, lists agree`, async () => {
    const issued: Array<{ id: string; vc: Loose; state: 'active' | 'revoked' | 'suspended' }> = [];
    await inParallel(Array.from({ length: CREDENTIALS }, (_, i) => i), 12, async (i) => {
      const r = await call(urls[i % 2]!, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
      expect(r.status).toBe(201);
      const entry = { id: r.body.verifiableCredential.id as string, vc: r.body.verifiableCredential, state: 'active' as 'active' | 'revoked' | 'suspended' };
      issued.push(entry);
      // Status changes go to the OTHER instance, while issuance continues on both.
      const change = i % 10 === 3 ? 'revoked' : i % 10 === 7 ? 'suspended' : undefined;
      if (change) {
        const s = await call(urls[(i + 1) % 2]!, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: entry.id, credentialStatus: [{ status: change }] } });
        expect(s.status).toBe(200);
        entry.state = change;
      }
    });
    expect(issued).toHaveLength(CREDENTIALS);

    const store = await openPgStore(databaseUrl);
    try {
      const creds = (await store.list<CredentialRecord>('credentials')).map((e) => e.value).filter((c) => c.providerId === PROVIDER);
      expect(creds).toHaveLength(CREDENTIALS);
      for (const purpose of ['revocation', 'suspension'] as const) {
        expect(new Set(creds.map((c) => `${c.refs[purpose].listNo}/${c.refs[purpose].index}`)).size).toBe(CREDENTIALS);
        const allocs = await store.list<string>('statusAlloc', { prefix: `${PROVIDER}/${purpose}/` });
        expect(allocs).toHaveLength(CREDENTIALS);
        // Each allocation names the one credential that holds that index.
        const holder = new Map(creds.map((c) => [`${PROVIDER}/${purpose}/${c.refs[purpose].listNo}/${c.refs[purpose].index}`, c.credentialId]));
        for (const a of allocs) expect(a.value).toBe(holder.get(a.key));

        // Both instances serve the same signed list (same ETag, 304 across instances), and
        // its bits are exactly the stored revoked/suspended state.
        const listUrl = `/status/${PROVIDER}/${purpose}/1`;
        const [fromA, fromB] = await Promise.all(urls.map((u) => fetch(`${u}${listUrl}`)));
        expect(fromA!.headers.get('etag')).toBe(fromB!.headers.get('etag'));
        expect(fromA!.headers.get('cache-control')).toMatch(/max-age=\d+/);
        expect((await fetch(`${urls[1]}${listUrl}`, { headers: { 'if-none-match': fromA!.headers.get('etag') ?? '' } })).status).toBe(304);
        const list = await fromA!.json() as { credentialSubject: { encodedList: string } };
        const bits = await decodeStatusList(list.credentialSubject.encodedList);
        const flag = purpose === 'revocation' ? 'revoked' : 'suspended';
        for (const c of creds) expect(getStatusBit(bits, c.refs[purpose].index)).toBe(c[flag]);
        expect(creds.filter((c) => c[flag])).toHaveLength(issued.filter((e) => e.state === flag).length);
      }
    } finally {
      await store.close();
    }

    // Every credential verifies through the shared pipeline over HTTP, or fails with exactly
    // its status. The status lists and accreditation are checked once and then come from the
    // cache, as in a verifier; each credential's own signature is checked every time.
    const asIssuer = { url: publicUrl, services: { ctx: { now: () => new Date() } } } as unknown as TestIssuer;
    const cache = createVerificationCache();
    await inParallel(issued, 4, async (e) => {
      const v = await verifyOverHttp(asIssuer, e.vc, { cache });
      const status = v.checks.find((c) => c.id === 'status');
      if (e.state === 'active') expect(v.verified, JSON.stringify(v.error)).toBe(true);
      else expect(status?.code).toBe(e.state === 'revoked' ? 'CREDENTIAL_REVOKED' : 'CREDENTIAL_SUSPENDED');
    });
  }, 1_800_000);

  it('one Idempotency-Key sent to both at once gives one credential; one claim offer redeemed through both is handed out once', async () => {
    for (let n = 0; n < 6; n++) {
      const headers = { 'idempotency-key': `skala-idem-${n}` };
      const body = learningInput({ jp: 10 + n });
      const results = await Promise.all([0, 1, 0, 1].map((i) => call(urls[i]!, 'POST', '/learning-credentials', { token: apiKey, body, headers })));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.verifiableCredential.id)).size).toBe(1);
      expect(results.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    }
    // Each round races the two instances on one offer: with a lock that holds only inside one
    // process, both pass the "not used yet" check in some rounds and both answer 201 (it
    // depends on timing: with a process-local claim lock, 16 rounds failed in both runs tried,
    // 8 rounds in one of two).
    const wallet = await makeWallet(21);
    for (let n = 0; n < 16; n++) {
      const issued = await call(urls[n % 2]!, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
      const offerPath = new URL(issued.body.claimOffer.url as string).pathname;
      const offer = await call(urls[0]!, 'GET', offerPath);
      const vp = await wallet.answer(offer.body, new Date());
      const claims = await Promise.all([0, 1, 0, 1, 0, 1].map((i) => call(urls[i]!, 'POST', offerPath, { body: { verifiablePresentation: vp } })));
      expect(claims.map((r) => r.status).sort()).toEqual([201, 410, 410, 410, 410, 410]);
    }
  }, 300_000);

  it('SIGKILL one instance mid-cohort: the other finishes it, every row issued exactly once', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => (i % 50 === 7 ? learningInput({ jp: -5 }) : learningInput()));
    const invalid = rows.filter((r) => r.jp === -5).length;
    const job = await call(urls[0]!, 'POST', '/batches', { token: apiKey, body: rows });
    expect(job.status).toBe(202);
    await waitFor(async () => {
      const j = await call(urls[1]!, 'GET', `/batches/${job.body.id}`, { token: apiKey });
      return j.body.done >= 30 ? true : undefined;
    }, 120_000, 20);
    await killTree(procs[0]);
    procs[0] = undefined;
    const mid = await call(urls[1]!, 'GET', `/batches/${job.body.id}`, { token: apiKey });
    expect(mid.body.done).toBeLessThan(rows.length - invalid);

    // Nobody restarts the killed instance: the survivor's runner finds the job, gets its lock
    // once the dead connection is gone, and resumes from the rows still pending.
    const done = await waitFor(async () => {
      const j = await call(urls[1]!, 'GET', `/batches/${job.body.id}`, { token: apiKey });
      return j.body.state === 'completed' ? j.body : undefined;
    }, 300_000, 200);
    expect(done).toMatchObject({ total: rows.length, done: rows.length - invalid, failed: invalid });

    const store = await openPgStore(databaseUrl);
    try {
      const batchRows = (await store.list<{ state: string; credentialKey?: string }>('batchRows', { prefix: `${job.body.id}/` })).map((e) => e.value);
      expect(batchRows.filter((r) => r.state === 'issued')).toHaveLength(rows.length - invalid);
      const creds = (await store.list<CredentialRecord>('credentials')).map((e) => e.value).filter((c) => c.batch?.id === job.body.id);
      expect(creds).toHaveLength(rows.length - invalid);
      expect(new Set(creds.map((c) => c.batch?.row)).size).toBe(rows.length - invalid);
      expect(new Set(batchRows.map((r) => r.credentialKey).filter(Boolean))).toEqual(new Set(creds.map((c) => c.key)));
      const all = (await store.list<CredentialRecord>('credentials')).map((e) => e.value).filter((c) => c.providerId === PROVIDER);
      expect(new Set(all.map((c) => `${c.refs.revocation.listNo}/${c.refs.revocation.index}`)).size).toBe(all.length);
    } finally {
      await store.close();
    }
  }, 600_000);
});
