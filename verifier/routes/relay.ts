/** The presentation relay: open, upload once, fetch once. */
import { Router } from 'express';
import type { Services } from '../services/index.js';

export function relayRoutes(s: Services): Router {
  const r = Router();
  r.post('/relay', async (_req, res) => {
    res.status(201).json(await s.relay.open());
  });
  r.put('/relay/:id', async (req, res) => {
    res.status(200).json(await s.relay.upload(String(req.params.id), req.body));
  });
  r.get('/relay/:id/blob', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json(await s.relay.take(String(req.params.id)));
  });
  return r;
}
