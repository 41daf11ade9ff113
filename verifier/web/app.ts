/**
 * The HR page (browser): the composition root that wires its screens together. One file a
 * screen, as in wallet-web/src/ui/:
 *   input.ts   how a credential arrives (scan, paste, file, relay link, certificate link)
 *   scan.ts    camera and QR photos
 *   result.ts  the verdict, every check in plain words, the learning
 *   record.ts  the NIP match and recording in the agency's ledger
 *   signin.ts  the officer's session
 *   report.ts  the agency's JP report; ledger.ts search, history, voiding;
 *              duty.ts the duty screen; national.ts LAN's view (/lan)
 * page.ts holds what they share (types, session, words in the page's language).
 */
import { parseRelayUrl } from '../../shared/relay/index.js';
import { byId } from '../../shared/web/dom.js';
import { handleInput, openRelay, setupTabs, showAddress, verifyCertificateLink } from './input.js';
import { lang } from './i18n.js';
import { setupLedger } from './ledger.js';
import { startNationalView } from './national.js';
import { MAX_INPUT_CHARS, showError, state, t } from './page.js';
import { loadReport } from './report.js';
import { readQrPhoto, startCamera, stopCamera, updateScanNote } from './scan.js';
import { loadSession, renderWho, setupSignIn } from './signin.js';

const $ = byId;

function applyLanguage(next: 'id' | 'en'): void {
  // Screens that draw themselves (duty, national) watch this attribute and re-render.
  document.documentElement.lang = next;
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n ?? '');
  $('lang').textContent = next === 'id' ? 'EN' : 'ID';
  $('lang').setAttribute('aria-label', next === 'id' ? 'Switch to English' : 'Ganti ke Bahasa Indonesia');
  renderWho();
  state.lastRender?.();
}

function main(): void {
  setupTabs();
  void updateScanNote();
  $('lang').addEventListener('click', () => {
    const next = lang() === 'id' ? 'en' : 'id';
    localStorage.setItem('lang', next);
    applyLanguage(next);
  });
  $('scan-start').addEventListener('click', () => void startCamera(handleInput));
  $('scan-stop').addEventListener('click', stopCamera);
  $('qr-photo').addEventListener('change', async () => {
    const input = $<HTMLInputElement>('qr-photo');
    const f = input.files?.[0];
    input.value = ''; // the same photo can be chosen again
    if (f) await readQrPhoto(f, handleInput);
  });
  $('paste-go').addEventListener('click', () => void handleInput($<HTMLTextAreaElement>('paste').value));
  $('file').addEventListener('change', async () => {
    const f = $<HTMLInputElement>('file').files?.[0];
    if (!f) return;
    if (f.size > MAX_INPUT_CHARS) return showError('input-error', t('tooLarge'));
    await handleInput(await f.text());
  });
  $('again').addEventListener('click', () => {
    $('result-card').hidden = true;
    $('input-card').hidden = false;
    state.lastRender = undefined;
    showAddress();
    $('input-card').scrollIntoView({ behavior: 'smooth' });
    $('input-title').focus();
  });
  setupSignIn(() => void loadReport());
  setupLedger(() => void loadReport());
  document.addEventListener('ledger-changed', () => { if (state.session) void loadReport(); });
  $('report-form').addEventListener('submit', (e) => { e.preventDefault(); void loadReport(); });
  $('cert-nip-form').addEventListener('submit', (e) => {
    e.preventDefault();
    showError('input-error', undefined);
    if (state.pendingCertificate) void verifyCertificateLink(state.pendingCertificate, $<HTMLInputElement>('cert-nip').value.replaceAll(' ', ''));
  });
  // The page is the browser's composition root: the one place it reads the clock.
  $<HTMLInputElement>('report-year').value = String(new Date().getFullYear());
  applyLanguage(localStorage.getItem('lang') === 'en' ? 'en' : 'id');
  void loadSession().then(() => { if (state.session) void loadReport(); });

  if (location.pathname === '/lan') startNationalView($<HTMLInputElement>('report-year').value);

  // Opened from a printed certificate's QR, a reload or a shared address: `/?url=<certificate URL>`.
  const certificate = new URLSearchParams(location.search).get('url');
  if (certificate) void verifyCertificateLink(certificate);

  // Opened from a relay QR: `/p/<id>#<key>`. Drop the key from the address bar at once.
  if (location.pathname.startsWith('/p/')) {
    const href = location.href;
    history.replaceState(null, '', '/');
    try {
      const link = parseRelayUrl(href, [location.origin]);
      void openRelay(link.id, link.key);
    } catch {
      showError('input-error', t('relayBroken'));
    }
  }
}

main();
