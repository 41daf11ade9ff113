/**
 * Who is calling. `Authorization: Bearer <token>`: the LAN admin token, or a provider API
 * key. Every state-changing route requires one and checks it is allowed for the target
 * provider. The token is compared in constant time and never logged.
 *
 * The refusals carry no status of their own: the error middleware maps UNAUTHENTICATED,
 * FORBIDDEN and RATE_LIMITED to 401, 403 and 429 (http/errors.ts), one table for all.
 */
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../services/audit.js';
import type { ApiKeyRole } from '../services/api-keys.js';
import type { ApiKeyService } from '../services/api-keys.js';
import { safeEqual } from '../services/crypto.node.js';

export interface Caller {
  actor: Actor;
  role: 'lan-admin' | ApiKeyRole;
  providerId?: string;
}

export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new AppError('UNAUTHENTICATED', 'Authentication required.');
  return caller;
}

function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S{1,200})$/i.exec(h) : null;
  return m?.[1];
}

export function authenticate(adminToken: string, apiKeys: ApiKeyService, isProviderUsable: (id: string) => Promise<boolean>): RequestHandler {
  return async (req, res, next) => {
    const token = bearer(req);
    if (!token) throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <admin token or API key>.');
    if (safeEqual(token, adminToken)) {
      res.locals.caller = { actor: { kind: 'admin', id: 'admin' }, role: 'lan-admin' } satisfies Caller;
      return next();
    }
    const key = await apiKeys.authenticate(token);
    // A withdrawn provider's keys stop working at once (suspension is checked per action).
    if (!key || !(await isProviderUsable(key.providerId))) throw new AppError('UNAUTHENTICATED', 'Unknown, revoked or disabled API key.');
    res.locals.caller = { actor: { kind: 'provider', id: key.id, providerId: key.providerId }, role: key.role, providerId: key.providerId } satisfies Caller;
    next();
  };
}

export const requireAdmin: RequestHandler = (_req, res, next) => {
  if (callerOf(res).role !== 'lan-admin') throw new AppError('FORBIDDEN', 'Only the LAN administrator may do this.');
  next();
};

/** A provider API key (any role). The provider is always the key's own. */
export const requireProviderKey: RequestHandler = (_req, res, next) => {
  const c = callerOf(res);
  if (!c.providerId) throw new AppError('FORBIDDEN', 'Use a provider API key: LAN does not issue as a provider.');
  next();
};

/** LAN admin, or an `admin` API key of the provider named in the path. */
export const requireProviderAdmin: RequestHandler = (req, res, next) => {
  const c = callerOf(res);
  if (c.role === 'lan-admin') return next();
  if (c.role === 'admin' && c.providerId === req.params.providerId) return next();
  throw new AppError('FORBIDDEN', 'Only LAN or this provider’s admin key may manage its keys.');
};

/** Per-caller rate limit (API key id, or admin); 429 with Retry-After, before any work. */
export function rateLimitPerCaller(windowMs: number, limit: number): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_req, res) => `caller:${callerOf(res).actor.id}`,
    handler: (req, res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : Math.ceil(windowMs / 1000);
      res.setHeader('Retry-After', String(seconds));
      next(new AppError('RATE_LIMITED', 'Too many requests for this API key.', { details: { retryAfterSeconds: seconds } }));
    },
  });
}
