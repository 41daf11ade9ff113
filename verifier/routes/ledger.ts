/** Recognition ledger and reports (signed-in HR staff of an agency). */
import { Router } from 'express';
import type { RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { AppError, isNipShaped } from '../../shared/index.js';
import { lookupSchema, recordSchema, searchSchema, voidSchema } from '../services/ledger.js';
import type { Recognition } from '../services/ledger.js';
import { jpReportCsv, recognitionsCsv } from '../services/reports.js';
import type { Services } from '../services/index.js';

/** What the API shows of a record: never the sealed NIP or the stored credential. */
function view(r: Recognition) {
  const { nipSealed: _s, nipHash: _h, credential: _c, ...rest } = r;
  return rest;
}

export function yearOf(q: unknown, now: Date): number {
  if (q === undefined) return now.getUTCFullYear();
  if (typeof q !== 'string' || !/^\d{4}$/.test(q)) throw new AppError('REQUEST_INVALID', '`year` must be four digits.', { status: 400, details: [{ field: 'year' }] });
  return Number(q);
}

export function formatOf(q: unknown): 'json' | 'csv' {
  if (q === undefined || q === 'json') return 'json';
  if (q === 'csv') return 'csv';
  throw new AppError('REQUEST_INVALID', '`format` must be json or csv.', { status: 400, details: [{ field: 'format' }] });
}

/**
 * The ledger records credentials, one by one. A presentation sent here gets a stable
 * answer instead of a schema error: an unsigned one proves no holder and is never a basis
 * for recognition; a signed one is verified through /presentations/verify first.
 */
function refusePresentation(body: unknown): void {
  if (typeof body !== 'object' || body === null || !('verifiablePresentation' in body)) return;
  const vp = (body as { verifiablePresentation?: unknown }).verifiablePresentation;
  const signed = typeof vp === 'object' && vp !== null && (vp as { proof?: unknown }).proof !== undefined;
  if (!signed) {
    throw new AppError('PRESENTATION_UNSIGNED', 'An unsigned presentation proves no holder; it is never recorded for recognition.', {
      status: 422, details: { field: 'verifiablePresentation' },
    });
  }
  throw new AppError('PRESENTATION_NOT_RECORDABLE', 'Recognitions are recorded per credential: verify the presentation at /presentations/verify, then send each credential as verifiableCredential.', {
    status: 422, details: { field: 'verifiablePresentation' },
  });
}

export function ledgerRoutes(s: Services, auth: RequestHandler): Router {
  const r = Router();

  r.post('/recognitions', auth, async (req, res) => {
    refusePresentation(req.body);
    const rec = await s.ledger.record(req.session!, recordSchema.parse(req.body));
    res.status(201).location(`/recognitions/${rec.id}`).json(view(rec));
  });

  r.get('/recognitions', auth, async (req, res) => {
    const format = formatOf(req.query.format);
    const year = req.query.year === undefined ? undefined : yearOf(req.query.year, s.ctx.now());
    const records = (await s.ledger.listForAgency(req.session!.agencyId)).filter((x) => year === undefined || x.period.year === year);
    res.setHeader('cache-control', 'no-store');
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`pengakuan-${req.session!.agencyId}${year ? `-${year}` : ''}.csv`);
      res.send(recognitionsCsv(records.map((x) => ({ ...x, nip: s.ledger.nipOf(x) }))));
      return;
    }
    // The JSON export, like the CSV, carries the full NIP: it is for the agency's HR system.
    res.json({ agencyId: req.session!.agencyId, recognitions: records.map((x) => ({ ...view(x), nip: s.ledger.nipOf(x) })) });
  });

  // Before recording: is this award already in the ledger? (Registered before `/:id`.)
  r.get('/recognitions/lookup', auth, async (req, res) => {
    const found = await s.ledger.lookup(req.session!, lookupSchema.parse(req.query));
    res.setHeader('cache-control', 'no-store');
    res.json(found.recorded && found.inYourAgency ? { ...found, recognition: view(found.recognition) } : found);
  });

  // Ledger search and one ASN's history, for the page: masked NIPs only (no export).
  const search = async (agencyId: string, input: z.infer<typeof searchSchema>, res: Response): Promise<void> => {
    const { records, total } = await s.ledger.search(agencyId, input);
    res.setHeader('cache-control', 'no-store');
    res.json({ total, records: records.map((x) => ({ ...view(x), asnRef: x.nipHash.slice(0, 16) })) });
  };
  // POST, so a NIP searched for travels in the body: proxies and access logs keep URLs.
  r.post('/ledger/search', auth, async (req, res) => {
    await search(req.session!.agencyId, searchSchema.parse(req.body ?? {}), res);
  });
  r.get('/ledger', auth, async (req, res) => {
    const input = searchSchema.parse(req.query);
    if (isNipShaped(input.q)) {
      throw new AppError('NIP_IN_URL', 'A NIP does not belong in a URL (proxies and logs keep URLs): search for it with POST /ledger/search.', { status: 400 });
    }
    await search(req.session!.agencyId, input, res);
  });

  r.get('/recognitions/:id', auth, async (req, res) => {
    res.json(view(await s.ledger.get(req.session!, String(req.params.id))));
  });

  r.post('/recognitions/:id/void', auth, async (req, res) => {
    res.json(view(await s.ledger.void(req.session!, String(req.params.id), voidSchema.parse(req.body))));
  });

  r.get('/reports/jp', auth, async (req, res) => {
    const format = formatOf(req.query.format);
    const year = yearOf(req.query.year, s.ctx.now());
    const report = await s.reports.jpReport(req.session!.agencyId, year, { recheck: req.query.recheck !== '0' });
    res.setHeader('cache-control', 'no-store');
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`jp-${req.session!.agencyId}-${year}.csv`).send(jpReportCsv(report));
      return;
    }
    res.json(report);
  });

  return r;
}
