/**
 * The wallet shell: header, navigation, a hash router, and the shared state. Routes:
 *   #/                 credentials + JP progress (or setup / unlock)
 *   #/claim?offer=URL  claim an offer (also what an issuer's "open in wallet" link uses)
 *   #/c/<n>            one credential (index in the list)
 *   #/present          choose credentials, show the QR
 *   #/settings         language, verifier, PNS/PPPK, backup and restore
 */
import { listCredentials, saveCredential } from '../credentials.js';
import { statusNews } from '../seen.js';
import { hasHolderKey } from '../keys.js';
import type { Session } from '../keys.js';
import { cleanSettings, writeSettings } from '../settings.js';
import type { WalletSettings } from '../settings.js';
import { createCredentialChecker } from '../status.js';
import type { CredentialCheck } from '../status.js';
import type { WalletStore } from '../store.js';
import { setLang, t } from '../i18n.js';
import { offerTeaser, renderClaim } from './claim.js';
import type { AppContext, WalletDefaults } from './context.js';
import { renderDetail } from './detail.js';
import { clear, h, notice } from './dom.js';
import { renderHome } from './home.js';
import { renderPresent } from './present.js';
import { renderSettings } from './settings.js';
import { renderSetup, renderUnlock } from './setup.js';

export async function startApp(root: HTMLElement, store: WalletStore, defaults: WalletDefaults, now: () => Date): Promise<void> {
  const settings = cleanSettings(await store.getJson('settings'), { lang: 'id', employment: 'PNS', ...defaults });
  setLang(settings.lang);
  let hasKey = await hasHolderKey(store);
  let cleanup: (() => void) | undefined;
  let checker: ((r: AppContext['records'][number]) => Promise<CredentialCheck>) | undefined;

  const ctx: AppContext = {
    store,
    settings,
    records: [],
    checks: new Map(),
    statusNews: [],
    now,
    navigate(hash) {
      if (location.hash === hash) render();
      else location.hash = hash;
    },
    rerender: () => render(),
    async saveSettings(next: WalletSettings) {
      await writeSettings(store, next);
      ctx.settings = cleanSettings(next);
      setLang(ctx.settings.lang);
      checker = undefined;
    },
    async setSession(session?: Session) {
      ctx.session = session;
      ctx.records = [];
      ctx.checks.clear();
      ctx.statusNews = [];
      hasKey = await hasHolderKey(store);
      if (session) {
        await ctx.reloadRecords();
        void ctx.checkCredentials();
      }
    },
    async reloadRecords() {
      if (ctx.session) ctx.records = await listCredentials(store, ctx.session);
      // A new credential may come from another issuer origin: rebuild the checker's allow-list.
      checker = undefined;
    },
    async checkCredentials(ids?: string[]) {
      checker ??= makeChecker();
      const targets = ctx.records.filter((r) => !ids || ids.includes(r.id));
      for (const r of targets) ctx.checks.delete(r.id);
      render();
      await Promise.all(targets.map(async (r) => {
        const c = checker!;
        try {
          ctx.checks.set(r.id, await c(r));
        } catch {
          ctx.checks.set(r.id, { status: 'unknown', checkedAt: now() });
        }
      }));
      await noteStatusNews(targets.map((r) => r.id));
      render();
    },
    async acknowledge(ids) {
      ctx.statusNews = ctx.statusNews.filter((id) => !ids.includes(id));
      await remember(ids);
      render();
    },
  };

  /** Stores the status just seen in each record (sealed with it). */
  async function remember(ids: string[]): Promise<void> {
    const session = ctx.session;
    if (!session) return;
    for (const id of ids) {
      const i = ctx.records.findIndex((r) => r.id === id);
      const status = ctx.checks.get(id)?.status;
      const record = ctx.records[i];
      if (!record || !status || status === 'unknown' || record.seenStatus === status) continue;
      const next = { ...record, seenStatus: status };
      await saveCredential(store, session, next).catch(() => undefined);
      ctx.records[i] = next;
    }
  }

  /** Revoked or suspended since last seen: tell the holder; any other definite status: remember it quietly. */
  async function noteStatusNews(ids: string[]): Promise<void> {
    const quiet: string[] = [];
    for (const id of ids) {
      const record = ctx.records.find((r) => r.id === id);
      const status = ctx.checks.get(id)?.status;
      if (!record || !status) continue;
      const news = statusNews(record, status);
      if (news === 'tell' && !ctx.statusNews.includes(id)) ctx.statusNews.push(id);
      else if (news === 'remember') {
        quiet.push(id);
        ctx.statusNews = ctx.statusNews.filter((x) => x !== id);
      }
    }
    await remember(quiet);
  }

  function makeChecker(): (r: AppContext['records'][number]) => Promise<CredentialCheck> {
    const origins = new Set<string>();
    for (const r of ctx.records) origins.add(r.issuerOrigin);
    if (ctx.settings.issuerOrigin) origins.add(ctx.settings.issuerOrigin);
    return createCredentialChecker({
      store,
      now,
      issuerOrigins: [...origins],
      ...(ctx.settings.trustAnchor ? { trustAnchor: ctx.settings.trustAnchor } : {}),
      ...(ctx.settings.issuerOrigin ? { lanOrigin: ctx.settings.issuerOrigin } : {}),
      onTrustAnchor: async (anchor) => {
        // Pinned on first sight: a later change of LAN's key must be a deliberate settings change.
        await writeSettings(store, { ...ctx.settings, trustAnchor: anchor });
        ctx.settings = { ...ctx.settings, trustAnchor: anchor };
      },
    });
  }

  function layout(main: HTMLElement, withNav: boolean): HTMLElement {
    const route = location.hash.replace(/^#/, '').split('?')[0] || '/';
    const navLink = (href: string, label: string, match: (r: string) => boolean) =>
      h('a', { href, class: 'nav-link', ...(match(route) ? { 'aria-current': 'page' } : {}) }, label);
    const langButton = h('button', {
      type: 'button', class: 'lang', lang: ctx.settings.lang === 'id' ? 'en' : 'id', 'aria-label': t('switchLangLabel'),
      onclick: async () => {
        await ctx.saveSettings({ ...ctx.settings, lang: ctx.settings.lang === 'id' ? 'en' : 'id' });
        render();
      },
    }, ctx.settings.lang === 'id' ? 'EN' : 'ID');
    const header = h('header', { class: 'topbar' },
      h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'ASN'), h('span', { class: 'brand-name' }, h('span', { class: 'brand-full' }, t('appTitle')), h('span', { class: 'brand-short' }, t('appShort')))),
      h('div', { class: 'top-actions' },
        langButton,
        ctx.session ? h('button', { type: 'button', class: 'ghost', onclick: () => { void ctx.setSession(undefined).then(() => ctx.navigate('#/')); } }, t('lock')) : null,
      ),
    );
    const nav = withNav ? h('nav', { class: 'tabs', 'aria-label': t('appTitle') },
      navLink('#/', t('navHome'), (r) => r === '/' || r.startsWith('/c/')),
      navLink('#/claim', t('navClaim'), (r) => r.startsWith('/claim')),
      navLink('#/present', t('navPresent'), (r) => r.startsWith('/present')),
      navLink('#/settings', t('navSettings'), (r) => r.startsWith('/settings')),
    ) : null;
    // A flash stays on the page it was shown on (background rerenders keep it) and goes on navigation.
    if (ctx.flash) {
      ctx.flash.route ??= location.hash;
      if (ctx.flash.route === location.hash) main.prepend(notice(ctx.flash.kind, ctx.flash.text));
      else ctx.flash = undefined;
    }
    return h('div', { class: 'shell' }, h('a', { href: '#main', class: 'skip' }, 'Lewati ke isi / Skip to content'), header, nav, main);
  }

  let lastRoute = '';
  function render(): void {
    cleanup?.();
    cleanup = undefined;
    const [path = '/', query = ''] = location.hash.replace(/^#/, '').split('?');
    const params = new URLSearchParams(query);
    const main = h('main', { id: 'main', tabindex: '-1' });
    let withNav = true;
    // Opened from a claim link while there is no wallet yet, or it is locked: say first what waits.
    const waiting = path === '/claim' && params.get('offer') && !ctx.session ? offerTeaser(ctx, params.get('offer')!, hasKey) : null;
    if (!hasKey) {
      withNav = false;
      main.appendChild(renderSetup(ctx, waiting));
    } else if (!ctx.session) {
      withNav = false;
      main.appendChild(renderUnlock(ctx, waiting));
    } else if (path === '/claim') {
      main.appendChild(renderClaim(ctx, params));
    } else if (path.startsWith('/c/')) {
      main.appendChild(renderDetail(ctx, Number(path.slice(3))));
    } else if (path === '/present') {
      const view = renderPresent(ctx);
      cleanup = view.cleanup;
      main.appendChild(view.el);
    } else if (path === '/settings') {
      main.appendChild(renderSettings(ctx));
    } else {
      main.appendChild(renderHome(ctx, params.get('new') ?? undefined));
    }
    clear(root);
    root.appendChild(layout(main, withNav));
    // Move focus to the page on navigation (not on background rerenders), for keyboards and screen readers.
    const route = `${path}?${query}`;
    if (route !== lastRoute) {
      lastRoute = route;
      main.querySelector('h1')?.setAttribute('tabindex', '-1');
      (main.querySelector('h1') as HTMLElement | null)?.focus({ preventScroll: true });
    }
    document.title = `${t('appTitle')}`;
  }

  window.addEventListener('hashchange', render);
  render();
}
