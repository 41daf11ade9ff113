/**
 * The public proof page `/bukti` (verifier/web/share/): a credential shared by link is
 * read from the URL fragment in the browser and checked through POST /credentials/verify.
 * The server only hands out the page; it never sees the fragment.
 */
import { Router } from 'express';
import { pageAssets } from '../../shared/web/page-assets.node.js';
import { SHARE_PATH } from '../../shared/share/credential-link.js';

const loadShareAssets = pageAssets(new URL('../web/share/', import.meta.url));

export function shareRoutes(): Router {
  const r = Router();
  r.get(SHARE_PATH, async (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send((await loadShareAssets()).html);
  });
  r.get('/assets/share.js', async (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'no-cache');
    res.send((await loadShareAssets()).js);
  });
  r.get('/assets/share.css', async (_req, res) => {
    res.type('text/css').setHeader('cache-control', 'no-cache');
    res.send((await loadShareAssets()).css);
  });
  return r;
}
