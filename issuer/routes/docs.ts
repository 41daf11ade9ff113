/**
 * `/openapi.json` and interactive docs at `/docs`, served from swagger-ui-dist's files
 * (no CDN). Our own page and initializer replace the package's, which point at a demo API.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import { buildOpenApi } from '../openapi.js';

const PAGE = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>ASN Kredensial — API penerbit / Issuer API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

export function docsRoutes(publicUrl: string): Router {
  const r = Router();
  const spec = JSON.stringify(buildOpenApi(publicUrl));
  const dist = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  r.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(spec);
  });
  r.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  r.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  r.use('/docs/assets', express.static(dist, { index: false, maxAge: '1d' }));
  return r;
}
