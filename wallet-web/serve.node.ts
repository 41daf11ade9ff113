/**
 * Serves the built wallet (Node only). `startWalletServer` builds wallet-web/dist with Vite
 * when it is missing (or when asked), then serves it as static files with a strict CSP and
 * a `config.json` carrying the deployment's issuer and verifier origins. The server holds
 * no state and sees nothing of the holder: keys and credentials stay in the browser.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DIST = path.join(HERE, 'dist');

export interface WalletServerOptions {
  port: number;
  host?: string;
  /** Origin of the issuer that publishes LAN's DID (trust anchor); also allowed for http fetches. */
  issuerOrigin?: string;
  /** Origin of the verifier whose relay carries presentations. */
  verifierOrigin?: string;
  /** Build even when dist/ exists (default: build only when missing). */
  rebuild?: boolean;
  distDir?: string;
}

/** Builds the wallet with Vite's programmatic API into `outDir`. */
export async function buildWallet(outDir = DEFAULT_DIST): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(HERE, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const u = new URL(value);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`Not an http(s) origin: ${value}`);
  return u.origin;
}

/**
 * The page's Content-Security-Policy: scripts and styles only from this origin (no inline
 * code at all), no frames, no plugins. `connect-src` allows any https issuer (a claim link
 * may come from any curated provider's issuer) plus the configured origins, which may be
 * plain http on a development machine.
 */
export function walletCsp(origins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self' https: ${origins.join(' ')}`.trim(),
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function createWalletApp(opts: { distDir: string; issuerOrigin?: string; verifierOrigin?: string }): express.Express {
  const issuerOrigin = originOf(opts.issuerOrigin);
  const verifierOrigin = originOf(opts.verifierOrigin);
  const csp = walletCsp([issuerOrigin, verifierOrigin].filter((o): o is string => Boolean(o)));
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    next();
  });
  app.get('/config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ...(issuerOrigin ? { issuerOrigin } : {}), ...(verifierOrigin ? { verifierOrigin } : {}) });
  });
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  // Hashed assets never change; index.html must always be fresh.
  app.use('/assets', express.static(path.join(opts.distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  app.use(express.static(opts.distDir, { index: 'index.html', setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  return app;
}

/** Builds (when needed) and serves the wallet; resolves with the listening server. */
export async function startWalletServer(opts: WalletServerOptions): Promise<http.Server> {
  const distDir = opts.distDir ?? DEFAULT_DIST;
  if (opts.rebuild || !existsSync(path.join(distDir, 'index.html'))) await buildWallet(distDir);
  const app = createWalletApp({ distDir, ...(opts.issuerOrigin ? { issuerOrigin: opts.issuerOrigin } : {}), ...(opts.verifierOrigin ? { verifierOrigin: opts.verifierOrigin } : {}) });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  return server;
}
