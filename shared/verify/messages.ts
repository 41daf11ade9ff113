/**
 * Every reason code the pipeline reports, with its sentence in Indonesian and English.
 * Codes are stable API: clients and tests match on them; sentences may improve.
 */
import type { LocalizedText } from '../i18n.js';

const M: Record<string, LocalizedText> = {
  // well-formed
  WELL_FORMED: { id: 'Struktur kredensial sesuai standar.', en: 'The credential is well formed.' },
  NOT_AN_OBJECT: { id: 'Data bukan objek JSON.', en: 'The input is not a JSON object.' },
  TOO_LARGE: { id: 'Kredensial terlalu besar atau terlalu dalam.', en: 'The credential is too large or too deeply nested.' },
  TYPE_MISSING: { id: 'Jenis (type) VerifiableCredential tidak ada.', en: 'The type VerifiableCredential is missing.' },
  ISSUER_MISSING: { id: 'Penerbit (issuer) tidak ada atau tidak sah.', en: 'The issuer is missing or not a URL.' },
  SUBJECT_MISSING: { id: 'Subjek kredensial tidak ada.', en: 'The credentialSubject is missing.' },
  TOO_MANY_PROOFS: { id: 'Terlalu banyak bukti (proof) dalam satu dokumen.', en: 'Too many proofs in one document.' },
  FORBIDDEN_KEY: { id: 'Kredensial memuat kunci terlarang (__proto__ atau sejenisnya).', en: 'The credential contains a forbidden key (__proto__ or similar).' },
  // contexts
  CONTEXTS_ALLOWED: { id: 'Semua konteks JSON-LD dikenal.', en: 'Every JSON-LD context is known.' },
  CONTEXT_MISSING: { id: '@context tidak ada.', en: 'The @context is missing.' },
  CONTEXT_FIRST_NOT_VC: { id: 'Konteks pertama bukan konteks Verifiable Credentials.', en: 'The first context is not the Verifiable Credentials context.' },
  CONTEXT_UNKNOWN: { id: 'Konteks JSON-LD tidak dikenal (tidak diunduh).', en: 'Unknown JSON-LD context (never fetched).' },
  CONTEXT_INLINE: { id: 'Konteks harus berupa URL atau objek konteks.', en: 'A context must be a URL or a context object.' },
  CONTEXT_INLINE_SCOPED: {
    id: 'Konteks sisipan (inline) tidak boleh memuat konteks lain di dalamnya.',
    en: 'An inline context may not carry a context of its own (scoped contexts are not accepted).',
  },
  CONTEXT_NESTED: {
    id: '@context bersarang hanya boleh berupa URL konteks yang dikenal.',
    en: 'A nested @context must be known context URLs (nested inline contexts are not accepted).',
  },
  CONTEXT_TOO_MANY: { id: 'Terlalu banyak konteks.', en: 'Too many contexts.' },
  CONTEXT_DUPLICATE: { id: 'Konteks yang sama disebut dua kali.', en: 'A context is listed twice.' },
  VOCAB_FORBIDDEN: { id: '@vocab/@base tidak diterima: setiap istilah harus terdefinisi.', en: '@vocab/@base is not accepted: every term must be defined.' },
  // terms
  TERMS_DEFINED: { id: 'Setiap istilah terdefinisi (mode aman JSON-LD).', en: 'Every term is defined (JSON-LD safe mode).' },
  TERM_UNDEFINED: { id: 'Ada istilah atau IRI yang tidak terdefinisi; data akan hilang.', en: 'A term or IRI is undefined; data would be dropped.' },
  NON_CANONICAL_FORM: {
    id: 'Kredensial ditulis dalam bentuk yang tidak baku (IRI penuh, objek @value, atau sejenisnya); yang dibaca bisa berbeda dari yang ditandatangani.',
    en: 'The document is not written in the compact form of its contexts (a full IRI as key, a @value object, or similar); what is read could differ from what was signed.',
  },
  // keys
  ISSUER_KEY_OK: { id: 'Kunci penanda tangan milik penerbit dan berwenang menerbitkan.', en: 'The signing key belongs to the issuer and may issue.' },
  HOLDER_KEY_OK: { id: 'Kunci penanda tangan milik pemegang.', en: 'The signing key belongs to the holder.' },
  KEY_NOT_ISSUERS: { id: 'Kunci penanda tangan bukan milik penerbit yang disebut.', en: 'The signing key does not belong to the named issuer.' },
  KEY_NOT_HOLDERS: { id: 'Kunci penanda tangan bukan milik pemegang.', en: 'The signing key does not belong to the holder.' },
  KEY_NOT_AUTHORIZED: { id: 'Kunci tidak terdaftar untuk keperluan ini di dokumen DID.', en: 'The key is not listed for this purpose in the DID document.' },
  KEY_NOT_FOUND: { id: 'Kunci tidak ada di dokumen DID (mungkin sudah dicabut).', en: 'The key is not in the DID document (it may have been removed).' },
  KEY_INVALID: { id: 'Kunci publik tidak sah.', en: 'The public key is not valid.' },
  KEY_WEAK: { id: 'Kunci publik lemah (orde kecil) ditolak.', en: 'A weak (small-order) public key is refused.' },
  DID_RESOLUTION_FAILED: { id: 'Dokumen DID tidak dapat diambil.', en: 'The DID document could not be resolved.' },
  // proof
  PROOF_OK: { id: 'Tanda tangan elektronik sah.', en: 'The signature is valid.' },
  PROOF_MISSING: { id: 'Tidak ada tanda tangan (proof).', en: 'There is no proof.' },
  PROOF_TYPE_UNSUPPORTED: { id: 'Jenis tanda tangan tidak didukung.', en: 'Unsupported proof type or cryptosuite.' },
  PROOF_PURPOSE_MISMATCH: { id: 'Tujuan tanda tangan (proofPurpose) tidak sesuai.', en: 'The proof purpose does not fit.' },
  PROOF_CONTEXT_MISMATCH: { id: 'Konteks proof bukan awalan konteks dokumen.', en: "The proof's @context is not a prefix of the document's." },
  PREVIOUS_PROOF_MISSING: { id: 'previousProof menunjuk ke tanda tangan yang tidak ada.', en: 'previousProof points to a proof that is not there.' },
  SIGNATURE_INVALID: { id: 'Tanda tangan tidak sah: isi telah diubah atau dipalsukan.', en: 'The signature is invalid: the content was changed or forged.' },
  CANONICALIZATION_ABORTED: { id: 'Dokumen terlalu rumit untuk dikanonisasi (dihentikan).', en: 'The document is too complex to canonicalize (aborted).' },
  PROOF_INVALID: { id: 'Tanda tangan tidak dapat diverifikasi.', en: 'The proof could not be verified.' },
  // validity
  VALIDITY_OK: { id: 'Masa berlaku sesuai.', en: 'Within its validity period.' },
  DATE_INVALID: { id: 'Tanggal tidak sah.', en: 'A date is invalid.' },
  DATE_NO_TIMEZONE: { id: 'Tanggal tanpa zona waktu.', en: 'A date has no time zone.' },
  NOT_YET_VALID: { id: 'Kredensial belum berlaku.', en: 'The credential is not valid yet.' },
  EXPIRED: { id: 'Kredensial sudah kedaluwarsa.', en: 'The credential has expired.' },
  VALIDITY_RANGE_INVALID: { id: 'validUntil lebih awal dari validFrom.', en: 'validUntil is before validFrom.' },
  PROOF_CREATED_IN_FUTURE: { id: 'Waktu tanda tangan berada di masa depan.', en: 'The proof was created in the future.' },
  ISSUANCE_DATE_MISSING: { id: 'Tanggal terbit (issuanceDate) tidak ada.', en: 'issuanceDate is missing.' },
  // status
  STATUS_ACTIVE: { id: 'Tidak dicabut dan tidak ditangguhkan.', en: 'Not revoked and not suspended.' },
  STATUS_NONE: { id: 'Kredensial tidak memiliki daftar status.', en: 'The credential has no status list.' },
  CREDENTIAL_REVOKED: { id: 'Kredensial telah dicabut.', en: 'The credential has been revoked.' },
  CREDENTIAL_SUSPENDED: { id: 'Kredensial sedang ditangguhkan.', en: 'The credential is suspended.' },
  STATUS_UNREACHABLE: { id: 'Daftar status tidak dapat diambil; status tidak diketahui.', en: 'The status list could not be fetched; status unknown.' },
  STATUS_STALE: { id: 'Salinan daftar status terlalu lama; status tidak diketahui.', en: 'The cached status list is too old; status unknown.' },
  STATUS_NOT_CHECKABLE: { id: 'Pemeriksaan status tidak tersedia.', en: 'No status checking is available.' },
  STATUS_ENTRY_INVALID: { id: 'Entri status tidak sah.', en: 'The status entry is invalid.' },
  STATUS_TYPE_UNSUPPORTED: { id: 'Jenis entri status tidak didukung.', en: 'Unsupported status entry type.' },
  STATUS_INDEX_INVALID: { id: 'Indeks status tidak sah.', en: 'The status index is invalid.' },
  STATUS_INDEX_OUT_OF_RANGE: { id: 'Indeks status di luar daftar.', en: 'The status index is outside the list.' },
  STATUS_LIST_INVALID: { id: 'Kredensial daftar status tidak sah (tanda tangan atau isi).', en: 'The status list credential is invalid (signature or content).' },
  STATUS_LIST_ISSUER_MISMATCH: { id: 'Daftar status diterbitkan pihak lain.', en: 'The status list comes from another issuer.' },
  STATUS_LIST_WRONG_TYPE: { id: 'Daftar status salah jenis atau tujuan.', en: 'The status list has the wrong type or purpose.' },
  STATUS_LIST_TOO_SHORT: { id: 'Daftar status kurang dari 131.072 entri.', en: 'The status list has fewer than 131,072 entries.' },
  STATUS_LIST_TOO_LARGE: { id: 'Daftar status terlalu besar (bom gzip?).', en: 'The status list is too large (gzip bomb?).' },
  STATUS_LIST_MALFORMED: { id: 'Daftar status rusak.', en: 'The status list is malformed.' },
  // accreditation
  ACCREDITED: { id: 'Penyedia terkurasi LAN untuk kompetensi ini pada saat terbit.', en: 'The provider was curated by LAN for this competency at issuance.' },
  ACCREDITATION_NOT_APPLICABLE: { id: 'Tidak memerlukan akreditasi.', en: 'No accreditation needed.' },
  ACCREDITATION_NOT_CONFIGURED: { id: 'Verifier tidak dikonfigurasi dengan jangkar kepercayaan LAN.', en: 'No LAN trust anchor is configured.' },
  ACCREDITATION_UNAVAILABLE: { id: 'Registri akreditasi tidak dapat diambil.', en: 'The accreditation registry could not be fetched.' },
  ISSUER_NOT_CURATED: { id: 'Penerbit bukan penyedia pelatihan terkurasi LAN.', en: 'The issuer is not a training provider curated by LAN.' },
  OUTSIDE_ACCREDITED_SCOPE: { id: 'Kompetensi di luar lingkup akreditasi penyedia.', en: "The competency is outside the provider's accredited scope." },
  ACCREDITATION_WITHDRAWN: {
    id: 'LAN mencabut akreditasi penyedia ini; kredensialnya tidak lagi diakui.',
    en: "LAN withdrew this provider's accreditation; its credentials are no longer recognised.",
  },
  ACCREDITATION_SUSPENDED: {
    id: 'Akreditasi penyedia sedang ditangguhkan LAN; kredensial belum dapat diakui.',
    en: "LAN has suspended this provider's accreditation; the credential cannot be recognised for now.",
  },
  ACCREDITATION_STATUS_UNKNOWN: {
    id: 'Status akreditasi penyedia tidak dapat diperiksa saat ini.',
    en: "The status of the provider's accreditation cannot be checked right now.",
  },
  NOT_ACCREDITED_AT_ISSUANCE: { id: 'Penyedia belum/tidak lagi terakreditasi pada tanggal terbit.', en: 'The provider was not accredited on the issuance date.' },
  PROFILE_INLINE_CONTEXT: {
    id: 'Kredensial memakai konteks sisipan (inline): asli, tetapi bukan profil kredensial ASN yang dapat diakui.',
    en: 'The credential uses an inline context: authentic, but not the ASN credential profile that can be recognised.',
  },
  COMPETENCY_MISSING: { id: 'Kredensial tidak menyebut kompetensi yang diakreditasi.', en: 'The credential names no accredited competency.' },
  // presentation
  PRESENTATION_WELL_FORMED: { id: 'Struktur presentasi sesuai standar.', en: 'The presentation is well formed.' },
  PRESENTATION_TYPE_MISSING: { id: 'Jenis VerifiablePresentation tidak ada.', en: 'The type VerifiablePresentation is missing.' },
  PRESENTATION_UNSIGNED: { id: 'Presentasi tidak ditandatangani.', en: 'The presentation is not signed.' },
  HOLDER_NOT_PROVEN: {
    id: 'Presentasi tidak ditandatangani: pemegang tidak dibuktikan (kredensialnya tetap diperiksa, tidak dapat dicatat sebagai pengakuan).',
    en: 'The presentation is unsigned: the holder is not proven (its credentials are still checked; it cannot be recorded for recognition).',
  },
  CHALLENGE_NOT_APPLICABLE: { id: 'Tidak ada tantangan yang diminta untuk presentasi tanpa tanda tangan.', en: 'No challenge was asked of an unsigned presentation.' },
  FRESHNESS_NOT_APPLICABLE: { id: 'Presentasi tanpa tanda tangan tidak memiliki waktu pembuatan yang terbukti.', en: 'An unsigned presentation has no proven creation time.' },
  CHALLENGE_OK: { id: 'Tantangan (challenge) sesuai.', en: 'The challenge matches.' },
  CHALLENGE_MISSING: { id: 'Presentasi tanpa tantangan (challenge).', en: 'The presentation has no challenge.' },
  CHALLENGE_MISMATCH: { id: 'Tantangan tidak sesuai, sudah dipakai, atau kedaluwarsa.', en: 'The challenge does not match, was used, or expired.' },
  DOMAIN_OK: { id: 'Domain sesuai.', en: 'The domain matches.' },
  DOMAIN_NOT_REQUIRED: { id: 'Domain tidak diminta.', en: 'No domain was required.' },
  DOMAIN_MISSING: { id: 'Presentasi tanpa domain.', en: 'The presentation has no domain.' },
  DOMAIN_MISMATCH: { id: 'Domain presentasi tidak sesuai.', en: 'The presentation domain does not match.' },
  FRESH: { id: 'Presentasi baru dibuat.', en: 'The presentation is fresh.' },
  PRESENTATION_TOO_OLD: { id: 'Presentasi sudah terlalu lama.', en: 'The presentation is too old.' },
  HOLDER_OK: { id: 'Pemegang adalah subjek setiap kredensial.', en: 'The holder is the subject of every credential.' },
  HOLDER_MISSING: { id: 'Pemegang (holder) tidak disebut.', en: 'The holder is not named.' },
  HOLDER_NOT_SUBJECT: { id: 'Pemegang bukan subjek kredensial.', en: 'The holder is not the credential subject.' },
  CREDENTIALS_OK: { id: 'Semua kredensial terverifikasi.', en: 'Every credential is verified.' },
  CREDENTIALS_NONE: { id: 'Presentasi tidak memuat kredensial.', en: 'The presentation carries no credential.' },
  TOO_MANY_CREDENTIALS: { id: 'Presentasi memuat terlalu banyak kredensial.', en: 'The presentation carries too many credentials.' },
  CREDENTIAL_NOT_VERIFIED: { id: 'Ada kredensial yang tidak terverifikasi.', en: 'A credential is not verified.' },
  // generic
  NOT_CHECKED: { id: 'Tidak diperiksa karena pemeriksaan sebelumnya gagal.', en: 'Not checked because an earlier check failed.' },
  INTERNAL_ERROR: { id: 'Terjadi kesalahan saat memeriksa.', en: 'An error occurred while checking.' },
};

export function messageFor(code: string): LocalizedText {
  return M[code] ?? { id: `Kode: ${code}`, en: `Code: ${code}` };
}

export const KNOWN_CODES: readonly string[] = Object.keys(M);
