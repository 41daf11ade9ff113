/**
 * The capped fetcher against a real HTTP server on 127.0.0.1 (a configured origin): the
 * allow-list, no redirects, status, size and deadline caps, strict JSON; and, with
 * `allowPublicHttps` on (the wallet's setting), the refusal of loopback, private and
 * link-local hosts before any request is made.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cappedFetchJson, cappedFetchText, checkFetchUrl, createDidWebResolver, createStatusListFetcher, didWebDocumentUrl, isNonPublicHost, normalizeOrigin,
} from '../../../shared/fetch/index.js';
import type { FetchLike } from '../../../shared/fetch/index.js';
import { AppError } from '../../../shared/errors.js';

let server: http.Server;
let origin: string;
const hung: http.ServerResponse[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const send = (status: number, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    };
    switch (req.url) {
      case '/ok': return send(200, JSON.stringify({ hello: 'dunia', accept: req.headers.accept }));
      case '/array': return send(200, '[1,2]');
      case '/dup': return send(200, '{"a":1,"a":2}');
      case '/redirect': return send(302, '', { location: 'http://169.254.169.254/latest/meta-data' });
      case '/missing': return send(404, '{"code":"NOT_FOUND"}');
      case '/declared-big': return send(200, 'x'.repeat(2000));
      case '/streamed-big': {
        // No content-length: the cap must hold while reading.
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 20; i++) res.write('x'.repeat(100));
        return res.end();
      }
      case '/not-utf8': return send(200, Buffer.from([0x22, 0xff, 0xfe, 0x22]));
      case '/empty': return send(200, '');
      case '/hang': hung.push(res); return undefined; // never answers
      case '/hang-body': {
        // Headers and a first chunk, then nothing: the deadline covers the body too.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"a":');
        hung.push(res);
        return undefined;
      }
      case '/deep': return send(200, `${'['.repeat(20)}${']'.repeat(20)}`);
      case '/did.json': return send(200, JSON.stringify({ id: `did:web:${encodeURIComponent(new URL(origin).host)}` }));
      default: return send(404, '{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const r of hung) r.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The AppError a promise rejects with: code, HTTP status and, for refused URLs, the reason. */
async function refusalOf(p: Promise<unknown>): Promise<{ code: string; reason?: unknown; status?: number }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) {
      const details = (e.details ?? {}) as { reason?: unknown };
      // House rule: a stable code and a sentence, never a megabyte of echoed URL.
      expect(e.message.length).toBeGreaterThan(8);
      expect(e.message.length).toBeLessThan(300);
      return { code: e.code, status: e.status, ...('reason' in details ? { reason: details.reason } : {}) };
    }
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('allow-list (checkFetchUrl)', () => {
  const neverCalled: FetchLike = async () => { throw new Error('the fetcher must not be called for a refused URL'); };
  // The wallet's status fetcher: public HTTPS allowed, nothing configured.
  const wallet = { allowedOrigins: [] as string[], allowPublicHttps: true, fetch: neverCalled };

  it.each([
    'https://127.0.0.1/status/1',
    'https://127.1.2.3/x',
    'https://10.1.2.3/status/1',
    'https://10.255.255.255/x',
    'https://100.127.255.1/x',
    'https://198.19.0.1/x',
    'https://172.16.0.1/x',
    'https://172.31.255.1/x',
    'https://192.168.1.10/x',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/x',
    'https://0.0.0.0/x',
    'https://224.0.0.1/x',
    'https://198.18.0.1/x',
    'https://[::1]/status/1',
    'https://[::]/x',
    'https://[fd00::1]/x',
    'https://[fe80::1]/x',
    'https://[ff02::1]/x',
    'https://[::ffff:127.0.0.1]/x',
    'https://[::ffff:10.0.0.1]/x',
    'https://localhost/status/1',
    'https://api.localhost/x',
    'https://printer.local/x',
    'https://metadata.google.internal/x',
    'https://2130706433/x', // 127.0.0.1 written as one number
    'https://0x7f.1/x',
  ])('with public HTTPS allowed, refuses the non-public host of %s before any request', async (url) => {
    expect(await refusalOf(cappedFetchText(url, wallet))).toEqual({ code: 'FETCH_URL_REFUSED', status: 400, reason: 'host is loopback, private or link-local' });
  });

  it('with public HTTPS allowed, lets a public https host through to the injected fetch', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = [];
    const fake: FetchLike = async (url, init) => {
      seen.push({ url, ...(init ? { init } : {}) });
      return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    expect(await cappedFetchJson('https://kredensial.example/status/1', { ...wallet, fetch: fake })).toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('https://kredensial.example/status/1');
    // No redirects followed, no cookies sent, a deadline on the request.
    expect(seen[0]!.init).toMatchObject({ method: 'GET', redirect: 'manual', credentials: 'omit', headers: { accept: 'application/json' } });
    expect(seen[0]!.init?.signal).toBeInstanceOf(AbortSignal);
    for (const host of [
      'kredensial.example', '8.8.8.8', '172.32.0.1', '172.15.0.1', '169.253.0.1', '169.255.0.1', '192.169.0.1', '192.167.0.1', '100.128.0.1', '100.63.0.1', '11.0.0.1',
      '11.254.0.1', '11.16.0.1', '11.31.0.1', '11.168.0.1', '11.64.0.1', '11.127.0.1', '11.18.0.1', '11.19.0.1', '198.17.0.1', '198.20.0.1',
      '10.0.0.1.example', 'fe80.example', 'fd00.example', 'ff02.example', '[2001:db8::1]', '[::ffff:8.8.8.8]',
    ]) {
      expect(checkFetchUrl(`https://${host}/x`, wallet).protocol).toBe('https:');
    }
  });

  it.each([
    ['http on a public host', 'http://kredensial.example/x', { allowPublicHttps: true }, 'only https is allowed'],
    ['an unlisted origin when public HTTPS is off', 'https://kredensial.example/x', {}, 'origin is not a configured issuer'],
    ['a listed host on another port', 'http://127.0.0.1:1/x', { allowedOrigins: ['http://127.0.0.1:2'] }, 'origin is not a configured issuer'],
    ['user and password in the URL', 'https://user:pw@kredensial.example/x', { allowPublicHttps: true }, 'credentials in URL'],
    ['a user name alone in the URL', 'https://user@kredensial.example/x', { allowPublicHttps: true }, 'credentials in URL'],
    ['a password alone in the URL', 'https://:pw@kredensial.example/x', { allowPublicHttps: true }, 'credentials in URL'],
    ['not a URL', 'not a url', { allowPublicHttps: true }, 'not a URL'],
    ['an overlong URL', `https://kredensial.example/${'a'.repeat(2100)}`, { allowPublicHttps: true }, 'not a URL of acceptable length'],
  ])('refuses %s', async (_n, url, extra, reason) => {
    expect(await refusalOf(cappedFetchText(url, { allowedOrigins: [], fetch: neverCalled, ...extra }))).toMatchObject({ code: 'FETCH_URL_REFUSED', reason });
  });

  it('refuses a URL that is not a string', async () => {
    expect(await refusalOf(cappedFetchText(42 as unknown as string, { allowedOrigins: [], allowPublicHttps: true, fetch: neverCalled }))).toMatchObject({ reason: 'not a URL of acceptable length' });
  });

  it('accepts a URL of exactly the longest length, and a listed http loopback origin', () => {
    const base = 'https://kredensial.example/';
    expect(checkFetchUrl(base + 'a'.repeat(2048 - base.length), { allowedOrigins: [], allowPublicHttps: true }).hostname).toBe('kredensial.example');
    expect(checkFetchUrl('http://127.0.0.1:4000/x', { allowedOrigins: ['http://127.0.0.1:4000/'] }).port).toBe('4000');
  });

  it('normalises configured origins and refuses non-http ones', () => {
    expect(normalizeOrigin('HTTP://127.0.0.1:4000/some/path')).toBe('http://127.0.0.1:4000');
    expect(() => normalizeOrigin('ftp://example.org')).toThrow(AppError);
    let err: unknown;
    try { normalizeOrigin('ftp://example.org'); } catch (e) { err = e; }
    expect(err).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('ftp://example.org') });
  });

  it('names a host non-public regardless of case or a trailing dot', () => {
    expect(isNonPublicHost('LOCALHOST.')).toBe(true);
    expect(isNonPublicHost('[::1]')).toBe(true);
    expect(isNonPublicHost('')).toBe(true);
    expect(isNonPublicHost('::ffff:7f00:1')).toBe(true);
    expect(isNonPublicHost('::ffff:808:808')).toBe(false);
    expect(isNonPublicHost('::ffff:zz')).toBe(true);
    expect(isNonPublicHost('256.1.1.1')).toBe(false); // not an address: a (bogus) name
    expect(isNonPublicHost('example.org')).toBe(false);
    // Only whole addresses count, not digits at the end of a name or inside another address.
    expect(isNonPublicHost('foo10.0.0.1')).toBe(false);
    expect(isNonPublicHost('[1::ffff:7f00:1]')).toBe(false);
    expect(isNonPublicHost('::ffff:1:808:808')).toBe(true);
    expect(isNonPublicHost('::ffff:808:808:1')).toBe(true);
  });
});

describe('fetching from a configured origin', () => {
  const opts = () => ({ allowedOrigins: [origin] });

  it('returns the body and asks for JSON', async () => {
    expect(await cappedFetchJson(`${origin}/ok`, opts())).toEqual({ hello: 'dunia', accept: 'application/json' });
    expect(JSON.parse(await cappedFetchText(`${origin}/ok`, opts(), { accept: 'text/plain' }))).toMatchObject({ accept: 'text/plain' });
    expect(await cappedFetchText(`${origin}/empty`, opts())).toBe('');
  });

  it.each([
    ['a redirect', '/redirect', {}, 'FETCH_REDIRECT_REFUSED', 502],
    ['an error status', '/missing', {}, 'FETCH_HTTP_STATUS', 502],
    ['a declared length over the cap', '/declared-big', { maxBytes: 1000 }, 'FETCH_TOO_LARGE', 502],
    ['a streamed body over the cap', '/streamed-big', { maxBytes: 1000 }, 'FETCH_TOO_LARGE', 502],
    ['a body that is not UTF-8', '/not-utf8', {}, 'FETCH_INVALID_JSON', 502],
    ['no answer within the deadline', '/hang', { timeoutMs: 150 }, 'FETCH_TIMEOUT', 504],
    ['a body that stops arriving before the deadline', '/hang-body', { timeoutMs: 150 }, 'FETCH_TIMEOUT', 504],
  ])('refuses %s', async (_n, p, extra, code, status) => {
    expect(await refusalOf(cappedFetchText(`${origin}${p}`, { ...opts(), ...extra }))).toMatchObject({ code, status });
  });

  it('a body of exactly the cap is accepted', async () => {
    expect(await cappedFetchText(`${origin}/declared-big`, { ...opts(), maxBytes: 2000 })).toHaveLength(2000);
    expect(await cappedFetchText(`${origin}/streamed-big`, { ...opts(), maxBytes: 2000 })).toHaveLength(2000);
  });

  it('a closed port is FETCH_FAILED; duplicate keys are FETCH_INVALID_JSON', async () => {
    expect(await refusalOf(cappedFetchText('http://127.0.0.1:1/x', { allowedOrigins: ['http://127.0.0.1:1'] }))).toMatchObject({ code: 'FETCH_FAILED', status: 502 });
    expect(await refusalOf(cappedFetchJson(`${origin}/dup`, opts()))).toMatchObject({ code: 'FETCH_INVALID_JSON', status: 502 });
  });

  it.each([
    [299, 'ok'], [300, 'FETCH_REDIRECT_REFUSED'], [304, 'FETCH_REDIRECT_REFUSED'], [399, 'FETCH_REDIRECT_REFUSED'], [400, 'FETCH_HTTP_STATUS'], [500, 'FETCH_HTTP_STATUS'],
  ])('status %i: %s', async (status, expected) => {
    const fake: FetchLike = async () => new Response(status === 304 ? null : '{}', { status });
    const got = await cappedFetchText(`${origin}/ok`, { ...opts(), fetch: fake }).then(() => 'ok', (e: AppError) => e.code);
    expect(got).toBe(expected);
  });

  it('a browser\'s opaque redirect (status 0) is refused too', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, body: null, headers: new Headers() } as unknown as Response;
    expect(await refusalOf(cappedFetchText(`${origin}/ok`, { ...opts(), fetch: async () => opaque }))).toMatchObject({ code: 'FETCH_REDIRECT_REFUSED', status: 502 });
  });

  it('a declared length over the cap is refused without reading the body', async () => {
    const lying: FetchLike = async () => new Response('{}', { status: 200, headers: { 'content-length': '5000' } });
    expect(await refusalOf(cappedFetchText(`${origin}/ok`, { ...opts(), maxBytes: 1000, fetch: lying }))).toMatchObject({ code: 'FETCH_TOO_LARGE' });
    const missing = await cappedFetchText(`${origin}/ok`, { ...opts(), fetch: async () => new Response('{"x":1}', { status: 404 }) }).catch((e: AppError) => e);
    expect(missing).toMatchObject({ code: 'FETCH_HTTP_STATUS', details: { status: 404 } });
  });

  it('a response without a body is the empty text; the default cap is 1,000,000 bytes', async () => {
    expect(await cappedFetchText(`${origin}/ok`, { ...opts(), fetch: async () => new Response(null, { status: 200 }) })).toBe('');
    const sized = (n: number): FetchLike => async () => new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array(n).fill(0x20)); c.close(); } }), { status: 200 });
    expect(await cappedFetchText(`${origin}/ok`, { ...opts(), fetch: sized(1_000_000) })).toHaveLength(1_000_000);
    expect(await refusalOf(cappedFetchText(`${origin}/ok`, { ...opts(), fetch: sized(1_000_001) }))).toMatchObject({ code: 'FETCH_TOO_LARGE' });
  });

  it('a body that breaks off while reading is FETCH_FAILED, not a hang', async () => {
    const broken: FetchLike = async () => new Response(new ReadableStream({ pull(c) { c.error(new Error('reset')); } }), { status: 200 });
    expect(await refusalOf(cappedFetchText(`${origin}/ok`, { ...opts(), fetch: broken }))).toMatchObject({ code: 'FETCH_FAILED', status: 502 });
  });
});

describe('status list and did:web fetchers', () => {
  it('a status list must be a JSON object, stamped with the injected clock', async () => {
    const at = new Date('2026-06-01T08:00:00Z');
    const fetchList = createStatusListFetcher({ allowedOrigins: [origin], now: () => at });
    expect(await fetchList(`${origin}/ok`)).toEqual({ credential: { hello: 'dunia', accept: 'application/json' }, fetchedAt: at });
    expect(await refusalOf(fetchList(`${origin}/array`))).toMatchObject({ code: 'STATUS_LIST_INVALID', status: 502 });
    // Status lists are shallow: deep nesting is refused by the strict parser.
    expect(await refusalOf(fetchList(`${origin}/deep`))).toMatchObject({ code: 'FETCH_INVALID_JSON' });
  });

  it('a status list over 256 KB is refused by default', async () => {
    const big: FetchLike = async () => new Response(`{"p":"${'x'.repeat(256 * 1024)}"}`, { status: 200 });
    const fetchList = createStatusListFetcher({ allowedOrigins: [origin], now: () => new Date(0), fetch: big });
    expect(await refusalOf(fetchList(`${origin}/ok`))).toMatchObject({ code: 'FETCH_TOO_LARGE' });
  });

  it('did:web: http only for a configured http origin; the document must name the DID', async () => {
    const host = encodeURIComponent(new URL(origin).host);
    expect(didWebDocumentUrl(`did:web:${host}`, [origin])).toBe(`${origin}/.well-known/did.json`);
    expect(didWebDocumentUrl('did:web:kredensial.example', [origin])).toBe('https://kredensial.example/.well-known/did.json');
    expect(didWebDocumentUrl('did:web:kredensial.example', ['http://kredensial.example', 'https://kredensial.example'])).toBe('https://kredensial.example/.well-known/did.json');
    const served: Record<string, string> = { '/.well-known/did.json': `{"id":"did:web:${host}"}`, '/providers/a/did.json': '{"id":"did:web:other"}', '/providers/b/did.json': '[]', '/providers/c/did.json': 'null', '/providers/d/did.json': '"did"' };
    const fake: FetchLike = async (url) => new Response(served[new URL(url).pathname] ?? '{}', { status: 200 });
    const resolve = createDidWebResolver({ allowedOrigins: [origin], fetch: fake });
    expect(await resolve(`did:web:${host}`)).toEqual({ id: `did:web:${host}` });
    expect(await refusalOf(resolve(`did:web:${host}:providers:a`))).toMatchObject({ code: 'DID_DOCUMENT_MISMATCH' });
    expect(await refusalOf(resolve(`did:web:${host}:providers:b`))).toMatchObject({ code: 'DID_DOCUMENT_INVALID' });
    expect(await refusalOf(resolve(`did:web:${host}:providers:c`))).toMatchObject({ code: 'DID_DOCUMENT_INVALID' });
    expect(await refusalOf(resolve(`did:web:${host}:providers:d`))).toMatchObject({ code: 'DID_DOCUMENT_INVALID' });
    const deep: FetchLike = async () => new Response(`{"id":"did:web:${host}","x":${'['.repeat(20)}${']'.repeat(20)}}`, { status: 200 });
    expect(await refusalOf(createDidWebResolver({ allowedOrigins: [origin], fetch: deep })(`did:web:${host}`))).toMatchObject({ code: 'FETCH_INVALID_JSON' });
  });

  it('a DID document over 64 KB is refused by default', async () => {
    const big: FetchLike = async () => new Response(`{"id":"x","p":"${'x'.repeat(64 * 1024)}"}`, { status: 200 });
    const resolve = createDidWebResolver({ allowedOrigins: [origin], fetch: big });
    expect(await refusalOf(resolve(`did:web:${encodeURIComponent(new URL(origin).host)}`))).toMatchObject({ code: 'FETCH_TOO_LARGE' });
  });
});
