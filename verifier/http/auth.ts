/**
 * Session authentication for HR officers: a random token in an HttpOnly, SameSite=Strict
 * cookie (the page) or an `Authorization: Bearer` header (API clients). State-changing
 * requests carrying the cookie must come from our own origin when the browser says where
 * they come from (Origin header), on top of SameSite and the JSON-only bodies.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/index.js';
import type { AccountService, Session } from '../services/accounts.js';

export const SESSION_COOKIE = 'vsession';

declare module 'express-serve-static-core' {
  interface Request {
    session?: Session;
  }
}

export function tokenOf(req: Request): { token?: string; viaCookie: boolean } {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), viaCookie: false };
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) {
      // A malformed cookie (planted by a sibling site, say) is no session, not a server error.
      try {
        return { token: decodeURIComponent(v.join('=')), viaCookie: true };
      } catch {
        return { viaCookie: true };
      }
    }
  }
  return { viaCookie: false };
}

export function requireSession(accounts: AccountService, publicUrl: string) {
  const ownOrigin = new URL(publicUrl).origin;
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const { token, viaCookie } = tokenOf(req);
    const session = await accounts.authenticate(token);
    if (!session) throw new AppError('UNAUTHORIZED', 'Please sign in.', { status: 401 });
    const origin = req.headers.origin;
    if (viaCookie && req.method !== 'GET' && req.method !== 'HEAD' && origin !== undefined && origin !== ownOrigin) {
      throw new AppError('FORBIDDEN', 'Cross-origin request refused.', { status: 403 });
    }
    req.session = session;
    next();
  };
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}
