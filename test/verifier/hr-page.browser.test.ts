/**
 * The HR page in a real browser (Debian chromium via playwright-core): paste a credential,
 * see the verdict and every check, switch language, match a NIP, sign in and record, read
 * a relayed presentation from a QR link on a phone-sized screen, and show hostile text as
 * text. Screenshots go to test-results/.
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildPresentation, signPresentation } from '../../shared/index.js';
import { buildRelayUrl, createRelayKey, encryptForRelay } from '../../shared/relay/index.js';
import { NOW } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { BOOTSTRAP_TOKEN, credentialId, curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';
import { chromiumAvailable, launchChromium } from '../browser/chromium.js';

const OUT = 'test-results';

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
let browser: Browser;

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock: testClock() });
  await postJson(`${verifier.url}/admin/agencies`, { agency: { id: 'bkn', name: 'Badan Kepegawaian Contoh' }, admin: { username: 'admin.bkn', password: 'correct horse battery staple', displayName: 'Admin BKN' } }, { 'x-bootstrap-token': BOOTSTRAP_TOKEN });
  await mkdir(OUT, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await verifier?.close();
  await issuer?.stop();
});

describe.skipIf(!chromiumAvailable())('HR page', () => {
  it('paste → verdict → checks → language switch → NIP match → sign in → record', async () => {
    const vc = await world.issue({ mutate: (v) => { v.id = credentialId(500); } });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(verifier.url);
    await page.getByRole('tab', { name: 'Tempel JSON' }).click();
    await page.getByLabel('JSON kredensial, presentasi, atau tautan QR').fill(JSON.stringify(vc, null, 2));
    await page.getByRole('button', { name: 'Periksa', exact: true }).click();
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 15_000 }).toBe('Asli dan diakui');
    expect(await page.locator('#checks li').count()).toBe(8);
    expect(await page.locator('#learning').textContent()).toContain('Pusdiklat Contoh (terkurasi)');
    expect(await page.locator('#learning').textContent()).toContain('24 JP');

    await page.getByLabel('Cocokkan NIP pegawai').fill('19860926 201505 2 001');
    await page.getByRole('button', { name: 'Cocokkan', exact: true }).click();
    await expect.poll(() => page.locator('.nip-box [role=status]').first().textContent()).toContain('Cocok');
    await page.screenshot({ path: `${OUT}/hr-page-verified-id.png`, fullPage: true });

    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('#verdict-title').textContent()).toBe('Authentic and recognised');
    expect(await page.locator('#checks').textContent()).toContain('Not revoked and not suspended');
    await page.screenshot({ path: `${OUT}/hr-page-verified-en.png`, fullPage: true });
    await page.getByRole('button', { name: 'Ganti ke Bahasa Indonesia' }).click();

    // Sign in and record (the NIP box re-renders with the session).
    await page.getByLabel('Nama pengguna').fill('admin.bkn');
    await page.getByLabel('Kata sandi').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    // Sign-in is a password hash and a few database round trips: more than the default second on a busy machine.
    await expect.poll(() => page.locator('#who').textContent(), { timeout: 15_000 }).toContain('Badan Kepegawaian Contoh');
    await page.getByLabel('Cocokkan NIP pegawai').fill('198609262015052001');
    await page.getByRole('button', { name: 'Cocokkan', exact: true }).click();
    await page.getByRole('button', { name: 'Catat pengakuan JP' }).click();
    await expect.poll(() => page.locator('.nip-box').textContent()).toContain('Tercatat');
    await page.locator('#report-form button[type=submit]').click();
    await expect.poll(() => page.locator('#report table').textContent()).toContain('Siti Rahmawati');
    await page.screenshot({ path: `${OUT}/hr-page-recorded.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an authentic credential from a provider LAN has not curated: "Asli, penyedia belum terkurasi LAN", nothing to record', async () => {
    const vc = await world.issue({ issuer: world.uncurated, index: 4321, mutate: (v) => { v.id = credentialId(501); } });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(verifier.url);
    await page.getByRole('tab', { name: 'Tempel JSON' }).click();
    await page.getByLabel('JSON kredensial, presentasi, atau tautan QR').fill(JSON.stringify(vc));
    await page.getByRole('button', { name: 'Periksa', exact: true }).click();
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 15_000 }).toBe('Asli, penyedia belum terkurasi LAN');
    expect(await page.locator('#verdict').getAttribute('class')).toContain('warn');
    expect(await page.locator('#learning').textContent()).toContain('tidak dapat diakui');
    expect(await page.getByRole('button', { name: 'Catat pengakuan JP' }).count()).toBe(0);
    await page.screenshot({ path: `${OUT}/hr-page-unrecognised.png`, fullPage: true });
    await page.close();
  });

  it('a failed credential shows the reason; hostile text stays text', async () => {
    const vc = await world.issue({ mutate: (v) => {
      const ids = (v.credentialSubject as { identifier: Array<Record<string, unknown>> }).identifier;
      ids[1]!.identityHash = '<img src=x onerror="window.__xss=1">';
    } });
    (vc as Record<string, unknown>).validFrom = '2026-05-21T03:00:00Z'; // breaks the signature
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(verifier.url);
    await page.getByRole('tab', { name: 'Tempel JSON' }).click();
    await page.getByLabel('JSON kredensial, presentasi, atau tautan QR').fill(JSON.stringify(vc));
    await page.getByRole('button', { name: 'Periksa', exact: true }).click();
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 15_000 }).toBe('Tidak asli');
    expect(await page.locator('#learning').textContent()).toContain('<img src=x onerror=');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#learning img').count()).toBe(0);
    await page.screenshot({ path: `${OUT}/hr-page-failed-phone.png`, fullPage: true });
    await page.close();
  });

  it('opens a relayed presentation from its QR link on a phone screen', async () => {
    const held = await world.issue({ holder: world.holder.did, mutate: (v) => { v.id = credentialId(501); } });
    const { id, challenge, domain, uploadUrl } = (await postJson(`${verifier.url}/relay`, undefined)).body;
    const vp = await signPresentation(buildPresentation({ holder: world.holder.did, credentials: [held] }), {
      signer: world.holder.signer, documentLoader: world.documentLoader, now: NOW, challenge, domain,
    });
    const key = createRelayKey();
    await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(await encryptForRelay(vp, id, key)) });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(buildRelayUrl(verifier.url, id, key));
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 15_000 }).toBe('Asli dan diakui');
    expect(page.url()).toBe(`${verifier.url}/`); // the key left the address bar
    expect(await page.locator('#checks li').count()).toBe(10);
    await page.screenshot({ path: `${OUT}/hr-page-relay-phone.png`, fullPage: true });
    // Opening the same link again: the blob was fetched once and is gone.
    await page.goto(buildRelayUrl(verifier.url, id, key));
    await expect.poll(() => page.locator('#input-error').textContent()).toContain('sudah dibaca');
    await page.close();
  });
});
