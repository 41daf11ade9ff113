/**
 * The verifier's express app: VC API verification, the presentation relay, accounts, the
 * recognition ledger and reports, the HR page and the API docs. `server.ts` reads the
 * environment and listens; tests build the app the same way with their own deps.
 */
import express from 'express';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { publicCors } from '../shared/http/public-cors.node.js';
import type { Logger } from 'pino';
import type { FetchLike } from '../shared/fetch/index.js';
import { requireSession } from './http/auth.js';
import { errorHandler } from './http/errors.js';
import { jsonBody } from './http/json-body.js';
import { accountRoutes } from './routes/accounts.js';
import { ledgerRoutes } from './routes/ledger.js';
import { nationalRoutes } from './routes/national.js';
import { pageRoutes } from './routes/pages.js';
import { relayRoutes } from './routes/relay.js';
import { rosterRoutes } from './routes/roster.js';
import { shareRoutes } from './routes/share.js';
import { siasnExportRoutes } from './routes/siasn-export.js';
import { verifyRoutes } from './routes/verify.js';
import type { VerifierSettings } from './services/context.js';
import { createServices } from './services/index.js';
import type { Services } from './services/index.js';
import type { KvStore } from './store/kv.js';

export interface VerifierDeps {
  store: KvStore;
  settings: VerifierSettings;
  now: () => Date;
  fetch?: FetchLike;
  logger?: Logger;
  /** Prebuilt services (server.ts keeps them to run sweeps); built from the deps otherwise. */
  services?: Services;
}

/** Builds the verifier app. Nothing here reads the environment or the real clock. */
export function createVerifierApp(deps: VerifierDeps): express.Express {
  const services = deps.services ?? createServices({
    store: deps.store, now: deps.now, settings: deps.settings,
    ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const { settings } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Client IPs (rate limits) come from X-Forwarded-For only behind configured proxies.
  app.set('trust proxy', settings.trustProxyHops > 0 ? settings.trustProxyHops : false);
  app.set('query parser', 'simple');

  const https = new URL(settings.publicUrl).protocol === 'https:';
  app.use(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: https,
    referrerPolicy: { policy: 'no-referrer' },
  }));
  app.use((_req, res, next) => {
    res.setHeader('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
    next();
  });

  const limited = (limit: number): RequestHandler => rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, _next, opts) => {
      res.status(opts.statusCode).json({ code: 'RATE_LIMITED', message: 'Too many requests; try again later.' });
    },
  });
  const apiLimit = limited(settings.rateLimitPerMinute);
  const loginLimit = limited(Math.max(5, Math.floor(settings.rateLimitPerMinute / 10)));

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });

  // The wallet (another origin) opens relays and uploads to them; nothing with a session.
  app.use(publicCors(/^\/relay(\/[^/]+)?$/, ['POST', 'PUT']));

  // Every body is read through the capped strict-JSON reader; nothing else parses bodies.
  const body = jsonBody(settings.maxBodyBytes);
  app.use((req, res, next) => {
    if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
      const hasBody = req.headers['content-length'] !== '0' && (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined);
      if (!hasBody) {
        req.body = undefined;
        next();
        return;
      }
      void body(req, res, next).catch(next);
      return;
    }
    next();
  });

  const auth = requireSession(services.accounts, settings.publicUrl);
  app.use(apiLimit);
  app.use(verifyRoutes(services));
  app.use(relayRoutes(services));
  app.use(accountRoutes(services, auth, loginLimit));
  app.use(ledgerRoutes(services, auth));
  app.use(rosterRoutes(services, auth));
  app.use(siasnExportRoutes(services, auth));
  app.use(nationalRoutes(services));
  app.use(pageRoutes(settings.publicUrl));
  app.use(shareRoutes());

  app.use((_req, res) => {
    res.status(404).json({ code: 'NOT_FOUND', message: 'No such resource.' });
  });
  app.use(errorHandler(deps.logger));
  return app;
}

export { createServices };
export type { Services, VerifierSettings };
