/**
 * The provider's list of everything it issued (GET /credentials) and one credential's
 * history (GET /credentials/:key/history), over real HTTP and the test store (LevelDB, or
 * PostgreSQL with TEST_STORE=postgres): single and cohort credentials appear, newest first;
 * search by name and course; filters by status, claimed, cohort and issue date; paging by
 * cursor; another provider sees none of them; credentials issued before the index existed
 * are found once the list is first read; status changes appear in the history with reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { del } from '../../issuer/store/kv.js';
import { call, learningInput, makeWallet, setupProvider, startIssuer, waitFor } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';

let issuer: TestIssuer;
let apiKey: string;
let otherKey: string;
const keys: Record<string, string> = {};
let cohortId = '';

const list = (query = '', token = apiKey) => call(issuer.url, 'GET', `/credentials${query}`, { token });
const names = (body: Loose): string[] => (body.items as Loose[]).map((i) => i.name);

beforeAll(async () => {
  issuer = await startIssuer();
  apiKey = (await setupProvider(issuer.url, 'list-prov')).apiKey;
  otherKey = (await setupProvider(issuer.url, 'list-other')).apiKey;
  // Read once while empty: the backfill is done, so every entry below comes from issuance itself.
  expect((await list()).body.items).toEqual([]);
  const issue = async (name: string, over: Record<string, unknown> = {}): Promise<void> => {
    const res = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput({ learner: { name, nip: '198609262015052001' }, ...over }) });
    expect(res.status).toBe(201);
    keys[name] = String(res.body.credentialRecord).split('/').pop() ?? '';
    issuer.clock.now = new Date(issuer.clock.now.getTime() + 60_000);
  };
  await issue('Siti Rahmawati');
  await issue('Budi Santoso', { course: { id: 'SIASN-01', name: { id: 'Pengelolaan Data SIASN' }, description: { id: 'Data kepegawaian.' } }, competency: { type: 'teknis', code: 'T.BKN.01', level: 2, name: { id: 'Pengelolaan data' } } });
  await issue('Dewi Lestari');
  // A cohort of two: its rows are in the list too.
  const job = await call(issuer.url, 'POST', '/batches', { token: apiKey, body: [learningInput({ learner: { name: 'Ayu Kohort', nip: '199001152018012003' } }), learningInput({ learner: { name: 'Rudi Kohort', nip: '199001152019031002' } })] });
  expect(job.status).toBe(202);
  cohortId = job.body.id;
  await waitFor(async () => ((await call(issuer.url, 'GET', `/batches/${cohortId}`, { token: apiKey })).body.state === 'completed' ? true : undefined));
});
afterAll(async () => {
  await issuer.close();
});

describe('GET /credentials', () => {
  it('lists single and cohort credentials, newest first, with masked NIP, course, cohort, status and claimed', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(names(res.body).slice(2)).toEqual(['Dewi Lestari', 'Budi Santoso', 'Siti Rahmawati']);
    expect(names(res.body).slice(0, 2).sort()).toEqual(['Ayu Kohort', 'Rudi Kohort']);
    const siti = (res.body.items as Loose[]).find((i) => i.name === 'Siti Rahmawati');
    expect(siti).toMatchObject({ maskedNip: '1986***********001', courseName: 'Pelatihan Kepemimpinan Pengawas', courseCode: 'PKP-2025-01', status: 'active', claimed: false, startDate: '2025-03-01', endDate: '2025-03-10' });
    expect(JSON.stringify(res.body)).not.toContain('198609262015052001');
    const ayu = (res.body.items as Loose[]).find((i) => i.name === 'Ayu Kohort');
    expect(ayu.batch).toEqual({ id: cohortId, row: 1 });
    expect(res.body.next).toBeUndefined();
  });

  it('searches by name or course words (case and accents folded) and by credential id', async () => {
    expect(names((await list('?q=budi')).body)).toEqual(['Budi Santoso']);
    expect(names((await list('?q=SIASN')).body)).toEqual(['Budi Santoso']);
    expect(names((await list(`?q=${encodeURIComponent('kepemimpinan lestari')}`)).body)).toEqual(['Dewi Lestari']);
    expect(names((await list(`?q=${encodeURIComponent(`urn:uuid:${keys['Siti Rahmawati']}`)}`)).body)).toEqual(['Siti Rahmawati']);
    expect((await list('?q=tidak-ada')).body.items).toEqual([]);
  });

  it('filters by cohort, status, claimed and issue date', async () => {
    expect(names((await list(`?cohort=${cohortId}`)).body).sort()).toEqual(['Ayu Kohort', 'Rudi Kohort']);
    const revoke = await call(issuer.url, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: `urn:uuid:${keys['Budi Santoso']}`, credentialStatus: [{ status: 'revoked' }], reason: 'Salah peserta' } });
    expect(revoke.status).toBe(200);
    expect(names((await list('?status=revoked')).body)).toEqual(['Budi Santoso']);
    expect(names((await list('?status=active')).body)).not.toContain('Budi Santoso');

    // Claim Dewi's credential with a wallet: claimed=yes finds it.
    const rec = await call(issuer.url, 'GET', `/credentials/${keys['Dewi Lestari']}`, { token: apiKey });
    const path = new URL(rec.body.claimOffer.exchangeUrl).pathname;
    const offer = await call(issuer.url, 'GET', path);
    const wallet = await makeWallet(33);
    const claimed = await call(issuer.url, 'POST', path, { body: { verifiablePresentation: await wallet.answer(offer.body, issuer.services.ctx.now()) } });
    expect(claimed.status).toBe(201);
    expect(names((await list('?claimed=yes')).body)).toEqual(['Dewi Lestari']);
    expect(names((await list('?claimed=no')).body)).not.toContain('Dewi Lestari');

    const today = new Date(issuer.services.ctx.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await list(`?from=${today}&to=${today}`)).body.items).toHaveLength(5);
    expect((await list('?to=2020-01-01')).body.items).toEqual([]);
    expect((await list('?from=2999-01-01')).body.items).toEqual([]);
  });

  it('pages by cursor without repeats', async () => {
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const res = await list(`?limit=2${next ? `&after=${encodeURIComponent(next)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...names(res.body));
      next = res.body.next;
      pages += 1;
    } while (next && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('is scoped to the provider and refuses bad queries with 400 REQUEST_INVALID / LIST_CURSOR_INVALID', async () => {
    expect((await list('', otherKey)).body.items).toEqual([]);
    expect((await call(issuer.url, 'GET', '/credentials')).status).toBe(401);
    const mine = await list('?limit=1');
    const stolen = await list(`?after=${encodeURIComponent(mine.body.next)}`, otherKey);
    expect(stolen.status).toBe(400);
    expect(stolen.body.code).toBe('LIST_CURSOR_INVALID');
    expect(stolen.body.messageId).toMatch(/halaman/);
    for (const q of ['?status=gone', '?claimed=maybe', '?from=2025-02-30', '?limit=0', '?limit=1000', '?cohort=x', '?nip=1']) {
      const bad = await list(q);
      expect(bad.status, q).toBe(400);
      expect(bad.body.code, q).toBe('REQUEST_INVALID');
      expect(bad.body.details.length, q).toBeGreaterThan(0);
    }
  });

  it('finds credentials issued before the index existed (backfilled once)', async () => {
    const store = issuer.services.ctx.store;
    const entries = await store.list('credentialList', { prefix: 'list-prov/' });
    await store.batch([...entries.map((e) => del('credentialList', e.key)), del('meta', 'credentialListVersion')]);
    // A fresh service instance (a restart) rebuilds the index on first use.
    const { CredentialListService } = await import('../../issuer/services/credential-list.js');
    const fresh = new CredentialListService(issuer.services.ctx);
    expect((await fresh.list('list-prov', {})).items).toHaveLength(5);
    expect(await store.get('meta', 'credentialListVersion')).toBe(1);
  });
});

describe('GET /credentials/:key/history', () => {
  it('shows issued, status changes with their reasons, and the claim', async () => {
    const key = keys['Siti Rahmawati'] ?? '';
    const id = `urn:uuid:${key}`;
    await call(issuer.url, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: id, credentialStatus: [{ status: 'suspended' }], reason: 'Menunggu klarifikasi nilai' } });
    await call(issuer.url, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: id, credentialStatus: [{ status: 'active' }], reason: 'Nilai sudah benar' } });
    const res = await call(issuer.url, 'GET', `/credentials/${key}/history`, { token: apiKey });
    expect(res.status).toBe(200);
    expect((res.body.events as Loose[]).map((e) => [e.type, e.reason])).toEqual([['issued', undefined], ['suspended', 'Menunggu klarifikasi nilai'], ['active', 'Nilai sudah benar']]);
    expect((await call(issuer.url, 'GET', `/credentials/${key}/history`, { token: otherKey })).status).toBe(404);

    const dewi = await call(issuer.url, 'GET', `/credentials/${keys['Dewi Lestari']}/history`, { token: apiKey });
    expect((dewi.body.events as Loose[]).map((e) => e.type)).toEqual(['issued', 'claimed']);
  });
});
