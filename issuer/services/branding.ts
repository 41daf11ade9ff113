/**
 * What a provider puts on its certificates: its logo (PNG or JPEG, at most 256 KB and
 * 2,000 px a side, checked by its bytes — not by the name or type the upload claims — and
 * test-drawn into a PDF before it is kept) and the signatory's name and title.
 */
import PDFDocument from 'pdfkit';
import { AppError } from '../../shared/errors.js';
import { put } from '../store/kv.js';
import type { Actor, AuditService } from './audit.js';
import type { ServiceContext } from './context.js';

export const LOGO_MAX_BYTES = 256 * 1024;
const LOGO_MAX_SIDE = 2000;

export interface Branding {
  logo?: { type: 'image/png' | 'image/jpeg'; data: string; width: number; height: number };
  signatoryName?: string;
  signatoryTitle?: string;
}

export class BrandingService {
  constructor(private readonly ctx: ServiceContext, private readonly audit: AuditService) {}

  async get(providerId: string): Promise<Branding> {
    return (await this.ctx.store.get<Branding>('branding', providerId)) ?? {};
  }

  /** Stores the logo only when it is what `declaredType` says (nothing is written otherwise). */
  async setLogo(providerId: string, bytes: Buffer, declaredType: 'image/png' | 'image/jpeg', actor: Actor): Promise<Branding> {
    const image = inspectImage(bytes);
    if (image.type !== declaredType) throw new AppError('LOGO_TYPE', 'The file is not the image type it claims to be.', { status: 415 });
    // pdfkit must be able to draw it: a file that passes the header checks but not this is refused now, not at print time.
    try {
      new PDFDocument({ autoFirstPage: true }).image(bytes, 0, 0, { width: 10 });
    } catch {
      throw logoError('LOGO_INVALID', 'The logo image cannot be read; send a PNG or JPEG file.', 'Logo tidak dapat dibaca; kirim berkas PNG atau JPEG.');
    }
    return this.update(providerId, { logo: { ...image, data: bytes.toString('base64') } }, actor, { logo: image.type, bytes: bytes.length });
  }

  async setSignatory(providerId: string, s: { signatoryName: string; signatoryTitle: string }, actor: Actor): Promise<Branding> {
    return this.update(providerId, { signatoryName: s.signatoryName, signatoryTitle: s.signatoryTitle }, actor, { signatory: true });
  }

  /** Read, change, write under the provider's lock: a logo and a signatory saved at once both stay. */
  private update(providerId: string, change: Partial<Branding>, actor: Actor, details: Record<string, string | number | boolean>): Promise<Branding> {
    return this.ctx.store.exclusive(`branding:${providerId}`, async () => {
      const next: Branding = { ...(await this.get(providerId)), ...change };
      await this.ctx.store.batch([put('branding', providerId, next), this.audit.entry(actor, 'provider.brandingUpdated', providerId, { details })]);
      return next;
    });
  }
}

function logoError(code: string, en: string, id: string, status = 422): AppError {
  return new AppError(code, en, { status, details: [{ field: 'logo', code, message: { id, en } }] });
}

/** Type and size from the image's own header bytes. */
export function inspectImage(b: Buffer): { type: 'image/png' | 'image/jpeg'; width: number; height: number } {
  if (b.length > LOGO_MAX_BYTES) throw logoError('LOGO_TOO_LARGE', `The logo is larger than ${LOGO_MAX_BYTES / 1024} KB.`, `Logo lebih besar dari ${LOGO_MAX_BYTES / 1024} KB.`, 413);
  let type: 'image/png' | 'image/jpeg' | undefined;
  let width = 0;
  let height = 0;
  if (b.length >= 24 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && b.subarray(12, 16).toString('latin1') === 'IHDR') {
    type = 'image/png';
    width = b.readUInt32BE(16);
    height = b.readUInt32BE(20);
  } else if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    type = 'image/jpeg';
    // Walk the segments to the first start-of-frame marker, which holds the size.
    let i = 2;
    while (i + 9 < b.length && b[i] === 0xff) {
      const marker = b[i + 1] ?? 0;
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        height = b.readUInt16BE(i + 5);
        width = b.readUInt16BE(i + 7);
        break;
      }
      i += 2 + len;
    }
  }
  if (!type) throw logoError('LOGO_TYPE', 'The logo must be a PNG or JPEG image.', 'Logo harus gambar PNG atau JPEG.', 415);
  if (width < 16 || height < 16 || width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE) {
    throw logoError('LOGO_DIMENSIONS', `The logo must be between 16 and ${LOGO_MAX_SIDE} pixels a side.`, `Sisi logo harus antara 16 dan ${LOGO_MAX_SIDE} piksel.`);
  }
  return { type, width, height };
}
