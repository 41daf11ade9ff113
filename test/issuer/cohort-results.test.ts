/**
 * Cohorts end to end over real HTTP: `;`-separated files (decimal comma), duplicates found
 * and shown before anything is stored (then skipped or issued on request), the results file
 * (row, name, email, claim link, certificate link) and every certificate as one ZIP, field
 * errors that list the allowed values, and a single issue that refuses a duplicate.
 */
import { Writable } from 'node:stream';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, learningInput, setupProvider, startIssuer, waitFor } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';

let issuer: TestIssuer;
let apiKey: string;
let otherKey: string;

const HEADER = 'name;nip;email;courseId;courseName;courseDescription;competencyType;competencyCode;competencyLevel;jp;learningMode;learningPath;startDate;endDate';
const row = (name: string, nip: string, email: string, path = 'pelatihan', mode = 'klasikal') =>
  `${name};${nip};${email};KOH-01;Pelatihan Kohort;Pelatihan, tingkat dasar.;manajerial;M.02;2;2,5;${mode};${path};2025-04-01;2025-04-03`;
const FILE = [HEADER, row('Siti Rahmawati', '198609262015052001', 'siti@example.go.id'), row('Budi Santoso', '199001152019031002', 'budi@example.go.id', 'webinar', 'nonklasikal')].join('\r\n');

async function upload(csv: string, duplicates?: string): Promise<{ status: number; body: Loose }> {
  return call(issuer.url, 'POST', `/batches${duplicates ? `?duplicates=${duplicates}` : ''}`, { token: apiKey, raw: csv, type: 'text/csv' });
}
async function finished(id: string): Promise<Loose> {
  return waitFor(async () => {
    const job = await call(issuer.url, 'GET', `/batches/${id}`, { token: apiKey });
    return job.body.state === 'completed' ? job.body : undefined;
  });
}
async function download(p: string, token = apiKey): Promise<{ status: number; type: string; bytes: Uint8Array }> {
  const res = await fetch(`${issuer.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: new Uint8Array(await res.arrayBuffer()) };
}

let firstJob = '';

beforeAll(async () => {
  issuer = await startIssuer();
  apiKey = (await setupProvider(issuer.url, 'cohort-prov')).apiKey;
  otherKey = (await setupProvider(issuer.url, 'cohort-other')).apiKey;
});
afterAll(async () => {
  await issuer.close();
});

describe('cohort files, duplicates and results', () => {
  it('reads a ;-separated file with decimal commas; a webinar is a nonklasikal path', async () => {
    const res = await upload(FILE, 'check');
    expect(res.status).toBe(202);
    firstJob = res.body.id;
    const job = await finished(firstJob);
    expect(job).toMatchObject({ done: 2, failed: 0 });
    const list = await call(issuer.url, 'GET', `/credentials?cohort=${firstJob}`, { token: apiKey });
    expect(list.body.items).toHaveLength(2);
    const rec = await call(issuer.url, 'GET', `/credentials/${list.body.items[0].key}`, { token: apiKey });
    expect(JSON.stringify(rec.body.verifiableCredential)).toContain('2.5');
  });

  it('uploading the same cohort again is refused with the duplicate rows named; nothing is stored', async () => {
    const before = (await issuer.services.ctx.store.list('batches')).length;
    const withCopy = `${FILE}\r\n${row('Siti Rahmawati', '19860926 201505 2 001', 'siti@example.go.id')}\r\n${row('Dewi Lestari', '198812032014022003', 'dewi@example.go.id')}`;
    const res = await upload(withCopy, 'check');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DUPLICATES_FOUND');
    expect(res.body.messageId).toMatch(/duplicates=skip/);
    expect(res.body.details.map((d: Loose) => [d.row, d.name, Boolean(d.credentialId), d.sameAsRow])).toEqual([
      [1, 'Siti Rahmawati', true, undefined],
      [2, 'Budi Santoso', true, undefined],
      [3, 'Siti Rahmawati', false, 1],
    ]);
    expect(JSON.stringify(res.body)).not.toContain('198609262015052001');
    expect((await issuer.services.ctx.store.list('batches')).length).toBe(before);

    // Skip: the repeated rows fail as DUPLICATE_CREDENTIAL, the new learner is issued.
    const skipped = await upload(withCopy, 'skip');
    expect(skipped.status).toBe(202);
    const job = await finished(skipped.body.id);
    expect(job).toMatchObject({ done: 1, failed: 3 });
    const failed = await call(issuer.url, 'GET', `/batches/${skipped.body.id}/rows?state=failed`, { token: apiKey });
    expect(failed.body.rows.map((r: Loose) => [r.row, r.errors[0].code])).toEqual([[1, 'DUPLICATE_CREDENTIAL'], [2, 'DUPLICATE_CREDENTIAL'], [3, 'DUPLICATE_CREDENTIAL']]);

    // A learner twice in one upload, new to this provider: the rows are issued together
    // (one chunk, one commit), and the repeat is still caught, naming the first row.
    const twice = [HEADER, row('Rudi Hartono', '199001012019031004', ''), row('Rudi Hartono', '199001012019031004', '')].join('\n');
    const both = await upload(twice, 'skip');
    expect(await finished(both.body.id)).toMatchObject({ done: 1, failed: 1 });
    const repeat = await call(issuer.url, 'GET', `/batches/${both.body.id}/rows?state=failed`, { token: apiKey });
    expect(repeat.body.rows.map((r: Loose) => [r.row, r.errors[0].code, r.errors[0].sameAsRow])).toEqual([[2, 'DUPLICATE_CREDENTIAL', 1]]);

    // Issue anyway, on purpose.
    const forced = await upload([HEADER, row('Siti Rahmawati', '198609262015052001', '')].join('\n'), 'issue');
    expect(forced.status).toBe(202);
    expect(await finished(forced.body.id)).toMatchObject({ done: 1, failed: 0 });
    expect((await upload(FILE, 'sometimes')).body.code).toBe('VALIDATION_FAILED');
  });

  it('the results file names row, learner, email, claim link and certificate link; ; on request', async () => {
    const res = await call(issuer.url, 'GET', `/batches/${firstJob}/results.csv`, { token: apiKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(res.body).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('row,name,email,state,credentialId,claimLink,certificateLink,errors');
    const cells = lines[1]?.split(',') ?? [];
    expect(cells.slice(0, 4)).toEqual(['1', 'Siti Rahmawati', 'siti@example.go.id', 'issued']);
    expect(cells[4]).toMatch(/^urn:uuid:/);
    expect(cells[5]).toContain('/claims/');
    expect(cells[6]).toContain('/certificates/');
    expect(lines).toHaveLength(3);
    expect(String(res.body)).not.toContain('198609262015052001');
    const semi = await download(`/batches/${firstJob}/results.csv?separator=semicolon`);
    expect([...semi.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads UTF-8
    expect(Buffer.from(semi.bytes.subarray(3)).toString('utf8').split('\r\n')[0]).toBe('row;name;email;state;credentialId;claimLink;certificateLink;errors');
    expect((await call(issuer.url, 'GET', `/batches/${firstJob}/results.csv?separator=tab`, { token: apiKey })).body.code).toBe('REQUEST_INVALID');
    expect((await call(issuer.url, 'GET', `/batches/${firstJob}/results.csv`, { token: otherKey })).status).toBe(404);
    expect((await call(issuer.url, 'GET', `/batches/${firstJob}/results.csv`)).status).toBe(401);
  });

  it('every certificate of the cohort as one ZIP of PDFs', async () => {
    const res = await download(`/batches/${firstJob}/certificates.zip`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/zip');
    const files = unzipSync(res.bytes);
    expect(Object.keys(files).sort()).toEqual(['000001-Siti-Rahmawati.pdf', '000002-Budi-Santoso.pdf']);
    for (const f of Object.values(files)) expect(Buffer.from(f.subarray(0, 5)).toString()).toBe('%PDF-');
    expect((await download(`/batches/${firstJob}/certificates.zip`, otherKey)).status).toBe(404);
  });

  it('the ZIP waits for a slow client: the next certificate is drawn only once the last one is taken', async () => {
    const providerId = 'cohort-prov';
    let paused = true;
    let received = 0;
    const held: Array<() => void> = [];
    const chunks: Uint8Array[] = [];
    // A client that reads nothing until told: a real stream with a small buffer.
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        chunks.push(new Uint8Array(chunk));
        received += chunk.length;
        if (paused) held.push(done);
        else done();
      },
    });
    let finished = false;
    const zipping = issuer.services.cohortResults.zip(providerId, firstJob, slow).then(() => void (finished = true));
    // Wait until nothing more arrives: the producer is waiting for the client.
    let last = -1;
    while (received !== last) {
      last = received;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(finished).toBe(false);
    const whileHeld = received;
    paused = false;
    for (const done of held.splice(0)) done();
    await zipping;
    expect(received).toBeGreaterThan(whileHeld);
    const files = unzipSync(Buffer.concat(chunks));
    expect(Object.keys(files).sort()).toEqual(['000001-Siti-Rahmawati.pdf', '000002-Budi-Santoso.pdf']);

    // A client that goes away: the ZIP stops with DOWNLOAD_CLOSED instead of drawing on.
    const gone = new Writable({ highWaterMark: 1024, write(_c, _e, _done) { /* never taken */ } });
    const stopped = issuer.services.cohortResults.zip(providerId, firstJob, gone);
    await new Promise((r) => setTimeout(r, 300));
    gone.destroy();
    await expect(stopped).rejects.toMatchObject({ code: 'DOWNLOAD_CLOSED' });
  });

  it('a field error lists the allowed values: the learning paths of the given mode', async () => {
    const res = await upload([HEADER, row('Ayu', '199001152018012003', '', 'webinar', 'klasikal'), row('Rudi', '199001152018012003', '', 'kuliah', 'nonklasikal')].join('\n'), 'check');
    expect(res.status).toBe(202);
    await finished(res.body.id);
    const failed = (await call(issuer.url, 'GET', `/batches/${res.body.id}/rows?state=failed`, { token: apiKey })).body.rows as Loose[];
    const pathError = (r: Loose) => r.errors.find((e: Loose) => e.field === 'learningPath');
    expect(pathError(failed[0]).allowed).toEqual(['pelatihan', 'seminar', 'kursus', 'penataran', 'bimbingan-teknis', 'sosialisasi']);
    expect(pathError(failed[0]).message.id).toContain('Pilihan untuk klasikal: pelatihan, seminar');
    expect(pathError(failed[1]).allowed).toContain('webinar');
    expect(pathError(failed[1]).message.en).toContain('Allowed for nonklasikal: e-learning, webinar');
  });

  it('a single issue refuses a duplicate when asked (duplicates=refuse), and issues by default', async () => {
    const body = learningInput({ learner: { name: 'Siti Rahmawati', nip: '198609262015052001' } });
    expect((await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body })).status).toBe(201);
    const again = await call(issuer.url, 'POST', '/learning-credentials?duplicates=refuse', { token: apiKey, body });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE_CREDENTIAL');
    expect(again.body.details[0].credentialId).toMatch(/^urn:uuid:/);
    expect(again.body.messageId).toMatch(/sudah menerima/);
    // Another provider's award is not a duplicate of this provider's.
    expect((await call(issuer.url, 'POST', '/learning-credentials?duplicates=refuse', { token: otherKey, body })).status).toBe(201);
  });

  it('a retry with the same Idempotency-Key replays the first answer: it is not a duplicate of its own credential', async () => {
    const body = learningInput({ learner: { name: 'Dewi Lestari', nip: '198812032014022003' } });
    const url = '/learning-credentials?duplicates=refuse';
    const first = await call(issuer.url, 'POST', url, { token: apiKey, body, headers: { 'idempotency-key': 'portal-submit-7' } });
    expect(first.status).toBe(201);
    // The portal's double submit, or an LMS retrying after a lost answer.
    const retry = await call(issuer.url, 'POST', url, { token: apiKey, body, headers: { 'idempotency-key': 'portal-submit-7' } });
    expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(retry.body.verifiableCredential.id).toBe(first.body.verifiableCredential.id);
    expect(retry.body.claimOffer).toEqual(first.body.claimOffer);
    // The same key for another request is still refused as such, and a new key is a new
    // request, which the duplicate check refuses.
    const other = await call(issuer.url, 'POST', url, { token: apiKey, body: { ...body, jp: Number(body.jp) + 1 }, headers: { 'idempotency-key': 'portal-submit-7' } });
    expect([other.status, other.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    const fresh = await call(issuer.url, 'POST', url, { token: apiKey, body, headers: { 'idempotency-key': 'portal-submit-8' } });
    expect([fresh.status, fresh.body.code]).toEqual([409, 'DUPLICATE_CREDENTIAL']);
  });
});
