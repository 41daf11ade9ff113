/**
 * The composition root of the browser wallet: reads the deployment's defaults from
 * `config.json` (served next to the page; see docs/wallet.md), opens the IndexedDB store,
 * starts the app with the real clock.
 */
import { openBrowserStore } from './store.js';
import { cleanOrigin } from './settings.js';
import { startApp } from './ui/app.js';
import type { WalletDefaults } from './ui/context.js';
import './style.css';

async function loadDefaults(): Promise<WalletDefaults> {
  try {
    const res = await fetch('./config.json', { cache: 'no-store', credentials: 'omit' });
    if (!res.ok) return {};
    const c = (await res.json()) as Record<string, unknown>;
    const verifierOrigin = cleanOrigin(c.verifierOrigin);
    const issuerOrigin = cleanOrigin(c.issuerOrigin);
    return { ...(verifierOrigin ? { verifierOrigin } : {}), ...(issuerOrigin ? { issuerOrigin } : {}) };
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const [defaults, store] = await Promise.all([loadDefaults(), openBrowserStore()]);
  await startApp(root, store, defaults, () => new Date());
  // Installable and usable offline (public/sw.js); a browser without it simply stays online-only.
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}

main().catch((e: unknown) => {
  const root = document.getElementById('app');
  if (root) root.textContent = `Dompet tidak dapat dimulai / The wallet could not start: ${e instanceof Error ? e.message : String(e)}`;
});
