/** LAN's national view (aggregates only), behind LAN's own token. */
import { Router } from 'express';
import type { Services } from '../services/index.js';
import { yearOf } from './ledger.js';

export function nationalRoutes(s: Services): Router {
  const r = Router();
  r.get('/national', async (req, res) => {
    const header = req.headers['x-lan-token'];
    s.national.checkLanToken(typeof header === 'string' ? header : undefined);
    const year = yearOf(req.query.year, s.ctx.now());
    res.setHeader('cache-control', 'no-store');
    res.json(await s.national.view(year));
  });
  return r;
}
