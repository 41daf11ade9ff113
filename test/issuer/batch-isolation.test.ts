/**
 * Issue 7 item 5: a cohort uploaded under a wrong master key was accepted and sealed with
 * it; after a restart with the right key, opening those rows threw outside the error
 * handling, the runner stopped and every provider's later cohorts stayed queued. Real
 * LevelDB throughout: the rows are damaged in the store the runner reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal } from '../../issuer/services/crypto.node.js';
import { MAX_BATCH_INTERRUPTIONS } from '../../issuer/services/batches.js';
import type { BatchJob, BatchRow } from '../../issuer/services/batches.js';
import type { BatchOp } from '../../issuer/store/kv.js';
import { ADMIN_TOKEN, call, learningInput, setupProvider, startIssuer, waitFor } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';

const jobState = async (issuer: TestIssuer, key: string, id: string): Promise<Loose> => (await call(issuer.url, 'GET', `/batches/${id}`, { token: key })).body;

describe('master key verified before any row is sealed', () => {
  it('a wrong master key: cohort intake answers 503 MASTER_KEY_WRONG and stores nothing; the right key works', async () => {
    const first = await startIssuer();
    await first.services.keys.verifyMasterKey(); // first start: the check value is sealed
    const { apiKey } = await setupProvider(first.url, 'mk-batch');
    await first.close({ keepData: true });

    const wrong = await startIssuer({ dataDir: first.dataDir, masterKey: new Uint8Array(32).fill(8) });
    try {
      await expect(wrong.services.keys.verifyMasterKey()).rejects.toMatchObject({ code: 'MASTER_KEY_WRONG', status: 503 });
      const res = await call(wrong.url, 'POST', '/batches', { token: apiKey, body: [learningInput()] });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('MASTER_KEY_WRONG');
      expect(JSON.stringify(res.body)).not.toMatch(/[A-Za-z0-9+/]{40,}/); // no key material
      expect((await wrong.services.ctx.store.list('batchRows')).length).toBe(0);
      expect((await wrong.services.ctx.store.list('batches')).length).toBe(0);
    } finally {
      await wrong.close({ keepData: true });
    }

    const right = await startIssuer({ dataDir: first.dataDir });
    try {
      await right.services.keys.verifyMasterKey();
      const res = await call(right.url, 'POST', '/batches', { token: apiKey, body: [learningInput()] });
      expect(res.status).toBe(202);
      const done = await waitFor(async () => {
        const j = await jobState(right, apiKey, res.body.id);
        return j.state === 'completed' ? j : undefined;
      }, 30_000);
      expect(done.done).toBe(1);
    } finally {
      await right.close();
    }
  });
});

describe('one bad batch fails alone', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => {
    await issuer.close();
  });

  it('rows that cannot be opened fail their batch (visible, audited); the other provider\'s batch and later batches run', async () => {
    const a = await setupProvider(issuer.url, 'bad-rows');
    const b = await setupProvider(issuer.url, 'good-rows');
    await issuer.services.batches.stop(); // both cohorts wait, as after a restart
    const jobA = await call(issuer.url, 'POST', '/batches', { token: a.apiKey, body: [learningInput(), learningInput()] });
    const jobB = await call(issuer.url, 'POST', '/batches', { token: b.apiKey, body: [learningInput(), learningInput()] });
    expect([jobA.status, jobB.status]).toEqual([202, 202]);

    // A's rows: one sealed under another master key, one damaged.
    const store = issuer.services.ctx.store;
    const rows = await store.list<BatchRow>('batchRows', { prefix: `${jobA.body.id}/` });
    expect(rows).toHaveLength(2);
    const [r1, r2] = rows;
    await store.batch([
      { type: 'put', collection: 'batchRows', key: r1!.key, value: { ...r1!.value, input: seal(new Uint8Array(32).fill(9), Buffer.from(JSON.stringify(learningInput())), `${jobA.body.id}/1`) } },
      { type: 'put', collection: 'batchRows', key: r2!.key, value: { ...r2!.value, input: { ...r2!.value.input!, ct: Buffer.from('damaged').toString('base64') } } },
    ]);

    issuer.services.batches.start();
    const doneB = await waitFor(async () => {
      const j = await jobState(issuer, b.apiKey, jobB.body.id);
      return j.state === 'completed' ? j : undefined;
    }, 20_000);
    expect(doneB.done).toBe(2);

    const failedA = await waitFor(async () => {
      const j = await jobState(issuer, a.apiKey, jobA.body.id);
      return j.state === 'failed' ? j : undefined;
    }, 20_000);
    expect(failedA).toMatchObject({ failed: 2, done: 0, pending: 0, failedReason: 'ROWS_UNREADABLE', unreadable: 2 });
    const failedRows = (await call(issuer.url, 'GET', `/batches/${jobA.body.id}/rows?state=failed`, { token: a.apiKey })).body.rows;
    expect(failedRows.map((r: Loose) => r.errors[0].code)).toEqual(['ROW_UNREADABLE', 'ROW_UNREADABLE']);
    const audit = (await call(issuer.url, 'GET', '/admin/audit?limit=1000', { token: ADMIN_TOKEN })).body.entries;
    expect(audit.some((e: Loose) => e.value.action === 'batch.failed' && e.value.target === jobA.body.id)).toBe(true);

    // The runner is still alive: a later cohort of the same provider is issued.
    const jobC = await call(issuer.url, 'POST', '/batches', { token: a.apiKey, body: [learningInput()] });
    const doneC = await waitFor(async () => {
      const j = await jobState(issuer, a.apiKey, jobC.body.id);
      return j.state === 'completed' ? j : undefined;
    }, 20_000);
    expect(doneC.done).toBe(1);
  });

  /** Makes the store's commit of `jobId`'s rows fail `times` times (a dropped connection), then work again. */
  function failRowCommits(jobId: string, times: number): () => void {
    const store = issuer.services.ctx.store;
    const real = store.batch.bind(store);
    let left = times;
    store.batch = async (ops: BatchOp[]) => {
      if (left > 0 && ops.some((o) => o.collection === 'batchRows' && o.key.startsWith(`${jobId}/`))) {
        left -= 1;
        throw new Error('connection reset by peer');
      }
      return real(ops);
    };
    return () => void (store.batch = real);
  }

  it('a store failure mid-cohort pauses the job, which resumes from its pending rows: every row issued once', async () => {
    const p = await setupProvider(issuer.url, 'hiccup-rows');
    await issuer.services.batches.stop();
    const job = await call(issuer.url, 'POST', '/batches', { token: p.apiKey, body: [learningInput(), learningInput(), learningInput()] });
    expect(job.status).toBe(202);
    const restore = failRowCommits(job.body.id, 2);
    try {
      issuer.services.batches.start();
      const done = await waitFor(async () => {
        const j = await jobState(issuer, p.apiKey, job.body.id);
        return j.state === 'completed' || j.state === 'failed' ? j : undefined;
      }, 20_000);
      expect(done).toMatchObject({ state: 'completed', done: 3, failed: 0 });
    } finally {
      restore();
    }
    expect((await issuer.services.ctx.store.get<BatchJob>('batches', job.body.id))?.interruptions).toBe(2);
    const issued = (await issuer.services.ctx.store.list<{ providerId: string }>('credentials')).filter((c) => c.value.providerId === 'hiccup-rows');
    expect(issued).toHaveLength(3);
  });

  it(`a job that keeps breaking fails after ${MAX_BATCH_INTERRUPTIONS} interruptions (INTERNAL_ERROR, audited); the runner goes on`, async () => {
    const p = await setupProvider(issuer.url, 'broken-rows');
    await issuer.services.batches.stop();
    const job = await call(issuer.url, 'POST', '/batches', { token: p.apiKey, body: [learningInput()] });
    const restore = failRowCommits(job.body.id, Number.POSITIVE_INFINITY);
    try {
      issuer.services.batches.start();
      const failed = await waitFor(async () => {
        const j = await jobState(issuer, p.apiKey, job.body.id);
        return j.state === 'failed' ? j : undefined;
      }, 20_000);
      expect(failed).toMatchObject({ failedReason: 'INTERNAL_ERROR', done: 0 });
    } finally {
      restore();
    }
    expect((await issuer.services.ctx.store.get<BatchJob>('batches', job.body.id))?.interruptions).toBe(MAX_BATCH_INTERRUPTIONS);
    const audit = (await call(issuer.url, 'GET', '/admin/audit?limit=1000', { token: ADMIN_TOKEN })).body.entries;
    expect(audit.some((e: Loose) => e.value.action === 'batch.failed' && e.value.target === job.body.id)).toBe(true);
    const later = await call(issuer.url, 'POST', '/batches', { token: p.apiKey, body: [learningInput()] });
    expect((await waitFor(async () => {
      const j = await jobState(issuer, p.apiKey, later.body.id);
      return j.state === 'completed' ? j : undefined;
    }, 20_000)).done).toBe(1);
  });
});
