/**
 * The provider portal: a page for training-provider staff (issue one credential, upload a
 * cohort, revoke/suspend/reinstate) that calls the ordinary provider API with the API key
 * the user pastes. The page and its assets are public (they hold no data); the one API
 * route here, `GET /portal/api/whoami`, tells a key's holder which provider it belongs to
 * and runs behind the same guard (authentication + per-caller rate limit) as the provider
 * routes.
 */
import { Router } from 'express';
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { callerOf, requireProviderKey } from '../http/auth.js';
import type { IssuerServices } from '../services/index.js';
import { loadPortalAssets } from '../web/bundle.node.js';

export function portalRoutes(s: IssuerServices, guard: RequestHandler[], publicUrl: string): Router {
  const r = Router();
  // Stricter than the app-wide policy: no inline styles either; blob: images are not needed.
  const csp = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      ...(publicUrl.startsWith('https://') ? { 'upgrade-insecure-requests': [] } : {}),
    },
  });
  const noStore = (res: Response): void => {
    res.setHeader('cache-control', 'no-store');
  };

  r.get('/portal', csp, async (_req, res) => {
    const a = await loadPortalAssets();
    noStore(res);
    res.type('html').send(a.html);
  });
  r.get('/portal/assets/app.js', async (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'no-cache');
    res.send((await loadPortalAssets()).js);
  });
  r.get('/portal/assets/app.css', async (_req, res) => {
    res.type('text/css').setHeader('cache-control', 'no-cache');
    res.send((await loadPortalAssets()).css);
  });

  r.get('/portal/api/whoami', ...guard, requireProviderKey, async (_req, res) => {
    const caller = callerOf(res);
    const p = await s.curation.require(caller.providerId as string);
    noStore(res);
    res.json({ providerId: p.id, name: p.name, status: p.status, grade: p.grade, role: caller.role, email: s.claimMail.configured });
  });
  return r;
}
