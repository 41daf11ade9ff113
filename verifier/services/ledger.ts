/**
 * The recognition ledger: an HR officer records a verified learning credential as
 * recognised for an ASN. The credential id is the key, so the same credential is never
 * counted twice, by any agency; a per-id lock through the store (`exclusive`: a database
 * lock on PostgreSQL) makes check-then-write atomic even for concurrent requests to
 * several instances. The server verifies the credential itself (never trusting the page)
 * and refuses one that is revoked, suspended or of unknown status.
 *
 * The NIP is stored three ways, none in clear: an HMAC under a key derived from the
 * verifier secret (to group one ASN's records), the masked form (to show), and sealed with
 * AES-GCM (so the agency's export can carry the full NIP to its HR system).
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, isNipShaped, matchesIdentity, maskNip, parseNip, readLearningCredential } from '../../shared/index.js';
import type { CompetencyType, CredentialVerification, NipKind } from '../../shared/index.js';
import { wibDate } from '../../shared/util/dates.js';
import { put } from '../store/kv.js';
import type { Session } from './accounts.js';
import type { AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import { deriveKey, hmacHex, seal, unseal } from './crypto.node.js';
import type { VerificationService } from './verification.js';

/** `voided`: an officer withdrew the recognition (e.g. after the provider revoked the credential); never re-activated. */
export type RecordState = 'active' | 'revoked' | 'suspended' | 'voided';

export interface Recognition {
  id: string;
  /** The agency's human record number, `REK-<year recorded>-<6 digits>`, counted per agency and year (older records have none). */
  number?: string;
  credentialId: string;
  agencyId: string;
  officer: string;
  recordedAt: string;
  nipHash: string;
  nipMasked: string;
  nipSealed: string;
  learnerName: string;
  employment: { kind: NipKind; contractStart?: string };
  /** The year (PNS: calendar, PPPK: contract) the learning counts for. */
  period: { from: string; to: string; year: number };
  jp: number;
  competency: { type: CompetencyType; code: string; level: number; name: string };
  /** The learning path, read from the verified form at recording (older records: from `credential`). */
  path?: string;
  courseName: string;
  startDate: string;
  endDate: string;
  providerDid: string;
  /** The curated registry's name for the provider (never the name the credential claims). */
  providerName?: string;
  status: { state: RecordState; changedAt?: string; checkedAt: string; code: string };
  /** Set when an officer voided the recognition: who, when, why (also in the audit log). */
  voided?: { at: string; by: string; reason: string };
  /** Kept to re-check its status later. */
  credential: unknown;
}

export const recordSchema = z.object({
  verifiableCredential: z.record(z.string(), z.unknown()),
  nip: z.string().max(64),
  employment: z.object({
    kind: z.enum(['PNS', 'PPPK']).optional(),
    contractStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }).strict().optional(),
}).strict();

export const voidSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

/** What the page asks before recording: is this award (issuer, credential id) in the ledger already? */
export const lookupSchema = z.object({ issuer: z.string().min(1).max(2000), credentialId: z.string().min(1).max(2000) }).strict();

export type LedgerLookup =
  | { recorded: false }
  | { recorded: true; inYourAgency: true; recognition: Recognition }
  /** Another agency recorded it: only when, never who or which agency. */
  | { recorded: true; inYourAgency: false; recordedAt: string };

/** Ledger search: free text (name, course, record number, or a full NIP) and/or one ASN. */
export const searchSchema = z.object({
  q: z.string().trim().max(200).optional(),
  asn: z.string().regex(/^[0-9a-f]{16}$/).optional(),
}).strict();

/** The most records one search returns (a page shows them as cards). */
export const SEARCH_LIMIT = 200;

export class LedgerService {
  private readonly nipHashKey: Uint8Array;
  private readonly nipSealKey: Uint8Array;

  constructor(private readonly ctx: ServiceContext, private readonly verification: VerificationService, private readonly audit: AuditService) {
    this.nipHashKey = deriveKey(ctx.settings.secret, 'nip-hash');
    this.nipSealKey = deriveKey(ctx.settings.secret, 'nip-seal');
  }

  async record(officer: Session, input: z.infer<typeof recordSchema>): Promise<Recognition> {
    const vc = input.verifiableCredential;
    const wantKind = input.employment?.kind;
    const nip = parseNip(input.nip, { now: this.ctx.now(), ...(wantKind ? { kind: wantKind } : {}) });
    if (!nip.ok) throw new AppError('NIP_INVALID', nip.message.en, { status: 400, details: { field: 'nip', code: nip.code, message: nip.message } });
    const contractStart = input.employment?.contractStart;
    if (contractStart !== undefined && nip.kind !== 'PPPK') throw new AppError('REQUEST_INVALID', 'contractStart applies to PPPK only.', { status: 400, details: { field: 'employment.contractStart' } });

    // Verified first, with status fetched fresh from the issuer (a decision is taken), and
    // everything recorded is read from what the proof covers, never from the JSON sent.
    const verification = await this.verification.verifyCredential(vc, 'decision');
    if (!verification.verified || !verification.document) {
      throw new AppError('CREDENTIAL_NOT_VERIFIED', 'Only a verified credential can be recognised.', {
        status: 422, details: { error: verification.error, verification },
      });
    }
    // Authentic is not enough: JP counts only from a provider LAN accredited for it at issuance.
    if (!verification.recognition.recognised) {
      throw new AppError('CREDENTIAL_NOT_RECOGNISED', 'The credential is authentic, but not from a provider LAN accredited for this competency when it was issued; its JP cannot be recorded.', {
        status: 422, details: { error: verification.recognition.error, verification },
      });
    }
    const summary = readLearningCredential(verification.document);
    if (!summary) throw new AppError('NOT_A_LEARNING_CREDENTIAL', 'This is not an ASN learning credential.', { status: 422 });
    if (!summary.credentialId) throw new AppError('CREDENTIAL_ID_MISSING', 'The credential has no id, so it cannot be counted once.', { status: 422 });
    if (!matchesIdentity(summary.nipIdentity, nip.nip)) {
      throw new AppError('NIP_MISMATCH', 'The NIP typed does not match the NIP in the credential.', { status: 422, details: { field: 'nip' } });
    }
    const period = periodOf(summary.endDate, nip.kind, contractStart);

    const id = summary.credentialId;
    // "Once" is per award, and an award is (issuer, credential id): ids are chosen by
    // issuers, so one provider must not be able to block another's credential.
    const key = ledgerKey(summary.issuerId, id);
    return this.ctx.store.exclusive(`ledger:${key}`, async () => {
      const earlier = await this.ctx.store.get<Recognition>('recognitions', key);
      if (earlier) {
        await this.audit.write(actorOf(officer), 'recognition.refusedDuplicate', earlier.id);
        throw new AppError('ALREADY_RECOGNISED', 'This credential is already recorded; it is never counted twice.', {
          status: 409,
          // Another agency's record: only that it exists and when, as the lookup says (not
          // who recorded it, nor where: an ASN's employment history is not every HR's business).
          details: earlier.agencyId === officer.agencyId
            ? { credentialId: id, recordedAt: earlier.recordedAt, inYourAgency: true, recognitionId: earlier.id, href: `/recognitions/${earlier.id}`, officer: earlier.officer, number: recordLabel(earlier) }
            : { credentialId: id, recordedAt: earlier.recordedAt, inYourAgency: false },
        });
      }
      const now = this.ctx.now().toISOString();
      // The counter of the agency's year moves in the same batch as the record, under a lock
      // of its own, so two awards recorded at once never share a number (any instance).
      const year = wibDate(this.ctx.now()).slice(0, 4); // the agency's year turns over at local midnight
      const counterKey = `recordNumber/${officer.agencyId}/${year}`;
      return this.ctx.store.exclusive(`ledger-number:${officer.agencyId}/${year}`, async () => {
        const seq = ((await this.ctx.store.get<number>('meta', counterKey)) ?? 0) + 1;
        const rec: Recognition = {
          id: randomUUID(),
          number: recordNumber(year, seq),
          credentialId: id,
          agencyId: officer.agencyId,
          officer: officer.username,
          recordedAt: now,
          nipHash: hmacHex(this.nipHashKey, nip.nip),
          nipMasked: maskNip(nip.nip),
          nipSealed: seal(this.nipSealKey, nip.nip, id),
          learnerName: summary.name,
          employment: { kind: nip.kind, ...(contractStart ? { contractStart } : {}) },
          period,
          jp: summary.jp,
          competency: { type: summary.competency.type, code: summary.competency.code, level: summary.competency.level, name: summary.competency.name },
          ...(summary.path ? { path: summary.path } : {}),
          courseName: summary.courseName,
          startDate: summary.startDate,
          endDate: summary.endDate,
          providerDid: summary.issuerId,
          ...(verification.issuer?.name ? { providerName: verification.issuer.name } : {}),
          status: { state: 'active', checkedAt: now, code: statusCheckOf(verification).code },
          credential: vc,
        };
        await this.ctx.store.batch([
          put('recognitions', key, rec),
          put('recognitionsByAgency', `${rec.agencyId}/${rec.id}`, key),
          put('meta', counterKey, seq),
          this.audit.entry(actorOf(officer), 'recognition.recorded', rec.id, { credentialId: id, number: rec.number ?? '', jp: rec.jp }),
        ]);
        return rec;
      });
    });
  }

  /** Whether an award is in the ledger; the details only when it is the caller's agency's record. */
  async lookup(officer: Session, input: z.infer<typeof lookupSchema>): Promise<LedgerLookup> {
    const earlier = await this.ctx.store.get<Recognition>('recognitions', ledgerKey(input.issuer, input.credentialId));
    if (!earlier) return { recorded: false };
    if (earlier.agencyId === officer.agencyId) return { recorded: true, inYourAgency: true, recognition: earlier };
    return { recorded: true, inYourAgency: false, recordedAt: earlier.recordedAt };
  }

  /**
   * Voids a recognition of the caller's agency: its JP no longer counts, the record stays
   * (with who, when and why) and the credential is still never recorded twice. Audited.
   */
  async void(officer: Session, recognitionId: string, input: z.infer<typeof voidSchema>): Promise<Recognition> {
    const rec = await this.get(officer, recognitionId);
    const key = ledgerKey(rec.providerDid, rec.credentialId);
    return this.ctx.store.exclusive(`ledger:${key}`, async () => {
      const current = await this.ctx.store.get<Recognition>('recognitions', key);
      if (!current || current.agencyId !== officer.agencyId) throw new AppError('NOT_FOUND', 'No such recognition in your agency.', { status: 404 });
      if (current.status.state === 'voided') throw new AppError('RECOGNITION_NOT_VOIDABLE', 'This recognition is already voided.', { status: 409 });
      const now = this.ctx.now().toISOString();
      const updated: Recognition = {
        ...current,
        status: { ...current.status, state: 'voided', changedAt: now },
        voided: { at: now, by: officer.username, reason: input.reason },
      };
      await this.ctx.store.batch([
        put('recognitions', key, updated),
        this.audit.entry(actorOf(officer), 'recognition.voided', current.id, { from: current.status.state, reason: input.reason }),
      ]);
      return updated;
    });
  }

  /**
   * The agency's ledger, searched: `asn` keeps one person's records (the report's `asnRef`);
   * `q` matches a full NIP exactly (through its HMAC, never stored in clear), else the
   * record number, name, course or provider, case-insensitively. Newest first.
   */
  async search(agencyId: string, input: z.infer<typeof searchSchema>): Promise<{ records: Recognition[]; total: number }> {
    let records = await this.listForAgency(agencyId);
    if (input.asn) records = records.filter((r) => r.nipHash.startsWith(input.asn!));
    const q = input.q?.trim();
    if (q) {
      if (isNipShaped(q)) {
        const hash = this.hashNip(q.replaceAll(' ', ''));
        records = records.filter((r) => r.nipHash === hash);
      } else {
        const needle = q.toLocaleLowerCase('id');
        records = records.filter((r) => [r.number, r.learnerName, r.courseName, r.providerName, r.competency.name]
          .some((x) => x?.toLocaleLowerCase('id').includes(needle)));
      }
    }
    // Newest first; within one instant (a batch recorded together) by record number.
    records.sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || (b.number ?? '').localeCompare(a.number ?? ''));
    return { records: records.slice(0, SEARCH_LIMIT), total: records.length };
  }

  async get(officer: Session, recognitionId: string): Promise<Recognition> {
    const credId = await this.ctx.store.get<string>('recognitionsByAgency', `${officer.agencyId}/${recognitionId}`);
    const rec = credId ? await this.ctx.store.get<Recognition>('recognitions', credId) : undefined;
    if (!rec) throw new AppError('NOT_FOUND', 'No such recognition in your agency.', { status: 404 });
    return rec;
  }

  async listForAgency(agencyId: string): Promise<Recognition[]> {
    const refs = await this.ctx.store.list<string>('recognitionsByAgency', { prefix: `${agencyId}/` });
    const out: Recognition[] = [];
    for (const r of refs) {
      const rec = await this.ctx.store.get<Recognition>('recognitions', r.value);
      if (rec) out.push(rec);
    }
    return out.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  }

  /**
   * Re-checks the status of every record of an agency and flags changes (revoked,
   * suspended, reinstated). Only definite answers change a record: a status that cannot
   * be established now keeps the last known state.
   */
  async recheck(agencyId: string): Promise<{ checked: number; changed: number }> {
    let changed = 0;
    const records = await this.listForAgency(agencyId);
    for (const rec of records) {
      // A voided recognition stays voided whatever its credential's status does later.
      if (rec.status.state === 'voided') continue;
      const v = await this.verification.verifyCredential(rec.credential, 'cached');
      const status = statusCheckOf(v);
      const state: RecordState | undefined = status.code === 'CREDENTIAL_REVOKED' ? 'revoked'
        : status.code === 'CREDENTIAL_SUSPENDED' ? 'suspended'
          : status.status === 'ok' ? 'active' : undefined;
      if (!state || state === rec.status.state) continue;
      // The verification above waited on the network: write under the record's lock, from
      // the record as it is now, so a void (or another re-check) that landed meanwhile wins.
      const key = ledgerKey(rec.providerDid, rec.credentialId);
      const wrote = await this.ctx.store.exclusive(`ledger:${key}`, async () => {
        const current = await this.ctx.store.get<Recognition>('recognitions', key);
        if (!current || current.status.state !== rec.status.state || current.status.changedAt !== rec.status.changedAt) return false;
        const now = this.ctx.now().toISOString();
        const updated: Recognition = { ...current, status: { state, changedAt: now, checkedAt: now, code: status.code } };
        await this.ctx.store.batch([
          put('recognitions', key, updated),
          this.audit.entry({ kind: 'system', agencyId }, 'recognition.statusChanged', rec.id, { from: rec.status.state, to: state }),
        ]);
        return true;
      });
      if (wrote) changed++;
    }
    return { checked: records.length, changed };
  }

  /** The full NIP of a record of the caller's agency (for the export to the agency's HR system). */
  nipOf(rec: Recognition): string {
    return unseal(this.nipSealKey, rec.nipSealed, rec.credentialId);
  }

  /** The ledger's NIP HMAC, so other records of the agency (the roster) match its records. */
  hashNip(nip: string): string {
    return hmacHex(this.nipHashKey, nip);
  }

  /** Seals / opens a NIP under the ledger's key, bound to `aad` (a roster entry's key). */
  sealNip(nip: string, aad: string): string {
    return seal(this.nipSealKey, nip, aad);
  }

  unsealNip(sealed: string, aad: string): string {
    return unseal(this.nipSealKey, sealed, aad);
  }
}

function actorOf(s: Session) {
  return { kind: 'user' as const, username: s.username, agencyId: s.agencyId };
}

function statusCheckOf(v: CredentialVerification): { status: string; code: string } {
  const c = v.checks.find((x) => x.id === 'status');
  return { status: c?.status ?? 'unknown', code: c?.code ?? 'NOT_CHECKED' };
}

/**
 * The year a learning activity counts for, by its end date: the calendar year for PNS
 * (the 20 JP duty is per year); for PPPK the contract year starting on the anniversary of
 * `contractStart` (24 JP per contract year), or the calendar year when it is not known.
 */
export function periodOf(endDate: string, kind: NipKind, contractStart?: string): Recognition['period'] {
  const year = Number(endDate.slice(0, 4));
  if (kind !== 'PPPK' || !contractStart) return { from: `${year}-01-01`, to: `${year}-12-31`, year };
  const md = contractStart.slice(5);
  const startYear = `${year}-${md}` <= endDate ? year : year - 1;
  const from = `${startYear}-${md}`;
  const next = new Date(`${startYear + 1}-${md}T00:00:00Z`);
  const to = new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { from, to, year: startYear };
}

/** `REK-2026-000123`: short enough to read out on the phone, unique within the agency. */
export function recordNumber(year: string, seq: number): string {
  return `REK-${year}-${String(seq).padStart(6, '0')}`;
}

/** A record as staff call it: its number, or (records from before numbers) the start of its id. */
export function recordLabel(r: Pick<Recognition, 'number' | 'id'>): string {
  return r.number ?? r.id.slice(0, 8);
}

/** The ledger's key for one award: issuer DID and credential id (hashed to a fixed length). */
export function ledgerKey(issuerDid: string, credentialId: string): string {
  return createHash('sha256').update(`${issuerDid}\n${credentialId}`).digest('hex');
}
