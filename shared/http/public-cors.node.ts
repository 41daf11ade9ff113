/**
 * Node-only: CORS for the public, cookie-less routes the browser wallet calls from its own
 * origin (DID documents, status lists, registry, claim exchange, presentation relay).
 * Any origin may read them — they are public or protected by bearer secrets in the URL
 * and signatures, never by cookies — so `*` without credentials is enough and safe.
 * Routes with sessions or API keys do not get these headers.
 */
import type { RequestHandler } from 'express';

export function publicCors(paths: RegExp, methods: readonly string[]): RequestHandler {
  const allow = [...new Set([...methods, 'OPTIONS'])].join(', ');
  return (req, res, next) => {
    if (!paths.test(req.path)) {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', allow);
    res.setHeader('Access-Control-Allow-Headers', 'content-type, accept');
    res.setHeader('Access-Control-Max-Age', '600');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
