/**
 * The officer's session on the HR page: who is signed in (top bar), the sign-in form and
 * signing out. Signing in re-draws the result on screen so it can be recorded.
 */
import { byId } from '../../shared/web/dom.js';
import { apiErrorText } from './errors.js';
import { showError, state } from './page.js';
import type { Session } from './page.js';

export function renderWho(): void {
  const session = state.session;
  byId('who').textContent = session ? `${session.displayName} · ${session.agencyName}` : '';
  byId('login-card').hidden = !!session;
  byId('report-card').hidden = !session;
}

export async function loadSession(): Promise<void> {
  const res = await fetch('/auth/session', { cache: 'no-store' }).catch(() => undefined);
  state.session = res?.ok ? ((await res.json()) as { session: Session | null }).session ?? undefined : undefined;
  renderWho();
}

/** Wires the sign-in form and the sign-out button; `onSignedIn` runs after a sign-in. */
export function setupSignIn(onSignedIn: () => void): void {
  byId('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    showError('login-error', undefined);
    const res = await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: byId<HTMLInputElement>('login-user').value, password: byId<HTMLInputElement>('login-pass').value }) });
    const body = await res.json().catch(() => ({})) as { session?: Session };
    if (!res.ok || !body.session) return showError('login-error', apiErrorText(body, res.status));
    byId<HTMLInputElement>('login-pass').value = '';
    state.session = body.session;
    renderWho();
    state.lastRender?.();
    onSignedIn();
    // Signed in from the hint under a result: back to the result, where recording continues.
    if (!byId('result-card').hidden) {
      const box = document.querySelector<HTMLElement>('#result-card .nip-box');
      box?.scrollIntoView({ block: 'center' });
      const next = box?.querySelector<HTMLButtonElement>('button.btn-primary:not([disabled]):not([hidden])') ?? box?.querySelector<HTMLInputElement>('input');
      next?.focus({ preventScroll: true });
    }
  });
  byId('logout').addEventListener('click', async () => {
    await fetch('/auth/logout', { method: 'POST' });
    state.session = undefined;
    renderWho();
  });
}
