/**
 * The wallet end to end in Debian chromium, against the REAL issuer and verifier apps
 * (LevelDB in temp folders, HTTP on 127.0.0.1): create the holder key, claim two
 * credentials from their claim links, see JP progress, present both by QR, and let the
 * verifier's HR page verify the presentation from the QR URL. Also: a used claim link,
 * hostile credential text shown as text, lock/unlock, English, desktop layout.
 * Screenshots: test-results/wallet-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import jsQRModule from 'jsqr';
import { pino } from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuer } from '../../issuer/app.js';
import type { IssuerServices } from '../../issuer/services/index.js';
import { openLevelStore as openIssuerStore } from '../../issuer/store/level-store.js';
import { createVerifierApp } from '../../verifier/app.js';
import { DEFAULT_SETTINGS } from '../../verifier/services/context.js';
import { openLevelStore as openVerifierStore } from '../../verifier/store/level-store.js';
import { startWalletServer } from '../../wallet-web/serve.node.js';
import { chromiumAvailable, launchChromium } from '../browser/chromium.js';
import { ADMIN_TOKEN, MASTER_KEY, call, learningInput, setupProvider } from '../issuer/helpers.js';
import { listenLater } from './listen-later.js';

const OUT = 'test-results';
const PASS = 'sandi dompet uji 2026';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wallet-e2e-'));
const stops: Array<() => Promise<void>> = [];

let issuerUrl = '';
let verifierUrl = '';
let walletUrl = '';
let walletServer: http.Server;
let apiKey = '';
let issuerServices: IssuerServices;
let browser: Browser;
/** One browser profile for every test: the wallet lives in its IndexedDB. */
let context: BrowserContext;

async function issue(over: Record<string, unknown>): Promise<{ offerUrl: string; id: string }> {
  const res = await call(issuerUrl, 'POST', '/learning-credentials', { token: apiKey, body: learningInput(over) });
  if (res.status !== 201) throw new Error(`issue failed ${res.status}: ${JSON.stringify(res.body)}`);
  return { offerUrl: res.body.claimOffer.url as string, id: res.body.verifiableCredential?.id ?? res.body.id };
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  // Issuer (real app) behind the CORS shim.
  const issuerHttp = await listenLater();
  issuerUrl = issuerHttp.url;
  const issuerStore = await openIssuerStore(path.join(tmp, 'issuer'));
  const issuer = createIssuer({
    store: issuerStore, now: () => new Date(), masterKey: MASTER_KEY, adminToken: ADMIN_TOKEN, logger: pino({ level: 'silent' }),
    settings: { publicUrl: issuerUrl, claimOfferTtlSeconds: 3600, statusListLength: 131072 }, batchRetryDelayMs: 200,
  });
  issuerServices = issuer.services;
  await issuer.services.keys.ensureLanKey();
  issuerHttp.handle(issuer.app);
  stops.push(async () => {
    await issuerHttp.close();
    await issuer.services.batches.stop();
    await issuerStore.close();
  });
  ({ apiKey } = await setupProvider(issuerUrl, 'pusdiklat-uji', { name: 'Pusdiklat Uji Coba' }));

  // Verifier (real app), trusting this issuer's LAN key.
  const lanDoc = (await (await fetch(`${issuerUrl}/.well-known/did.json`)).json()) as { id: string; verificationMethod: Array<{ publicKeyMultibase: string }> };
  const verifierHttp = await listenLater();
  verifierUrl = verifierHttp.url;
  const verifierStore = await openVerifierStore(path.join(tmp, 'verifier'));
  const verifierApp = createVerifierApp({
    store: verifierStore, now: () => new Date(),
    settings: {
      ...DEFAULT_SETTINGS, publicUrl: verifierUrl,
      trustAnchor: { did: lanDoc.id, publicKeyMultibase: lanDoc.verificationMethod[0]!.publicKeyMultibase },
      issuerOrigins: [issuerUrl], registryUrl: `${issuerUrl}/registry`,
      secret: 'wallet-e2e-secret-0123456789-0123456789', rateLimitPerMinute: 10_000,
    },
  });
  verifierHttp.handle(verifierApp);
  stops.push(async () => {
    await verifierHttp.close();
    await verifierStore.close();
  });

  // Wallet: built with Vite, served by its own static server.
  const wallet: http.Server = walletServer = await startWalletServer({ port: 0, host: '127.0.0.1', issuerOrigin: issuerUrl, verifierOrigin: verifierUrl, rebuild: true, distDir: path.join(tmp, 'dist') });
  walletUrl = `http://127.0.0.1:${(wallet.address() as AddressInfo).port}`;
  stops.push(() => new Promise<void>((resolve) => {
    wallet.closeAllConnections();
    wallet.close(() => resolve());
  }));
  if (chromiumAvailable()) {
    browser = await launchChromium();
    // In Jakarta's time zone, as the holders are: times read `… WIB`.
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, timezoneId: 'Asia/Jakarta' });
  }
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  // No missing file on any page (favicon included): a 404 is an error, whatever the console says.
  page.on('response', (r) => {
    if (r.status() === 404) errors.push(`404: ${new URL(r.url()).pathname}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon|status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  // The wallet's own confirm() questions are accepted; any alert or prompt (e.g. injected script) is an error.
  page.on('dialog', (d) => {
    if (d.type() === 'confirm') {
      void d.accept();
      return;
    }
    errors.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

async function claim(page: Page, offerUrl: string): Promise<void> {
  await page.goto(`${walletUrl}/#/claim?offer=${encodeURIComponent(offerUrl)}`);
  await page.getByRole('button', { name: 'Terima dan simpan' }).click();
  await expect.poll(async () => (await page.locator('.notice').first().textContent({ timeout: 1000 }).catch(() => null)) ?? '', { timeout: 20_000 }).not.toBe('');
  expect(await page.locator('.notice').first().textContent()).toContain('Kredensial tersimpan');
}

describe.skipIf(!chromiumAvailable())('wallet in chromium, with the real issuer and verifier', () => {
  it('create key → claim → JP progress → present by QR → the verifier page verifies it', async () => {
    const leadership = await issue({
      course: { id: 'PKP-2026-07', name: { id: 'Pelatihan Kepemimpinan Pengawas', en: 'Supervisory Leadership Training' }, description: { id: 'Pelatihan kepemimpinan tingkat pengawas.' } },
      competency: { type: 'manajerial', code: 'M.01', level: 3 }, jp: 12, startDate: '2026-07-06', endDate: '2026-07-08',
    });
    const data = await issue({
      course: { id: 'ADS-2026-02', name: { id: 'Analisis Data untuk Kebijakan <img src=x onerror="window.__xss=1">', en: 'Data Analysis for Policy' }, description: { id: 'E-learning analisis data.' } },
      competency: { type: 'teknis', code: 'T.LAN.01', name: { id: 'Analisis Data', en: 'Data Analysis' }, level: 2 }, jp: 6, startDate: '2026-09-01', endDate: '2026-09-02', learningMode: 'nonklasikal', learningPath: 'e-learning',
    });

    const page = await context.newPage();
    const errors = watchErrors(page);
    // 1. First use comes from a claim link: the first screen says what waits, and from whom.
    await page.goto(`${walletUrl}/#/claim?offer=${encodeURIComponent(leadership.offerUrl)}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Buat dompet' }).count()).toBe(1);
    const waiting = page.locator('[data-testid=offer-waiting]');
    await expect.poll(() => waiting.textContent(), { timeout: 10_000 }).toContain('Pusdiklat Uji Coba');
    const waitingText = (await waiting.textContent()) ?? '';
    expect(waitingText).toContain('Sebuah kredensial menunggu Anda');
    expect(waitingText).toContain('Pelatihan Kepemimpinan Pengawas');
    expect(waitingText).toContain('Manajerial · M.01');
    expect(waitingText).toContain('6 Juli 2026 – 8 Juli 2026');
    expect(waitingText).toMatch(/Tautan berlaku sampai.*20\d\d pukul \d\d\.\d\d WIB/);
    // A most common password is refused, with the hint saying so while typing.
    await page.getByLabel('Kata sandi', { exact: true }).fill('Bismillah2026');
    await expect.poll(() => page.locator('[data-testid=strength]').textContent()).toContain('Terlalu umum');
    await page.getByLabel('Ulangi kata sandi').fill('Bismillah2026');
    await page.screenshot({ path: `${OUT}/wallet-1-setup-from-link-phone.png`, fullPage: true });
    await page.getByRole('button', { name: 'Buat dompet' }).click();
    await expect.poll(() => page.locator('[role=alert]').first().textContent({ timeout: 1000 }).catch(() => ''), { timeout: 10_000 }).toContain('paling sering dipakai');
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASS);
    expect(await page.locator('[data-testid=strength]').textContent()).toContain('Kuat');
    await page.getByLabel('Ulangi kata sandi').fill(PASS);
    await page.getByRole('button', { name: 'Buat dompet' }).click();
    // The wallet exists: the offer of the link is shown, ready to accept.
    await expect.poll(() => page.getByRole('heading', { name: 'Sebuah kredensial menunggu Anda', level: 1 }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Terima dan simpan' }).count(), { timeout: 10_000 }).toBe(1);
    const offerText = (await page.locator('.offer').first().textContent()) ?? '';
    expect(offerText).toContain('Klasikal · Pelatihan');
    await page.screenshot({ path: `${OUT}/wallet-1b-offer-phone.png`, fullPage: true });
    // The key at rest is sealed: nothing in IndexedDB holds it in clear.
    const dbDump = await page.evaluate(async () => {
      const dbs = await indexedDB.databases();
      return JSON.stringify(dbs.map((d) => d.name));
    });
    expect(dbDump).toContain('asn-dompet');

    // 2. Accept: the wallet lands on the JP progress with the new credential highlighted.
    await page.getByRole('button', { name: 'Terima dan simpan' }).click();
    await expect.poll(() => page.locator('[data-testid=jp-new]').textContent(), { timeout: 20_000 }).toContain('+12 JP');
    expect(await page.locator('.notice').first().textContent()).toContain('Kredensial tersimpan');
    expect(await page.locator('[data-testid=jp-total]').textContent()).toBe('12 / 20 JP');
    await expect.poll(() => page.locator('[data-testid=cred-new] .badge').textContent(), { timeout: 20_000 }).toBe('terverifikasi');
    expect(await page.locator('[data-testid=cred-new] .cred-title').textContent()).toBe('Pelatihan Kepemimpinan Pengawas');
    await page.screenshot({ path: `${OUT}/wallet-2-claimed-home-phone.png`, fullPage: true });
    await claim(page, data.offerUrl);
    // Hostile text from the credential is shown as text, never run (BAD-INPUTS #39).
    expect(await page.locator('[data-testid=cred-new] .cred-title').textContent()).toContain('<img src=x onerror=');
    expect(await page.locator('main img').count()).toBe(0);
    // Every code in words, dates in the long local form, a time with its zone.
    await page.locator('[data-testid=cred-new] a').click();
    await expect.poll(() => page.locator('.detail').count()).toBe(1);
    const detail = (await page.locator('main').textContent()) ?? '';
    expect(detail).toContain('Nonklasikal · E-learning');
    expect(detail).toContain('Teknis · T.LAN.01');
    expect(detail).toContain('1 September 2026 – 2 September 2026');
    expect(detail).toContain('lulus');
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 20_000 }).toMatch(/Diperiksa: \d{1,2} \w+ 20\d\d pukul \d\d\.\d\d WIB/);
    await page.screenshot({ path: `${OUT}/wallet-2b-detail-phone.png`, fullPage: true });
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    // 3. A used claim link is refused with a clear message.
    await page.goto(`${walletUrl}/#/claim?offer=${encodeURIComponent(leadership.offerUrl)}`);
    await expect.poll(() => page.locator('[role=alert]').first().textContent(), { timeout: 10_000 }).toContain('sudah dipakai');
    await page.screenshot({ path: `${OUT}/wallet-3-used-link-phone.png`, fullPage: true });

    // 4. JP progress: 12 + 6 = 18 of 20 JP in 2026, split by competency type.
    await page.goto(`${walletUrl}/#/`);
    await expect.poll(() => page.locator('[data-testid=jp-total]').textContent()).toBe('18 / 20 JP');
    await expect.poll(() => page.locator('.cred-card .badge').allTextContents(), { timeout: 20_000 }).toEqual(['terverifikasi', 'terverifikasi']);
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('18');
    const breakdown = await page.locator('.breakdown').textContent();
    expect(breakdown).toContain('Teknis');
    expect(breakdown).toContain('Manajerial');
    await page.screenshot({ path: `${OUT}/wallet-4-home-phone.png`, fullPage: true });

    // 5. Present both by QR.
    await page.getByRole('link', { name: 'Tunjukkan' }).click();
    await page.locator('.pick').nth(0).click();
    await page.locator('.pick').nth(1).click();
    await page.getByRole('button', { name: 'Buat kode QR' }).click();
    const canvas = page.locator('canvas.qr');
    await expect.poll(() => canvas.count(), { timeout: 20_000 }).toBe(1);
    const relayUrl = (await canvas.getAttribute('data-relay-url'))!;
    expect(relayUrl).toMatch(new RegExp(`^${verifierUrl}/p/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$`));
    expect(await page.locator('.countdown').textContent()).toMatch(/Kedaluwarsa dalam [45]:\d\d/);
    // The QR really encodes that URL (decoded from the canvas pixels with jsQR).
    const pixels = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const img = ctx.getImageData(0, 0, c.width, c.height);
      return { w: c.width, h: c.height, data: Array.from(img.data) };
    });
    // jsqr is CommonJS: its default export is the function under Node's ESM interop.
    const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.w, pixels.h);
    expect(decoded?.data).toBe(relayUrl);
    await page.screenshot({ path: `${OUT}/wallet-5-present-qr-phone.png`, fullPage: true });

    // 6. The HR page opens the QR URL and verifies the presentation.
    const hr = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await hr.goto(relayUrl);
    await expect.poll(() => hr.locator('#verdict-title').textContent(), { timeout: 30_000 }).toBe('Asli dan diakui');
    await hr.screenshot({ path: `${OUT}/wallet-6-verifier-verified.png`, fullPage: true });
    await hr.close();

    // 7. Out of the wallet: the JSON, the provider's certificate PDF, a public verification link.
    await page.goto(`${walletUrl}/#/c/0`);
    await expect.poll(() => page.getByRole('button', { name: 'Unduh sertifikat (PDF)' }).count(), { timeout: 10_000 }).toBe(1);
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh berkas kredensial (JSON)' }).click()]);
    expect(jsonDownload.suggestedFilename()).toBe('kredensial-pelatihan-kepemimpinan-pengawas-2026-07-08.json');
    const jsonFile = path.join(tmp, 'credential.json');
    await jsonDownload.saveAs(jsonFile);
    const downloaded = JSON.parse(readFileSync(jsonFile, 'utf8')) as { id: string; proof?: unknown; credentialSubject: { id: string } };
    expect(downloaded.id).toBe(leadership.id);
    expect(downloaded.proof).toBeDefined();
    expect(downloaded.credentialSubject.id).toMatch(/^did:key:z6Mk/);
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh sertifikat (PDF)' }).click()]);
    expect(pdfDownload.suggestedFilename()).toBe('sertifikat-pelatihan-kepemimpinan-pengawas-2026-07-08.pdf');
    const pdfFile = path.join(tmp, 'certificate.pdf');
    await pdfDownload.saveAs(pdfFile);
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('button', { name: 'Buat tautan verifikasi' }).click();
    const shareUrl = await page.locator('[data-testid=share-link]').inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${verifierUrl}/bukti#v1\\.[A-Za-z0-9_-]+$`));
    await page.screenshot({ path: `${OUT}/wallet-7-detail-share-phone.png`, fullPage: true });
    for (const [width, height, name] of [[390, 844, 'phone'], [1280, 900, 'desktop']] as const) {
      const proof = await browser.newPage({ viewport: { width, height } });
      const proofErrors = watchErrors(proof);
      await proof.goto(shareUrl);
      await expect.poll(() => proof.locator('#verdict-title').textContent(), { timeout: 30_000 }).toBe('Asli dan diakui');
      const shown = (await proof.locator('main').textContent()) ?? '';
      expect(shown).toContain('Pelatihan Kepemimpinan Pengawas');
      expect(shown).toContain('Siti Rahmawati');
      expect(shown).toContain('Pusdiklat Uji Coba');
      expect(shown).toContain('Manajerial · M.01');
      // The NIP is never shown: not the number, not its hash.
      expect(await proof.content()).not.toContain('198609262015052001');
      expect(shown).not.toMatch(/NIP\s*:|identityHash|[0-9a-f]{32}/);
      await proof.screenshot({ path: `${OUT}/wallet-8-proof-page-${name}.png`, fullPage: true });
      expect(proofErrors).toEqual([]);
      await proof.close();
    }
    // A link cut short says so, in words.
    const cut = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await cut.goto(shareUrl.slice(0, shareUrl.length - 40));
    await expect.poll(() => cut.locator('[role=alert]').textContent(), { timeout: 10_000 }).toContain('tidak memuat kredensial');
    await cut.close();

    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('locks, unlocks, switches to English, and reads well on a desktop screen', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const errors = watchErrors(page);
    // A claim link opened in a locked wallet: the waiting credential shows above the unlock form.
    const ethics = await issue({ course: { id: 'EPP-2026-10', name: { id: 'Etika Pelayanan Publik', en: 'Public Service Ethics' }, description: { id: 'Etika dan integritas dalam pelayanan publik.' } }, jp: 4, startDate: '2026-10-05', endDate: '2026-10-05' });
    await page.goto(`${walletUrl}/#/claim?offer=${encodeURIComponent(ethics.offerUrl)}`);
    // A fresh page load is locked: the key stays sealed until the passphrase is given.
    await expect.poll(() => page.getByRole('heading', { name: 'Buka dompet' }).count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid=offer-waiting]').textContent(), { timeout: 10_000 }).toContain('Etika Pelayanan Publik');
    expect(await page.locator('[data-testid=offer-waiting]').textContent()).toContain('5 Oktober 2026');
    await page.screenshot({ path: `${OUT}/wallet-0-unlock-from-link-desktop.png`, fullPage: true });
    await page.getByLabel('Kata sandi', { exact: true }).fill('bukan sandi ini');
    await page.getByRole('button', { name: 'Buka' }).click();
    await expect.poll(() => page.locator('[role=alert]').textContent(), { timeout: 10_000 }).toContain('Kata sandi salah');
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Buka' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Terima dan simpan' }).count(), { timeout: 20_000 }).toBe(1);
    await page.screenshot({ path: `${OUT}/wallet-0b-offer-desktop.png`, fullPage: true });
    // Not this one today: Batal goes home, the link stays unused.
    await page.getByRole('link', { name: 'Batal' }).click();
    await expect.poll(() => page.locator('.cred-card').count(), { timeout: 20_000 }).toBe(2);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('.cred-card .badge').allTextContents(), { timeout: 20_000 }).toEqual(['verified', 'verified']);
    expect(await page.getByRole('heading', { name: 'Learning hours (JP)' }).count()).toBe(1);
    await page.screenshot({ path: `${OUT}/wallet-7-home-desktop-en.png`, fullPage: true });
    await page.locator('.cred-card a').first().click();
    await expect.poll(() => page.locator('.detail h1').textContent()).toContain('Pelatihan Kepemimpinan Pengawas');
    expect(await page.locator('.detail').textContent()).toContain('Training provider');
    await page.screenshot({ path: `${OUT}/wallet-8-detail-desktop-en.png`, fullPage: true });
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();

    // Backup from Pengaturan downloads an encrypted file; a truncated copy is refused and nothing changes.
    await page.getByRole('link', { name: 'Pengaturan' }).click();
    // Settings show ASN what they understand; the addresses wait folded under "advanced", with a warning.
    const verifierField = page.getByLabel('Alamat verifikator (untuk QR)');
    expect(await verifierField.isVisible()).toBe(false);
    expect(await page.locator('main').innerText()).not.toContain('did:key');
    await page.screenshot({ path: `${OUT}/wallet-10a-settings-closed-desktop.png`, fullPage: true });
    await page.getByText('Lanjutan (untuk petugas TI)').click();
    expect(await verifierField.isVisible()).toBe(true);
    expect(await verifierField.inputValue()).toBe(verifierUrl);
    expect(await page.locator('[data-testid=advanced]').textContent()).toContain('Ubah alamat ini hanya bila diminta');
    // The backup passphrase follows the wallet's rules: a common one is refused.
    await page.getByLabel('Kata sandi cadangan').first().fill('password2026');
    await page.getByRole('button', { name: 'Unduh cadangan' }).click();
    await expect.poll(() => page.locator('[role=alert]').first().textContent({ timeout: 1000 }).catch(() => ''), { timeout: 10_000 }).toContain('paling sering dipakai');
    await page.getByLabel('Kata sandi cadangan').first().fill('cadangan rahasia 2026');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh cadangan' }).click()]);
    const file = path.join(tmp, 'backup.json');
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'asn-dompet-backup', version: 1, kdf: { iterations: 600000 } });
    expect(text).not.toContain('Kepemimpinan');
    await page.screenshot({ path: `${OUT}/wallet-10-settings-desktop.png`, fullPage: true });
    await page.locator('input[type=file]').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, text.length / 2)) });
    await page.getByLabel('Kata sandi cadangan').last().fill('cadangan rahasia 2026');
    await page.getByRole('button', { name: 'Pulihkan' }).click();
    await expect.poll(() => page.locator('[role=alert]').first().textContent(), { timeout: 10_000 }).toContain('rusak atau tidak lengkap');
    await page.getByRole('link', { name: 'Kredensial' }).click();
    await expect.poll(() => page.locator('.cred-card').count()).toBe(2);

    // Installable: a manifest with icons that load, and an active service worker.
    const install = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href;
      const manifest = (await (await fetch(link)).json()) as { name: string; start_url: string; display: string; icons: Array<{ src: string; sizes: string; purpose: string }> };
      const icons = await Promise.all(manifest.icons.map(async (i) => {
        const r = await fetch(new URL(i.src, link));
        return `${i.sizes} ${i.purpose} ${r.status} ${r.headers.get('content-type') ?? ''}`;
      }));
      const reg = await navigator.serviceWorker.ready;
      return { name: manifest.name, display: manifest.display, icons, worker: reg.active?.state, controlled: Boolean(navigator.serviceWorker.controller) };
    });
    expect(install).toEqual({
      name: 'Dompet Kredensial ASN', display: 'standalone', worker: 'activated', controlled: true,
      icons: ['any any 200 image/svg+xml', '192x192 any 200 image/png', '512x512 any 200 image/png', '512x512 maskable 200 image/png'],
    });
    // A favicon on every app: the wallet, the issuer (portal) and the verifier (HR page).
    for (const base of [walletUrl, issuerUrl, verifierUrl]) {
      const res = await fetch(`${base}/favicon.ico`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)$/);
    }
    for (const url of [`${issuerUrl}/portal`, verifierUrl]) {
      const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const otherErrors = watchErrors(other);
      await other.goto(url);
      await other.waitForLoadState('networkidle');
      expect(otherErrors).toEqual([]);
      await other.close();
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows a revoked credential as dicabut and stops counting its JP', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(walletUrl);
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Buka' }).click();
    await expect.poll(() => page.locator('.cred-card').count(), { timeout: 20_000 }).toBe(2);
    // The provider revokes one of the claimed credentials (the bound copy shares its id and status entries).
    const records = await issuerServices.ctx.store.list<{ credentialId: string; boundTo?: string }>('credentials');
    const bound = records.find((r) => r.value.boundTo && r.value.credentialId)!;
    const res = await call(issuerUrl, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: bound.value.credentialId, credentialStatus: [{ status: 'revoked' }] } });
    expect(res.status).toBeLessThan(300);
    await page.reload();
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Buka' }).click();
    await expect.poll(async () => (await page.locator('.cred-card .badge').allTextContents()).sort(), { timeout: 20_000 }).toEqual(['dicabut', 'terverifikasi']);
    await expect.poll(() => page.locator('[data-testid=jp-total]').textContent()).not.toBe('18 / 20 JP');
    // Which of the two was revoked depends on the store's order: remember what is left counted.
    const jpAfterRevocation = await page.locator('[data-testid=jp-total]').textContent();
    expect(['6 / 20 JP', '12 / 20 JP']).toContain(jpAfterRevocation);
    // The holder is told, first thing, that it was revoked since they last looked.
    const news = page.locator('[data-testid=status-news]');
    await expect.poll(() => news.count(), { timeout: 10_000 }).toBe(1);
    expect(await news.textContent()).toMatch(/Status kredensial berubah sejak terakhir Anda lihat.*telah dicabut oleh penyedia pelatihan/);
    await page.screenshot({ path: `${OUT}/wallet-9-revoked-phone.png`, fullPage: true });
    await page.getByRole('button', { name: 'Mengerti' }).click();
    await expect.poll(() => news.count()).toBe(0);
    // Told once: the next session checks again, finds the same status, and says nothing.
    await page.reload();
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Buka' }).click();
    await expect.poll(async () => (await page.locator('.cred-card .badge').allTextContents()).sort(), { timeout: 20_000 }).toEqual(['dicabut', 'terverifikasi']);
    expect(await news.count()).toBe(0);

    // Offline: the wallet's own server is gone, and the service worker still opens it with what it holds.
    await new Promise<void>((resolve) => {
      walletServer.closeAllConnections();
      walletServer.close(() => resolve());
    });
    expect(await fetch(walletUrl).then(() => 'up', () => 'down')).toBe('down');
    // Hold the issuer's answers, so the page is seen before any check answers.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(`${issuerUrl}/**`, async (route) => {
      await held;
      await route.continue();
    });
    await page.reload();
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Buka' }).click();
    await expect.poll(() => page.locator('.cred-card').count(), { timeout: 20_000 }).toBe(2);
    // Before any check answers, the status last seen stands: the revoked credential's JP are not counted meanwhile.
    expect(await page.locator('.cred-card .badge').allTextContents()).toEqual(['memeriksa…', 'memeriksa…']);
    expect(await page.locator('[data-testid=jp-total]').textContent()).toBe(jpAfterRevocation);
    release();
    await expect.poll(async () => (await page.locator('.cred-card .badge').allTextContents()).sort(), { timeout: 20_000 }).toEqual(['dicabut', 'terverifikasi']);
    await page.screenshot({ path: `${OUT}/wallet-11-offline-phone.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
