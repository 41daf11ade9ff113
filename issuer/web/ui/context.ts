/**
 * What every screen of the portal shares: the language, the signed-in provider and its API
 * key (kept in sessionStorage only), the re-render hooks a language switch runs, and the
 * small text helpers. Screens import this, never each other's state.
 */
import { byId, showMessage } from '../../../shared/web/dom.js';
import { UI } from './text.js';
import type { Text } from './text.js';

export type Lang = 'id' | 'en';
export interface ApiError { status: number; code: string; message: string; messageId?: string; details?: unknown }
export interface FieldError { field: string; code: string; message?: unknown }
export interface Who { providerId: string; name: string; status: string; grade?: string; role: string; /** SMTP configured: claim links can be emailed. */ email?: boolean }
export type CredState = 'active' | 'suspended' | 'revoked';

export const KEY_STORE = 'portal.apiKey';

/** The page's mutable state (one tab, one signed-in key). */
export const session: { lang: Lang; apiKey: string | undefined; who: Who | undefined } = {
  lang: localStorage.getItem('lang') === 'en' ? 'en' : 'id',
  apiKey: undefined,
  who: undefined,
};

/** Re-render functions of what is on screen, run after a language switch (by name, so a screen replaces its own). */
export const rerenders = new Map<string, () => void>();

/** What each screen shows once a provider has signed in. */
const signInHooks: Array<() => void> = [];
export function onSignIn(fn: () => void): void {
  signInHooks.push(fn);
}
export function runSignInHooks(): void {
  for (const f of signInHooks) f();
}

/** What each screen clears when the provider signs out (or the key stops working). */
const signOutHooks: Array<() => void> = [];
export function onSignOut(fn: () => void): void {
  signOutHooks.push(fn);
}
export function runSignOutHooks(): void {
  for (const f of signOutHooks) f();
}

export const $ = byId;
export const t = (key: string): string => UI[key]?.[session.lang] ?? key;
export const loc = (x: Text | undefined): string => (x ? x[session.lang] : '');
export const showError = showMessage;

/** A message from the server (`{id, en}`) or a plain string, in the current language. */
export function textOf(m: unknown): string {
  if (typeof m === 'string') return m;
  if (m && typeof m === 'object') {
    const o = m as Partial<Text>;
    return (session.lang === 'en' ? o.en ?? o.id : o.id ?? o.en) ?? '';
  }
  return '';
}

export const STATE_LABEL: Record<CredState, string> = { active: 'sActive', suspended: 'sSuspended', revoked: 'sRevoked' };
export const STATE_CLASS: Record<CredState, string> = { active: 'ok', suspended: 'unk', revoked: 'bad' };

export function stateOf(rec: { revoked: boolean; suspended: boolean }): CredState {
  return rec.revoked ? 'revoked' : rec.suspended ? 'suspended' : 'active';
}

const MAIL_REASON: Record<string, string> = { NO_EMAIL: 'mailNoEmail', CLAIMED: 'mailClaimed', REVOKED: 'sRevoked', NO_OFFER: 'mailNoOffer', OFFER_EXPIRED: 'mailExpired', ALREADY_SENT: 'mailAlreadySent' };

/** Why a claim-link email was skipped or failed (`reason` of the API's outcome). */
export function mailReasonText(reason: string | undefined): string {
  const key = reason ? MAIL_REASON[reason] : undefined;
  return key ? t(key) : `${t('mailRefused')} (${reason ?? ''})`;
}

/** Ends the session: every screen's sign-out hook runs (the key is forgotten first). */
export function signOut(): void {
  runSignOutHooks();
}
