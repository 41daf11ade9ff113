/**
 * The HR page reads QR codes without the browser's BarcodeDetector (Firefox, Safari/iOS,
 * desktop Chrome on Linux/Windows): camera frames and uploaded photos are decoded with
 * jsQR and go through the same checks as a pasted link. A QR holding `javascript:`, a
 * foreign origin, an oversized or a truncated link is refused without navigating
 * (BAD-INPUTS row 27). The camera is chromium's fake device playing a Y4M file that shows
 * a relay QR. Screenshots go to test-results/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPresentation, signPresentation } from '../../shared/index.js';
import { buildRelayUrl, createRelayKey, encryptForRelay } from '../../shared/relay/index.js';
import { NOW } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { chromiumAvailable, launchChromium } from '../browser/chromium.js';
import { credentialId, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

const OUT = 'test-results';

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let browser: Browser;
let tmp: string;
let nextCredential = 600;

/** Uploads a fresh signed presentation to the relay; returns the link a wallet QR holds. */
async function relayLink(): Promise<string> {
  const held = await world.issue({ holder: world.holder.did, mutate: (v) => { v.id = credentialId(nextCredential++); } });
  const { id, challenge, domain, uploadUrl } = (await postJson(`${verifier.url}/relay`, undefined)).body;
  const vp = await signPresentation(buildPresentation({ holder: world.holder.did, credentials: [held] }), {
    signer: world.holder.signer, documentLoader: world.documentLoader, now: NOW, challenge, domain,
  });
  const key = createRelayKey();
  const put = await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(await encryptForRelay(vp, id, key)) });
  expect(put.ok).toBe(true);
  return buildRelayUrl(verifier.url, id, key);
}

const qrPng = (text: string) => QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: text.length > 1000 ? 'L' : 'M', margin: 4, scale: 6 });

/**
 * A Y4M video (4:2:0, full-range luma) whose frames show `text` as a QR code, centred on a
 * white 640×480 picture, for chromium's `--use-file-for-fake-video-capture`.
 */
function qrY4m(text: string, frames = 3): Buffer {
  const W = 640;
  const H = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor(Math.min(W, H) * 0.9 / (n + 2 * quiet));
  const side = (n + 2 * quiet) * scale;
  const x0 = Math.floor((W - side) / 2);
  const y0 = Math.floor((H - side) / 2);
  const luma = Buffer.alloc(W * H, 255);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = (y0 + (quiet + r) * scale + dy) * W;
        luma.fill(0, row + x0 + (quiet + c) * scale, row + x0 + (quiet + c + 1) * scale);
      }
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128); // no colour
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]);
}

/**
 * A page as Firefox or Safari would have it: no BarcodeDetector, jsQR does the reading.
 * `emptyDetector` instead gives it one that reads no QR codes (as some desktop builds do).
 */
async function openPage(viewport: { width: number; height: number }, phone = false, emptyDetector = false): Promise<{ page: Page; errors: string[]; requests: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ viewport, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  await page.addInitScript((empty) => {
    const w = window as { BarcodeDetector?: unknown };
    delete w.BarcodeDetector;
    if (empty) {
      w.BarcodeDetector = class {
        static getSupportedFormats() { return Promise.resolve([]); }
        detect() { return Promise.reject(new Error('no QR support')); }
      };
    }
  }, emptyDetector);
  const errors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto(verifier.url);
  return { page, errors, requests, dialogs };
}

const photo = (buffer: Buffer, name = 'qr.png', mimeType = 'image/png') => ({ name, mimeType, buffer });

let cameraLink: string;

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock: testClock() });
  await mkdir(OUT, { recursive: true });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'hr-page-qr-'));
  // The fake camera's video is fixed at launch: it shows the QR of a relay link made now.
  cameraLink = await relayLink();
  const video = path.join(tmp, 'camera.y4m');
  await writeFile(video, qrY4m(cameraLink));
  if (chromiumAvailable()) {
    browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
  }
});

afterAll(async () => {
  await browser?.close();
  await verifier?.close();
  await issuer?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!chromiumAvailable())('HR page reads QR codes without BarcodeDetector', () => {
  it('shows the photo upload, labelled and reachable by keyboard, on desktop and phone', async () => {
    for (const [viewport, phone, name] of [[{ width: 1280, height: 900 }, false, 'desktop'], [{ width: 390, height: 844 }, true, 'phone']] as const) {
      const { page, errors } = await openPage(viewport, phone);
      const note = page.locator('#scan-note');
      await expect.poll(() => note.isVisible()).toBe(true);
      expect(await note.textContent()).toContain('halaman ini membacanya sendiri');
      expect(await note.textContent()).not.toContain('tidak dapat membaca QR');
      const input = page.getByLabel('Atau unggah foto QR');
      expect(await input.getAttribute('accept')).toBe('image/*');
      expect(await input.getAttribute('type')).toBe('file');
      await page.screenshot({ path: `${OUT}/hr-page-qr-${name}.png`, fullPage: true });
      // Tab from the camera button lands on the photo input.
      await page.getByRole('button', { name: 'Mulai kamera' }).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('qr-photo');
      await page.locator('#qr-photo').blur();
      await page.getByRole('button', { name: 'Switch to English' }).click();
      expect(await note.textContent()).toContain('no built-in QR reader');
      expect(await page.getByLabel('Or upload a photo of the QR').count()).toBe(1);
      await page.screenshot({ path: `${OUT}/hr-page-qr-${name}-en.png`, fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('a photo of a wallet QR opens the relayed presentation', async () => {
    const link = await relayLink();
    const { page, errors, dialogs } = await openPage({ width: 390, height: 844 }, true);
    await page.getByLabel('Atau unggah foto QR').setInputFiles(photo(await qrPng(link)));
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 15_000 }).toBe('Asli dan diakui');
    expect(await page.locator('#checks li').count()).toBe(10);
    expect(page.url()).toBe(`${verifier.url}/`);
    await page.screenshot({ path: `${OUT}/hr-page-qr-photo-verified-phone.png`, fullPage: true });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses hostile QR content without navigating (BAD-INPUTS #27)', async () => {
    const { page, dialogs, requests } = await openPage({ width: 1280, height: 900 });
    const start = page.url();
    const input = page.getByLabel('Atau unggah foto QR');
    const error = page.locator('#input-error');
    const relay = await relayLink();
    const cases: Array<[text: string, message: string]> = [
      ['javascript:alert(1)', 'bukan JSON yang sah atau tautan QR'],
      ['JAVASCRIPT:alert(document.domain)//https://x', 'bukan JSON yang sah atau tautan QR'],
      // A wallet link of a foreign verifier: the server refuses to fetch it.
      [`https://evil.example/p/${relay.split('/p/')[1]}`, 'bukan tautan sertifikat atau dompet ASN yang dikenal'],
      // Cut short: the key lost its tail.
      [relay.slice(0, -10), 'terpotong'],
      // Longer than any certificate link: refused by the verifier, never fetched.
      [`${verifier.url}/?url=${encodeURIComponent(`https://kredensial.example/c/${'a'.repeat(2400)}`)}`, 'bukan tautan sertifikat atau dompet ASN yang dikenal'],
    ];
    for (const [text, message] of cases) {
      await page.evaluate(() => { document.getElementById('input-error')!.hidden = true; });
      await input.setInputFiles(photo(await qrPng(text)));
      await expect.poll(() => error.isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await error.textContent()).toContain(message);
      expect(page.url()).toBe(start);
      expect(await page.locator('#result-card').isHidden()).toBe(true);
    }
    expect(dialogs).toEqual([]);
    const origin = new URL(verifier.url).origin;
    expect(requests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
    await page.screenshot({ path: `${OUT}/hr-page-qr-refused.png`, fullPage: true });

    // Not a QR at all: a picture without one, and a file that is no picture.
    await input.setInputFiles(photo(await page.screenshot(), 'screen.png'));
    await expect.poll(() => error.textContent()).toContain('Tidak ada kode QR yang terbaca');
    await input.setInputFiles(photo(Buffer.from('not an image'), 'x.png'));
    await expect.poll(() => error.textContent()).toContain('bukan gambar');
    expect(page.url()).toBe(start);
    // The relay link itself was never read by the refused attempts: it still opens.
    await input.setInputFiles(photo(await qrPng(relay)));
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 15_000 }).toBe('Asli dan diakui');
    await page.close();
  });

  it('the camera reads the QR from video frames with jsQR (BarcodeDetector without QR support)', async () => {
    const { page, errors } = await openPage({ width: 1280, height: 900 }, false, true);
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(true);
    await expect.poll(() => page.locator('#scan-note').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Mulai kamera' }).click();
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 20_000 }).toBe('Asli dan diakui');
    expect(page.url()).toBe(`${verifier.url}/`);
    // Reading stopped the camera.
    expect(await page.evaluate(() => (document.getElementById('video') as HTMLVideoElement).srcObject)).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});
