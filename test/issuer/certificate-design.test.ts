/**
 * The printed certificate looks like one: A4 landscape, the provider's uploaded logo and
 * registry name, the signatory's name and title, the issue date and dates in Indonesian long
 * form (English too), a certificate number, and the verification text; the logo upload is
 * checked by its bytes and size, and only LAN or the provider's own admin key may change it
 * (audited with who did it): another provider's admin key and the provider's issuer key may not.
 */
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, call, learningInput, pdfText, setupProvider, startIssuer } from './helpers.js';
import type { TestIssuer } from './helpers.js';

let issuer: TestIssuer;
let apiKey: string;
let adminKey: string;

beforeAll(async () => {
  issuer = await startIssuer();
  ({ apiKey, adminKey } = await setupProvider(issuer.url, 'desain-prov', { name: 'Pusdiklat Desain Nusantara' }));
});
afterAll(async () => {
  await issuer.close();
});

async function putLogo(bytes: Buffer, type: string, token = adminKey): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${issuer.url}/providers/desain-prov/certificate-logo`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(bytes) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('certificate design', () => {
  it('refuses a logo that is not a PNG/JPEG by its bytes, too large, or sent with an issuer key', async () => {
    const png = await QRCode.toBuffer('logo', { width: 200 });
    expect((await putLogo(png, 'image/png', apiKey)).status).toBe(403);
    const gif = Buffer.from('GIF89a\x10\x00\x10\x00', 'latin1');
    const wrong = await putLogo(gif, 'image/png');
    expect(wrong.status).toBe(415);
    expect(wrong.body.code).toBe('LOGO_TYPE');
    expect(wrong.body.messageId).toBe('Logo harus gambar PNG atau JPEG.');
    expect((await putLogo(png, 'image/gif')).status).toBe(415);
    // A real PNG declared as JPEG is refused before anything is stored.
    expect((await putLogo(png, 'image/jpeg')).status).toBe(415);
    expect(await issuer.services.branding.get('desain-prov')).not.toHaveProperty('logo');
    expect((await putLogo(Buffer.concat([png, Buffer.alloc(300 * 1024)]), 'image/png')).status).toBe(413);
    const truncated = await putLogo(png.subarray(0, 40), 'image/png');
    expect(truncated.status).toBe(422);
    expect(truncated.body.code).toBe('LOGO_INVALID');
    const ok = await putLogo(png, 'image/png');
    expect(ok.status).toBe(200);
    expect(ok.body.logo).toEqual({ type: 'image/png', width: 200, height: 200 });
  });

  it('a logo and a signatory saved at the same moment both stay (each change is read, changed and written under the provider’s lock)', async () => {
    await setupProvider(issuer.url, 'serentak-prov', { name: 'Pusdiklat Serentak' });
    const png = await QRCode.toBuffer('serentak', { width: 64 });
    const actor = { kind: 'admin' as const, id: 'lan-admin' };
    await Promise.all([
      issuer.services.branding.setLogo('serentak-prov', png, 'image/png', actor),
      issuer.services.branding.setSignatory('serentak-prov', { signatoryName: 'Ratna Wulandari', signatoryTitle: 'Kepala' }, actor),
    ]);
    const saved = await issuer.services.branding.get('serentak-prov');
    expect(saved.signatoryName).toBe('Ratna Wulandari');
    expect(saved.logo?.type).toBe('image/png');
  });

  it('lets LAN and the provider’s own admin key set the branding, audited by who; never another provider’s key', async () => {
    const other = await setupProvider(issuer.url, 'lain-prov', { name: 'Pusdiklat Lain' });
    const png = await QRCode.toBuffer('lain', { width: 64 });
    const sig = { signatoryName: 'Budi Santoso', signatoryTitle: 'Direktur' };
    // Provider B's admin key on provider A: refused, and A's branding is untouched.
    const before = (await call(issuer.url, 'GET', '/providers/desain-prov/certificate-branding', { token: adminKey })).body;
    expect((await putLogo(png, 'image/png', other.adminKey)).status).toBe(403);
    const cross = await call(issuer.url, 'PUT', '/providers/desain-prov/certificate-signatory', { token: other.adminKey, body: sig });
    expect(cross.status).toBe(403);
    expect(cross.body.code).toBe('FORBIDDEN');
    expect((await call(issuer.url, 'GET', '/providers/desain-prov/certificate-branding', { token: other.adminKey })).status).toBe(403);
    expect((await call(issuer.url, 'PUT', '/providers/desain-prov/certificate-signatory', { token: apiKey, body: sig })).status).toBe(403);
    expect((await call(issuer.url, 'GET', '/providers/desain-prov/certificate-branding', { token: adminKey })).body).toEqual(before);
    // B's own admin key on B, and LAN on B: allowed.
    const own = await call(issuer.url, 'PUT', '/providers/lain-prov/certificate-signatory', { token: other.adminKey, body: sig });
    expect(own.status).toBe(200);
    const lan = await call(issuer.url, 'PUT', '/providers/lain-prov/certificate-signatory', { token: ADMIN_TOKEN, body: { ...sig, signatoryTitle: 'Kepala' } });
    expect(lan.status).toBe(200);
    const res = await fetch(`${issuer.url}/providers/lain-prov/certificate-logo`, { method: 'PUT', headers: { authorization: `Bearer ${other.adminKey}`, 'content-type': 'image/png' }, body: new Uint8Array(png) });
    expect(res.status).toBe(200);
    expect((await call(issuer.url, 'GET', '/providers/lain-prov/certificate-branding', { token: other.adminKey })).body).toEqual({ signatoryName: 'Budi Santoso', signatoryTitle: 'Kepala', logo: { type: 'image/png', width: 64, height: 64 } });
    const audit = (await issuer.services.audit.list({ limit: 1000 })).map((e) => e.value).filter((e) => e.action === 'provider.brandingUpdated' && e.target === 'lain-prov');
    expect(audit.map((e) => e.actor.kind)).toEqual(['provider', 'admin', 'provider']);
    expect(audit.every((e) => e.actor.kind === 'admin' || e.actor.providerId === 'lain-prov')).toBe(true);
  });

  it('prints border, logo, provider, signatory, certificate number, Indonesian long dates and the verification text on A4 landscape', async () => {
    const sig = await call(issuer.url, 'PUT', '/providers/desain-prov/certificate-signatory', { token: adminKey, body: { signatoryName: 'Dr. Ratna Wulandari, M.Si.', signatoryTitle: 'Kepala Pusdiklat' } });
    expect(sig.status).toBe(200);
    expect((await call(issuer.url, 'PUT', '/providers/desain-prov/certificate-signatory', { token: adminKey, body: { signatoryName: '' } })).body.code).toBe('VALIDATION_FAILED');
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
    const key = String(issued.body.credentialRecord).split('/').pop() ?? '';
    const res = await fetch(`${issuer.url}/credentials/${key}/certificate.pdf`, { headers: { authorization: `Bearer ${apiKey}` } });
    const pdf = Buffer.from(await res.arrayBuffer());
    const text = pdfText(pdf);
    for (const s of ['SERTIFIKAT', 'Pusdiklat Desain Nusantara', 'Dr. Ratna Wulandari, M.Si.', 'Kepala Pusdiklat', `DESAIN-PROV/${new Date().getFullYear()}/${key.slice(0, 8).toUpperCase()}`, 'Verifikasi keaslian', 'Scan the QR code']) {
      expect(text, s).toContain(s);
    }
    // The en dash is WinAnsi 0x96 in the PDF's text.
    expect(text).toMatch(/1 Maret 2025 \x96 10 Maret 2025/);
    expect(text).toMatch(/1 March 2025 \x96 10 March 2025/);
    const issuedOn = new Date(Date.parse(issued.body.verifiableCredential.validFrom)).toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' });
    expect(text).toContain(`Diterbitkan ${issuedOn}`);
    const bin = pdf.toString('latin1');
    expect(bin).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(bin.match(/\/Subtype \/Image/g)?.length).toBeGreaterThanOrEqual(2); // the QR and the logo
    expect(text).not.toContain('198609262015052001');
  });
});
