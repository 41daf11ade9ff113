/**
 * Claim links by email. With `SMTP_URL` set (server.ts builds the nodemailer transport),
 * a provider can send each learner their claim link — Indonesian first, English second —
 * to the address given at issuance (sealed in `contacts`). Without it, `configured` is
 * false and the portal says links must be handed out by hand.
 *
 * Each attempt's outcome is kept per credential (`mailings`: sent, or failed with the SMTP
 * server's reply code and a short reason; never the address) so the provider sees
 * failures per row. An address the server refuses (bounce at RCPT) fails that row only.
 */
import type { Transporter } from 'nodemailer';
import { AppError } from '../../shared/errors.js';
import { readLearningCredential } from '../../shared/model/index.js';
import { put } from '../store/kv.js';
import type { BatchService } from './batches.js';
import type { ClaimService } from './claims.js';
import type { ContactService } from './contacts.js';
import type { ServiceContext } from './context.js';
import type { CurationService } from './curation.js';
import type { CredentialRecord, OfferRecord } from './records.js';

export interface MailTransport {
  transporter: Transporter;
  /** The From header, e.g. `"Kredensial ASN" <no-reply@kredensial.example.go.id>`. */
  from: string;
}

export interface MailOutcome {
  state: 'sent' | 'failed' | 'skipped';
  at: string;
  /** Why it failed or was skipped: NO_EMAIL, CLAIMED, REVOKED, NO_OFFER, OFFER_EXPIRED, SMTP_<code>, SMTP_ERROR; ALREADY_SENT (a cohort's rows, not stored). */
  reason?: string;
}

export class ClaimMailService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly transport: MailTransport | undefined,
    private readonly claims: ClaimService,
    private readonly contacts: ContactService,
    private readonly curation: CurationService,
    private readonly batches: BatchService,
  ) {}

  get configured(): boolean {
    return this.transport !== undefined;
  }

  /** 409 EMAIL_NOT_CONFIGURED without SMTP_URL. */
  requireTransport(): MailTransport {
    if (!this.transport) {
      throw new AppError('EMAIL_NOT_CONFIGURED', 'Email is not configured on this issuer (SMTP_URL); hand the claim links out yourself.', { status: 409 });
    }
    return this.transport;
  }

  /** Sends one credential's claim link; the outcome is stored and returned (never thrown for a bounce). */
  async send(rec: CredentialRecord): Promise<MailOutcome> {
    const transport = this.requireTransport();
    const at = this.ctx.now().toISOString();
    const offer = rec.offerId ? await this.ctx.store.get<OfferRecord>('offers', rec.offerId) : undefined;
    const email = await this.contacts.emailOf(rec.key);
    let outcome: MailOutcome | undefined;
    if (rec.revoked) outcome = { state: 'skipped', at, reason: 'REVOKED' };
    else if (rec.boundTo || offer?.usedAt) outcome = { state: 'skipped', at, reason: 'CLAIMED' };
    else if (!offer || !rec.offerId) outcome = { state: 'skipped', at, reason: 'NO_OFFER' };
    else if (Date.parse(offer.expiresAt) <= this.ctx.now().getTime()) outcome = { state: 'skipped', at, reason: 'OFFER_EXPIRED' };
    else if (!email) outcome = { state: 'skipped', at, reason: 'NO_EMAIL' };
    if (!outcome && offer && email) {
      const provider = await this.curation.require(rec.providerId);
      const s = readLearningCredential(rec.credential);
      const link = this.claims.learnerLink(offer.id);
      const until = formatDate(offer.expiresAt);
      const name = s?.name ?? '';
      const course = s?.courseName ?? '';
      const text = [
        `Yth. ${name},`,
        '',
        `${provider.name} menerbitkan kredensial hasil belajar untuk Anda: ${course}.`,
        'Buka tautan berikut untuk menyimpannya di dompet ASN Anda (sekali pakai, berlaku sampai',
        `${until.id}):`,
        '',
        link,
        '',
        'Jangan teruskan surel ini: siapa pun yang membuka tautan ini dapat mengklaim kredensial Anda.',
        '',
        '---',
        '',
        `Dear ${name},`,
        '',
        `${provider.name} has issued a learning credential to you: ${course}.`,
        `Open this link to save it in your ASN wallet (single use, valid until ${until.en}):`,
        '',
        link,
        '',
        'Do not forward this email: whoever opens the link can claim your credential.',
      ].join('\n');
      try {
        await transport.transporter.sendMail({
          from: transport.from,
          to: email,
          subject: `Kredensial Anda dari ${provider.name} / Your credential from ${provider.name}`,
          text,
        });
        outcome = { state: 'sent', at };
      } catch (e) {
        const code = (e as { responseCode?: unknown }).responseCode;
        outcome = { state: 'failed', at, reason: typeof code === 'number' ? `SMTP_${code}` : 'SMTP_ERROR' };
        // The reason only: the address and the server's full reply may hold personal data.
        this.ctx.logger.warn({ credential: rec.credentialId, reason: outcome.reason }, 'claim link email failed');
      }
    }
    const final = outcome ?? { state: 'skipped', at, reason: 'NO_EMAIL' };
    await this.ctx.store.batch([put('mailings', rec.key, final)]);
    return final;
  }

  async lastOutcome(credentialKey: string): Promise<MailOutcome | undefined> {
    return this.ctx.store.get<MailOutcome>('mailings', credentialKey);
  }

  /**
   * Sends the claim link of every issued row of a cohort; one outcome per row. A row whose
   * link was already sent is skipped (`ALREADY_SENT`), so pressing the button again reaches
   * only those that failed or were added, never mails a learner twice; `resend` sends to all.
   */
  async sendCohort(providerId: string, batchId: string, opts: { resend?: boolean } = {}): Promise<Array<{ row: number; credentialId: string } & MailOutcome>> {
    this.requireTransport();
    await this.batches.get(providerId, batchId);
    const out: Array<{ row: number; credentialId: string } & MailOutcome> = [];
    let after = 0;
    for (;;) {
      const page = await this.batches.rows(providerId, batchId, { after, limit: 500, state: 'issued' });
      if (page.length === 0) break;
      for (const row of page) {
        const rec = row.credentialKey ? await this.ctx.store.get<CredentialRecord>('credentials', row.credentialKey) : undefined;
        if (!rec) continue;
        const last = opts.resend ? undefined : await this.lastOutcome(rec.key);
        const outcome: MailOutcome = last?.state === 'sent' ? { state: 'skipped', at: last.at, reason: 'ALREADY_SENT' } : await this.send(rec);
        out.push({ row: row.row, credentialId: rec.credentialId, ...outcome });
      }
      after = page[page.length - 1]?.row ?? after;
      if (page.length < 500) break;
    }
    return out;
  }
}

function formatDate(iso: string): { id: string; en: string } {
  const d = new Date(iso);
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' };
  return { id: `${d.toLocaleString('id-ID', opts)} WIB`, en: `${d.toLocaleString('en-GB', opts)} WIB` };
}
