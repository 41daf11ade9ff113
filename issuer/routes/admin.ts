/** LAN curation routes (admin token): providers, their keys, LAN's key, the audit log. */
import { Router } from 'express';
import type { RequestHandler } from 'express';
import type { IssuerServices } from '../services/index.js';
import { callerOf, requireAdmin } from '../http/auth.js';
import { parseBody, registerProviderSchema, updateScopeSchema } from '../http/schemas.js';
import { LAN } from '../services/keys.js';
import { statsRoutes } from './stats.js';

export function adminRoutes(s: IssuerServices, json: RequestHandler[]): Router {
  const r = Router();
  r.use(requireAdmin);
  r.use(statsRoutes(s));

  r.post('/providers', ...json, async (req, res) => {
    const input = parseBody(registerProviderSchema, req.body);
    const p = await s.curation.register(input, callerOf(res).actor);
    res.status(201).location(`/admin/providers/${p.id}`).json(p);
  });
  r.get('/providers', async (_req, res) => {
    res.json({ providers: await s.curation.list() });
  });
  r.get('/providers/:providerId', async (req, res) => {
    const p = await s.curation.require(req.params.providerId);
    res.json({ ...p, keys: await s.keys.listKeys(p.id) });
  });
  r.patch('/providers/:providerId/scope', ...json, async (req, res) => {
    const change = parseBody(updateScopeSchema, req.body);
    res.json(await s.curation.updateScope(req.params.providerId as string, change, callerOf(res).actor));
  });
  for (const [action, to] of [['suspend', 'suspended'], ['reinstate', 'active'], ['withdraw', 'withdrawn']] as const) {
    r.post(`/providers/:providerId/${action}`, async (req, res) => {
      res.json(await s.curation.setStatus(req.params.providerId as string, to, callerOf(res).actor));
    });
  }
  r.get('/providers/:providerId/keys', async (req, res) => {
    const p = await s.curation.require(req.params.providerId as string);
    res.json({ keys: await s.keys.listKeys(p.id) });
  });
  r.post('/providers/:providerId/keys/rotate', async (req, res) => {
    const p = await s.curation.require(req.params.providerId as string);
    const actor = callerOf(res).actor;
    res.status(201).json(await s.keys.rotate(p.id, [s.audit.entry(actor, 'key.rotated', p.did)]));
  });
  r.post('/providers/:providerId/keys/:keyId/compromised', async (req, res) => {
    const p = await s.curation.require(req.params.providerId as string);
    await s.keys.markCompromised(p.id, req.params.keyId as string, [s.audit.entry(callerOf(res).actor, 'key.compromised', `${p.did}#${req.params.keyId}`)]);
    res.json({ keys: await s.keys.listKeys(p.id) });
  });
  r.post('/keys/rotate', async (_req, res) => {
    res.status(201).json(await s.keys.rotate(LAN, [s.audit.entry(callerOf(res).actor, 'key.rotated', s.keys.didOf(LAN))]));
  });
  r.get('/audit', async (req, res) => {
    const after = typeof req.query.after === 'string' ? req.query.after : undefined;
    const limit = Number(req.query.limit ?? 100);
    res.json({ entries: await s.audit.list({ ...(after ? { after } : {}), limit: Number.isSafeInteger(limit) && limit > 0 ? limit : 100 }) });
  });
  return r;
}
