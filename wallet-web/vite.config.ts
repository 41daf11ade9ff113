/**
 * Vite build of the browser wallet. Output: wallet-web/dist (static files only; no CDN,
 * no inline scripts, so the page runs under a strict CSP — see serve.node.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The JSON-LD / signature stack is large; it is one chunk the wallet needs anyway.
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
  },
  resolve: {
    // Node's `events` for abstract-level (browser-level's base class): a small local shim.
    alias: { events: fileURLToPath(new URL('./src/shims/events.ts', import.meta.url)) },
  },
  server: { host: '127.0.0.1', port: 5173 },
});
