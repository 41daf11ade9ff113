/**
 * Error bodies are `{code, message, messageId, details?}`: `message` in English (stable
 * for API clients and logs), `messageId` the same in Indonesian for people. Codes without
 * an entry here fall back to a generic Indonesian sentence.
 */
const ID: Readonly<Record<string, string>> = {
  VALIDATION_FAILED: 'Data yang dikirim tidak valid; lihat rincian per kolom.',
  UNAUTHENTICATED: 'Kredensial akses (token atau kunci API) tidak ada atau tidak valid.',
  FORBIDDEN: 'Anda tidak berwenang melakukan tindakan ini.',
  RATE_LIMITED: 'Terlalu banyak permintaan; coba lagi setelah waktu yang ditunjukkan Retry-After.',
  BODY_TOO_LARGE: 'Isi permintaan terlalu besar.',
  JSON_TOO_LARGE: 'Isi permintaan terlalu besar.',
  JSON_SYNTAX: 'Isi permintaan bukan JSON yang valid.',
  JSON_TOO_DEEP: 'JSON terlalu dalam bersarang.',
  JSON_TOO_MANY_ITEMS: 'JSON memiliki terlalu banyak elemen.',
  JSON_DUPLICATE_KEY: 'JSON memiliki kunci ganda.',
  JSON_FORBIDDEN_KEY: 'JSON memiliki kunci terlarang.',
  UNSUPPORTED_MEDIA_TYPE: 'Jenis konten tidak didukung.',
  NOT_FOUND: 'Tidak ditemukan.',
  PROVIDER_NOT_FOUND: 'Penyedia pelatihan tidak ditemukan.',
  PROVIDER_EXISTS: 'Penyedia pelatihan dengan id ini sudah ada.',
  PROVIDER_SUSPENDED: 'Penyedia pelatihan sedang ditangguhkan dan tidak dapat menerbitkan.',
  PROVIDER_WITHDRAWN: 'Kurasi penyedia pelatihan telah dicabut.',
  NOT_ACCREDITED_NOW: 'Penyedia pelatihan tidak terakreditasi pada saat ini.',
  OUTSIDE_ACCREDITED_SCOPE: 'Kompetensi berada di luar lingkup akreditasi penyedia pelatihan.',
  ISSUER_MISMATCH: 'Penerbit kredensial harus DID penyedia pelatihan Anda.',
  SIGNING_FAILED: 'Kredensial tidak dapat ditandatangani (istilah tidak terdefinisi atau IRI relatif?).',
  KEY_UNAVAILABLE: 'Kunci penandatangan tidak tersedia; tidak ada yang disimpan. Coba lagi nanti.',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key ini sudah dipakai untuk permintaan lain.',
  CREDENTIAL_ID_EXISTS: 'Kredensial dengan id ini sudah pernah diterbitkan penyedia ini; gunakan id baru.',
  CREDENTIAL_NOT_FOUND: 'Kredensial tidak ditemukan.',
  CREDENTIAL_REVOKED: 'Kredensial telah dicabut; pencabutan bersifat final.',
  STATUS_LIST_NOT_FOUND: 'Daftar status tidak ditemukan.',
  OFFER_NOT_FOUND: 'Tautan klaim tidak dikenal.',
  OFFER_USED: 'Tautan klaim ini sudah digunakan.',
  OFFER_EXPIRED: 'Tautan klaim ini sudah kedaluwarsa; mintalah tautan baru kepada penyedia pelatihan.',
  OFFER_SUPERSEDED: 'Tautan klaim ini sudah diganti dengan tautan yang lebih baru; gunakan tautan terbaru dari penyedia pelatihan.',
  CREDENTIAL_NOT_BINDABLE: 'Kredensial ini tidak dapat diklaim ke dompet: sudah menyebut pemegang atau memiliki lebih dari satu subjek.',
  DID_AUTH_FAILED: 'Dompet tidak dapat membuktikan kepemilikan DID-nya untuk tawaran ini.',
  BATCH_NOT_FOUND: 'Kohort tidak ditemukan.',
  BATCH_TOO_LARGE: 'Kohort terlalu besar (maksimal 100.000 baris).',
  BATCH_EMPTY: 'Kohort tidak memiliki baris.',
  CSV_SYNTAX: 'Berkas CSV tidak valid.',
  CSV_UNKNOWN_COLUMN: 'Berkas CSV memiliki kolom yang tidak dikenal.',
  API_KEY_NOT_FOUND: 'Kunci API tidak ditemukan.',
  KEY_NOT_FOUND: 'Kunci tidak ditemukan.',
  KEY_ACTIVE: 'Kunci aktif tidak dapat ditarik; lakukan rotasi terlebih dahulu.',
  CERTIFICATE_NOT_FOUND: 'Sertifikat tidak ditemukan.',
  CERTIFICATE_UNAVAILABLE: 'Sertifikat cetak hanya tersedia untuk kredensial pembelajaran.',
  INTERNAL_ERROR: 'Terjadi kesalahan internal.',
};

export function indonesianMessage(code: string): string {
  return ID[code] ?? 'Permintaan tidak dapat diproses.';
}
