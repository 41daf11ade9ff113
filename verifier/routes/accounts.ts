/** Agencies, accounts and sign-in. */
import { Router } from 'express';
import type { RequestHandler } from 'express';
import { AppError } from '../../shared/index.js';
import { sessionCookie, tokenOf, SESSION_COOKIE } from '../http/auth.js';
import { loginSchema, newAgencySchema, newUserSchema } from '../services/accounts.js';
import type { Services } from '../services/index.js';

export function accountRoutes(s: Services, auth: RequestHandler, loginLimit: RequestHandler): Router {
  const r = Router();
  const secure = new URL(s.ctx.settings.publicUrl).protocol === 'https:';

  r.post('/admin/agencies', loginLimit, async (req, res) => {
    const header = req.headers['x-bootstrap-token'];
    s.accounts.checkBootstrapToken(typeof header === 'string' ? header : undefined);
    res.status(201).json(await s.accounts.createAgency(newAgencySchema.parse(req.body)));
  });

  r.post('/users', auth, async (req, res) => {
    res.status(201).json(await s.accounts.createUser(req.session!, newUserSchema.parse(req.body)));
  });

  r.post('/auth/login', loginLimit, async (req, res) => {
    const { token, session } = await s.accounts.login(loginSchema.parse(req.body));
    res.setHeader('set-cookie', sessionCookie(token, s.ctx.settings.sessionTtlSeconds, secure));
    res.json({ token, session });
  });

  const ownOrigin = new URL(s.ctx.settings.publicUrl).origin;
  r.post('/auth/logout', async (req, res) => {
    const { token, viaCookie } = tokenOf(req);
    // Like every other cookie-authenticated write: another site must not sign the officer out.
    if (viaCookie && req.headers.origin !== undefined && req.headers.origin !== ownOrigin) {
      throw new AppError('FORBIDDEN', 'Cross-origin request refused.', { status: 403 });
    }
    await s.accounts.logout(token);
    res.setHeader('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    res.status(204).end();
  });

  r.get('/auth/me', auth, (req, res) => {
    res.json(req.session);
  });

  // For the page: "am I signed in?" is not an error either way.
  r.get('/auth/session', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ session: (await s.accounts.authenticate(tokenOf(req).token)) ?? null });
  });

  r.get('/audit', auth, async (req, res) => {
    if (req.session!.role !== 'admin') {
      res.status(403).json({ code: 'FORBIDDEN', message: 'Only an agency admin can read the audit log.' });
      return;
    }
    res.json({ entries: await s.audit.list(req.session!.agencyId) });
  });

  return r;
}
