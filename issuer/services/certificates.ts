/**
 * The printable e-sertifikat: a PDF with the award in words and a QR code that links to
 * a verification URL. Credential text is drawn as plain text by pdfkit, so HTML or script
 * in a name is shown, never run.
 *
 * NIP protection (docs/privacy.md): the PDF prints no NIP digit, and the public link
 * does not hand a credential carrying a hashed NIP to anonymous callers. A NIP has little
 * entropy (birth date, appointment month, gender, sequence), so anyone holding the salt
 * and the hash can enumerate it offline. The link opens only for a caller who types the
 * holder's NIP (HR has it), checked against the credential's own salted hash, with at
 * most CERTIFICATE_NIP_ATTEMPTS wrong guesses per certificate and window: an online,
 * counted oracle instead of an offline brute force.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AppError } from '../../shared/errors.js';
import { matchesIdentity, readLearningCredential } from '../../shared/model/index.js';
import { put } from '../store/kv.js';
import type { ServiceContext } from './context.js';
import type { CurationService } from './curation.js';
import type { BrandingService } from './branding.js';
import type { CredentialRecord } from './records.js';

/** Wrong NIPs accepted per certificate link and window before it locks. */
export const CERTIFICATE_NIP_ATTEMPTS = 5;
const ATTEMPT_WINDOW_SECONDS = 24 * 3600;

interface AttemptRecord {
  failures: number;
  since: string;
}

export class CertificateService {
  constructor(private readonly ctx: ServiceContext, private readonly curation: CurationService, private readonly branding: BrandingService) {}

  /** Where the printed credential can be fetched by whoever holds the certificate. */
  certificateUrl(token: string): string {
    return `${this.ctx.settings.publicUrl}/certificates/${token}`;
  }

  /** What the QR encodes: the verifier page with the credential URL, or the URL itself. */
  verificationUrl(record: CredentialRecord): string {
    const cert = this.certificateUrl(record.certificateToken ?? '');
    const base = this.ctx.settings.verifierUrl;
    return base ? `${base}${base.includes('?') ? '&' : '?'}url=${encodeURIComponent(cert)}` : cert;
  }

  async byToken(token: string): Promise<CredentialRecord> {
    const key = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await this.ctx.store.get<string>('certificates', token) : undefined;
    const rec = key ? await this.ctx.store.get<CredentialRecord>('credentials', key) : undefined;
    if (!rec) throw new AppError('CERTIFICATE_NOT_FOUND', 'No such certificate.', { status: 404 });
    return rec;
  }

  /**
   * The credential behind a public link, for a caller who proves they know the holder's
   * NIP. Credentials without a hashed identifier open without one. Failures are counted
   * under a per-token lock, so parallel guesses cannot overtake the count.
   */
  async open(token: string, nip: unknown): Promise<CredentialRecord> {
    const rec = await this.byToken(token);
    const identities = hashedIdentities(rec.credential);
    if (identities.length === 0) return rec;
    if (nip === undefined) throw new AppError('CERTIFICATE_NIP_REQUIRED', 'This certificate opens only with its holder’s NIP: POST {nip} to this URL.', { status: 401 });
    const digits = typeof nip === 'string' ? nip.replaceAll(' ', '') : '';
    if (!/^[0-9]{18}$/.test(digits)) throw new AppError('NIP_INVALID', 'nip must be 18 digits.', { status: 400 });
    return this.ctx.locks.run(`certificate:${token}`, async () => {
      const key = `certificateAttempts/${token}`;
      const now = this.ctx.now().getTime();
      const prior = await this.ctx.store.get<AttemptRecord>('meta', key);
      const current: AttemptRecord = prior && now - Date.parse(prior.since) < ATTEMPT_WINDOW_SECONDS * 1000 ? prior : { failures: 0, since: new Date(now).toISOString() };
      if (current.failures >= CERTIFICATE_NIP_ATTEMPTS) {
        const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(current.since) + ATTEMPT_WINDOW_SECONDS * 1000 - now) / 1000));
        throw new AppError('CERTIFICATE_LOCKED', 'Too many wrong NIPs for this certificate; try again later.', { status: 429, details: { retryAfterSeconds } });
      }
      if (identities.some((identity) => matchesIdentity(identity, digits))) return rec;
      await this.ctx.store.batch([put('meta', key, { failures: current.failures + 1, since: current.since } satisfies AttemptRecord)]);
      throw new AppError('CERTIFICATE_NIP_MISMATCH', 'This NIP does not match the certificate.', { status: 403, details: { attemptsLeft: CERTIFICATE_NIP_ATTEMPTS - current.failures - 1 } });
    });
  }

  async pdf(record: CredentialRecord): Promise<Buffer> {
    const summary = readLearningCredential(record.credential);
    if (!summary) throw new AppError('CERTIFICATE_UNAVAILABLE', 'Only learning credentials have a printable certificate.', { status: 409 });
    const provider = await this.curation.require(record.providerId);
    const qr = await QRCode.toBuffer(this.verificationUrl(record), { errorCorrectionLevel: 'M', margin: 1, width: 360 });

    const brand = await this.branding.get(record.providerId);
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, info: { Title: 'Sertifikat / Certificate', Producer: 'ASN Kredensial' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', () => resolve());
      doc.on('error', reject);
    });

    const W = doc.page.width;
    const H = doc.page.height;
    const NAVY = '#0f2a4a';
    const GOLD = '#b08d3c';
    const INK = '#14202e';
    const MUTED = '#4a5666';
    // A certificate's frame: a heavy outer border and a thin inner rule.
    doc.lineWidth(6).strokeColor(NAVY).rect(18, 18, W - 36, H - 36).stroke();
    doc.lineWidth(1.2).strokeColor(GOLD).rect(30, 30, W - 60, H - 60).stroke();

    const left = 64;
    const width = W - 2 * left;
    const center = (text: string, size: number, font = 'Helvetica', color = INK, gap = 0): void => {
      doc.font(font).fontSize(size).fillColor(color).text(text, left, doc.y + gap, { width, align: 'center' });
    };

    // Header: the provider's logo and its registry name (never the name the credential claims).
    let top = 48;
    if (brand.logo) {
      const logo = Buffer.from(brand.logo.data, 'base64');
      doc.image(logo, left, top, { fit: [72, 72] });
    }
    doc.font('Helvetica-Bold').fontSize(14).fillColor(NAVY).text(provider.name, left + 84, top + 14, { width: width - 168 });
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text('Penyedia pelatihan terkurasi LAN / LAN-curated training provider', left + 84, doc.y + 2, { width: width - 168 });
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(`Nomor / No. ${certificateNumber(record)}`, left, top + 4, { width, align: 'right' });
    top = 128;

    doc.y = top;
    center('SERTIFIKAT', 34, 'Helvetica-Bold', NAVY);
    center('Certificate of completion', 13, 'Helvetica-Oblique', MUTED);
    center('Diberikan kepada / Awarded to', 12, 'Helvetica', MUTED, 14);
    center(summary.name, 26, 'Helvetica-Bold', INK, 4);
    // No NIP digit at all: every printed digit shrinks the search over the salted hash.
    center('NIP pemegang diperiksa saat verifikasi / The holder’s NIP is checked at verification', 9, 'Helvetica', MUTED, 2);
    center('atas keberhasilan menyelesaikan / for successfully completing', 12, 'Helvetica', MUTED, 12);
    center(summary.courseName, 18, 'Helvetica-Bold', INK, 4);
    const dates = { id: dateRange(summary.startDate, summary.endDate, 'id-ID'), en: dateRange(summary.startDate, summary.endDate, 'en-GB') };
    center(`${dates.id} · ${summary.jp} jam pelajaran (JP)`, 11, 'Helvetica', INK, 6);
    center(`${dates.en} · ${summary.jp} learning hours (JP)`, 10, 'Helvetica-Oblique', MUTED, 1);
    center(`Kompetensi / Competency: ${summary.competency.name} (${summary.competency.code}, level ${summary.competency.level})`, 11, 'Helvetica', INK, 4);
    if (summary.result?.grade || summary.result?.score !== undefined) {
      center(`Hasil / Result: ${[summary.result.grade, summary.result.score].filter((x) => x !== undefined).join(' · ')}`, 11, 'Helvetica', INK, 1);
    }

    // Bottom left: the QR and how to verify, large enough to read on paper.
    const qrSize = 112;
    const bottom = H - 52;
    doc.image(qr, left, bottom - qrSize, { width: qrSize, height: qrSize });
    const textX = left + qrSize + 14;
    const textW = 300;
    doc.font('Helvetica-Bold').fontSize(11).fillColor(NAVY).text('Verifikasi keaslian / Verify', textX, bottom - qrSize + 4, { width: textW });
    doc.font('Helvetica').fontSize(10.5).fillColor(INK).text('Pindai kode QR untuk memeriksa bahwa sertifikat ini asli, tidak dicabut, dan penyedianya terkurasi LAN.', textX, doc.y + 2, { width: textW });
    doc.font('Helvetica-Oblique').fontSize(9.5).fillColor(MUTED).text('Scan the QR code to check that this certificate is authentic, not revoked, and from a LAN-curated provider.', textX, doc.y + 2, { width: textW });
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(`ID: ${record.credentialId}`, textX, doc.y + 3, { width: textW });

    // Bottom right: issue date and the signatory.
    const signX = W - left - 250;
    const issued = { id: longDate(record.issuedAt, 'id-ID'), en: longDate(record.issuedAt, 'en-GB') };
    doc.font('Helvetica').fontSize(10.5).fillColor(INK).text(`Diterbitkan ${issued.id}`, signX, bottom - qrSize + 4, { width: 250, align: 'center' });
    doc.font('Helvetica-Oblique').fontSize(9).fillColor(MUTED).text(`Issued ${issued.en}`, signX, doc.y, { width: 250, align: 'center' });
    if (brand.signatoryTitle) doc.font('Helvetica').fontSize(10).fillColor(INK).text(brand.signatoryTitle, signX, doc.y + 4, { width: 250, align: 'center' });
    const lineY = bottom - 24;
    doc.lineWidth(0.8).strokeColor(INK).moveTo(signX + 25, lineY).lineTo(signX + 225, lineY).stroke();
    doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(brand.signatoryName ?? provider.name, signX, lineY + 4, { width: 250, align: 'center' });
    doc.font('Helvetica').fontSize(7.5).fillColor(MUTED).text('Tanda tangan elektronik tidak tersertifikasi (PP 71/2019) / Uncertified electronic signature (Ed25519)', signX - 20, lineY + 19, { width: 290, align: 'center' });
    doc.end();
    await done;
    return Buffer.concat(chunks);
  }
}

/** A certificate number a person can read out: provider, year, and the start of the credential's UUID (no NIP digit). */
export function certificateNumber(record: CredentialRecord): string {
  return `${record.providerId.toUpperCase()}/${record.issuedAt.slice(0, 4)}/${record.key.slice(0, 8).toUpperCase()}`;
}

/** `1 Maret 2025` / `1 March 2025`: the long form, in Indonesia's western time for instants. */
function longDate(isoOrDay: string, locale: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay) ? new Date(`${isoOrDay}T12:00:00+07:00`) : new Date(isoOrDay);
  return d.toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Jakarta' });
}

function dateRange(start: string, end: string, locale: string): string {
  return start === end ? longDate(start, locale) : `${longDate(start, locale)} – ${longDate(end, locale)}`;
}

/** Every hashed IdentityObject in the credential (the NIP, wherever it is written). */
function hashedIdentities(value: unknown, out: unknown[] = [], depth = 0): unknown[] {
  if (depth > 32 || typeof value !== 'object' || value === null) return out;
  if (Array.isArray(value)) {
    for (const v of value) hashedIdentities(v, out, depth + 1);
    return out;
  }
  const obj = value as Record<string, unknown>;
  if (obj.hashed === true && typeof obj.identityHash === 'string') out.push(obj);
  for (const v of Object.values(obj)) hashedIdentities(v, out, depth + 1);
  return out;
}
