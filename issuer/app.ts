/**
 * The issuer's express app. `createIssuerApp(deps)` wires the use cases to thin routes;
 * only server.ts reads the environment and listens. Order matters: security headers,
 * then public routes, then admin/provider routes whose guard authenticates and rate-limits
 * BEFORE the body is parsed, so no work is done for an unauthorised or excess request.
 */
import express from 'express';
import type { Express } from 'express';
import helmet from 'helmet';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import type { Logger } from 'pino';
import { AppError } from '../shared/errors.js';
import { publicCors } from '../shared/http/public-cors.node.js';
import { faviconRoutes } from '../shared/web/favicon.node.js';
import { authenticate, rateLimitPerCaller } from './http/auth.js';
import { cohortBody, jsonBody } from './http/body.js';
import { errorMiddleware, notFound } from './http/errors.js';
import { adminRoutes } from './routes/admin.js';
import { docsRoutes } from './routes/docs.js';
import { holderRoutes } from './routes/holder.js';
import { portalRoutes } from './routes/portal.js';
import { providerRoutes } from './routes/provider.js';
import { publicRoutes } from './routes/public.js';
import { MAX_BATCH_ROWS } from './services/batches.js';
import { createIssuerServices } from './services/index.js';
import type { IssuerServices, ServicesDeps } from './services/index.js';

export interface IssuerLimits {
  /** Largest JSON body in bytes (single requests). */
  bodyBytes: number;
  /** Largest cohort upload in bytes. */
  batchBodyBytes: number;
  /** Deepest JSON nesting accepted. */
  maxDepth: number;
}

export interface IssuerDeps extends ServicesDeps {
  /** LAN's admin bearer token. */
  adminToken: string;
  limits?: Partial<IssuerLimits>;
  /** Requests per window per API key (and per IP on public claim routes). */
  rateLimit?: { windowMs: number; limit: number };
  /** Pass ready-made services (tests); otherwise they are built from deps. */
  services?: IssuerServices;
}

export const DEFAULT_LIMITS: IssuerLimits = { bodyBytes: 1_000_000, batchBodyBytes: 50_000_000, maxDepth: 32 };

/** Builds the app and its services; call `services.keys.ensureLanKey()` and `services.batches.start()` to run. */
export function createIssuer(deps: IssuerDeps): { app: Express; services: IssuerServices } {
  if (deps.adminToken.length < 16) throw new AppError('CONFIG_INVALID', 'The admin token must be at least 16 characters.');
  const services = deps.services ?? createIssuerServices(deps);
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const rl = deps.rateLimit ?? { windowMs: 60_000, limit: 600 };
  const log = deps.logger;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } },
      crossOriginResourcePolicy: { policy: 'cross-origin' }, // DID documents and status lists are fetched by other origins
    }),
  );
  app.use(requestLog(log));

  const json = jsonBody({ maxBytes: limits.bodyBytes, maxDepth: limits.maxDepth });
  const cohort = cohortBody({ maxBytes: limits.batchBodyBytes, maxDepth: limits.maxDepth, maxRows: MAX_BATCH_ROWS });
  const claimLimiter = rateLimit({
    windowMs: rl.windowMs,
    limit: rl.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (_req, res, next) => {
      res.setHeader('Retry-After', String(Math.ceil(rl.windowMs / 1000)));
      next(new AppError('RATE_LIMITED', 'Too many requests.', { status: 429 }));
    },
  });
  const guard = [
    authenticate(deps.adminToken, services.apiKeys, async (id) => (await services.curation.get(id))?.status !== 'withdrawn'),
    rateLimitPerCaller(rl.windowMs, rl.limit),
  ];

  // The wallet (another origin) reads DIDs, status lists, the registry and the context, and runs the claim exchange.
  app.use(publicCors(/^\/(\.well-known\/did\.json|providers\/[^/]+\/did\.json|status\/.+|registry|ns\/.+|claims\/[^/]+|holder\/certificate\.pdf)$/, ['GET', 'POST']));
  app.use(faviconRoutes());
  app.use(docsRoutes(deps.settings.publicUrl));
  app.use(publicRoutes(services, json, claimLimiter));
  app.use(holderRoutes(services, json, claimLimiter));
  app.use('/admin', ...guard, adminRoutes(services, json));
  app.use(providerRoutes(services, guard, json, cohort));
  app.use(portalRoutes(services, guard, deps.settings.publicUrl));
  app.use(notFound);
  app.use(errorMiddleware(log));
  return { app, services };
}

/** The express app alone (see `createIssuer` for the services behind it). */
export function createIssuerApp(deps: IssuerDeps): Express {
  return createIssuer(deps).app;
}

/** One line per request: method, path without query, status, duration. No headers, no bodies. */
function requestLog(log: Logger): express.RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      log.info({ method: req.method, path: redactPath(req.path), status: res.statusCode, ms: Number((process.hrtime.bigint() - start) / 1_000_000n) }, 'request');
    });
    next();
  };
}

/** Offer ids and certificate tokens are bearer secrets: they stay out of logs. */
function redactPath(p: string): string {
  return p.replace(/^\/(claims|certificates)\/[^/]+/, '/$1/:token').slice(0, 200);
}
