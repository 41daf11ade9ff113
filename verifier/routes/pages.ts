/** The HR page, its assets, the OpenAPI document and the Swagger UI (all served locally). */
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import helmet from 'helmet';
import { faviconRoutes } from '../../shared/web/favicon.node.js';
import { openApiDocument } from '../openapi.js';
import { loadWebAssets } from '../web/bundle.node.js';

const DOCS_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verifier API</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body></html>`;
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });`;

export function pageRoutes(publicUrl: string): Router {
  const r = Router();
  const page = async (_req: express.Request, res: express.Response) => {
    const a = await loadWebAssets();
    // The relay page holds a one-time link: never cache it.
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(a.html);
  };
  r.get('/', page);
  r.get('/p/:id', page);
  r.get('/lan', page);
  r.use(faviconRoutes());
  r.get('/assets/app.js', async (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'no-cache');
    res.send((await loadWebAssets()).js);
  });
  r.get('/assets/app.css', async (_req, res) => {
    res.type('text/css').setHeader('cache-control', 'no-cache');
    res.send((await loadWebAssets()).css);
  });

  r.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(publicUrl));
  });
  // Swagger UI sets inline styles; only its pages get the relaxed style policy.
  const docsCsp = helmet.contentSecurityPolicy({
    useDefaults: true,
    directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
  });
  r.get('/docs', docsCsp, (_req, res) => {
    res.type('html').send(DOCS_HTML);
  });
  r.get('/docs/init.js', (_req, res) => {
    res.type('text/javascript').send(DOCS_INIT);
  });
  const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  r.use('/docs', docsCsp, express.static(swaggerDir, { index: false }));
  return r;
}
