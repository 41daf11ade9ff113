/**
 * Node-only: the apps' icon for the issuer and verifier pages (`/favicon.ico`, which every
 * browser asks for, and `/favicon.svg`), so no page shows a 404 in the console. The files
 * are drawn by scripts/make-icons.ts; the wallet bundles the same ones (its vite.config.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';

export const ICONS_DIR = fileURLToPath(new URL('./icons/', import.meta.url));

export function faviconRoutes(): Router {
  const r = Router();
  const ico = readFileSync(new URL('./icons/favicon.ico', import.meta.url));
  const svg = readFileSync(new URL('./icons/icon.svg', import.meta.url));
  r.get('/favicon.ico', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.type('image/x-icon').send(ico);
  });
  r.get('/favicon.svg', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.type('image/svg+xml').send(svg);
  });
  return r;
}
