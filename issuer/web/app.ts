/**
 * The provider portal (browser). Training-provider staff paste their API key (kept in
 * sessionStorage only), then issue one credential from a form, upload a cohort CSV and
 * follow its progress, revoke / suspend / reinstate credentials, and (admin key) set the
 * certificate's logo and signatory. It calls the ordinary
 * provider API (docs/issuer.md) with `Authorization: Bearer <key>`. Every value from the
 * server or a file is shown as text (textContent), never as HTML.
 *
 * One file per screen in ./ui/ (as wallet-web/src/ui/): signin.ts, issue.ts, cohort.ts,
 * credentials.ts, branding.ts; context.ts holds what they share, api.ts the API calls, text.ts every
 * sentence. This file only wires them together.
 */
import { setupBranding } from './ui/branding.js';
import { $, rerenders, session, t } from './ui/context.js';
import { setupCohort } from './ui/cohort.js';
import { setupCredentials } from './ui/credentials.js';
import { optionLabel, setupIssue } from './ui/issue.js';
import { renderWho, resumeSession, setupSignIn } from './ui/signin.js';
import { setupTabs } from './ui/tabs.js';

function applyLanguage(): void {
  document.documentElement.lang = session.lang;
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n ?? '');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-opt]')) el.textContent = optionLabel(el.dataset.i18nOpt ?? '');
  $('lang').textContent = session.lang === 'id' ? 'EN' : 'ID';
  $('lang').setAttribute('aria-label', session.lang === 'id' ? 'Switch to English' : 'Ganti ke Bahasa Indonesia');
  renderWho();
  for (const f of rerenders.values()) f();
}

function start(): void {
  setupSignIn();
  setupIssue();
  setupCohort();
  setupCredentials();
  setupBranding();
  setupTabs();
  $('lang').addEventListener('click', () => {
    session.lang = session.lang === 'id' ? 'en' : 'id';
    localStorage.setItem('lang', session.lang);
    applyLanguage();
  });
  applyLanguage();
  resumeSession();
}

start();
