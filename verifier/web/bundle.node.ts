/**
 * Bundles the HR page script with esbuild (in memory, once per process) so the page is
 * served from the app itself: no CDN, no build step to forget. esbuild comes with the
 * project's tooling (tsx/vite); see docs/verifier.md.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export interface WebAssets {
  html: string;
  css: string;
  js: string;
}

let assets: Promise<WebAssets> | undefined;

/** The page, its stylesheet and its bundled script (built on first use, then cached). */
export function loadWebAssets(): Promise<WebAssets> {
  assets ??= build().catch((e: unknown) => {
    assets = undefined;
    throw e;
  });
  return assets;
}

async function build(): Promise<WebAssets> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [here('./app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = out.outputFiles[0]?.text ?? '';
  const [html, css] = await Promise.all([readFile(here('./index.html'), 'utf8'), readFile(here('./app.css'), 'utf8')]);
  return { html, css, js };
}
