/**
 * "Was this learner already given this award?" — the same NIP, the same course (the
 * provider's course code, or its Indonesian name when there is no code) and the same
 * start and end dates, by the same provider.
 *
 * The index (`duplicates`, `<provider>/<HMAC>` → credential key) is written in the same
 * batch as the credential. The HMAC key is derived from the master key, so the index holds
 * no NIP and cannot be brute-forced without it. A revoked credential does not count: issuing
 * again is how a provider corrects one. This is a guard against mistakes (an upload sent
 * twice), not an "only once" rule: two identical requests at the same instant may both pass;
 * the idempotency key is what makes retries safe.
 */
import { AppError } from '../../shared/errors.js';
import type { LearningInput } from '../../shared/model/index.js';
import { put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import type { ServiceContext } from './context.js';
import { deriveKey, hmacHex } from './crypto.node.js';
import type { CredentialRecord } from './records.js';

/** What to do with a duplicate: refuse the request, skip the row, or issue anyway. */
export type DuplicatePolicy = 'refuse' | 'skip' | 'issue';

export interface DuplicateFinding {
  /** Data row number (1 = first row after the header). */
  row: number;
  name: string;
  /** An earlier credential of this provider… */
  credentialId?: string;
  issuedAt?: string;
  /** …or an earlier row of the same file. */
  sameAsRow?: number;
}

export class DuplicateService {
  private readonly hashKey: Uint8Array;

  constructor(private readonly ctx: ServiceContext) {
    this.hashKey = deriveKey(ctx.masterKey, 'duplicates');
  }

  private keyOf(providerId: string, input: LearningInput): string {
    const course = input.course.id ? `id:${input.course.id}` : `name:${input.course.name.id.trim().toLowerCase()}`;
    return `${providerId}/${hmacHex(this.hashKey, JSON.stringify([input.learner.nip, course, input.startDate, input.endDate]))}`;
  }

  op(providerId: string, input: LearningInput, rec: CredentialRecord): BatchOp {
    return put('duplicates', this.keyOf(providerId, input), rec.key);
  }

  /** The provider's live (not revoked) credential for the same learner, course and dates. */
  async existing(providerId: string, input: LearningInput): Promise<CredentialRecord | undefined> {
    return this.existingAt(providerId, this.keyOf(providerId, input));
  }

  private async existingAt(providerId: string, indexKey: string): Promise<CredentialRecord | undefined> {
    const key = await this.ctx.store.get<string>('duplicates', indexKey);
    const rec = key ? await this.ctx.store.get<CredentialRecord>('credentials', key) : undefined;
    return rec && rec.providerId === providerId && !rec.revoked ? rec : undefined;
  }

  /**
   * Throws 409 DUPLICATE_CREDENTIAL (details name the earlier credential, or the earlier row
   * of `run`, the rows being issued together) when one exists; else the row joins `run`.
   */
  async assertNew(providerId: string, input: LearningInput, run?: { rows: Map<string, number>; row: number }): Promise<void> {
    const key = this.keyOf(providerId, input);
    if (run) {
      const sameAsRow = run.rows.get(key);
      if (sameAsRow !== undefined) {
        throw new AppError('DUPLICATE_CREDENTIAL', `This learner is already in row ${sameAsRow} of this upload, for the same course and dates.`, {
          status: 409,
          details: [{ field: '', code: 'DUPLICATE_CREDENTIAL', sameAsRow, message: { id: `Peserta ini sudah ada di baris ${sameAsRow} unggahan ini, untuk pelatihan dan tanggal yang sama.`, en: `This learner is already in row ${sameAsRow} of this upload, for the same course and dates.` } }],
        });
      }
    }
    const prior = await this.existingAt(providerId, key);
    if (prior) {
      throw new AppError('DUPLICATE_CREDENTIAL', `This learner already has a credential from you for this course and dates (${prior.credentialId}).`, {
        status: 409,
        details: [{ field: '', code: 'DUPLICATE_CREDENTIAL', credentialId: prior.credentialId, issuedAt: prior.issuedAt, message: { id: `Peserta ini sudah menerima kredensial Anda untuk pelatihan dan tanggal yang sama (${prior.credentialId}).`, en: `This learner already has a credential from you for this course and dates (${prior.credentialId}).` } }],
      });
    }
    run?.rows.set(key, run.row);
  }

  /** Rows of a cohort that repeat an earlier credential or an earlier row (rows that do not parse are left to intake). */
  async scan(providerId: string, records: unknown[], parse: (r: unknown) => LearningInput): Promise<DuplicateFinding[]> {
    const seen = new Map<string, number>();
    const out: DuplicateFinding[] = [];
    for (let i = 0; i < records.length; i++) {
      let input: LearningInput;
      try {
        input = parse(records[i]);
      } catch {
        continue;
      }
      const key = this.keyOf(providerId, input);
      const earlierRow = seen.get(key);
      if (earlierRow !== undefined) {
        out.push({ row: i + 1, name: input.learner.name, sameAsRow: earlierRow });
        continue;
      }
      seen.set(key, i + 1);
      const prior = await this.existing(providerId, input);
      if (prior) out.push({ row: i + 1, name: input.learner.name, credentialId: prior.credentialId, issuedAt: prior.issuedAt });
    }
    return out;
  }
}
