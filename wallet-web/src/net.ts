/**
 * JSON over HTTP for the wallet's own calls (claim offers, relay), with a deadline, a
 * response size cap, no redirects and no cookies. A server's error body
 * `{code, message, messageId}` becomes an AppError with that code, so the page can say
 * what happened in the user's language.
 */
import { AppError } from '../../shared/errors.js';
import { parseStrictJson } from '../../shared/util/strict-json.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
  timeoutMs?: number;
  maxBytes?: number;
  fetch?: FetchLike;
}

export interface HttpErrorDetails {
  status: number;
  serverCode?: string;
  serverMessage?: string;
  serverMessageId?: string;
}

export async function requestJson(url: string, opts: RequestOptions = {}): Promise<unknown> {
  const doFetch = opts.fetch ?? ((i, init) => globalThis.fetch(i, init));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 15_000);
  const maxBytes = opts.maxBytes ?? 2_000_000;
  try {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: opts.method ?? 'GET',
        redirect: 'error',
        credentials: 'omit',
        cache: 'no-store',
        signal: controller.signal,
        headers: { accept: 'application/json', ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      });
    } catch (cause) {
      throw new AppError(controller.signal.aborted ? 'NETWORK_TIMEOUT' : 'NETWORK_FAILED', `Could not reach ${safeOrigin(url)}.`, { cause });
    }
    const text = await res.text();
    if (text.length > maxBytes) throw new AppError('RESPONSE_TOO_LARGE', 'The answer is too large.');
    let body: unknown;
    try {
      body = text === '' ? undefined : parseStrictJson(text, { maxBytes });
    } catch (cause) {
      if (res.ok) throw new AppError('RESPONSE_INVALID', 'The answer is not valid JSON.', { cause });
    }
    if (!res.ok) {
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const details: HttpErrorDetails = { status: res.status };
      if (typeof b.code === 'string') details.serverCode = b.code.slice(0, 60);
      if (typeof b.message === 'string') details.serverMessage = b.message.slice(0, 300);
      if (typeof b.messageId === 'string') details.serverMessageId = b.messageId.slice(0, 300);
      throw new AppError(details.serverCode ?? `HTTP_${res.status}`, details.serverMessage ?? `The server answered ${res.status}.`, { status: res.status, details });
    }
    return body;
  } finally {
    clearTimeout(timer);
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the server';
  }
}
