/**
 * Bundles the provider portal script with esbuild (in memory, once per process) so the
 * page is served by the issuer itself: no CDN, no build step to forget. Same pattern as
 * the verifier's HR page (verifier/web/bundle.node.ts).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export interface PortalAssets {
  html: string;
  css: string;
  js: string;
}

let assets: Promise<PortalAssets> | undefined;

/** The page, its stylesheet and its bundled script (built on first use, then cached). */
export function loadPortalAssets(): Promise<PortalAssets> {
  assets ??= build().catch((e: unknown) => {
    assets = undefined;
    throw e;
  });
  return assets;
}

async function build(): Promise<PortalAssets> {
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
