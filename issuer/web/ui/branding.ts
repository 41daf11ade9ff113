/**
 * "Certificate branding" screen: the logo and signatory the provider's certificate PDFs
 * carry (`GET /providers/:id/certificate-branding`, `PUT …/certificate-logo` with the file
 * as the raw body, `PUT …/certificate-signatory`). Only the provider's admin key may change
 * them (the API refuses an issuer key with 403), so an issuer key sees why instead of a form.
 * The server checks the logo by its bytes; the page only previews the chosen file.
 */
import { api, errorText, isApiError } from './api.js';
import { $, onSignIn, onSignOut, rerenders, session, showError, t, textOf } from './context.js';
import { onTabShown } from './tabs.js';

interface Branding { signatoryName: string | null; signatoryTitle: string | null; logo: { type: string; width: number; height: number } | null }

const state: { branding?: Branding; loaded: boolean } = { loaded: false };

const base = (): string => `/providers/${encodeURIComponent(session.who?.providerId ?? '')}`;
const canEdit = (): boolean => session.who?.role === 'admin';

function renderCurrent(): void {
  const b = state.branding;
  $('logo-current').textContent = !b ? t('brandLoading') : b.logo ? `${t('logoNow')} ${b.logo.type === 'image/png' ? 'PNG' : 'JPEG'}, ${b.logo.width} × ${b.logo.height} px` : t('logoNone');
  $('signatory-current').textContent = !b ? '' : b.signatoryName ? `${b.signatoryName} — ${b.signatoryTitle ?? ''}` : t('signatoryNone');
  $('signatory-current').hidden = !b;
}

async function load(): Promise<void> {
  if (!canEdit()) return;
  try {
    state.branding = (await api('GET', `${base()}/certificate-branding`)) as Branding;
    state.loaded = true;
    $<HTMLInputElement>('sig-name').value = state.branding.signatoryName ?? '';
    $<HTMLInputElement>('sig-title').value = state.branding.signatoryTitle ?? '';
    renderCurrent();
  } catch (e) {
    showError('logo-error', errorText(e));
  }
}

/** The API's sentence for a refused logo (its 413/415/422 details carry `{id, en}`). */
function logoErrorText(e: unknown): string {
  const d = isApiError(e) && Array.isArray(e.details) ? (e.details as Array<{ message?: unknown }>)[0] : undefined;
  return textOf(d?.message) || errorText(e);
}

async function uploadLogo(ev: Event): Promise<void> {
  ev.preventDefault();
  showError('logo-error', undefined);
  showError('logo-done', undefined);
  const file = $<HTMLInputElement>('logo-file').files?.[0];
  if (!file) {
    showError('logo-error', t('logoPick'));
    $('logo-file').focus();
    return;
  }
  const button = $<HTMLButtonElement>('logo-submit');
  button.disabled = true;
  button.textContent = t('saving');
  try {
    const r = (await api('PUT', `${base()}/certificate-logo`, { file })) as { logo: Branding['logo'] };
    state.branding = { ...(state.branding ?? { signatoryName: null, signatoryTitle: null }), logo: r.logo };
    renderCurrent();
    showError('logo-done', t('logoSaved'));
  } catch (e) {
    showError('logo-error', logoErrorText(e));
  } finally {
    button.disabled = false;
    button.textContent = t('logoUpload');
  }
}

function previewLogo(): void {
  const file = $<HTMLInputElement>('logo-file').files?.[0];
  const img = $<HTMLImageElement>('logo-preview');
  showError('logo-error', undefined);
  showError('logo-done', undefined);
  if (!file) {
    img.hidden = true;
    img.removeAttribute('src');
    return;
  }
  // A data: URL (the portal's CSP allows data: images, not blob:).
  const reader = new FileReader();
  reader.addEventListener('load', () => {
    img.src = String(reader.result);
    img.hidden = false;
  });
  reader.readAsDataURL(file);
}

async function saveSignatory(ev: Event): Promise<void> {
  ev.preventDefault();
  showError('sig-error', undefined);
  showError('sig-done', undefined);
  const button = $<HTMLButtonElement>('sig-submit');
  button.disabled = true;
  button.textContent = t('saving');
  try {
    const body = { signatoryName: $<HTMLInputElement>('sig-name').value.trim(), signatoryTitle: $<HTMLInputElement>('sig-title').value.trim() };
    const r = (await api('PUT', `${base()}/certificate-signatory`, { json: body })) as { signatoryName: string; signatoryTitle: string };
    state.branding = { ...(state.branding ?? { logo: null }), ...r };
    renderCurrent();
    showError('sig-done', t('signatorySaved'));
  } catch (e) {
    const details = isApiError(e) && Array.isArray(e.details) ? (e.details as Array<{ field?: string; message?: unknown }>) : [];
    showError('sig-error', details.length > 0 ? details.map((d) => `${d.field === 'signatoryTitle' ? t('fSignatoryTitle') : t('fSignatoryName')}: ${textOf(d.message)}`).join(' ') : errorText(e));
  } finally {
    button.disabled = false;
    button.textContent = t('signatorySave');
  }
}

export function setupBranding(): void {
  $('logo-file').addEventListener('change', previewLogo);
  $('logo-form').addEventListener('submit', (ev) => void uploadLogo(ev));
  $('signatory-form').addEventListener('submit', (ev) => void saveSignatory(ev));
  onTabShown.set('brand', () => {
    if (!state.loaded) void load();
  });
  onSignIn(() => {
    $('brand-off').hidden = canEdit();
    $('brand-body').hidden = !canEdit();
  });
  onSignOut(() => {
    state.branding = undefined;
    state.loaded = false;
    for (const id of ['logo-form', 'signatory-form']) $<HTMLFormElement>(id).reset();
    $('logo-preview').hidden = true;
    for (const id of ['logo-error', 'logo-done', 'sig-error', 'sig-done']) showError(id, undefined);
    renderCurrent();
  });
  rerenders.set('branding', () => {
    if (state.branding) renderCurrent();
  });
}
