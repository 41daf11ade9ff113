/**
 * The shared core runs unchanged in a real browser (Debian chromium) and decides the same
 * way as in Node: the golden credential verifies, a tampered one fails on its signature,
 * and a malleated signature (S + L) is refused (BAD-INPUTS row 13).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { verifyCredential } from '../../shared/index.js';
import type * as Shared from '../../shared/index.js';
import { NOW, createWorld } from '../fixtures/world.js';
import { launchChromium } from './chromium.js';

const golden = (name: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/golden', name), 'utf8')) as Record<string, unknown>;

let server: http.Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [path.resolve(import.meta.dirname, 'shared-entry.ts')],
    bundle: true, format: 'esm', platform: 'browser', write: false, target: 'es2022', logLevel: 'error',
  });
  const js = bundle.outputFiles[0]!.contents;
  server = http.createServer((req, res) => {
    if (req.url === '/shared.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script type="module" src="/shared.js"></script>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'shared' in globalThis);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

async function verifyInBrowser(vc: unknown) {
  const world = await createWorld();
  const data = {
    vc,
    now: NOW.toISOString(),
    didDocs: Object.fromEntries(world.didDocs),
    lists: golden('status-lists.json'),
    accreditation: golden('accreditation.json'),
    anchor: { did: world.lan.did, publicKeyMultibase: world.lan.publicKeyMultibase },
  };
  return page.evaluate(async (d) => {
    const s = (globalThis as unknown as { shared: typeof Shared }).shared;
    const documentLoader = s.createDocumentLoader({ resolveDidWeb: async (did) => d.didDocs[did] as never });
    const r = await s.verifyCredential(d.vc, {
      documentLoader,
      now: new Date(d.now),
      fetchStatusList: async (url) => ({ credential: (d.lists as Record<string, unknown>)[url], fetchedAt: new Date(d.now) }),
      accreditation: { trustAnchor: d.anchor, findAccreditations: async () => [d.accreditation] },
    });
    return { verified: r.verified, codes: r.checks.map((c) => `${c.id}:${c.status}:${c.code}`) };
  }, data);
}

describe('shared core in chromium', () => {
  it('verifies the golden credential exactly as Node does', async () => {
    const vc = golden('learning-credential.eddsa-rdfc-2022.json');
    const inBrowser = await verifyInBrowser(vc);
    expect(inBrowser.verified).toBe(true);
    const world = await createWorld();
    const lists = golden('status-lists.json');
    const inNode = await verifyCredential(vc, world.verifyOptions({
      fetchStatusList: async (url) => ({ credential: lists[url], fetchedAt: NOW }),
      accreditation: { trustAnchor: { did: world.lan.did, publicKeyMultibase: world.lan.publicKeyMultibase }, findAccreditations: async () => [golden('accreditation.json')] },
    }));
    expect(inBrowser.codes).toEqual(inNode.checks.map((c) => `${c.id}:${c.status}:${c.code}`));
  });

  it('fails a tampered credential on its signature', async () => {
    const vc = JSON.parse(JSON.stringify(golden('learning-credential.eddsa-rdfc-2022.json')).replace('"creditsAvailable":24', '"creditsAvailable":48'));
    const r = await verifyInBrowser(vc);
    expect(r.verified).toBe(false);
    expect(r.codes).toContain('proof:failed:SIGNATURE_INVALID');
  });

  it('refuses a malleated signature (S + L) and a small-order key', async () => {
    const out = await page.evaluate(async () => {
      const s = (globalThis as unknown as { shared: typeof Shared }).shared;
      const kp = await s.generateKeyPair(new Uint8Array(32).fill(9));
      const data = new Uint8Array([1, 2, 3]);
      const sig = await s.createSigner('k', kp.secretKey).sign({ data });
      const L = 2n ** 252n + 27742317777372353535851937790883648493n;
      let n = 0n;
      for (let i = 63; i >= 32; i--) n = (n << 8n) + BigInt(sig[i]!);
      n += L;
      const mal = new Uint8Array(sig);
      for (let i = 32; i < 64; i++) { mal[i] = Number(n & 0xffn); n >>= 8n; }
      const weak = new Uint8Array(32); weak[0] = 1;
      let weakCode = '';
      try { await s.verifyEd25519(sig, data, weak); } catch (e) { weakCode = (e as { code: string }).code; }
      return { good: await s.verifyEd25519(sig, data, kp.publicKey), malleated: await s.verifyEd25519(mal, data, kp.publicKey), weakCode };
    });
    expect(out).toEqual({ good: true, malleated: false, weakCode: 'KEY_WEAK' });
  });
});
