/**
 * The verifier API's errors in the page's language. The API answers `{code, message,
 * details?}` with a stable `code` and an English `message` (for logs and API users); the
 * page never shows that sentence to an officer when it knows the code, so the Indonesian
 * page speaks Indonesian. Unknown codes fall back to a sentence in the page's language that
 * names the code (so a support call can still find it).
 */
import { NIP_ERROR_MESSAGES } from '../../shared/model/index.js';
import { lang, say } from './i18n.js';
import type { Text } from './i18n.js';

export interface ApiErrorBody { code?: string; message?: string; details?: unknown }

const API_ERRORS: Record<string, Text> = {
  LOGIN_FAILED: { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  LOGIN_LOCKED: { id: 'Terlalu banyak percobaan masuk yang gagal untuk akun ini. Coba lagi nanti.', en: 'Too many failed sign-ins for this account. Try again later.' },
  UNAUTHORIZED: { id: 'Sesi berakhir atau belum masuk. Silakan masuk kembali.', en: 'Your session ended or you are not signed in. Please sign in again.' },
  FORBIDDEN: { id: 'Akun ini tidak berwenang melakukan tindakan ini.', en: 'This account may not do this.' },
  RATE_LIMITED: { id: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.', en: 'Too many requests. Wait a moment and try again.' },
  NOT_FOUND: { id: 'Data tidak ditemukan di instansi Anda.', en: 'Not found in your agency.' },
  REQUEST_INVALID: { id: 'Permintaan tidak sah; periksa isian.', en: 'The request is not valid; check the fields.' },
  BODY_TOO_LARGE: { id: 'Data yang dikirim terlalu besar.', en: 'What was sent is too large.' },
  JSON_SYNTAX: { id: 'Isi bukan JSON yang sah.', en: 'This is not valid JSON.' },
  BODY_READ_FAILED: { id: 'Data tidak terbaca oleh server; coba lagi.', en: 'The server could not read what was sent; try again.' },
  UNSUPPORTED_MEDIA_TYPE: { id: 'Jenis data tidak didukung.', en: 'This kind of data is not supported.' },
  INTERNAL_ERROR: { id: 'Terjadi kesalahan di server verifikasi. Coba lagi nanti.', en: 'The verification server had an error. Try again later.' },
  NIP_INVALID: { id: 'NIP tidak sah.', en: 'The NIP is not valid.' },
  NIP_MISMATCH: { id: 'NIP yang diketik tidak cocok dengan NIP dalam kredensial.', en: 'The NIP typed does not match the NIP in the credential.' },
  CREDENTIAL_NOT_VERIFIED: { id: 'Hanya kredensial yang lolos verifikasi yang dapat dicatat.', en: 'Only a verified credential can be recorded.' },
  CREDENTIAL_NOT_RECOGNISED: { id: 'Kredensial asli, tetapi penyedianya tidak terakreditasi LAN untuk kompetensi ini saat terbit; JP-nya tidak dapat dicatat.', en: 'The credential is authentic, but its provider was not accredited by LAN for this competency when it issued; its JP cannot be recorded.' },
  NOT_A_LEARNING_CREDENTIAL: { id: 'Ini bukan kredensial pembelajaran ASN.', en: 'This is not an ASN learning credential.' },
  CREDENTIAL_ID_MISSING: { id: 'Kredensial tidak punya nomor (id), jadi tidak dapat dihitung sekali saja.', en: 'The credential has no id, so it cannot be counted only once.' },
  ALREADY_RECOGNISED: { id: 'Kredensial ini sudah pernah dicatat — tidak dihitung dua kali.', en: 'This credential is already recorded — never counted twice.' },
  RECOGNITION_NOT_VOIDABLE: { id: 'Catatan ini sudah dibatalkan.', en: 'This record is already voided.' },
  CERTIFICATE_NIP_REQUIRED: { id: 'Sertifikat ini hanya dapat dibuka dengan NIP pemiliknya.', en: 'This certificate opens only with its holder’s NIP.' },
  CERTIFICATE_NIP_MISMATCH: { id: 'NIP tidak cocok dengan sertifikat ini.', en: 'This NIP does not match the certificate.' },
  CERTIFICATE_LOCKED: { id: 'Terlalu banyak NIP salah untuk sertifikat ini. Coba lagi besok.', en: 'Too many wrong NIPs for this certificate. Try again tomorrow.' },
  CERTIFICATE_NOT_FOUND: { id: 'Sertifikat ini tidak ditemukan pada penerbitnya (tautan salah atau sudah ditarik).', en: 'The issuer has no such certificate (wrong or withdrawn link).' },
  CERTIFICATE_UNREACHABLE: { id: 'Sertifikat tidak dapat diambil dari penerbitnya. Coba lagi nanti.', en: 'The certificate could not be fetched from its issuer. Try again later.' },
  URL_NOT_ALLOWED: { id: 'Tautan ini bukan tautan sertifikat atau dompet ASN yang dikenal, dan tidak dibuka.', en: 'This is not a known certificate or ASN wallet link, and it was not opened.' },
  RELAY_NOT_FOUND: { id: 'Presentasi sudah dibaca, kedaluwarsa, atau tidak ada. Minta ASN menampilkan QR baru.', en: 'The presentation was already read, expired, or does not exist. Ask the ASN to show a new QR.' },
  RELAY_NOT_READY: { id: 'Dompet belum mengirim presentasinya. Coba lagi sebentar.', en: 'The wallet has not sent the presentation yet. Try again in a moment.' },
  RELAY_ALREADY_UPLOADED: { id: 'Presentasi ini sudah dikirim.', en: 'This presentation was already sent.' },
  RELAY_TOO_LARGE: { id: 'Presentasi terlalu besar.', en: 'The presentation is too large.' },
  ROSTER_EMPTY: { id: 'Daftar ASN tidak memuat seorang pun.', en: 'The roster has no people.' },
  ROSTER_INVALID: { id: 'Daftar ASN tidak sah; tidak ada yang dimuat.', en: 'The roster is not valid; nothing was loaded.' },
  ROSTER_TOO_LARGE: { id: 'Daftar ASN terlalu besar.', en: 'The roster is too large.' },
  CURSOR_INVALID: { id: 'Penanda ekspor tidak dikenal.', en: 'The export cursor is not known.' },
};

/** Row errors of a roster upload, by code (the API's sentence is English). */
const ROW_ERRORS: Record<string, Text> = {
  KIND_INVALID: { id: 'jenis harus PNS atau PPPK.', en: 'jenis must be PNS or PPPK.' },
  NAME_INVALID: { id: 'nama wajib diisi (paling banyak 200 karakter).', en: 'nama is required (at most 200 characters).' },
  UNIT_INVALID: { id: 'unit wajib diisi (paling banyak 200 karakter).', en: 'unit is required (at most 200 characters).' },
  CONTRACT_START_PNS: { id: 'tmt_kontrak hanya untuk PPPK.', en: 'tmt_kontrak applies to PPPK only.' },
  CONTRACT_START_INVALID: { id: 'tmt_kontrak harus tanggal nyata TTTT-BB-HH.', en: 'tmt_kontrak must be a real date YYYY-MM-DD.' },
  NIP_DUPLICATE: { id: 'NIP yang sama sudah ada di baris lain.', en: 'The same NIP is already on another row.' },
  ...NIP_ERROR_MESSAGES,
};

const isText = (x: unknown): x is Text => !!x && typeof x === 'object' && typeof (x as Text).id === 'string' && typeof (x as Text).en === 'string';

/** The sentence an officer reads for an API error answer (`body` may be anything). */
export function apiErrorText(body: unknown, status: number): string {
  const b = (body && typeof body === 'object' ? body : {}) as ApiErrorBody;
  // A NIP error carries its own sentence in both languages (shared/model/nip.ts).
  const detail = (b.details && typeof b.details === 'object' ? b.details : {}) as { message?: unknown };
  if (b.code === 'NIP_INVALID' && isText(detail.message)) return say(detail.message);
  const known = b.code ? API_ERRORS[b.code] : undefined;
  if (known) return say(known);
  const code = b.code && /^[A-Z_]{1,60}$/.test(b.code) ? b.code : `HTTP ${status}`;
  return lang() === 'id' ? `Permintaan ditolak oleh server (${code}).` : `The server refused the request (${code}).`;
}

/** One roster row error in the page's language (the field name stays as the CSV names it). */
export function rowErrorText(e: { code?: string; message: string }): string {
  const known = e.code ? ROW_ERRORS[e.code] : undefined;
  return known ? say(known) : e.message;
}
