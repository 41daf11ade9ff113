/**
 * The HR page's everyday ledger work in chromium (issue 11, HR): errors in the page's
 * language, signing in from the "sign in to record" hint without losing the typed NIP and
 * its match, the ledger state before recording and the record number after, a certificate
 * check whose address survives a reload, no raw did:key for staff, and the report at
 * 1280 px and as cards at 390 px: a credential revoked after recording is named and voided,
 * a name that differs for one NIP is flagged, one employee's history, ledger search.
 * Screenshots go to test-results/.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPresentation, signPresentation } from '../../shared/index.js';
import { buildRelayUrl, createRelayKey, encryptForRelay } from '../../shared/relay/index.js';
import { NOW, ORIGIN, SAMPLE_INPUT } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, credentialId, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';
import { chromiumAvailable, launchChromium } from '../browser/chromium.js';

const OUT = 'test-results';
const NIP_SITI = '198609262015052001';
const PASSWORD = 'correct horse battery staple';

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let browser: Browser;

const learning = (n: number, opts: { name?: string; course?: string } = {}) => world.issue({
  index: 3000 + n,
  input: {
    ...SAMPLE_INPUT,
    learner: { name: opts.name ?? SAMPLE_INPUT.learner.name, nip: NIP_SITI },
    ...(opts.course ? { course: { ...SAMPLE_INPUT.course, name: { id: opts.course, en: opts.course } } } : {}),
  },
  mutate: (v) => { v.id = credentialId(900 + n); },
});

async function paste(page: Page, vc: unknown): Promise<void> {
  await page.getByRole('tab', { name: 'Tempel JSON' }).click();
  await page.getByLabel('JSON kredensial, presentasi, atau tautan QR').fill(JSON.stringify(vc));
  await page.getByRole('button', { name: 'Periksa', exact: true }).click();
  await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 15_000 }).toBe('Asli dan diakui');
}

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Nama pengguna').fill('admin.led');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect.poll(() => page.locator('#who').textContent(), { timeout: 10_000 }).toContain('Instansi Buku');
}

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock: testClock(), settings: { cacheRefreshSeconds: 0 } });
  await postJson(`${verifier.url}/admin/agencies`, { agency: { id: 'led', name: 'Instansi Buku Catatan' }, admin: { username: 'admin.led', password: PASSWORD, displayName: 'Admin Buku' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  await mkdir(OUT, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await verifier?.close();
  await issuer?.stop();
});

describe.skipIf(!chromiumAvailable())('HR page: ledger work', () => {
  it('says a wrong password in the page’s language', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(verifier.url);
    await page.getByLabel('Nama pengguna').fill('admin.led');
    await page.getByLabel('Kata sandi').fill('not the password at all');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect.poll(() => page.locator('#login-error').textContent(), { timeout: 10_000 }).toBe('Nama pengguna atau kata sandi salah.');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.locator('#login-error').textContent(), { timeout: 10_000 }).toBe('Wrong username or password.');
    await page.close();
  });

  it('the hint takes the officer to sign-in; the typed NIP and its match survive; the ledger state shows before and after recording', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(verifier.url);
    await paste(page, await learning(1));
    const nip = page.getByLabel('Cocokkan NIP pegawai');
    expect(await nip.getAttribute('placeholder')).toMatch(/^contoh: /);
    await nip.fill('19860926 201505 2 001');
    await page.getByRole('button', { name: 'Cocokkan', exact: true }).click();
    await expect.poll(() => page.locator('.nip-box [role=status]').first().textContent()).toContain('Cocok');

    await page.getByRole('link', { name: /Masuk sebagai petugas untuk mencatat/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('login-user');
    await signIn(page);
    // Back at the result: the NIP is still there, still matched, and recording is one click.
    expect(await page.getByLabel('Cocokkan NIP pegawai').inputValue()).toBe('19860926 201505 2 001');
    expect(await page.locator('.nip-box [role=status]').first().textContent()).toContain('Cocok');
    await expect.poll(() => page.locator('.ledger-state').textContent(), { timeout: 10_000 }).toBe('Belum ada di buku catatan pengakuan instansi.');
    await page.getByRole('button', { name: 'Catat pengakuan JP' }).click();
    await expect.poll(() => page.locator('.nip-box').textContent(), { timeout: 10_000 }).toContain('Tercatat. Nomor pengakuan: REK-2026-000001');
    await expect.poll(() => page.locator('.ledger-state').textContent(), { timeout: 10_000 }).toContain('Sudah ada di buku catatan instansi: REK-2026-000001');
    await page.screenshot({ path: `${OUT}/hr-ledger-recorded-1280.png`, fullPage: true });

    // The same award checked again later: the page says so before any attempt to record.
    await page.getByRole('button', { name: 'Periksa kredensial lain' }).click();
    await paste(page, await learning(1));
    // The previous result's ledger line may still be on screen for a moment: wait for the new one.
    await expect.poll(() => page.locator('.ledger-state').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('.ledger-state').textContent(), { timeout: 10_000 }).toContain('REK-2026-000001');
    await expect.poll(() => page.getByRole('button', { name: 'Catat pengakuan JP' }).isVisible(), { timeout: 10_000 }).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a certificate link keeps its address: a reload shows the result again', async () => {
    issuer.certificates.set('cert0001abcd', await learning(2));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const link = `${verifier.url}/?url=${encodeURIComponent(`${ORIGIN}/certificates/cert0001abcd`)}`;
    await page.goto(link);
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 15_000 }).toBe('Asli dan diakui');
    expect(page.url()).toBe(link);
    await page.reload();
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 15_000 }).toBe('Asli dan diakui');
    expect(page.url()).toBe(link);
    await page.getByRole('button', { name: 'Periksa kredensial lain' }).click();
    expect(page.url()).toBe(`${verifier.url}/`);
    await page.close();
  });

  it('a presentation names "dompet pemegang", the did:key folded away', async () => {
    const held = await world.issue({ holder: world.holder.did, index: 3050, mutate: (v) => { v.id = credentialId(950); } });
    const { id, challenge, domain, uploadUrl } = (await postJson(`${verifier.url}/relay`, undefined)).body;
    const vp = await signPresentation(buildPresentation({ holder: world.holder.did, credentials: [held] }), {
      signer: world.holder.signer, documentLoader: world.documentLoader, now: NOW, challenge, domain,
    });
    const key = createRelayKey();
    await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(await encryptForRelay(vp, id, key)) });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(buildRelayUrl(verifier.url, id, key));
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 15_000 }).toBe('Asli dan diakui');
    const visible = await page.locator('#result-card').innerText();
    expect(visible).toContain('dompet pemegang');
    expect(visible).not.toContain('did:key');
    await page.locator('.holder summary').click();
    expect(await page.locator('.holder code').innerText()).toBe(world.holder.did);
    await page.screenshot({ path: `${OUT}/hr-ledger-presentation-390.png`, fullPage: true });
    await page.close();
  });

  it('report: a revoked record is named and voided, a differing name flagged, history and search as cards (1280 and 390 px)', async () => {
    // Recorded over the API: one to be revoked later, one whose name differs.
    const admin = (await postJson(`${verifier.url}/auth/login`, { username: 'admin.led', password: PASSWORD })).body.token as string;
    const auth = { authorization: `Bearer ${admin}` };
    const revoked = await postJson(`${verifier.url}/recognitions`, { verifiableCredential: await learning(3, { course: 'Kepemimpinan Digital' }), nip: NIP_SITI }, auth);
    expect(revoked.status).toBe(201);
    expect((await postJson(`${verifier.url}/recognitions`, { verifiableCredential: await learning(4, { name: 'Siti Rahmawaty' }), nip: NIP_SITI }, auth)).status).toBe(201);
    await world.setStatus('revocation', world.provider, 3003, true);

    // The phone first, while the revoked record is still flagged; voided at 1280.
    for (const width of [390, 1280] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, ...(width === 390 ? { isMobile: true, hasTouch: true } : {}) });
      await page.goto(verifier.url);
      await signIn(page);
      await expect.poll(() => page.locator('#report table').textContent(), { timeout: 10_000 }).toContain('Siti Rahmaw');
      const report = page.locator('#report');
      expect(await report.textContent()).toContain('nama berbeda untuk NIP ini: Siti Rahmawati / Siti Rahmawaty');
      expect(await report.locator('.flag-row').textContent()).toContain(`${revoked.body.number} · Kepemimpinan Digital · 24 JP · dicabut penyedia`);
      // Nothing scrolls sideways on a phone: the table is one card per person.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
      if (width === 390) expect(await page.locator('#report thead').boundingBox().then((b) => b?.height ?? 0)).toBeLessThanOrEqual(1);
      await page.locator('#report-title').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${OUT}/hr-ledger-report-${width}.png`, fullPage: true });
      await page.locator('#report').screenshot({ path: `${OUT}/hr-ledger-report-table-${width}.png` });

      if (width === 1280) {
        // Void it, with a reason.
        await report.getByRole('button', { name: 'Batalkan pengakuan' }).click();
        await report.getByLabel('Alasan pembatalan').fill('Sertifikat dicabut oleh penyedia');
        await page.screenshot({ path: `${OUT}/hr-ledger-void-1280.png`, fullPage: true });
        await report.getByRole('button', { name: 'Ya, batalkan pengakuan' }).click();
        await expect.poll(() => page.locator('#report .flag-row').count(), { timeout: 10_000 }).toBe(0);
      }
      // One employee's history: every record (at 1280 the voided one with its reason).
      // (the row carries one of the two names the records hold)
      await page.locator('#report .link-button').click();
      await expect.poll(() => page.locator('#ledger-results h3').textContent(), { timeout: 10_000 }).toMatch(/^Riwayat pengakuan Siti Rahmawat[iy]$/);
      const cards = page.locator('#ledger-results .record-card');
      expect(await cards.count()).toBe(3); // REK-…01 recorded on the page above, …02 (voided), …03
      if (width === 1280) expect(await page.locator('#ledger-results').textContent()).toContain('Sertifikat dicabut oleh penyedia');
      expect(await page.locator('#ledger-results').innerText()).not.toContain('did:');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      await page.locator('#ledger-results').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${OUT}/hr-ledger-history-${width}.png`, fullPage: true });
      await page.locator('#ledger-results').screenshot({ path: `${OUT}/hr-ledger-history-cards-${width}.png` });

      // Search by record number.
      await page.getByLabel('Cari: nama, NIP lengkap, nomor REK, atau pelatihan').fill('REK-2026-000001');
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      await expect.poll(() => page.locator('#ledger-results .record-card').count(), { timeout: 10_000 }).toBe(1);
      expect(await page.locator('#ledger-results .record-number').textContent()).toBe('REK-2026-000001');

      // Search by full NIP: sent in the request body, never in a URL (proxies log URLs).
      const urls: string[] = [];
      page.on('request', (r) => urls.push(r.url()));
      await page.getByLabel('Cari: nama, NIP lengkap, nomor REK, atau pelatihan').fill('19860926 201505 2 001');
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      // The heading masks it, as every NIP on the page.
      await expect.poll(() => page.locator('#ledger-results h3').textContent(), { timeout: 10_000 }).toContain('“1986***********001”');
      expect(await page.locator('#ledger-results .record-card').count()).toBeGreaterThan(0);
      expect(urls.some((u) => u.includes('201505') || u.includes(NIP_SITI))).toBe(false);
      expect((await page.locator('#ledger-results').textContent())?.replaceAll(' ', '')).not.toContain('201505');
      await page.locator('#ledger-results').screenshot({ path: `${OUT}/hr-ledger-search-nip-${width}.png` });
      await page.close();
    }
  }, 90_000);
});
