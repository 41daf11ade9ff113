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
import type { CredentialRecord } from './records.js';

/** Wrong NIPs accepted per certificate link and window before it locks. */
export const CERTIFICATE_NIP_ATTEMPTS = 5;
const ATTEMPT_WINDOW_SECONDS = 24 * 3600;

interface AttemptRecord {
  failures: number;
  since: string;
}

export class CertificateService {
  constructor(private readonly ctx: ServiceContext, private readonly curation: CurationService) {}

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

    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 48, info: { Title: 'Sertifikat / Certificate', Producer: 'ASN Kredensial' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', () => resolve());
      doc.on('error', reject);
    });

    const w = doc.page.width - 96;
    doc.fontSize(28).font('Helvetica-Bold').text('SERTIFIKAT', { align: 'center', width: w });
    doc.fontSize(13).font('Helvetica-Oblique').text('Certificate of completion', { align: 'center', width: w });
    doc.moveDown(1);
    doc.font('Helvetica').fontSize(12).text('Diberikan kepada / Awarded to', { align: 'center', width: w });
    doc.font('Helvetica-Bold').fontSize(22).text(summary.name, { align: 'center', width: w });
    // No NIP digit at all: every printed digit shrinks the search over the salted hash.
    doc.font('Helvetica').fontSize(10).text('NIP pemegang diperiksa saat verifikasi / The holder’s NIP is checked at verification', { align: 'center', width: w });
    doc.moveDown(1);
    doc.fontSize(12).text('atas penyelesaian / for completing', { align: 'center', width: w });
    doc.font('Helvetica-Bold').fontSize(16).text(summary.courseName, { align: 'center', width: w });
    doc.font('Helvetica').fontSize(11);
    doc.text(`Kompetensi / Competency: ${summary.competency.name} (${summary.competency.code}, level ${summary.competency.level})`, { align: 'center', width: w });
    doc.text(`${summary.jp} JP · ${summary.startDate} – ${summary.endDate}`, { align: 'center', width: w });
    if (summary.result?.grade || summary.result?.score !== undefined) {
      doc.text(`Hasil / Result: ${[summary.result.grade, summary.result.score].filter((x) => x !== undefined).join(' · ')}`, { align: 'center', width: w });
    }
    doc.moveDown(1);
    // The registry's name for the provider, not the name the credential claims for itself.
    doc.text(`Penyedia pelatihan terkurasi / Curated training provider: ${provider.name}`, { align: 'center', width: w });

    const qrSize = 120;
    const y = doc.page.height - 48 - qrSize;
    doc.image(qr, 48, y, { width: qrSize, height: qrSize });
    doc.fontSize(8).text(
      'Pindai untuk memverifikasi. Tanda tangan elektronik tidak tersertifikasi (PP 71/2019).\nScan to verify. Uncertified electronic signature (Ed25519).',
      48 + qrSize + 12,
      y + 20,
      { width: w - qrSize - 12 },
    );
    doc.text(`ID: ${record.credentialId}`, 48 + qrSize + 12, y + 60, { width: w - qrSize - 12 });
    doc.end();
    await done;
    return Buffer.concat(chunks);
  }
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
