/** The agency's roster (admin loads it) and the duty report built on it (agency staff). */
import { Router } from 'express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Services } from '../services/index.js';
import { formatOf, yearOf } from './ledger.js';

/** The CSV travels as a JSON string: every body goes through the one capped strict reader. */
export const rosterUploadSchema = z.object({ csv: z.string().min(1).max(50_000_000) }).strict();

export function rosterRoutes(s: Services, auth: RequestHandler): Router {
  const r = Router();

  r.put('/roster', auth, async (req, res) => {
    const meta = await s.roster.load(req.session!, rosterUploadSchema.parse(req.body).csv);
    res.json({ roster: meta });
  });

  r.get('/roster', auth, async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ roster: (await s.roster.meta(req.session!.agencyId)) ?? null });
  });

  r.get('/reports/duty', auth, async (req, res) => {
    const format = formatOf(req.query.format);
    const year = yearOf(req.query.year, s.ctx.now());
    const agencyId = req.session!.agencyId;
    const report = await s.roster.report(agencyId, year, { recheck: req.query.recheck !== '0' });
    res.setHeader('cache-control', 'no-store');
    if (format === 'csv') {
      // The list HR works from: who still owes JP, with the full NIP, for the agency only.
      res.type('text/csv; charset=utf-8').attachment(`belum-memenuhi-jp-${agencyId}-${year}.csv`).send(await s.roster.notMetCsv(agencyId, year));
      return;
    }
    res.json(report);
  });

  return r;
}
