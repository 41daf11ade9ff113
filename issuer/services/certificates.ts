/**
 * The printable e-sertifikat: a PDF with the award in words and a QR code that links to
 * a verification URL. The NIP appears only masked, never in the QR. Credential text is
 * drawn as plain text by pdfkit, so HTML or script in a name is shown, never run.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AppError } from '../../shared/errors.js';
import { readLearningCredential } from '../../shared/model/index.js';
import type { ServiceContext } from './context.js';
import type { CurationService } from './curation.js';
import type { CredentialRecord } from './records.js';

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
    doc.font('Helvetica').fontSize(11).text(`NIP ${record.maskedNip ?? '******************'}`, { align: 'center', width: w });
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
