/**
 * The provider API as the portal calls it (`Authorization: Bearer <key>`), and the helpers
 * for what it returns: error sentences, dates, downloads. A 401 while signed in ends the
 * session (the key was revoked or the provider suspended).
 */
import { h } from '../../../shared/web/dom.js';
import { session, showError, signOut, t } from './context.js';
import type { ApiError } from './context.js';

/** `file`: sent as the raw body with its own type (the certificate logo). */
export async function api(method: string, path: string, body?: { json?: unknown; csv?: string; file?: Blob }, extraHeaders: Record<string, string> = {}): Promise<unknown> {
  const headers: Record<string, string> = { ...extraHeaders, authorization: `Bearer ${session.apiKey ?? ''}` };
  let payload: string | Blob | undefined;
  if (body?.file !== undefined) {
    headers['content-type'] = body.file.type || 'application/octet-stream';
    payload = body.file;
  } else if (body?.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body?.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    payload = body.csv;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, ...(payload !== undefined ? { body: payload } : {}), cache: 'no-store' });
  } catch {
    throw { status: 0, code: 'NETWORK', message: t('network') } satisfies ApiError;
  }
  const parsed: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = (parsed ?? {}) as Partial<ApiError>;
    const err: ApiError = { status: res.status, code: e.code ?? 'HTTP_ERROR', message: e.message ?? `HTTP ${res.status}`, ...(e.messageId ? { messageId: e.messageId } : {}), details: e.details };
    if (res.status === 401 && session.who) {
      signOut();
      showError('login-error', t('signedOutExpired'));
    }
    throw err;
  }
  return parsed;
}

export function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'status' in e && 'code' in e;
}

/** A sentence for an error the user cannot fix field by field. */
export function errorText(e: unknown): string {
  if (!isApiError(e)) return t('network');
  if (e.status === 0) return t('network');
  if (e.status === 429) return t('rateLimited');
  if (e.status === 404 && e.code === 'CREDENTIAL_NOT_FOUND') return t('notFound');
  return (session.lang === 'id' ? e.messageId : undefined) ?? e.message;
}

/** The path of a URL the issuer gave (its public URL may differ from this page's origin). */
export function sameOriginPath(u: string): string {
  try {
    const url = new URL(u, location.href);
    return url.pathname + url.search;
  } catch {
    return u;
  }
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return iso;
  return d.toLocaleString(session.lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }) + ' WIB';
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: '' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a file with the key and saves it; a failure is shown in `errorId`. */
export async function downloadFile(path: string, filename: string, button: HTMLButtonElement, errorId: string): Promise<void> {
  button.disabled = true;
  try {
    const res = await fetch(path, { headers: { authorization: `Bearer ${session.apiKey ?? ''}` }, cache: 'no-store' });
    if (!res.ok) {
      const e = (await res.json().catch(() => ({}))) as Partial<ApiError>;
      throw { status: res.status, code: e.code ?? 'HTTP_ERROR', message: e.message ?? `HTTP ${res.status}`, ...(e.messageId ? { messageId: e.messageId } : {}) } satisfies ApiError;
    }
    saveBlob(await res.blob(), filename);
  } catch (e) {
    showError(errorId, errorText(e));
  } finally {
    button.disabled = false;
  }
}

