/** LAN's issuance aggregates (admin token; mounted inside the admin routes). */
import { Router } from 'express';
import { AppError } from '../../shared/errors.js';
import { requireAdmin } from '../http/auth.js';
import type { IssuerServices } from '../services/index.js';

export function statsRoutes(s: IssuerServices): Router {
  const r = Router();
  r.get('/stats/issuance', requireAdmin, async (req, res) => {
    const q = req.query.year;
    if (q !== undefined && (typeof q !== 'string' || !/^\d{4}$/.test(q))) {
      throw new AppError('REQUEST_INVALID', '`year` must be four digits.', { status: 400, details: [{ field: 'year' }] });
    }
    res.setHeader('cache-control', 'no-store');
    res.json(await s.issuanceStats.stats(q === undefined ? undefined : Number(q)));
  });
  return r;
}
