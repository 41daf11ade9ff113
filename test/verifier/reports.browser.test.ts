/**
 * HR's duty report and LAN's national view in a real browser (Debian chromium through
 * playwright-core), over a real verifier on LevelDB: the agency admin signs in, loads the
 * roster CSV, records JP for a verified credential on the page, and reads the charts
 * (keyboard focus names the numbers, tables as the alternative, English switch, print
 * layout); LAN opens /lan with its token and sees aggregates only. Screenshots at 1280
 * and 390 px go to /tmp/shots-12/.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_INPUT } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, credentialId, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';
import { chromiumAvailable, launchChromium } from '../browser/chromium.js';

const OUT = '/tmp/shots-12';
const LAN_TOKEN = 'lan-token-for-browser-tests-0123456789';
const NIP_SITI = '198609262015052001'; // SAMPLE_INPUT's learner
const nip = (i: number) => `1985${String(1 + Math.floor(i / 28)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}2010031${String(i).padStart(3, '0')}`;
const PPPK = '199203102021211003';

const ROSTER = [
  'nip,nama,jenis,tmt_kontrak,unit',
  `${NIP_SITI},Siti Rahmawati,PNS,,Biro Sumber Daya Manusia`,
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `${nip(i)},Pegawai Contoh ${i},PNS,,${i % 2 ? 'Biro Sumber Daya Manusia' : 'Pusat Data dan Informasi'}`),
  `${PPPK},Gita Permata,PPPK,2025-07-01,Pusat Data dan Informasi`,
].join('\n');

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let browser: Browser;
let token: string;

async function recordByApi(n: number, who: string, jp: number, opts: { type?: 'teknis'; end?: string; path?: string } = {}): Promise<void> {
  const end = opts.end ?? '2026-05-08';
  const vc = await world.issue({
    index: 4000 + n,
    input: {
      ...SAMPLE_INPUT, learner: { name: `Pegawai ${n}`, nip: who }, jp,
      ...(opts.type ? { competency: { type: 'teknis', code: 'T.LAN.01', level: 2, name: 'Analisis Kebijakan' } } : {}),
      ...(opts.path ? { learningMode: 'nonklasikal', learningPath: opts.path } : {}),
      startDate: `${end.slice(0, 8)}01`, endDate: end,
    },
    mutate: (v) => { v.id = credentialId(8000 + n); },
  });
  const r = await postJson(`${verifier.url}/recognitions`, { verifiableCredential: vc, nip: who }, { authorization: `Bearer ${token}` });
  expect(r.status).toBe(201);
}

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock: testClock(), settings: { lanToken: LAN_TOKEN } });
  for (const id of ['bkn', 'pemda']) {
    await postJson(`${verifier.url}/admin/agencies`, { agency: { id, name: id === 'bkn' ? 'Badan Kepegawaian Contoh' : 'Pemerintah Daerah Contoh' }, admin: { username: `admin.${id}`, password: 'correct horse battery staple', displayName: 'Admin' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  }
  token = (await postJson(`${verifier.url}/auth/login`, { username: 'admin.bkn', password: 'correct horse battery staple' })).body.token;
  // Four people meet the duty, one is on the way (teknis, by e-learning, in March).
  for (const i of [1, 2, 3, 4]) await recordByApi(i, nip(i), 24, i === 4 ? { end: '2026-04-17' } : {});
  await recordByApi(5, nip(5), 8, { type: 'teknis', end: '2026-03-20', path: 'e-learning' });
  await mkdir(OUT, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await verifier?.close();
  await issuer?.stop();
});

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

describe.skipIf(!chromiumAvailable())('duty report and national view', () => {
  it('admin loads the roster, records JP on the page, and reads the charts (1280 px)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(verifier.url);
    await page.getByLabel('Nama pengguna').fill('admin.bkn');
    await page.getByLabel('Kata sandi').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect.poll(() => page.locator('#duty').textContent(), { timeout: 10_000 }).toContain('Belum ada daftar ASN');

    // A roster with a bad row is refused whole; the page names the row and the field.
    await page.setInputFiles('#roster-file', { name: 'salah.csv', mimeType: 'text/csv', buffer: Buffer.from('nip,nama,jenis,unit\n123,Salah,PNS,Biro\n') });
    await page.getByRole('button', { name: 'Unggah daftar' }).click();
    await expect.poll(() => page.locator('#duty [role=alert]').textContent(), { timeout: 10_000 }).toContain('baris 2 · nip:');
    errors.length = 0; // the browser logs the refused request

    // Load the roster from a CSV file.
    await page.setInputFiles('#roster-file', { name: 'daftar-asn.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${ROSTER}`) });
    await page.getByRole('button', { name: 'Unggah daftar' }).click();
    await expect.poll(() => page.locator('#duty .tiles').textContent(), { timeout: 10_000 }).toContain('10ASN dalam daftar');
    expect(await page.locator('#duty .success[role=status]').textContent()).toBe('Daftar ASN dimuat: 10 orang.');
    expect(await page.locator('#duty .tiles').textContent()).toContain('4Sudah memenuhi');

    // Record Siti's credential on the page: verify, match the NIP, record.
    const vc = await world.issue({ mutate: (v) => { v.id = credentialId(8100); } });
    await page.getByRole('tab', { name: 'Tempel JSON' }).click();
    await page.getByLabel('JSON kredensial, presentasi, atau tautan QR').fill(JSON.stringify(vc));
    await page.getByRole('button', { name: 'Periksa', exact: true }).click();
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 10_000 }).toBe('Asli dan diakui');
    await page.getByLabel('Cocokkan NIP pegawai').fill(NIP_SITI);
    await page.getByRole('button', { name: 'Cocokkan', exact: true }).click();
    await page.getByRole('button', { name: 'Catat pengakuan JP' }).click();
    await expect.poll(() => page.locator('.nip-box').textContent(), { timeout: 10_000 }).toContain('Tercatat');
    // Recording reloads the report by itself (no click: a second reload racing the first
    // could replace the charts while they are read).
    await expect.poll(() => page.locator('#duty .tiles').textContent(), { timeout: 10_000 }).toContain('5Sudah memenuhi');

    // Four charts, each with a caption and a table alternative; bars name their numbers.
    const charts = page.locator('#duty figure.chart');
    expect(await charts.count()).toBe(4);
    expect(await charts.locator('figcaption').allTextContents()).toEqual(['Capaian JP terhadap kewajiban', 'JP per jenis kompetensi', 'Tren JP per bulan', 'JP per penyedia pelatihan']);
    const bars = page.locator('#duty figure.chart').first().locator('g.bar[role=img]');
    expect(await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')))).toEqual(['0 JP: 4', '1–49% dari kewajiban: 1', '50–99% dari kewajiban: 0', '≥ 100% (terpenuhi): 5']);
    expect(await bars.first().locator('title').textContent()).toBe('0 JP: 4');
    await bars.nth(3).focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('≥ 100% (terpenuhi): 5');
    const months = await page.locator('#duty figure.chart').nth(2).locator('g.bar').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
    expect(months).toEqual(['Mar 26: 8', 'Apr 26: 24', 'Mei 26: 96']);
    // The table alternative opens from its button.
    const toggle = page.locator('#duty figure.chart').nth(1).getByRole('button', { name: 'Tabel data' });
    expect(await page.locator('#duty figure.chart').nth(1).locator('table').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#duty figure.chart').nth(1).locator('table').isVisible()).toBe(true);
    expect(await page.locator('#duty figure.chart').nth(1).locator('table tbody').textContent()).toContain('Manajerial120 JP');
    // Units and who has not met the duty (masked NIPs only on the page).
    expect(await page.locator('#duty-units').textContent()).toContain('Pusat Data dan Informasi');
    const notMet = await page.locator('#duty-not-met').textContent() ?? '';
    expect(notMet).toContain('Gita Permata');
    expect(notMet).not.toMatch(/\d{18}/);
    expect(await page.locator('#duty a[href*="format=csv"]').count()).toBe(2);
    await page.locator('#duty-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/hr-duty-1280-id.png`, fullPage: true });

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('#duty figure.chart figcaption').first().textContent(), { timeout: 10_000 }).toBe('JP progress against the duty');
    expect(await page.locator('#duty figure.chart').nth(2).locator('g.bar').last().getAttribute('aria-label')).toBe('May 26: 96');
    await page.screenshot({ path: `${OUT}/hr-duty-1280-en.png`, fullPage: true });
    await page.getByRole('button', { name: 'Ganti ke Bahasa Indonesia' }).click();

    // Printable: controls hidden, the table alternatives shown.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#roster-file').isVisible()).toBe(false);
    expect(await page.locator('#duty figure.chart').first().locator('table').isVisible()).toBe(true);
    await page.screenshot({ path: `${OUT}/hr-duty-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the duty report on a phone (390 px)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(verifier.url);
    await page.getByLabel('Nama pengguna').fill('admin.bkn');
    await page.getByLabel('Kata sandi').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect.poll(() => page.locator('#duty figure.chart').count(), { timeout: 10_000 }).toBe(4);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${OUT}/hr-duty-390.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('LAN opens /lan with its token and sees aggregates only (1280 and 390 px)', async () => {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 }, ...(width < 500 ? { isMobile: true, hasTouch: true } : {}) });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${verifier.url}/lan`);
      expect(await page.locator('#login-card').isVisible()).toBe(false);
      await page.getByLabel('Token LAN').fill('wrong-token-wrong-token-wrong');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await expect.poll(() => page.locator('#national-card [role=alert]').textContent(), { timeout: 10_000 }).toContain('tidak sah');
      errors.length = 0; // the browser logs that refused request
      await page.getByLabel('Token LAN').fill(LAN_TOKEN);
      await page.locator('#lan-year').fill('2026');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await expect.poll(() => page.locator('#national-card figure.chart').count(), { timeout: 10_000 }).toBe(5);
      const share = await page.locator('#national-card figure.chart').first().locator('g.bar').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
      expect(share).toEqual(['Badan Kepegawaian Contoh: 50%']);
      const types = await page.locator('#national-card figure.chart').nth(1).locator('g.bar').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
      // Teknis comes from one person; Manajerial is hidden with it, or the total would tell.
      expect(types).toContain('Teknis: disembunyikan (perlindungan data)');
      expect(types).toContain('Manajerial: disembunyikan (perlindungan data)');
      const providers = await page.locator('#national-card figure.chart').nth(4).locator('g.bar').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
      expect(providers).toEqual(['Pusdiklat Contoh (terkurasi): 128 JP']);
      expect(await page.locator('#lan-agencies').textContent()).toContain('belum ada daftar ASN');
      const text = await page.locator('#national-card').textContent() ?? '';
      expect(text).not.toMatch(/\d{18}|\*\*\*|Siti|Pegawai|Gita|Biro|Pusat Data/);
      if (width < 500) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: `${OUT}/lan-${width}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
