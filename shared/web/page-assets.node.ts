/**
 * Node-only: serves a page of an app (the verifier's HR page, the issuer's provider portal)
 * from the app itself. The page script is bundled with esbuild in memory on first use and
 * cached, so there is no CDN and no build step to forget; the stylesheet is the shared
 * base (shared/web/base.css) followed by the page's own rules, if any.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface PageAssets {
  html: string;
  css: string;
  js: string;
}

const BASE_CSS = fileURLToPath(new URL('./base.css', import.meta.url));

/**
 * `dir` is the page's folder URL (holding index.html, app.ts and optionally app.css).
 * Returns a loader that builds once per process and retries after a failed build.
 */
export function pageAssets(dir: URL): () => Promise<PageAssets> {
  let assets: Promise<PageAssets> | undefined;
  return () => {
    assets ??= build(dir).catch((e: unknown) => {
      assets = undefined;
      throw e;
    });
    return assets;
  };
}

async function build(dir: URL): Promise<PageAssets> {
  const file = (name: string) => fileURLToPath(new URL(name, dir));
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [file('./app.ts')],
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
  const [html, base, own] = await Promise.all([
    readFile(file('./index.html'), 'utf8'),
    readFile(BASE_CSS, 'utf8'),
    readFile(file('./app.css'), 'utf8').catch(() => ''),
  ]);
  return { html, css: own ? `${base}\n${own}` : base, js };
}
