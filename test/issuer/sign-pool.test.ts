/**
 * Signing outside the status lock and in the signing pool: the pool's threads give the
 * same credentials as the main thread (both suites, and the same refusals), a thread asks
 * for no signature before approval, a failing thread is a clear WORKER_FAILED and never a
 * hang, and concurrent requests with one idempotency key still make one credential.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import type { Signer } from '../../shared/keys/ed25519.js';
import { WorkerPool } from '../../shared/pool/worker-pool.node.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import type { ProviderRecord } from '../../issuer/services/curation.js';
import { SigningService } from '../../issuer/services/signing.js';
import { call, learningInput, setupProvider, startIssuer } from './helpers.js';
import type { TestIssuer } from './helpers.js';

let issuer: TestIssuer;
let apiKey: string;
let pooled: SigningService;
let inThread: SigningService;
const FIXED = new Date('2026-05-20T03:00:00Z');

beforeAll(async () => {
  issuer = await startIssuer();
  ({ apiKey } = await setupProvider(issuer.url, 'pool-prov'));
  // The same context with a fixed clock, so that proof.created is the same on both paths.
  const ctx = { ...issuer.services.ctx, now: () => FIXED };
  pooled = new SigningService(ctx, issuer.services.keys, 2);
  inThread = new SigningService(ctx, issuer.services.keys, 0);
});

afterAll(async () => {
  await pooled.close();
  await issuer.close();
});

async function unsignedCredential(over: Record<string, unknown> = {}): Promise<JsonObject> {
  const provider = await issuer.services.curation.require('pool-prov');
  const req = await issuer.services.learning.request('pool-prov', learningInput(over), { actor: { type: 'apiKey', id: 't' } as never, suite: 'eddsa-rdfc-2022' });
  const credentialStatus = issuer.services.status.entriesFor('pool-prov', { revocation: { listNo: 1, index: 7 }, suspension: { listNo: 1, index: 9 } });
  return req.build({ id: 'urn:uuid:0b6c3c1e-6f3a-4d59-9a53-5d3f3c1a0001', credentialStatus, validFrom: FIXED, provider: provider as ProviderRecord });
}

/** The provider's signer, counting the signatures it makes. */
async function countingSigner(): Promise<{ signer: Signer; count: () => number }> {
  const inner = await issuer.services.signing.signerFor('pool-prov');
  let n = 0;
  return { signer: { ...inner, sign: (input) => { n += 1; return inner.sign(input); } }, count: () => n };
}

async function outcome(p: Promise<JsonObject>): Promise<{ credential?: JsonObject; code?: string; status?: number; details?: unknown }> {
  try {
    return { credential: await p };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, ...(e.status === undefined ? {} : { status: e.status }), details: e.details };
  }
}

describe('signing pool', () => {
  it.each<ProofSuiteName>(['eddsa-rdfc-2022', 'Ed25519Signature2020'])('a pool thread signs exactly what the main thread signs (%s)', async (suite) => {
    const unsigned = await unsignedCredential();
    const { signer } = await countingSigner();
    const seen: unknown[] = [];
    const approve = async (c: unknown) => {
      seen.push(c);
    };
    const a = await inThread.checkApproveSign(unsigned, suite, signer, approve);
    const b = await pooled.checkApproveSign(unsigned, suite, signer, approve);
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect((b.proof as JsonObject).type).toBe(suite === 'eddsa-rdfc-2022' ? 'DataIntegrityProof' : 'Ed25519Signature2020');
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[0]).toEqual([{ type: 'manajerial', code: 'M.01' }]);
  });

  it('a refusal by the approval: the same error on both paths, and no signature is made', async () => {
    const unsigned = await unsignedCredential();
    const { signer, count } = await countingSigner();
    const refuse = async () => {
      throw new AppError('SCOPE_NOT_ACCREDITED', 'Not in scope.', { status: 403, details: { code: 'M.01' } });
    };
    const a = await outcome(inThread.checkApproveSign(unsigned, 'eddsa-rdfc-2022', signer, refuse));
    const b = await outcome(pooled.checkApproveSign(unsigned, 'eddsa-rdfc-2022', signer, refuse));
    expect(a).toEqual({ code: 'SCOPE_NOT_ACCREDITED', status: 403, details: { code: 'M.01' } });
    expect(b).toEqual(a);
    expect(count()).toBe(0);
  });

  it('a credential that breaks the rules: the same 422 and field errors on both paths', async () => {
    const unsigned = { ...(await unsignedCredential()), notATerm: 'x' };
    const { signer, count } = await countingSigner();
    const a = await outcome(inThread.checkApproveSign(unsigned, 'eddsa-rdfc-2022', signer, async () => undefined));
    const b = await outcome(pooled.checkApproveSign(unsigned, 'eddsa-rdfc-2022', signer, async () => undefined));
    expect(a.code).toBe('VALIDATION_FAILED');
    expect(a.status).toBe(422);
    expect(b).toEqual(a);
    expect(count()).toBe(0);
  });
});

describe('worker pool failures', () => {
  const fixture = new URL('../shared/pool/fixture-worker.ts', import.meta.url);

  it('a task that throws, a thread that exits and a thread that crashes: WORKER_FAILED with a sentence; the pool still works', async () => {
    const pool = new WorkerPool({ module: fixture, threads: 1, name: 'the test pool' });
    try {
      await expect(pool.run({ mode: 'echo', value: [1, 'a'] })).resolves.toEqual({ echoed: [1, 'a'], inWorker: true });
      for (const [mode, said] of [['throw', 'fixture task failed on purpose'], ['exit', 'exited'], ['crash-later', 'uncaught in the worker']] as const) {
        const e = await pool.run({ mode }).catch((err: unknown) => err);
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('WORKER_FAILED');
        expect((e as AppError).status).toBe(500);
        expect((e as AppError).message).toContain('the test pool');
        expect((e as AppError).message).toContain(said);
      }
      await expect(pool.run({ mode: 'echo', value: 2 })).resolves.toEqual({ echoed: 2, inWorker: true });
    } finally {
      await pool.close();
    }
  });

  it('a module that cannot load fails every waiting task instead of leaving it queued', async () => {
    const pool = new WorkerPool({ module: new URL('./no-such-module.ts', fixture), threads: 2, name: 'the broken pool' });
    try {
      const results = await Promise.all([1, 2, 3].map((i) => pool.run({ i }).catch((e: unknown) => e)));
      for (const e of results) {
        expect((e as AppError).code).toBe('WORKER_FAILED');
        expect((e as AppError).message).toContain('the broken pool');
      }
    } finally {
      await pool.close();
    }
  });
});

describe('issuance outside the lock', () => {
  it('concurrent requests with one idempotency key make one credential; the others replay it', async () => {
    const headers = { 'idempotency-key': 'lms-concurrent-1' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput(), headers })));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const ids = new Set(answers.map((a) => a.body.verifiableCredential.id));
    expect(ids.size).toBe(1);
    const stored = (await issuer.services.ctx.store.list<{ providerId: string; credentialId: string }>('credentials'))
      .filter((e) => e.value.providerId === 'pool-prov' && ids.has(e.value.credentialId));
    expect(stored).toHaveLength(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
  });

  it('a refused credential stores nothing: the indexes drawn for it are released, and issued ones are never drawn again', async () => {
    const before = new Set((await issuer.services.ctx.store.list('statusAlloc', { prefix: 'pool-prov/' })).map((e) => e.key));
    // Outside the accredited scope: refused after the indexes were drawn (and written) under the lock.
    const refused = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput({ competency: { type: 'sosial-kultural', code: 'SK.01', level: 3 } }) });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    const afterRefusal = (await issuer.services.ctx.store.list('statusAlloc', { prefix: 'pool-prov/' })).map((e) => e.key);
    expect(new Set(afterRefusal)).toEqual(before);
    // Every index of an issued credential stays taken: a new credential never gets one of them.
    const ok = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    expect(ok.status).toBe(201);
    const used = (ok.body.verifiableCredential.credentialStatus as Array<{ statusPurpose: string; statusListIndex: string }>).map((s) => `pool-prov/${s.statusPurpose}/1/${s.statusListIndex}`);
    for (const k of used) expect(before.has(k)).toBe(false);
  });
});
