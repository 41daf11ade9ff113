/**
 * The SIASN-ready export: an agency's recognised learning in the shape of BKN's training
 * history ("riwayat diklat / kursus"), as JSON or CSV, incrementally. The field mapping and
 * which code lists are not confirmed are documented in docs/siasn-export.md.
 *
 * "Incremental" follows a change position: a record's position is when it last changed
 * (recorded, or its status flipped at a re-check) plus its id. A cursor names a position;
 * an export returns the records after it and the cursor of the last one, so a revoked
 * record comes back once more with `statusPengakuan: dicabut`. The agency's last export
 * cursor is kept, so a daily job can just ask for "what is new since the last export".
 *
 * What leaves: the agency's own records only, with the full NIP (SIASN matches on it).
 * Never the NIP hash or sealed value, the stored credential, the officer's username, or
 * anything of another agency.
 */
import { AppError, learningModeOfPath } from '../../shared/index.js';
import { put } from '../store/kv.js';
import type { Session } from './accounts.js';
import type { AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import type { LedgerService, Recognition } from './ledger.js';
import { toCsv, withBom } from './reports.js';
import { pathOf } from './roster.js';

export const SIASN_EXPORT_MAX_LIMIT = 5000;

export interface SiasnRecord {
  nip: string;
  namaKursus: string;
  /** klasikal / nonklasikal (Peraturan LAN 10/2018); no SIASN code confirmed. */
  jenisPengembangan: 'klasikal' | 'nonklasikal' | '';
  /** The learning path (pelatihan, seminar, e-learning, …); no SIASN code confirmed. */
  jalurPengembangan: string;
  /** SIASN's reference id of the kind of training: code list NOT confirmed, left empty. */
  jenisDiklatId: null;
  jenisKompetensi: string;
  kodeKompetensi: string;
  levelKompetensi: number;
  jumlahJam: number;
  /** `DD-MM-YYYY`, the date format SIASN clients send. */
  tanggalKursus: string;
  tanggalSelesaiKursus: string;
  tahunKursus: number;
  /** The provider's name in LAN's registry (empty when the registry did not name it). */
  institusiPenyelenggara: string;
  /** The provider's DID, so a missing name can still be resolved. */
  penyelenggaraDid: string;
  /** The credential id: the certificate number of a verifiable credential. */
  nomorSertipikat: string;
  /** The agency's record on this verifier (signed-in agency staff only). */
  tautanVerifikasi: string;
  statusPengakuan: 'aktif' | 'dicabut' | 'ditangguhkan' | 'dibatalkan';
  idPengakuan: string;
  diakuiPada: string;
  diubahPada: string;
}

export interface SiasnExport {
  agencyId: string;
  generatedAt: string;
  since?: string;
  cursor?: string;
  /** Pass as `cursor` next time (null: nothing exported yet and nothing to export). */
  nextCursor: string | null;
  hasMore: boolean;
  count: number;
  records: SiasnRecord[];
}

export const SIASN_CSV_COLUMNS: Array<keyof SiasnRecord> = [
  'nip', 'namaKursus', 'jenisPengembangan', 'jalurPengembangan', 'jenisDiklatId', 'jenisKompetensi', 'kodeKompetensi', 'levelKompetensi',
  'jumlahJam', 'tanggalKursus', 'tanggalSelesaiKursus', 'tahunKursus', 'institusiPenyelenggara', 'penyelenggaraDid', 'nomorSertipikat',
  'tautanVerifikasi', 'statusPengakuan', 'idPengakuan', 'diakuiPada', 'diubahPada',
];

interface Position { at: string; id: string }

const STATE_WORD = { active: 'aktif', revoked: 'dicabut', suspended: 'ditangguhkan', voided: 'dibatalkan' } as const;

export class SiasnExportService {
  constructor(private readonly ctx: ServiceContext, private readonly ledger: LedgerService, private readonly audit: AuditService) {}

  /** Records of the agency changed after `cursor` (or on/after the day `since`). Reads only. */
  async read(agencyId: string, opts: { since?: string; cursor?: string; limit?: number }): Promise<SiasnExport> {
    if (opts.since !== undefined && opts.cursor !== undefined) {
      throw new AppError('REQUEST_INVALID', 'Give either `since` or `cursor`, not both.', { status: 400, details: [{ field: 'cursor' }] });
    }
    const after = opts.cursor !== undefined ? decodeCursor(opts.cursor) : undefined;
    const sinceAt = opts.since !== undefined ? `${checkDate(opts.since)}T00:00:00.000Z` : undefined;
    const limit = opts.limit ?? SIASN_EXPORT_MAX_LIMIT;
    const changed = (await this.ledger.listForAgency(agencyId))
      .map((r) => ({ r, pos: positionOf(r) }))
      .filter(({ pos }) => (after ? comparePos(pos, after) > 0 : sinceAt ? pos.at >= sinceAt : true))
      .sort((a, b) => comparePos(a.pos, b.pos));
    const page = changed.slice(0, limit);
    const last = page[page.length - 1]?.pos;
    return {
      agencyId, generatedAt: this.ctx.now().toISOString(),
      ...(opts.since !== undefined ? { since: opts.since } : {}), ...(opts.cursor !== undefined ? { cursor: opts.cursor } : {}),
      nextCursor: last ? encodeCursor(last) : opts.cursor ?? null,
      hasMore: changed.length > page.length,
      count: page.length,
      records: page.map(({ r }) => this.toSiasn(r)),
    };
  }

  /**
   * The next export of the agency: after its last export's cursor (or from `since`), and
   * the new cursor is stored with an audit entry in one batch.
   */
  async next(officer: Session, opts: { since?: string; limit?: number }): Promise<SiasnExport> {
    const stored = await this.ctx.store.get<{ cursor: string; at: string }>('exportCursors', cursorKey(officer.agencyId));
    const out = await this.read(officer.agencyId, opts.since !== undefined ? opts : { ...opts, ...(stored ? { cursor: stored.cursor } : {}) });
    const ops = [this.audit.entry({ kind: 'user', username: officer.username, agencyId: officer.agencyId }, 'siasn.exported', officer.agencyId, { count: out.count })];
    if (out.nextCursor) ops.unshift(put('exportCursors', cursorKey(officer.agencyId), { cursor: out.nextCursor, at: out.generatedAt }));
    await this.ctx.store.batch(ops);
    return out;
  }

  toSiasn(r: Recognition): SiasnRecord {
    const path = pathOf(r);
    return {
      nip: this.ledger.nipOf(r),
      namaKursus: r.courseName,
      jenisPengembangan: path ? learningModeOfPath(path) : '',
      jalurPengembangan: path ?? '',
      jenisDiklatId: null,
      jenisKompetensi: r.competency.type,
      kodeKompetensi: r.competency.code,
      levelKompetensi: r.competency.level,
      jumlahJam: r.jp,
      tanggalKursus: dmy(r.startDate),
      tanggalSelesaiKursus: dmy(r.endDate),
      tahunKursus: Number(r.endDate.slice(0, 4)),
      institusiPenyelenggara: r.providerName ?? '',
      penyelenggaraDid: r.providerDid,
      nomorSertipikat: r.credentialId,
      tautanVerifikasi: `${this.ctx.settings.publicUrl}/recognitions/${encodeURIComponent(r.id)}`,
      statusPengakuan: STATE_WORD[r.status.state],
      idPengakuan: r.id,
      diakuiPada: r.recordedAt,
      diubahPada: positionOf(r).at,
    };
  }
}

/** CSV with a UTF-8 BOM (Excel), columns in SIASN_CSV_COLUMNS order. */
export function siasnCsv(out: SiasnExport): string {
  return withBom(toCsv(SIASN_CSV_COLUMNS, out.records.map((r) => SIASN_CSV_COLUMNS.map((c) => {
    const v = r[c];
    return v === null ? '' : v;
  }))));
}

function positionOf(r: Recognition): Position {
  return { at: r.status.changedAt ?? r.recordedAt, id: r.id };
}

function comparePos(a: Position, b: Position): number {
  return a.at.localeCompare(b.at) || a.id.localeCompare(b.id);
}

/** Opaque to clients; only the agency's own records are ever read, so it needs no signature. */
function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify({ v: 1, at: p.at, id: p.id }), 'utf8').toString('base64url');
}

function decodeCursor(text: string): Position {
  const bad = () => new AppError('CURSOR_INVALID', 'The export cursor is not one this verifier gave out.', { status: 400, details: [{ field: 'cursor' }] });
  if (text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) throw bad();
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { v?: unknown; at?: unknown; id?: unknown };
    if (v.v !== 1 || typeof v.at !== 'string' || typeof v.id !== 'string' || Number.isNaN(Date.parse(v.at))) throw bad();
    return { at: v.at, id: v.id };
  } catch {
    throw bad();
  }
}

function checkDate(s: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) {
    throw new AppError('REQUEST_INVALID', '`since` must be a date YYYY-MM-DD.', { status: 400, details: [{ field: 'since' }] });
  }
  return s;
}

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}

function cursorKey(agencyId: string): string {
  return `${agencyId}/siasn`;
}
