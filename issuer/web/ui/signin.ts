/** Sign-in screen: the provider pastes an API key; `GET /portal/api/whoami` says whose it is. */
import { api, errorText, isApiError } from './api.js';
import { $, KEY_STORE, onSignOut, runSignInHooks, session, showError, signOut, t } from './context.js';
import type { Who } from './context.js';

export function renderWho(): void {
  const el = $('who');
  el.textContent = session.who ? session.who.name : '';
  el.title = session.who ? `${session.who.name} (${session.who.providerId})` : '';
}

export async function signIn(key: string, quiet = false): Promise<boolean> {
  session.apiKey = key;
  try {
    session.who = (await api('GET', '/portal/api/whoami')) as Who;
  } catch (e) {
    session.apiKey = undefined;
    session.who = undefined;
    sessionStorage.removeItem(KEY_STORE);
    if (!quiet) showError('login-error', isApiError(e) && e.status === 401 ? t('keyRejected') : isApiError(e) && e.status === 403 ? t('keyNotProvider') : errorText(e));
    return false;
  }
  sessionStorage.setItem(KEY_STORE, key);
  showError('login-error', undefined);
  $('login-card').hidden = true;
  $('work').hidden = false;
  $('signout').hidden = false;
  renderWho();
  runSignInHooks();
  return true;
}

export function setupSignIn(): void {
  // Registered first: the key is forgotten before any screen clears itself.
  onSignOut(() => {
    session.apiKey = undefined;
    session.who = undefined;
    sessionStorage.removeItem(KEY_STORE);
    $('work').hidden = true;
    $('signout').hidden = true;
    $('login-card').hidden = false;
    $<HTMLInputElement>('api-key').value = '';
    renderWho();
    $('login-title').focus();
  });
  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const key = $<HTMLInputElement>('api-key').value.trim();
    if (!key) {
      showError('login-error', t('keyMissing'));
      $('api-key').focus();
      return;
    }
    void signIn(key).then((ok) => {
      if (ok) {
        $<HTMLInputElement>('api-key').value = '';
        $('issue-title').focus();
      } else $('api-key').focus();
    });
  });
  $('signout').addEventListener('click', signOut);
}

/** Signs in again with the key this tab kept (a reload), quietly. */
export function resumeSession(): void {
  const saved = sessionStorage.getItem(KEY_STORE);
  if (saved) void signIn(saved, true);
}
