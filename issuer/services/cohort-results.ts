/**
 * What a provider takes away from a cohort: the results file (one line per row: learner
 * name, email, state, credential id, claim link, certificate link, or the row's errors) and
 * every certificate of the cohort as one ZIP. Both are built row by row from the store and
 * streamed, so a 100,000-row cohort never sits in memory.
 */
import type { Writable } from 'node:stream';
import { Zip, ZipPassThrough } from 'fflate';
import { readLearningCredential } from '../../shared/model/index.js';
import { csvCell } from '../../shared/util/csv.js';
import { drained } from './backpressure.js';
import type { BatchRow, BatchService } from './batches.js';
import type { CertificateService } from './certificates.js';
import type { ClaimService } from './claims.js';
import type { ContactService } from './contacts.js';
import type { ServiceContext } from './context.js';
import type { CredentialRecord, OfferRecord } from './records.js';

export const RESULT_COLUMNS = ['row', 'name', 'email', 'state', 'credentialId', 'claimLink', 'certificateLink', 'errors'] as const;

export class CohortResultsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly batches: BatchService,
    private readonly certificates: CertificateService,
    private readonly claims: ClaimService,
    private readonly contacts: ContactService,
  ) {}

  /** Every row of the cohort in order, with its credential record when it was issued. */
  private async *rows(providerId: string, batchId: string): AsyncGenerator<{ row: BatchRow; rec?: CredentialRecord }> {
    let after = 0;
    for (;;) {
      const page = await this.batches.rows(providerId, batchId, { after, limit: 500 });
      if (page.length === 0) return;
      for (const row of page) {
        const rec = row.credentialKey ? await this.ctx.store.get<CredentialRecord>('credentials', row.credentialKey) : undefined;
        yield { row, ...(rec ? { rec } : {}) };
      }
      after = page[page.length - 1]?.row ?? after;
      if (page.length < 500) return;
    }
  }

  /** The results file as CSV lines (header first); `;` for decimal-comma spreadsheets. A BOM so Excel reads UTF-8. */
  async *csv(providerId: string, batchId: string, separator: ',' | ';' = ','): AsyncGenerator<string> {
    await this.batches.get(providerId, batchId);
    yield `\ufeff${RESULT_COLUMNS.join(separator)}\r\n`;
    for await (const { row, rec } of this.rows(providerId, batchId)) {
      const summary = rec ? readLearningCredential(rec.credential) : undefined;
      const offer = rec?.offerId && !rec.boundTo ? await this.ctx.store.get<OfferRecord>('offers', rec.offerId) : undefined;
      const claimLink = offer && !offer.usedAt && rec?.offerId ? this.claims.learnerLink(rec.offerId) : '';
      const values = [
        String(row.row),
        summary?.name ?? '',
        rec ? (await this.contacts.emailOf(rec.key)) ?? '' : '',
        row.state,
        rec?.credentialId ?? '',
        claimLink,
        rec ? this.certificates.verificationUrl(rec) : '',
        (row.errors ?? []).map((e) => `${e.field ? `${e.field}: ` : ''}${e.code}`).join('; '),
      ];
      yield `${values.map((v) => csvCell(v, separator)).join(separator)}\r\n`;
    }
  }

  /**
   * The cohort's certificates as one ZIP, streamed: each PDF is stored as it is (PDFs are
   * compressed already), named `<row>-<learner>.pdf` in row order. The next PDF is drawn
   * only once `out` has taken the last one (backpressure.ts).
   */
  async zip(providerId: string, batchId: string, out: Writable): Promise<void> {
    await this.batches.get(providerId, batchId);
    await new Promise<void>((resolve, reject) => {
      const zip = new Zip((err, data, final) => {
        if (err) reject(err);
        else {
          out.write(data);
          if (final) resolve();
        }
      });
      void (async () => {
        try {
          for await (const { row, rec } of this.rows(providerId, batchId)) {
            if (!rec || row.state !== 'issued') continue;
            await drained(out);
            const name = (readLearningCredential(rec.credential)?.name ?? 'peserta').normalize('NFKD').replace(/[^\w -]/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'peserta';
            const file = new ZipPassThrough(`${String(row.row).padStart(6, '0')}-${name}.pdf`);
            zip.add(file);
            file.push(new Uint8Array(await this.certificates.pdf(rec)), true);
          }
          zip.end();
        } catch (e) {
          zip.terminate();
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      })();
    });
  }
}
