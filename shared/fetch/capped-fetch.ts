/**
 * A capped, allow-listed fetch for the few documents a verifier must get from the network
 * (did:web documents, status lists, the accreditation registry). Runs in Node and in the
 * browser (global fetch, AbortController, stream reader).
 *
 * Why each limit (BAD-INPUTS #9, #18, #32): a verifier that fetches whatever URL a
 * credential names can be steered at internal services (SSRF), held open by a slow server,
 * or fed an endless body. So: only configured origins (or public HTTPS hosts when the
 * caller opts in), no redirects, a deadline that covers the body too, and a byte cap
 * enforced while reading rather than after.
 *
 * Not covered here: DNS rebinding (a public name resolving to a private address). The
 * browser cannot see resolved addresses; on a server, keep `allowPublicHttps` off and list
 * the issuer origins, which is what the verifier does.
 */
import { AppError } from '../errors.js';
import { parseStrictJson } from '../util/strict-json.js';
import type { StrictJsonLimits } from '../util/strict-json.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface CappedFetchOptions {
  /**
   * Origins (`scheme://host[:port]`) that may be fetched, compared exactly. An `http:`
   * origin or a loopback/private host is allowed only by being listed here.
   */
  allowedOrigins: readonly string[];
  /** Also allow `https:` URLs on public hosts that are not listed (default false). */
  allowPublicHttps?: boolean;
  /** Deadline for the whole exchange, headers and body (default 5000 ms). */
  timeoutMs?: number;
  /** Largest accepted body in bytes (default 1 MB). */
  maxBytes?: number;
  /** Injected fetch (tests, service workers); defaults to the global one. */
  fetch?: FetchLike;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 5000;
export const DEFAULT_FETCH_MAX_BYTES = 1_000_000;
/** Longest URL we agree to fetch; longer ones are not from our issuers. */
const MAX_URL_LENGTH = 2048;

/** Normalises a configured origin (`http://127.0.0.1:4000/` → `http://127.0.0.1:4000`). */
export function normalizeOrigin(origin: string): string {
  const u = new URL(origin);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new AppError('CONFIG_INVALID', `Not an http(s) origin: ${origin}`);
  return u.origin;
}

/**
 * Decides whether `url` may be fetched under `opts`; returns the parsed URL or throws
 * AppError `FETCH_URL_REFUSED` (status 400) saying why.
 */
export function checkFetchUrl(url: string, opts: Pick<CappedFetchOptions, 'allowedOrigins' | 'allowPublicHttps'>): URL {
  const refuse = (reason: string): never => {
    throw new AppError('FETCH_URL_REFUSED', `Refusing to fetch ${String(url).slice(0, 120)}: ${reason}.`, { status: 400, details: { reason } });
  };
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) refuse('not a URL of acceptable length');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return refuse('not a URL');
  }
  if (u.username !== '' || u.password !== '') refuse('credentials in URL');
  const allowed = new Set(opts.allowedOrigins.map(normalizeOrigin));
  if (allowed.has(u.origin)) return u;
  if (!opts.allowPublicHttps) refuse('origin is not a configured issuer');
  if (u.protocol !== 'https:') refuse('only https is allowed');
  if (isNonPublicHost(u.hostname)) refuse('host is loopback, private or link-local');
  return u;
}

/**
 * Fetches `url` and returns the body text, enforcing the allow-list, no redirects, the
 * deadline and the byte cap. Errors are AppError with codes FETCH_URL_REFUSED,
 * FETCH_REDIRECT_REFUSED, FETCH_HTTP_STATUS, FETCH_TOO_LARGE, FETCH_TIMEOUT, FETCH_FAILED.
 */
export async function cappedFetchText(url: string, opts: CappedFetchOptions, init: { accept?: string; jsonBody?: unknown } = {}): Promise<string> {
  const got = await cappedFetch(url, opts, init);
  if (got.notModified) throw new AppError('FETCH_HTTP_STATUS', 'Unexpected 304 without a conditional request.', { status: 502, details: { status: 304 } });
  return got.text;
}

/** A conditional fetch's answer: the document (with its ETag), or "not modified" (304). */
export type Revalidated = { notModified: true } | { notModified: false; text: string; etag?: string };

/**
 * cappedFetchText with an optional `If-None-Match`: a 304 answers `notModified` (the
 * caller's copy is current, confirmed now, at the cost of a few headers).
 */
export async function cappedFetch(url: string, opts: CappedFetchOptions, init: { accept?: string; ifNoneMatch?: string; jsonBody?: unknown } = {}): Promise<Revalidated> {
  const target = checkFetchUrl(url, opts);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
  const doFetch: FetchLike = opts.fetch ?? ((input, i) => globalThis.fetch(input, i));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let res: Response;
    try {
      // A JSON body makes it a POST (a printed certificate opened with the holder's NIP).
      const post = init.jsonBody !== undefined;
      res = await doFetch(target.href, {
        method: post ? 'POST' : 'GET',
        redirect: 'manual',
        signal: controller.signal,
        credentials: 'omit',
        // With If-None-Match, fetch() would add `Cache-Control: no-cache`, which makes
        // servers (and CDNs) skip the 304; `max-age=0` asks for the same revalidation.
        headers: {
          accept: init.accept ?? 'application/json',
          ...(post ? { 'content-type': 'application/json' } : {}),
          ...(init.ifNoneMatch ? { 'if-none-match': init.ifNoneMatch, 'cache-control': 'max-age=0' } : {}),
        },
        ...(post ? { body: JSON.stringify(init.jsonBody) } : {}),
      });
    } catch (cause) {
      if (controller.signal.aborted) throw new AppError('FETCH_TIMEOUT', `No answer from ${target.origin} within ${timeoutMs} ms.`, { status: 504, cause });
      throw new AppError('FETCH_FAILED', `Could not reach ${target.origin}.`, { status: 502, cause });
    }
    if (res.status === 304 && init.ifNoneMatch) {
      await res.body?.cancel().catch(() => undefined);
      return { notModified: true };
    }
    // Browsers report a manual redirect as an opaque response with status 0.
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      await res.body?.cancel().catch(() => undefined);
      throw new AppError('FETCH_REDIRECT_REFUSED', `${target.origin} answered with a redirect; redirects are not followed.`, { status: 502 });
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new AppError('FETCH_HTTP_STATUS', `${target.origin} answered ${res.status}.`, { status: 502, details: { status: res.status } });
    }
    const declared = Number(res.headers.get('content-length') ?? '');
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    const etag = res.headers.get('etag');
    const text = await readCapped(res, maxBytes, controller, timeoutMs);
    return { notModified: false, text, ...(etag && etag.length <= 200 ? { etag } : {}) };
  } finally {
    clearTimeout(timer);
  }
}

/** Like cappedFetchText, then parses the body with the strict JSON parser. */
export async function cappedFetchJson(url: string, opts: CappedFetchOptions, limits: StrictJsonLimits = {}, init: { jsonBody?: unknown } = {}): Promise<unknown> {
  const text = await cappedFetchText(url, opts, init);
  try {
    return parseStrictJson(text, { maxBytes: opts.maxBytes ?? DEFAULT_FETCH_MAX_BYTES, ...limits });
  } catch (cause) {
    throw new AppError('FETCH_INVALID_JSON', `The document at ${new URL(url).origin} is not acceptable JSON.`, { status: 502, cause });
  }
}

async function readCapped(res: Response, maxBytes: number, controller: AbortController, timeoutMs: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    if (controller.signal.aborted) throw new AppError('FETCH_TIMEOUT', `The body did not arrive within ${timeoutMs} ms.`, { status: 504, cause });
    throw new AppError('FETCH_FAILED', 'The connection failed while reading the body.', { status: 502, cause });
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch (cause) {
    throw new AppError('FETCH_INVALID_JSON', 'The body is not UTF-8.', { status: 502, cause });
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('FETCH_TOO_LARGE', `The document is larger than ${maxBytes} bytes.`, { status: 502, details: { maxBytes } });
}

/**
 * True for names and literal addresses that do not belong on the public internet:
 * localhost, *.local/*.internal, IPv4 loopback, private, link-local, CGNAT, 0/8 and
 * multicast, IPv6 loopback, unique-local, link-local and IPv4-mapped forms of those.
 */
export function isNonPublicHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === '' || h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  const v4 = parseIpv4(h);
  if (v4) return isNonPublicIpv4(v4);
  if (h.includes(':')) return isNonPublicIpv6(h);
  return false;
}

function parseIpv4(h: string): number[] | undefined {
  // WHATWG URL already normalises 0x7f.1, 2130706433 and friends to dotted decimal.
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

function isNonPublicIpv4([a = 0, b = 0]: number[]): boolean {
  return a === 0 || a === 10 || a === 127 || a >= 224 ||
    (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19));
}

function isNonPublicIpv6(h: string): boolean {
  if (h === '::1' || h === '::') return true;
  const mapped = /^::ffff:(.+)$/.exec(h);
  if (mapped?.[1]) {
    const v4 = parseIpv4(mapped[1]);
    if (v4) return isNonPublicIpv4(v4);
    // URL normalises ::ffff:127.0.0.1 to ::ffff:7f00:1.
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(mapped[1]);
    if (hex?.[1] && hex[2]) {
      const hi = parseInt(hex[1], 16);
      const lo = parseInt(hex[2], 16);
      return isNonPublicIpv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
    }
    return true;
  }
  const first = parseInt(h.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}
