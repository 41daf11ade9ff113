/**
 * What every screen of the HR page shares: the result types the verifier answers with, the
 * signed-in officer, the words in the page's language, and a hook that re-renders the
 * current result when the language or the session changes. The language itself is the
 * `lang` of <html> (i18n.ts), set by app.ts.
 */
import { showMessage } from '../../shared/web/dom.js';
import { lang } from './i18n.js';
import type { Text } from './i18n.js';
import { UI } from './texts.js';

export interface Check { id: string; status: 'ok' | 'failed' | 'unknown'; code: string; message: Text; details?: Record<string, unknown> }
/** `document`: the credential as its proof covers it (present once the signature held); the page reads that, never the raw JSON. */
export interface CredentialResult { verified: boolean; checks: Check[]; error?: { code: string; message: Text }; recognition?: { recognised: boolean; error?: { code: string; message: Text } }; issuer?: { id: string; name?: string; accreditationGrade?: string }; document?: Record<string, unknown> }
export interface PresentationResult extends CredentialResult { holder?: string; holderProven?: boolean; credentials: CredentialResult[] }
export interface Session { username: string; displayName: string; agencyName: string; role: string }

/** Largest text (paste, file) the page reads. */
export const MAX_INPUT_CHARS = 2_000_000;

export const state: {
  session?: Session | undefined;
  /** Draws the current result again (language switch, sign-in); undefined when none is shown. */
  lastRender?: (() => void) | undefined;
  /** The certificate link waiting for the holder's NIP. */
  pendingCertificate?: string | undefined;
  /** The NIP that opened the last certificate, so it is typed once. */
  certificateNip?: string | undefined;
} = {};

export const t = (key: string): string => UI[key]?.[lang()] ?? key;
export const loc = (x: Text | undefined): string => (x ? x[lang()] : '');
export const showError = showMessage;
