/** The HR page's assets (shared/web/page-assets.node.ts bundles and caches them). */
import { pageAssets } from '../../shared/web/page-assets.node.js';

export type { PageAssets as WebAssets } from '../../shared/web/page-assets.node.js';

/** The page, its stylesheet and its bundled script (built on first use, then cached). */
export const loadWebAssets = pageAssets(new URL('./', import.meta.url));
