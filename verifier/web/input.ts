/**
 * How a credential reaches the HR page: the input tabs (scan, paste, file), a pasted or
 * scanned link (a wallet's relay link, a printed certificate's link) or JSON, sent to the
 * verifier; the answer goes to the result screen (result.ts).
 */
import { decryptFromRelay, parseRelayUrl } from '../../shared/relay/index.js';
import { parseStrictJson } from '../../shared/util/strict-json.js';
import { byId } from '../../shared/web/dom.js';
import { apiErrorText } from './errors.js';
import { MAX_INPUT_CHARS, showError, state, t } from './page.js';
import type { PresentationResult } from './page.js';
import { renderResult } from './result.js';
import { stopCamera } from './scan.js';

export function selectTab(name: 'scan' | 'paste' | 'file'): void {
  for (const n of ['scan', 'paste', 'file'] as const) {
    const tab = byId(`tab-${n}`);
    tab.setAttribute('aria-selected', String(n === name));
    tab.tabIndex = n === name ? 0 : -1;
    byId(`panel-${n}`).hidden = n !== name;
  }
  if (name !== 'scan') stopCamera();
}

export function setupTabs(): void {
  const names = ['scan', 'paste', 'file'] as const;
  names.forEach((n, i) => {
    const tab = byId(`tab-${n}`);
    tab.addEventListener('click', () => selectTab(n));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const next = names[(i + (e.key === 'ArrowRight' ? 1 : names.length - 1)) % names.length]!;
      selectTab(next);
      byId(`tab-${next}`).focus();
    });
  });
}

/** Anything the officer brings: a relay link, a credential, a presentation. */
export async function handleInput(raw: string): Promise<void> {
  showError('input-error', undefined);
  const text = raw.trim();
  if (text.length > MAX_INPUT_CHARS) return showError('input-error', t('tooLarge'));
  if (/^https?:\/\//i.test(text)) {
    let link;
    try {
      link = parseRelayUrl(text, [location.origin]);
    } catch {
      // Our own relay path, but cut short or altered (a truncated QR): never sent anywhere.
      if (isOwnRelayPath(text)) return showError('input-error', t('relayBroken'));
      // Not a relay link: perhaps a printed certificate's link (`…?url=<certificate>`).
      return verifyCertificateLink(text);
    }
    return openRelay(link.id, link.key);
  }
  let doc: unknown;
  try {
    doc = parseStrictJson(text, { maxBytes: MAX_INPUT_CHARS });
  } catch {
    return showError('input-error', t('notJson'));
  }
  await verifyDocument(doc);
}

function isOwnRelayPath(text: string): boolean {
  try {
    const u = new URL(text);
    return u.origin === location.origin && u.pathname.startsWith('/p/');
  } catch {
    return false;
  }
}

/** The page's address for what is on screen: `/?url=<certificate>` for a certificate, else `/`. */
export function showAddress(certificate?: string): void {
  const next = certificate ? `/?url=${encodeURIComponent(certificate)}` : '/';
  if (`${location.pathname}${location.search}` !== next) history.replaceState(null, '', next);
}

async function verifyDocument(doc: unknown, challenge?: { challenge: string; domain: string }): Promise<void> {
  showAddress();
  const obj = (doc && typeof doc === 'object' && !Array.isArray(doc) ? doc : {}) as Record<string, unknown>;
  const types = Array.isArray(obj.type) ? obj.type : [obj.type];
  const isPresentation = types.includes('VerifiablePresentation');
  const url = isPresentation ? '/presentations/verify' : '/credentials/verify';
  const body = isPresentation
    ? { verifiablePresentation: obj, options: challenge ?? {} }
    : { verifiableCredential: obj };
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    return showError('input-error', t('networkError'));
  }
  const result = await res.json().catch(() => undefined) as (PresentationResult & { message?: string }) | undefined;
  if (!result || !Array.isArray(result.checks)) return showError('input-error', result ? apiErrorText(result, res.status) : t('noResult'));
  const render = () => renderResult(obj, result, isPresentation);
  state.lastRender = render;
  render();
  // Move keyboard and screen-reader focus to the verdict (not on later language re-renders).
  window.scrollTo({ top: 0 });
  byId('verdict-title').focus({ preventScroll: true });
}

/** A certificate link: the page's own `?url=` form, or the issuer's certificate URL itself. */
export async function verifyCertificateLink(text: string, nip?: string): Promise<void> {
  let target = text;
  try {
    const u = new URL(text);
    if (u.origin === location.origin && u.searchParams.has('url')) target = u.searchParams.get('url') ?? '';
  } catch {
    return showError('input-error', t('notJson'));
  }
  let res: Response;
  try {
    res = await fetch('/credentials/verify-url', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: target, ...(nip ? { nip } : {}) }) });
  } catch {
    return showError('input-error', t('networkError'));
  }
  const body = await res.json().catch(() => undefined) as { verifiableCredential?: unknown; result?: PresentationResult; message?: string; code?: string } | undefined;
  // A certificate with a hashed NIP opens only with the holder's NIP (the link alone is public).
  const form = byId('cert-nip-form');
  if (res.status === 428 || body?.code === 'CERTIFICATE_NIP_MISMATCH' || body?.code === 'NIP_INVALID') {
    showAddress(target);
    state.pendingCertificate = target;
    form.hidden = false;
    if (res.status !== 428) showError('input-error', t('certNipMismatch'));
    byId<HTMLInputElement>('cert-nip').focus();
    return;
  }
  form.hidden = true;
  state.pendingCertificate = undefined;
  if (res.status === 429 && body?.code === 'CERTIFICATE_LOCKED') return showError('input-error', t('certLocked'));
  // Refused before any check ran (a foreign origin, an overlong link): say so in the page's language.
  if (res.status === 400 && !body?.result) return showError('input-error', t('linkRefused'));
  if (res.status === 404) return showError('input-error', t('certificateNotFound'));
  state.certificateNip = nip;
  if (!body?.result || !Array.isArray(body.result.checks)) return showError('input-error', body ? apiErrorText(body, res.status) : t('noResult'));
  // The address names the certificate the verifier accepted to check (a public link, never
  // the NIP), so a reload or a shared address checks it again.
  showAddress(target);
  const obj = (body.verifiableCredential ?? {}) as Record<string, unknown>;
  const result = body.result;
  const render = () => renderResult(obj, result, false);
  state.lastRender = render;
  render();
  window.scrollTo({ top: 0 });
  byId('verdict-title').focus({ preventScroll: true });
}

export async function openRelay(id: string, key: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/relay/${encodeURIComponent(id)}/blob`, { cache: 'no-store' });
  } catch {
    return showError('input-error', t('networkError'));
  }
  if (!res.ok) return showError('input-error', t('relayGone'));
  const blob = await res.json() as { ciphertext: string; iv: string; challenge: string; domain: string };
  let vp: unknown;
  try {
    vp = parseStrictJson(await decryptFromRelay(blob, id, key), { maxBytes: MAX_INPUT_CHARS });
  } catch {
    return showError('input-error', t('relayBroken'));
  }
  await verifyDocument(vp, { challenge: blob.challenge, domain: blob.domain });
}
