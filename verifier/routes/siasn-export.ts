/** The SIASN-ready export of the agency's recognised learning (signed-in agency staff). */
import { Router } from 'express';
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/index.js';
import type { Services } from '../services/index.js';
import { SIASN_EXPORT_MAX_LIMIT, siasnCsv } from '../services/siasn-export.js';
import type { SiasnExport } from '../services/siasn-export.js';
import { formatOf } from './ledger.js';

export const siasnNextSchema = z.object({
  since: z.string().max(10).optional(),
  limit: z.number().int().min(1).max(SIASN_EXPORT_MAX_LIMIT).optional(),
  format: z.enum(['json', 'csv']).optional(),
}).strict();

function limitOf(q: unknown): number | undefined {
  if (q === undefined) return undefined;
  const n = typeof q === 'string' && /^\d{1,5}$/.test(q) ? Number(q) : NaN;
  if (!(n >= 1 && n <= SIASN_EXPORT_MAX_LIMIT)) throw new AppError('REQUEST_INVALID', `\`limit\` must be 1–${SIASN_EXPORT_MAX_LIMIT}.`, { status: 400, details: [{ field: 'limit' }] });
  return n;
}

function send(res: Response, out: SiasnExport, format: 'json' | 'csv'): void {
  res.setHeader('cache-control', 'no-store');
  if (format === 'json') {
    res.json(out);
    return;
  }
  // The CSV has no room for the cursor: it travels in headers.
  if (out.nextCursor) res.setHeader('x-export-cursor', out.nextCursor);
  res.setHeader('x-export-has-more', String(out.hasMore));
  res.type('text/csv; charset=utf-8').attachment(`siasn-riwayat-kursus-${out.agencyId}-${out.generatedAt.slice(0, 10)}.csv`).send(siasnCsv(out));
}

export function siasnExportRoutes(s: Services, auth: RequestHandler): Router {
  const r = Router();

  // Read-only: since a date, or after a cursor; the agency's stored cursor is not moved.
  r.get('/exports/siasn', auth, async (req, res) => {
    const format = formatOf(req.query.format);
    const str = (v: unknown, field: string) => {
      if (v !== undefined && typeof v !== 'string') throw new AppError('REQUEST_INVALID', `\`${field}\` must be given once.`, { status: 400, details: [{ field }] });
      return v;
    };
    const since = str(req.query.since, 'since');
    const cursor = str(req.query.cursor, 'cursor');
    const limit = limitOf(req.query.limit);
    if (req.query.recheck !== '0') await s.ledger.recheck(req.session!.agencyId);
    const out = await s.siasnExport.read(req.session!.agencyId, { ...(since !== undefined ? { since } : {}), ...(cursor !== undefined ? { cursor } : {}), ...(limit ? { limit } : {}) });
    send(res, out, format);
  });

  // "Since the last export": advances the agency's stored cursor (state-changing, so POST).
  r.post('/exports/siasn', auth, async (req, res) => {
    const input = siasnNextSchema.parse(req.body ?? {});
    await s.ledger.recheck(req.session!.agencyId);
    const out = await s.siasnExport.next(req.session!, { ...(input.since !== undefined ? { since: input.since } : {}), ...(input.limit ? { limit: input.limit } : {}) });
    send(res, out, input.format ?? 'json');
  });

  return r;
}
