/**
 * The provider portal (`GET /portal`) in a real browser (Debian chromium via playwright-core):
 * sign in with an API key, see a 422 field error next to the NIP input, issue one credential
 * from the form (claim link + QR + PDF) and verify it, upload a cohort CSV with one bad row
 * and follow it to completion, revoke a credential, and the same on a 390px-wide screen;
 * "issue one" refuses a duplicate until the provider chooses to issue anyway; a claim link
 * is emailed from the credential screen (a real SMTP server on 127.0.0.1) or the screen says
 * email is not configured; the admin key sets the certificate logo and signatory (an issuer
 * key is told it cannot). Screenshots go to test-results/portal-*.png.
 */
import { mkdir } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../browser/chromium.js';
import { call, learningInput, setupProvider, startIssuer, verifyOverHttp, waitFor } from './helpers.js';
import type { TestIssuer } from './helpers.js';
import { startSmtp } from './smtp.js';

const OUT = 'test-results';
const PROVIDER_NAME = 'Pusdiklat Contoh Nusantara';

let issuer: TestIssuer;
let apiKey: string;
let adminKey: string;
let browser: Browser;

beforeAll(async () => {
  issuer = await startIssuer();
  ({ apiKey, adminKey } = await setupProvider(issuer.url, 'pusdiklat-contoh', { name: PROVIDER_NAME }));
  await mkdir(OUT, { recursive: true });
  if (chromiumAvailable()) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await issuer?.close();
});

/** Console errors (CSP violations included) and uncaught page errors. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // 4xx answers the page handles (401 sign-in, 422 field errors) are logged by the browser too.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return errors;
}

function listInput(name: string, nip: string): Record<string, unknown> {
  return learningInput({ learner: { name, nip } });
}

async function signIn(page: Page, key = apiKey, base = issuer.url, name = PROVIDER_NAME): Promise<void> {
  await page.goto(`${base}/portal`);
  await page.getByLabel('Kunci API').fill(key);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect.poll(() => page.locator('#who').textContent()).toBe(name);
}

async function fillForm(page: Page, nip: string): Promise<void> {
  await page.getByLabel('Nama peserta').fill('Siti Rahmawati');
  await page.getByLabel(/^NIP/).fill(nip);
  await page.locator('#f-courseId').fill('PKP-2025-01');
  await page.getByLabel('Nama pelatihan').fill('Pelatihan Kepemimpinan Pengawas');
  await page.getByLabel('Deskripsi pelatihan').fill('Pelatihan kepemimpinan tingkat pengawas.');
  await page.getByLabel('Jenis kompetensi').selectOption('manajerial');
  await page.getByLabel('Kode kompetensi').fill('M.01');
  await page.getByLabel('Level kompetensi').selectOption('3');
  await page.getByLabel('Jam pelajaran (JP)').fill('40');
  await page.getByLabel('Bentuk pembelajaran').selectOption('klasikal');
  await page.getByLabel('Jalur pembelajaran').selectOption('pelatihan');
  await page.getByLabel('Tanggal mulai').fill('2025-03-01');
  await page.getByLabel('Tanggal selesai').fill('2025-03-10');
  await page.getByLabel('Nilai (0–100)').fill('88.5');
}

describe.skipIf(!chromiumAvailable())('provider portal', () => {
  it('is served with a strict CSP and no inline script', async () => {
    const res = await fetch(`${issuer.url}/portal`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect((await call(issuer.url, 'GET', '/portal/api/whoami')).status).toBe(401);
    const who = await call(issuer.url, 'GET', '/portal/api/whoami', { token: apiKey });
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ providerId: 'pusdiklat-contoh', name: PROVIDER_NAME });
  });

  it('sign in → field error → issue one (claim link, QR, PDF) → verify → revoke', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(8000);
    const errors = watchErrors(page);
    await page.goto(`${issuer.url}/portal`);
    await page.getByLabel('Kunci API').fill('not-a-real-key');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect.poll(() => page.locator('#login-error').textContent()).toContain('Kunci API tidak dikenal');
    await page.screenshot({ path: `${OUT}/portal-login.png`, fullPage: true });
    errors.length = 0; // the 401 above is logged by the browser as a failed resource

    await signIn(page);
    expect(await page.evaluate(() => sessionStorage.getItem('portal.apiKey'))).toBe(apiKey);

    // A bad NIP: the API's 422 detail for learner.nip is shown under the NIP input.
    await fillForm(page, '12345');
    await page.getByRole('button', { name: 'Terbitkan', exact: true }).click();
    const nipError = page.locator('#f-nip-box .field-error');
    await expect.poll(() => nipError.isVisible()).toBe(true);
    expect(await nipError.textContent()).toMatch(/NIP/);
    expect(await page.locator('#f-nip').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-nip');
    expect(await page.locator('#f-name-box .field-error').isVisible()).toBe(false);
    await page.screenshot({ path: `${OUT}/portal-field-error.png`, fullPage: true });

    // English switch: labels and the field error follow.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('label[for="f-name"]').textContent()).toContain('Learner’s name');
    expect(await nipError.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Ganti ke Bahasa Indonesia' }).click();

    // Fix the NIP and issue.
    await page.getByLabel(/^NIP/).fill('19860926 201505 2 001');
    await page.getByRole('button', { name: 'Terbitkan', exact: true }).click();
    await expect.poll(() => page.locator('#claim-link').textContent()).toContain('/claims/');
    expect(await nipError.isVisible()).toBe(false);
    const credentialId = (await page.locator('#issued-id').textContent()) ?? '';
    expect(credentialId).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('#claim-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(50);

    const key = credentialId.slice('urn:uuid:'.length);
    const rec = await call(issuer.url, 'GET', `/credentials/${key}`, { token: apiKey });
    expect(rec.status).toBe(200);
    const verification = await verifyOverHttp(issuer, rec.body.verifiableCredential);
    expect(verification.verified).toBe(true);

    // The certificate PDF is fetched with the key and saved.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh sertifikat (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`sertifikat-${key}.pdf`);
    const pdfPath = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(pdfPath)).subarray(0, 5).toString()).toBe('%PDF-');
    await page.screenshot({ path: `${OUT}/portal-issued.png`, fullPage: true });

    // Suspend, reinstate, then revoke (with confirmation).
    await page.getByRole('button', { name: 'Kelola status' }).click();
    await expect.poll(() => page.locator('#cred-status').textContent()).toBe('Aktif');
    expect(await page.locator('#cred-detail').textContent()).toContain('Siti Rahmawati');
    // Each change asks for a reason in a confirmation dialog; cancelling changes nothing.
    await page.getByRole('button', { name: 'Tangguhkan' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Tangguhkan' }).click();
    expect(await dialog.locator('#reason-error').textContent()).toBe('Tulis alasannya.');
    await page.screenshot({ path: `${OUT}/portal-reason-dialog.png` });
    await dialog.getByRole('button', { name: 'Batal' }).click();
    expect(await page.locator('#cred-status').textContent()).toBe('Aktif');
    await page.getByRole('button', { name: 'Tangguhkan' }).click();
    await dialog.getByLabel(/Alasan/).fill('Menunggu klarifikasi nilai');
    await dialog.getByRole('button', { name: 'Tangguhkan' }).click();
    await expect.poll(() => page.locator('#cred-status').textContent()).toBe('Ditangguhkan');
    expect(await page.locator('#cred-history').textContent()).toContain('Menunggu klarifikasi nilai');
    await page.getByRole('button', { name: 'Pulihkan' }).click();
    await dialog.getByLabel(/Alasan/).fill('Nilai sudah benar');
    await dialog.getByRole('button', { name: 'Pulihkan' }).click();
    await expect.poll(() => page.locator('#cred-status').textContent()).toBe('Aktif');
    await page.locator('#cred-detail').getByRole('button', { name: 'Cabut' }).click();
    await dialog.getByLabel(/Alasan/).fill('Peserta tidak mengikuti ujian');
    await dialog.getByRole('button', { name: 'Cabut' }).click();
    await expect.poll(() => page.locator('#cred-status').textContent()).toBe('Dicabut');
    const audit = (await issuer.services.audit.list({ limit: 1000 })).map((e) => e.value).filter((e) => e.target === credentialId && e.action === 'credential.statusChanged');
    expect(audit.map((e) => e.details?.reason)).toEqual(['Menunggu klarifikasi nilai', 'Nilai sudah benar', 'Peserta tidak mengikuti ujian']);
    expect(await page.locator('#cred-detail').textContent()).toContain('dicabut');
    expect(await page.getByRole('button', { name: 'Pulihkan' }).count()).toBe(0);
    await expect.poll(() => page.locator(`#cred-table tr[data-key="${key}"]`).textContent()).toContain('Dicabut');
    const after = await call(issuer.url, 'GET', `/credentials/${key}`, { token: apiKey });
    expect(after.body.revoked).toBe(true);
    expect((await verifyOverHttp(issuer, after.body.verifiableCredential)).verified).toBe(false);
    await page.screenshot({ path: `${OUT}/portal-revoked.png`, fullPage: true });

    // Sign out clears the key.
    await page.getByRole('button', { name: 'Keluar' }).click();
    expect(await page.evaluate(() => sessionStorage.getItem('portal.apiKey'))).toBeNull();
    expect(await page.locator('#login-card').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('uploads a cohort CSV: progress to completed, the bad row listed with its column', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(8000);
    const errors = watchErrors(page);
    await signIn(page);
    await page.getByRole('tab', { name: 'Unggah kohort' }).click();

    // The template is made in the browser and parses as a valid one-row cohort.
    const [tpl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh templat CSV' }).click()]);
    const { readFile } = await import('node:fs/promises');
    const template = await readFile(await tpl.path(), 'utf8');
    expect(template.split('\r\n')[0]).toContain('name,nip,nipKind');

    const header = 'name,nip,courseName,courseDescription,competencyType,competencyCode,competencyLevel,jp,learningMode,learningPath,startDate,endDate';
    const row = (name: string, nip: string) => `${name},${nip},Pelatihan Kepemimpinan Pengawas,"Pelatihan kepemimpinan, tingkat pengawas.",manajerial,M.01,3,40,klasikal,pelatihan,2025-03-01,2025-03-10`;
    const csv = [header, row('Siti Rahmawati', '198609262015052001'), row('Budi Santoso', '12345'), row('Ayu Lestari', '199001152018012003')].join('\n');
    await page.getByLabel('Berkas CSV kohort').setInputFiles({ name: 'kohort.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Unggah dan terbitkan' }).click();
    await expect.poll(() => page.locator('#cohort-status .batch-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('completed');
    expect(await page.locator('#cohort-status').textContent()).toContain('2 terbit · 1 gagal · 3 total');
    await expect.poll(() => page.locator('#failed-table tbody tr').count()).toBeGreaterThan(0);
    const failed = await page.locator('#failed-table tbody').textContent();
    expect(failed).toContain('2'); // data row 2 (Budi)
    expect(failed).toContain('nip');
    expect(await page.locator('#failed-table tbody tr td.num').allTextContents()).toEqual(['2']);
    await page.screenshot({ path: `${OUT}/portal-cohort.png`, fullPage: true });

    // No SMTP_URL on this issuer: the portal says the links are handed out by hand.
    expect(await page.locator('#mail-off').textContent()).toContain('secara manual');
    // The results file: every row with name, state, claim link and certificate link.
    const [links] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh hasil (CSV)' }).click()]);
    const linkCsv = await readFile(await links.path(), 'utf8');
    expect(linkCsv.trim().split('\r\n')).toHaveLength(4);
    expect(linkCsv).toContain('/claims/');
    expect(linkCsv).toContain('Siti Rahmawati');
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh semua sertifikat (ZIP)' }).click()]);
    expect(Object.keys(unzipSync(new Uint8Array(await readFile(await zip.path()))))).toHaveLength(2);

    // The same file again: nothing is issued until the provider decides; "skip" issues none of the repeats.
    await page.getByRole('button', { name: 'Unggah dan terbitkan' }).click();
    await expect.poll(() => page.locator('#dups-table tbody tr').count()).toBe(2);
    expect(await page.locator('#dups-table').textContent()).toContain('Ayu Lestari');
    await page.screenshot({ path: `${OUT}/portal-cohort-duplicates.png`, fullPage: true });
    await page.getByRole('button', { name: 'Lewati baris ini, terbitkan sisanya' }).click();
    await expect.poll(() => page.locator('#cohort-status').textContent(), { timeout: 30_000 }).toContain('0 terbit · 3 gagal · 3 total');
    expect(await page.locator('#failed-table').textContent()).toContain('sudah menerima kredensial');
    expect(await page.locator('#dups-table').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists everything issued (single and cohort), searches, filters, opens one: claim link renewed, PDF, history', async () => {
    const issue = async (name: string, nip: string, course = 'Pelatihan Kepemimpinan Pengawas') => {
      const res = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: { ...listInput(name, nip), course: { id: 'LST-01', name: { id: course }, description: { id: 'Deskripsi.' } } } });
      expect(res.status).toBe(201);
      return String(res.body.credentialRecord).split('/').pop() ?? '';
    };
    const budi = await issue('Budi Santoso', '199001152019031002', 'Analisis Kebijakan Publik');
    const job = await call(issuer.url, 'POST', '/batches', { token: apiKey, body: [listInput('Ayu Kohort Satu', '199001152018012003'), listInput('Rudi Kohort Dua', '198812032014022003')] });
    expect(job.status).toBe(202);
    await waitFor(async () => ((await call(issuer.url, 'GET', `/batches/${job.body.id}`, { token: apiKey })).body.state === 'completed' ? true : undefined));

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(8000);
    const errors = watchErrors(page);
    await signIn(page);
    await page.getByRole('tab', { name: 'Kredensial' }).click();
    // Cohort rows are listed next to single credentials, from the server (not this browser session).
    await expect.poll(() => page.locator('#cred-table').textContent()).toContain('Ayu Kohort Satu');
    expect(await page.locator('#cred-table').textContent()).toContain('Budi Santoso');
    expect(await page.locator('#cred-table').textContent()).toContain('1990***********002');
    await page.screenshot({ path: `${OUT}/portal-list.png`, fullPage: true });

    // Search by course words; then by a cohort (click its cell); then clear.
    await page.getByLabel('Cari nama, pelatihan, atau ID').fill('analisis kebijakan');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await expect.poll(() => page.locator('#cred-table tbody tr').count()).toBe(1);
    expect(await page.locator('#cred-table tbody').textContent()).toContain('Budi Santoso');
    await page.getByRole('button', { name: 'Hapus filter' }).click();
    await expect.poll(() => page.locator('#cred-table tbody tr').count()).toBeGreaterThanOrEqual(3);
    await page.locator('#cred-table tr', { hasText: 'Ayu Kohort Satu' }).getByRole('button', { name: /baris 1/ }).click();
    await expect.poll(() => page.locator('#cred-table tbody tr').count()).toBe(2);
    expect(await page.locator('#list-cohort').textContent()).toContain(job.body.id);
    await page.getByRole('button', { name: 'Tampilkan semua' }).click();
    await page.getByLabel('Status').selectOption('revoked');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await expect.poll(() => page.locator('#list-empty, #cred-table').first().textContent()).not.toContain('Budi');

    // Open Budi's credential: claim link, renew it, PDF, history.
    await page.getByRole('button', { name: 'Hapus filter' }).click();
    await page.getByRole('button', { name: 'Buka: Budi Santoso' }).click();
    await expect.poll(() => page.locator('#cred-detail').textContent()).toContain('Analisis Kebijakan Publik');
    const oldLink = (await page.locator('#detail-claim-link').textContent()) ?? '';
    expect(oldLink).toContain('/claims/');
    expect(await page.locator('#cred-history').textContent()).toContain('Diterbitkan');
    await page.getByRole('button', { name: 'Buat tautan klaim baru' }).click();
    await expect.poll(() => page.locator('#cred-detail').textContent()).toContain('tautan lama tidak berlaku lagi');
    const newLink = (await page.locator('#detail-claim-link').textContent()) ?? '';
    expect(newLink).toContain('/claims/');
    expect(newLink).not.toBe(oldLink);
    expect((await call(issuer.url, 'GET', new URL(oldLink).pathname)).status).toBe(410);
    // This issuer has no SMTP: no email button, a sentence instead.
    expect(await page.locator('#mail-one-off').textContent()).toContain('Surel belum dikonfigurasi');
    expect(await page.locator('#mail-one-send').count()).toBe(0);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('#detail-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`sertifikat-${budi}.pdf`);
    await page.screenshot({ path: `${OUT}/portal-detail.png`, fullPage: true });

    // Bulk revoke the cohort from the list: one reason, one confirmation.
    await page.getByRole('checkbox', { name: 'Pilih: Ayu Kohort Satu' }).check();
    await page.getByRole('checkbox', { name: 'Pilih: Rudi Kohort Dua' }).check();
    await page.getByRole('button', { name: 'Cabut yang dipilih (2)' }).click();
    await page.getByRole('dialog').getByLabel(/Alasan/).fill('Kelas dibatalkan');
    await page.screenshot({ path: `${OUT}/portal-bulk-revoke.png` });
    await page.getByRole('dialog').getByRole('button', { name: 'Cabut' }).click();
    await expect.poll(() => page.locator('#bulk-done').textContent()).toBe('2 kredensial dicabut.');
    const revoked = await call(issuer.url, 'GET', `/credentials?status=revoked&cohort=${job.body.id}`, { token: apiKey });
    expect(revoked.body.items).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.close();

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    phone.setDefaultTimeout(8000);
    await signIn(phone);
    await phone.getByRole('tab', { name: 'Kredensial' }).click();
    await expect.poll(() => phone.locator('#cred-table').textContent()).toContain('Ayu Kohort Satu');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${OUT}/portal-mobile-list.png`, fullPage: true });
    await phone.close();
  });

  it('issue one: a duplicate is refused with the earlier credential named, then issued anyway on request', async () => {
    const prior = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: listInput('Dewi Lestari', '198703142010122004') });
    expect(prior.status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8000);
    const errors = watchErrors(page);
    await signIn(page);
    await fillForm(page, '198703142010122004');
    await page.getByLabel('Nama peserta').fill('Dewi Lestari');
    await page.getByRole('button', { name: 'Terbitkan', exact: true }).click();
    const dup = page.locator('#issue-dup');
    await expect.poll(() => dup.isVisible()).toBe(true);
    expect(await dup.textContent()).toContain('sudah menerima kredensial Anda');
    expect(await page.locator('#dup-id').textContent()).toBe(prior.body.verifiableCredential.id);
    expect(await page.locator('#issue-result').isVisible()).toBe(false);
    // Nothing was issued by the refused request.
    expect((await call(issuer.url, 'GET', '/credentials?q=Dewi', { token: apiKey })).body.items).toHaveLength(1);
    await page.screenshot({ path: `${OUT}/portal-duplicate.png`, fullPage: true });
    await page.getByRole('button', { name: 'Tetap terbitkan' }).click();
    await expect.poll(() => page.locator('#claim-link').textContent()).toContain('/claims/');
    expect(await dup.isVisible()).toBe(false);
    expect(await page.locator('#issued-id').textContent()).not.toBe(prior.body.verifiableCredential.id);
    expect((await call(issuer.url, 'GET', '/credentials?q=Dewi', { token: apiKey })).body.items).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('certificate branding: an issuer key is told to use the admin key; the admin key uploads a logo and sets the signatory', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8000);
    const errors = watchErrors(page);
    await signIn(page);
    await page.getByRole('tab', { name: 'Tampilan sertifikat' }).click();
    expect(await page.locator('#brand-off').isVisible()).toBe(true);
    expect(await page.locator('#brand-body').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Keluar' }).click();

    await signIn(page, adminKey);
    await page.getByRole('tab', { name: 'Tampilan sertifikat' }).click();
    expect(await page.locator('#brand-off').isVisible()).toBe(false);
    await expect.poll(() => page.locator('#logo-current').textContent()).toBe('Belum ada logo: sertifikat hanya memuat nama lembaga.');
    // A file that only claims to be a PNG: the server reads the bytes and refuses it.
    await page.getByLabel(/Berkas logo baru/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('GIF89a\x10\x00\x10\x00', 'latin1') });
    await page.getByRole('button', { name: 'Unggah logo' }).click();
    await expect.poll(() => page.locator('#logo-error').textContent()).toBe('Logo harus gambar PNG atau JPEG.');
    const png = await QRCode.toBuffer('logo pusdiklat', { width: 200 });
    await page.getByLabel(/Berkas logo baru/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.locator('#logo-preview').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(200);
    await page.getByRole('button', { name: 'Unggah logo' }).click();
    await expect.poll(() => page.locator('#logo-done').textContent()).toContain('Logo disimpan');
    expect(await page.locator('#logo-current').textContent()).toBe('Logo saat ini: PNG, 200 × 200 px');
    expect(await page.locator('#logo-error').isVisible()).toBe(false);

    await page.getByRole('button', { name: 'Simpan penanda tangan' }).click();
    await expect.poll(() => page.locator('#sig-error').isVisible()).toBe(true);
    await page.getByLabel('Nama penanda tangan (dengan gelar)').fill('Dr. Ratna Wulandari, M.Si.');
    await page.getByLabel('Jabatan penanda tangan').fill('Kepala Pusdiklat');
    await page.getByRole('button', { name: 'Simpan penanda tangan' }).click();
    await expect.poll(() => page.locator('#sig-done').textContent()).toBe('Penanda tangan disimpan.');
    expect(await page.locator('#sig-error').isVisible()).toBe(false);
    expect(await page.locator('#signatory-current').textContent()).toBe('Dr. Ratna Wulandari, M.Si. — Kepala Pusdiklat');
    const branding = await call(issuer.url, 'GET', '/providers/pusdiklat-contoh/certificate-branding', { token: adminKey });
    expect(branding.body).toEqual({ signatoryName: 'Dr. Ratna Wulandari, M.Si.', signatoryTitle: 'Kepala Pusdiklat', logo: { type: 'image/png', width: 200, height: 200 } });
    const audit = (await issuer.services.audit.list({ limit: 1000 })).map((e) => e.value).filter((e) => e.action === 'provider.brandingUpdated' && e.target === 'pusdiklat-contoh');
    expect(audit).toHaveLength(2);
    expect(audit.every((e) => e.actor.kind === 'provider' && e.actor.providerId === 'pusdiklat-contoh')).toBe(true);
    await page.screenshot({ path: `${OUT}/portal-branding.png`, fullPage: true });
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('#logo-current').textContent()).toBe('Current logo: PNG, 200 × 200 px');
    await page.getByRole('button', { name: 'Ganti ke Bahasa Indonesia' }).click();
    expect(errors).toEqual([]);
    await page.close();

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    phone.setDefaultTimeout(8000);
    await signIn(phone, adminKey);
    await phone.getByRole('tab', { name: 'Tampilan sertifikat' }).click();
    await expect.poll(() => phone.locator('#signatory-current').textContent()).toContain('Kepala Pusdiklat');
    await phone.getByLabel(/Berkas logo baru/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => phone.locator('#logo-preview').isVisible()).toBe(true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${OUT}/portal-mobile-branding.png`, fullPage: true });
    await phone.close();
  });

  it('emails one credential’s claim link from its screen (SMTP on 127.0.0.1) and shows the outcome', async () => {
    const smtp = await startSmtp();
    const received = smtp.received;
    const mailed = await startIssuer({ mail: smtp.mail });
    try {
      const key = (await setupProvider(mailed.url, 'pusdiklat-surel', { name: 'Pusdiklat Surel' })).apiKey;
      const issue = async (learner: Record<string, unknown>): Promise<string> => {
        const res = await call(mailed.url, 'POST', '/learning-credentials', { token: key, body: learningInput({ learner }) });
        return String(res.body.credentialRecord).split('/').pop() ?? '';
      };
      const withEmail = await issue({ name: 'Siti Rahmawati', nip: '198609262015052001', email: 'siti@instansi.test' });
      const noEmail = await issue({ name: 'Budi Santoso', nip: '199001152019031002' });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(8000);
      const errors = watchErrors(page);
      await signIn(page, key, mailed.url, 'Pusdiklat Surel');
      await page.getByRole('tab', { name: 'Kredensial' }).click();
      await page.getByRole('button', { name: 'Buka: Siti Rahmawati' }).click();
      await expect.poll(() => page.locator('#mail-one-send').isVisible()).toBe(true);
      expect(await page.locator('#mail-one-off').count()).toBe(0);
      await page.getByRole('button', { name: 'Kirim tautan klaim lewat surel' }).click();
      await expect.poll(() => page.locator('#mail-one-result').textContent()).toBe('Tautan klaim terkirim ke surel peserta.');
      expect(received).toHaveLength(1);
      expect(received[0]?.to).toEqual(['siti@instansi.test']);
      const link = (await page.locator('#detail-claim-link').textContent()) ?? '';
      expect(received[0]?.raw.replace(/=\r?\n/g, '')).toContain(new URL(link).pathname);
      await page.screenshot({ path: `${OUT}/portal-mail-one.png`, fullPage: true });

      await page.getByRole('button', { name: 'Buka: Budi Santoso' }).click();
      await expect.poll(() => page.locator('#cred-detail').textContent()).toContain('Budi Santoso');
      await page.getByRole('button', { name: 'Kirim tautan klaim lewat surel' }).click();
      await expect.poll(() => page.locator('#mail-one-result').textContent()).toBe('Tidak dikirim: Tidak ada alamat surel.');
      expect(received).toHaveLength(1);
      expect(noEmail).not.toBe(withEmail);
      expect(errors).toEqual([]);
      await page.close();

      const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      phone.setDefaultTimeout(8000);
      await signIn(phone, key, mailed.url, 'Pusdiklat Surel');
      await phone.getByRole('tab', { name: 'Kredensial' }).click();
      await phone.getByRole('button', { name: 'Buka: Siti Rahmawati' }).click();
      await phone.getByRole('button', { name: 'Kirim tautan klaim lewat surel' }).click();
      await expect.poll(() => phone.locator('#mail-one-result').textContent()).toBe('Tautan klaim terkirim ke surel peserta.');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.locator('#cred-detail').screenshot({ path: `${OUT}/portal-mobile-mail-one.png` });
      await phone.close();
    } finally {
      await mailed.close();
      await smtp.close();
    }
  });

  it('works on a 390px-wide phone screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    page.setDefaultTimeout(8000);
    const errors = watchErrors(page);
    await page.goto(`${issuer.url}/portal`);
    await page.screenshot({ path: `${OUT}/portal-mobile-login.png`, fullPage: true });
    await signIn(page);
    await fillForm(page, '19900115 201801 2 003');
    await page.screenshot({ path: `${OUT}/portal-mobile-form.png`, fullPage: true });
    await page.getByRole('button', { name: 'Terbitkan', exact: true }).click();
    await expect.poll(() => page.locator('#claim-link').textContent()).toContain('/claims/');
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.locator('#issue-result').screenshot({ path: `${OUT}/portal-mobile-issued.png` });
    // The same form again: refused as a duplicate, with the choice to issue anyway.
    await page.getByRole('button', { name: 'Terbitkan', exact: true }).click();
    await expect.poll(() => page.locator('#issue-dup').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.locator('#issue-dup').screenshot({ path: `${OUT}/portal-mobile-duplicate.png` });
    await page.getByRole('tab', { name: 'Kredensial' }).click();
    await page.screenshot({ path: `${OUT}/portal-mobile-credentials.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await page.close();
  });
});
