/**
 * Vite build of the browser wallet. Output: wallet-web/dist (static files only; no CDN,
 * no inline scripts, so the page runs under a strict CSP — see serve.node.ts).
 * public/ holds the web app manifest and the service worker (served as they are); the
 * icons come from shared/web/icons/ (the same ones the issuer and verifier serve).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const iconsDir = fileURLToPath(new URL('../shared/web/icons/', import.meta.url));

/**
 * Copies the shared icons into the build and links them (and the manifest) from index.html;
 * writes precache.json, every file of the build, which the service worker caches on install
 * (the lazily loaded chunks too, so the wallet opens offline after one visit).
 */
function appIcons(): Plugin {
  return {
    name: 'asn-app-icons',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => f.startsWith('assets/'));
      for (const name of readdirSync(iconsDir)) {
        const fileName = name === 'favicon.ico' ? name : `icons/${name}`;
        this.emitFile({ type: 'asset', fileName, source: readFileSync(`${iconsDir}${name}`) });
        files.push(fileName);
      }
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: `${JSON.stringify(files.sort().map((f) => `./${f}`))}\n` });
    },
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'manifest', href: './manifest.webmanifest' }, injectTo: 'head' },
      { tag: 'link', attrs: { rel: 'icon', href: './favicon.ico', sizes: '16x16 32x32 48x48' }, injectTo: 'head' },
      { tag: 'link', attrs: { rel: 'icon', href: './icons/icon.svg', type: 'image/svg+xml' }, injectTo: 'head' },
      { tag: 'link', attrs: { rel: 'apple-touch-icon', href: './icons/icon-192.png' }, injectTo: 'head' },
      { tag: 'meta', attrs: { name: 'theme-color', content: '#0b4f8a' }, injectTo: 'head' },
    ],
  };
}

export default defineConfig({
  root,
  base: './',
  publicDir: 'public',
  plugins: [appIcons()],
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
