/**
 * A printed certificate's QR opened on the HR page, with the real issuer and verifier: the
 * page asks for the holder's NIP (the public link alone serves no hash), refuses a wrong
 * one, opens the certificate with the right one and reuses it for the NIP match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../browser/chromium.js';
import { call, learningInput, setupProvider, startIssuer } from '../issuer/helpers.js';
import type { TestIssuer } from '../issuer/helpers.js';
import { startRealVerifier } from './real-verifier.js';

let issuer: TestIssuer;
let verifierUrl: string;
let closeVerifier: (() => Promise<void>) | undefined;
let browser: Browser | undefined;
let certificateUrl: string;

beforeAll(async () => {
  issuer = await startIssuer();
  const { apiKey } = await setupProvider(issuer.url, 'pusdiklat-qr');
  const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
  certificateUrl = issued.body.certificate.verificationUrl;
  const verifier = await startRealVerifier(issuer);
  verifierUrl = verifier.url;
  closeVerifier = () => verifier.close();
  if (chromiumAvailable()) browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await closeVerifier?.();
  await issuer?.close();
});

describe.skipIf(!chromiumAvailable())('HR page: printed certificate with the holder\'s NIP', () => {
  it('asks for the NIP, refuses a wrong one, opens and matches with the right one', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${verifierUrl}/?url=${encodeURIComponent(certificateUrl)}`);
    const nip = page.getByLabel('NIP pemilik sertifikat');
    await expect.poll(() => nip.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.locator('#result-card').isHidden()).toBe(true);

    await nip.fill('198609262015052002');
    await page.getByRole('button', { name: 'Buka sertifikat' }).click();
    await expect.poll(() => page.locator('#input-error').textContent(), { timeout: 20_000 }).toContain('NIP tidak cocok');

    await nip.fill('19860926 201505 2 001');
    await page.getByRole('button', { name: 'Buka sertifikat' }).click();
    await expect.poll(() => page.locator('#verdict-title').textContent(), { timeout: 20_000 }).toBe('Asli dan diakui'); // the machine may be busy
    expect(await nip.isVisible()).toBe(false);
    await expect.poll(() => page.locator('.nip-box [role=status]').first().textContent(), { timeout: 20_000 }).toContain('Cocok');
    expect(await page.content()).not.toContain('198609262015052001');
    expect(errors).toEqual([]);
    await page.close();
  });
});
