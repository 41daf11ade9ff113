/**
 * Cohort CSV is parsed while it streams in (issue 7 item 5: a 49 MB CSV of commas took the
 * issuer from 127 MB to 2 GB). The caps — bytes, rows, cells per row, characters per cell —
 * refuse a hostile upload as soon as it crosses them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, CsvRecordReader, MAX_CSV_CELLS_PER_ROW } from '../../issuer/services/csv.js';
import { call, setupProvider, startIssuer } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';

function read(text: string, chunk: number, maxRows = 100): unknown[] {
  const reader = new CsvRecordReader(maxRows);
  for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
  return reader.end();
}

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('CSV record reader', () => {
  const text = '\uFEFFname,nip,courseName,criteria\r\n'
    + '"Rahmawati, Siti",198609262015052001,"Kursus ""A""","baris 1\r\nbaris 2"\r\n'
    + '\r\n'
    + 'Budi,199001152019031002,Kursus B,\n';

  it.each([1, 2, 3, 7, 1000])('gives the same records in chunks of %i characters (quotes, CRLF, BOM across chunks)', (n) => {
    expect(read(text, n)).toEqual([
      { learner: { name: 'Rahmawati, Siti', nip: '198609262015052001' }, course: { name: { id: 'Kursus "A"' }, criteria: 'baris 1\r\nbaris 2' } },
      { learner: { name: 'Budi', nip: '199001152019031002' }, course: { name: { id: 'Kursus B' } } },
    ]);
  });

  it('refuses a row wider than the cap as soon as it is seen', () => {
    const reader = new CsvRecordReader(100);
    expect(codeOf(() => reader.push(','.repeat(MAX_CSV_CELLS_PER_ROW + 1)))).toBe('CSV_ROW_TOO_WIDE');
  });

  it('refuses an overlong cell, too many rows, an unknown column and an open quote', () => {
    expect(codeOf(() => read(`name\n${'x'.repeat(10_001)}\n`, 4096))).toBe('CSV_CELL_TOO_LONG');
    expect(codeOf(() => read('name\na\nb\nc\nd\n', 3, 3))).toBe('BATCH_TOO_LARGE');
    expect(codeOf(() => read('name,favourite\n', 100))).toBe('CSV_UNKNOWN_COLUMN');
    expect(codeOf(() => read('name\n"open\n', 100))).toBe('CSV_SYNTAX');
  });
});

describe('POST /batches with text/csv', () => {
  let issuer: TestIssuer;
  let apiKey: string;
  beforeAll(async () => {
    issuer = await startIssuer({ batchBodyBytes: 60_000_000 });
    ({ apiKey } = await setupProvider(issuer.url, 'csv-prov'));
  });
  afterAll(async () => {
    await issuer.close();
  });

  it('a 49 MB CSV of commas is refused from its first kilobytes, before the upload ends', async () => {
    const total = 49 * 1024 * 1024;
    const piece = new TextEncoder().encode(','.repeat(64 * 1024));
    let sent = 0;
    let sentWhenAnswered = -1;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) {
          controller.close();
          return;
        }
        sent += piece.length;
        controller.enqueue(piece);
      },
    });
    const res = await fetch(`${issuer.url}/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    sentWhenAnswered = sent;
    const answer = (await res.json()) as Loose;
    expect(res.status).toBe(400);
    expect(answer.code).toBe('CSV_ROW_TOO_WIDE');
    expect(sentWhenAnswered).toBeLessThan(total);
    expect((await issuer.services.ctx.store.list('batchRows')).length).toBe(0);
  });

  it('a declared body above the byte cap is 413 without reading it', async () => {
    const small = await startIssuer({ batchBodyBytes: 1000 });
    try {
      const { apiKey: key } = await setupProvider(small.url, 'csv-small');
      const res = await call(small.url, 'POST', '/batches', { token: key, raw: `${CSV_COLUMNS.join(',')}\n${'x,'.repeat(600)}\n`, type: 'text/csv' });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('BODY_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  it('a well-formed CSV cohort (UTF-8 names) is still accepted', async () => {
    const csv = 'name,nip,courseName,courseDescription,competencyType,competencyCode,competencyLevel,jp,learningMode,learningPath,startDate,endDate\n'
      + 'Ni Luh Ayu Kadek Wéndy,198609262015052001,Pelatihan Integritas,Pelatihan,manajerial,M.01,3,16,klasikal,pelatihan,2025-03-01,2025-03-10\n';
    const res = await call(issuer.url, 'POST', '/batches', { token: apiKey, raw: csv, type: 'text/csv' });
    expect(res.status).toBe(202);
    expect(res.body.total).toBe(1);
    expect(res.body.failed).toBe(0);
  });
});
