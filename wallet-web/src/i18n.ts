/**
 * Every sentence the wallet shows, Indonesian first, English second (DOMAIN.md: the users'
 * own words). `t(key)` reads the current language; `errorText(e)` turns an AppError code
 * into a sentence a civil servant understands.
 */
import type { LocalizedText } from '../../shared/i18n.js';
import { COMPETENCY_TYPE_LABELS, LEARNING_MODE_LABELS, LEARNING_PATH_LABELS } from '../../shared/model/index.js';
import type { Lang } from './settings.js';

const S = {
  appTitle: ['Dompet Kredensial ASN', 'ASN Credential Wallet'],
  appShort: ['Dompet ASN', 'ASN Wallet'],
  appTagline: ['Sertifikat pelatihan Anda, terverifikasi dan tersimpan di perangkat ini.', 'Your training certificates, verifiable and kept on this device.'],
  navHome: ['Kredensial', 'Credentials'],
  navClaim: ['Klaim', 'Claim'],
  navPresent: ['Tunjukkan', 'Present'],
  navSettings: ['Pengaturan', 'Settings'],
  lock: ['Kunci', 'Lock'],
  switchLangLabel: ['Switch to English', 'Ganti ke Bahasa Indonesia'],
  loading: ['Memuat…', 'Loading…'],
  // setup / unlock
  setupTitle: ['Buat dompet', 'Create your wallet'],
  setupIntro: ['Dompet membuat kunci pribadi di perangkat ini. Kunci itu membuktikan bahwa kredensial adalah milik Anda. Lindungi dengan kata sandi yang hanya Anda ketahui.', 'The wallet makes a private key on this device. It proves the credentials are yours. Protect it with a passphrase only you know.'],
  passphrase: ['Kata sandi', 'Passphrase'],
  passphraseRepeat: ['Ulangi kata sandi', 'Repeat passphrase'],
  passphraseHint: ['Minimal 10 karakter; beberapa kata yang mudah Anda ingat lebih kuat daripada satu kata yang rumit. Kata sandi tidak dapat dipulihkan: simpan cadangan setelah mengklaim kredensial.', 'At least 10 characters; a few words you remember are stronger than one complicated word. It cannot be recovered: make a backup once you have claimed credentials.'],
  strengthTooShort: ['Terlalu pendek: minimal 10 karakter.', 'Too short: at least 10 characters.'],
  strengthCommon: ['Terlalu umum: kata sandi ini termasuk yang paling sering dipakai dan ditebak lebih dulu.', 'Too common: this is one of the most used passwords, guessed first.'],
  strengthWeak: ['Lemah: tambahkan satu atau dua kata lagi.', 'Weak: add a word or two.'],
  strengthFair: ['Cukup. Satu kata lagi membuatnya kuat.', 'Fair. One more word makes it strong.'],
  strengthStrong: ['Kuat.', 'Strong.'],
  passphraseMismatch: ['Kedua kata sandi tidak sama.', 'The two passphrases differ.'],
  createWallet: ['Buat dompet', 'Create wallet'],
  creating: ['Membuat kunci…', 'Making the key…'],
  orRestore: ['Sudah punya cadangan?', 'Already have a backup?'],
  unlockTitle: ['Buka dompet', 'Unlock your wallet'],
  unlockIntro: ['Masukkan kata sandi dompet untuk sesi ini.', 'Enter your wallet passphrase for this session.'],
  unlock: ['Buka', 'Unlock'],
  unlocking: ['Membuka…', 'Unlocking…'],
  yourDid: ['Identitas dompet (did:key)', 'Wallet identity (did:key)'],
  // home
  jpTitle: ['Jam pelajaran (JP)', 'Learning hours (JP)'],
  jpPeriod: ['Periode', 'Period'],
  jpOf: ['dari', 'of'],
  jpMet: ['Kewajiban pengembangan kompetensi tahun ini terpenuhi.', 'This year’s competency development duty is met.'],
  jpRemaining: ['JP lagi untuk memenuhi kewajiban.', 'more JP to meet the duty.'],
  jpDutyPNS: ['PNS: minimal 20 JP per tahun kalender (PP 11/2017 Pasal 203).', 'PNS: at least 20 JP per calendar year (PP 11/2017 art. 203).'],
  jpDutyPPPK: ['PPPK: hingga 24 JP per tahun kontrak.', 'PPPK: up to 24 JP per contract year.'],
  jpChangeKind: ['Ubah PNS/PPPK di Pengaturan.', 'Change PNS/PPPK in Settings.'],
  jpByType: ['Menurut jenis kompetensi', 'By competency type'],
  jpExcluded: ['kredensial tidak dihitung (dicabut, ditangguhkan atau tidak valid).', 'credential(s) not counted (revoked, suspended or invalid).'],
  jpNone: ['Belum ada JP pada periode ini.', 'No JP in this period yet.'],
  myCredentials: ['Kredensial saya', 'My credentials'],
  newsTitle: ['Status kredensial berubah sejak terakhir Anda lihat', 'A credential’s status changed since you last looked'],
  newsRevoked: ['telah dicabut oleh penyedia pelatihan. JP-nya tidak lagi dihitung.', 'was revoked by the training provider. Its JP no longer count.'],
  newsSuspended: ['ditangguhkan oleh penyedia pelatihan. JP-nya tidak dihitung selama penangguhan.', 'was suspended by the training provider. Its JP do not count while it is suspended.'],
  newsAcknowledge: ['Mengerti', 'Understood'],
  noCredentials: ['Belum ada kredensial. Buka tautan klaim dari penyedia pelatihan untuk menambahkannya.', 'No credentials yet. Open a claim link from your training provider to add one.'],
  claimOne: ['Klaim kredensial', 'Claim a credential'],
  // credential fields
  provider: ['Penyedia pelatihan', 'Training provider'],
  providerUnverified: ['(nama menurut kredensial, belum terverifikasi)', '(name as the credential states it, not verified)'],
  competency: ['Kompetensi', 'Competency'],
  level: ['tingkat', 'level'],
  jp: ['JP', 'JP'],
  dates: ['Tanggal pelatihan', 'Training dates'],
  issuedOn: ['Diterbitkan', 'Issued'],
  validUntil: ['Berlaku sampai', 'Valid until'],
  learner: ['Nama peserta', 'Learner'],
  mode: ['Bentuk pembelajaran', 'Learning mode'],
  result: ['Hasil', 'Result'],
  passed: ['lulus', 'passed'],
  notPassed: ['tidak lulus', 'not passed'],
  score: ['nilai', 'score'],
  status: ['Status', 'Status'],
  checks: ['Pemeriksaan', 'Checks'],
  checkedAt: ['Diperiksa', 'Checked'],
  recheck: ['Periksa ulang', 'Check again'],
  remove: ['Hapus dari dompet', 'Remove from wallet'],
  removeConfirm: ['Hapus kredensial ini dari dompet? Anda perlu tautan klaim baru untuk mendapatkannya lagi.', 'Remove this credential from the wallet? You will need a new claim link to get it back.'],
  back: ['Kembali', 'Back'],
  exportTitle: ['Simpan dan bagikan', 'Save and share'],
  exportJson: ['Unduh berkas kredensial (JSON)', 'Download credential file (JSON)'],
  exportPdf: ['Unduh sertifikat (PDF)', 'Download certificate (PDF)'],
  exportPdfFetching: ['Mengambil sertifikat…', 'Fetching the certificate…'],
  shareMake: ['Buat tautan verifikasi', 'Make a verification link'],
  shareMaking: ['Membuat tautan…', 'Making the link…'],
  shareLink: ['Tautan verifikasi publik', 'Public verification link'],
  shareExplain: ['Siapa pun yang membuka tautan ini dapat memeriksa keaslian kredensial ini. Kredensial dibawa oleh tautan itu sendiri dan tidak disimpan di server; NIP Anda tidak ditampilkan. Bagikan hanya kepada orang yang Anda pilih.', 'Anyone who opens this link can check that this credential is authentic. The credential travels in the link itself and is not stored on a server; your NIP is not shown. Share it only with people you choose.'],
  shareOpen: ['Buka tautan', 'Open link'],
  notReadable: ['Kredensial ini bukan kredensial pembelajaran ASN yang dapat dibaca dompet.', 'This is not an ASN learning credential this wallet can read.'],
  // status words
  st_verified: ['terverifikasi', 'verified'],
  st_revoked: ['dicabut', 'revoked'],
  st_suspended: ['ditangguhkan', 'suspended'],
  st_expired: ['kedaluwarsa', 'expired'],
  st_invalid: ['tidak valid', 'invalid'],
  st_unrecognised: ['asli, penyedia belum terkurasi LAN', 'authentic, provider not curated by LAN'],
  st_unknown: ['belum dapat diperiksa', 'cannot check now'],
  st_pending: ['memeriksa…', 'checking…'],
  unknownExplain: ['Status belum dapat diperiksa (mungkin sedang luring). Kredensial tetap tersimpan.', 'The status cannot be checked right now (perhaps offline). The credential is still stored.'],
  // claim
  claimTitle: ['Klaim kredensial', 'Claim a credential'],
  claimIntro: ['Tempel tautan klaim dari penyedia pelatihan (atau buka tautan itu langsung).', 'Paste the claim link from your training provider (or open the link directly).'],
  claimLink: ['Tautan klaim', 'Claim link'],
  claimOpen: ['Lihat tawaran', 'View offer'],
  claimFetching: ['Mengambil tawaran…', 'Fetching the offer…'],
  claimOffered: ['Kredensial yang ditawarkan', 'Credential offered'],
  claimExpires: ['Tautan berlaku sampai', 'Link valid until'],
  claimWaiting: ['Sebuah kredensial menunggu Anda', 'A credential is waiting for you'],
  claimFromProvider: ['dari', 'from'],
  claimCreateFirst: ['Buat dompet Anda di bawah ini untuk menerimanya. Setelah itu kredensial langsung ditampilkan untuk diterima.', 'Create your wallet below to receive it. The credential is shown right after, ready to accept.'],
  claimUnlockFirst: ['Buka dompet Anda di bawah ini untuk menerimanya.', 'Unlock your wallet below to receive it.'],
  claimOtherLink: ['Punya tautan klaim lain?', 'Another claim link?'],
  credNew: ['baru', 'new'],
  claimAccept: ['Terima dan simpan', 'Accept and store'],
  claimAccepting: ['Menandatangani dan menyimpan…', 'Signing and storing…'],
  claimCancel: ['Batal', 'Cancel'],
  claimExplain: ['Dompet akan menandatangani tantangan penerbit dengan kunci Anda, sehingga kredensial diikat ke dompet ini.', 'The wallet signs the issuer’s challenge with your key, so the credential is bound to this wallet.'],
  claimDone: ['Kredensial tersimpan di dompet.', 'The credential is stored in your wallet.'],
  // present
  presentTitle: ['Tunjukkan kredensial', 'Present credentials'],
  presentIntro: ['Pilih kredensial yang akan ditunjukkan kepada bagian kepegawaian. Hanya kredensial yang dipilih yang dikirim.', 'Choose the credentials to show to HR. Only the ones you choose are sent.'],
  presentMake: ['Buat kode QR', 'Make QR code'],
  presentMaking: ['Menandatangani dan mengenkripsi…', 'Signing and encrypting…'],
  presentNone: ['Pilih minimal satu kredensial.', 'Choose at least one credential.'],
  presentNoVerifier: ['Alamat verifikator belum diatur. Atur di Pengaturan.', 'No verifier address is set. Set it in Settings.'],
  presentVerifier: ['Verifikator', 'Verifier'],
  presentQrHelp: ['Minta petugas kepegawaian memindai kode ini. Kode hanya dapat dibaca sekali.', 'Ask the HR officer to scan this code. It can be read only once.'],
  presentExpiresIn: ['Kedaluwarsa dalam', 'Expires in'],
  presentExpired: ['Kode QR sudah kedaluwarsa. Buat kode baru.', 'The QR code has expired. Make a new one.'],
  presentLink: ['Tautan (untuk dibuka di perangkat verifikator)', 'Link (to open on the verifier’s device)'],
  presentCopy: ['Salin tautan', 'Copy link'],
  presentCopied: ['Tautan disalin.', 'Link copied.'],
  presentAgain: ['Buat kode baru', 'Make a new code'],
  presentQrAlt: ['Kode QR presentasi kredensial', 'QR code of the credential presentation'],
  // settings
  settingsTitle: ['Pengaturan', 'Settings'],
  language: ['Bahasa', 'Language'],
  employment: ['Status kepegawaian', 'Employment'],
  employmentPNS: ['PNS (20 JP per tahun kalender)', 'PNS (20 JP per calendar year)'],
  employmentPPPK: ['PPPK (24 JP per tahun kontrak)', 'PPPK (24 JP per contract year)'],
  contractStart: ['Awal tahun kontrak (PPPK)', 'Contract year starts (PPPK)'],
  verifierOrigin: ['Alamat verifikator (untuk QR)', 'Verifier address (for QR)'],
  issuerOrigin: ['Alamat penerbit LAN (jangkar kepercayaan)', 'LAN issuer address (trust anchor)'],
  originHint: ['Contoh: https://verifikasi.contoh.go.id', 'Example: https://verifier.example.go.id'],
  save: ['Simpan', 'Save'],
  advancedTitle: ['Lanjutan (untuk petugas TI)', 'Advanced (for IT staff)'],
  advancedWarning: ['Ubah alamat ini hanya bila diminta oleh petugas TI instansi Anda atau LAN. Alamat yang salah dapat membuat dompet memercayai pihak lain atau mengirim kredensial Anda ke tempat yang salah.', 'Change these addresses only when your agency’s IT staff or LAN tell you to. A wrong address can make the wallet trust someone else or send your credentials to the wrong place.'],
  saveAdvanced: ['Simpan alamat', 'Save addresses'],
  saved: ['Tersimpan.', 'Saved.'],
  originInvalid: ['Alamat harus berupa http(s)://host.', 'The address must be http(s)://host.'],
  backupTitle: ['Cadangan', 'Backup'],
  backupIntro: ['Cadangan berisi kunci dan semua kredensial, dienkripsi dengan kata sandi cadangan. Simpan di tempat aman.', 'The backup holds your key and all credentials, encrypted with a backup passphrase. Keep it somewhere safe.'],
  backupPassphrase: ['Kata sandi cadangan', 'Backup passphrase'],
  backupPassphraseHint: ['Minimal 10 karakter. Kata sandi ini menjadi kata sandi dompet bila cadangan dipulihkan.', 'At least 10 characters. It becomes the wallet passphrase when the backup is restored.'],
  backupExport: ['Unduh cadangan', 'Download backup'],
  backupExporting: ['Mengenkripsi…', 'Encrypting…'],
  backupExported: ['Cadangan dibuat.', 'Backup made.'],
  restoreTitle: ['Pulihkan dari cadangan', 'Restore from a backup'],
  restoreIntro: ['Memulihkan mengganti seluruh isi dompet ini dengan isi cadangan. Kata sandi cadangan menjadi kata sandi dompet.', 'Restoring replaces everything in this wallet with the backup. The backup passphrase becomes the wallet passphrase.'],
  restoreFile: ['Berkas cadangan', 'Backup file'],
  restore: ['Pulihkan', 'Restore'],
  restoring: ['Memulihkan…', 'Restoring…'],
  restoreConfirm: ['Ganti seluruh isi dompet ini dengan cadangan?', 'Replace everything in this wallet with the backup?'],
  restored: ['Dompet dipulihkan.', 'Wallet restored.'],
  restoreNoFile: ['Pilih berkas cadangan.', 'Choose a backup file.'],
  about: ['Tentang dompet ini', 'About this wallet'],
  aboutText: ['Kunci dan kredensial disimpan terenkripsi di peramban ini (IndexedDB). Server tidak pernah melihat kunci Anda; verifikator hanya menerima presentasi terenkripsi yang kuncinya ada di kode QR.', 'Your key and credentials are stored encrypted in this browser (IndexedDB). No server ever sees your key; the verifier only receives an encrypted presentation whose key is in the QR code.'],
} satisfies Record<string, [string, string]>;

export type TextKey = keyof typeof S;

const ERR: Record<string, [string, string]> = {
  OFFER_USED: ['Tautan klaim ini sudah dipakai. Setiap tautan hanya dapat dipakai sekali; minta tautan baru kepada penyedia pelatihan bila kredensial belum ada di dompet Anda.', 'This claim link has already been used. Each link works once; ask the training provider for a new one if the credential is not in your wallet.'],
  OFFER_EXPIRED: ['Tautan klaim ini sudah kedaluwarsa. Minta tautan baru kepada penyedia pelatihan.', 'This claim link has expired. Ask the training provider for a new one.'],
  OFFER_NOT_FOUND: ['Tautan klaim tidak dikenal oleh penerbit. Periksa apakah tautan tersalin lengkap.', 'The issuer does not know this claim link. Check that it was copied completely.'],
  CREDENTIAL_REVOKED: ['Kredensial pada tautan ini telah dicabut oleh penyedia pelatihan.', 'The training provider has revoked the credential of this link.'],
  PROVIDER_SUSPENDED: ['Penyedia pelatihan sedang ditangguhkan; coba lagi nanti.', 'The training provider is suspended; try again later.'],
  PROVIDER_WITHDRAWN: ['Kurasi penyedia pelatihan telah dicabut.', 'The training provider is no longer curated.'],
  DID_AUTH_FAILED: ['Penerbit tidak menerima tanda tangan dompet. Periksa jam perangkat lalu coba lagi.', 'The issuer did not accept the wallet’s signature. Check the device clock and try again.'],
  CLAIM_LINK_INVALID: ['Ini bukan tautan klaim. Tautan klaim berbentuk https://…/claims/…', 'This is not a claim link. Claim links look like https://…/claims/…'],
  OFFER_INVALID: ['Alamat itu tidak memberikan tawaran kredensial.', 'That address did not give a credential offer.'],
  CLAIM_ANSWER_INVALID: ['Jawaban penerbit tidak dapat disimpan (kredensial tidak terikat ke dompet ini).', 'The issuer’s answer cannot be stored (the credential is not bound to this wallet).'],
  CLAIM_NOT_VERIFIED: ['Kredensial yang diterima tidak lolos pemeriksaan dan tidak disimpan.', 'The credential received failed verification and was not stored.'],
  NETWORK_FAILED: ['Tidak dapat terhubung ke server. Periksa koneksi internet.', 'Could not reach the server. Check your connection.'],
  NETWORK_TIMEOUT: ['Server tidak menjawab tepat waktu. Coba lagi.', 'The server did not answer in time. Try again.'],
  RATE_LIMITED: ['Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.', 'Too many requests. Wait a moment and try again.'],
  WRONG_PASSPHRASE: ['Kata sandi salah.', 'Wrong passphrase.'],
  PASSPHRASE_TOO_SHORT: ['Kata sandi terlalu pendek: minimal 10 karakter.', 'The passphrase is too short: at least 10 characters.'],
  PASSPHRASE_TOO_COMMON: ['Kata sandi ini termasuk yang paling sering dipakai dan mudah ditebak. Pilih yang lain, misalnya beberapa kata yang hanya Anda ketahui.', 'This passphrase is among the most used and easily guessed. Choose another, for example a few words only you know.'],
  WALLET_CORRUPT: ['Data kunci di perangkat ini rusak. Pulihkan dari cadangan.', 'The key data on this device is damaged. Restore from a backup.'],
  STORE_CORRUPT: ['Sebagian data dompet rusak. Pulihkan dari cadangan.', 'Some wallet data is damaged. Restore from a backup.'],
  BACKUP_WRONG_PASSPHRASE: ['Kata sandi cadangan salah, atau berkas cadangan telah diubah. Dompet tidak diubah.', 'Wrong backup passphrase, or the backup file was changed. The wallet was not changed.'],
  BACKUP_DAMAGED: ['Berkas cadangan rusak atau tidak lengkap. Dompet tidak diubah.', 'The backup file is damaged or incomplete. The wallet was not changed.'],
  BACKUP_NOT_A_BACKUP: ['Berkas ini bukan cadangan dompet. Dompet tidak diubah.', 'This file is not a wallet backup. The wallet was not changed.'],
  BACKUP_VERSION_UNSUPPORTED: ['Cadangan dibuat oleh versi dompet yang lebih baru. Dompet tidak diubah.', 'The backup was made by a newer wallet version. The wallet was not changed.'],
  BACKUP_CONTENT_INVALID: ['Isi cadangan tidak sah. Dompet tidak diubah.', 'The backup content is not valid. The wallet was not changed.'],
  RELAY_NOT_FOUND: ['Verifikator tidak mengenal sesi ini lagi. Buat kode baru.', 'The verifier no longer knows this session. Make a new code.'],
  RELAY_TOO_LARGE: ['Terlalu banyak kredensial untuk satu kode. Pilih lebih sedikit.', 'Too many credentials for one code. Choose fewer.'],
  RELAY_ANSWER_INVALID: ['Jawaban verifikator tidak dapat dipakai. Periksa alamat verifikator di Pengaturan.', 'The verifier’s answer cannot be used. Check the verifier address in Settings.'],
  CERTIFICATE_UNAVAILABLE: ['Penerbit tidak memberikan sertifikat untuk kredensial ini. Coba lagi nanti.', 'The issuer did not give a certificate for this credential. Try again later.'],
  NO_VERIFIER: ['Alamat verifikator belum diatur (Pengaturan › Lanjutan).', 'No verifier address is set (Settings › Advanced).'],
  NOTHING_SELECTED: ['Pilih minimal satu kredensial.', 'Choose at least one credential.'],
  CRYPTO_UNAVAILABLE: ['Peramban ini tidak menyediakan kriptografi yang dibutuhkan. Buka dompet melalui https.', 'This browser lacks the cryptography needed. Open the wallet over https.'],
};

let current: Lang = 'id';

export function setLang(lang: Lang): void {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export function getLang(): Lang {
  return current;
}

export function t(key: TextKey): string {
  const pair = S[key];
  return current === 'en' ? pair[1] : pair[0];
}

/** Has a text for this key (e.g. `ct_${type}` built at run time)? */
export function tMaybe(key: string): string | undefined {
  const pair = (S as Record<string, [string, string] | undefined>)[key];
  return pair ? (current === 'en' ? pair[1] : pair[0]) : undefined;
}

export function local(text: LocalizedText | undefined): string {
  if (!text) return '';
  return current === 'en' ? text.en : text.id;
}

/** A sentence for any error: our own table, then the server's words, then a generic one. */
export function errorText(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown; details?: { serverMessageId?: unknown; serverMessage?: unknown } } | null;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const mine = code ? ERR[code] : undefined;
  if (mine) return current === 'en' ? mine[1] : mine[0];
  const server = current === 'en' ? err?.details?.serverMessage : err?.details?.serverMessageId ?? err?.details?.serverMessage;
  if (typeof server === 'string') return server;
  const generic: [string, string] = ['Terjadi kesalahan', 'Something went wrong'];
  const msg = typeof err?.message === 'string' ? `: ${err.message.slice(0, 200)}` : '.';
  return `${current === 'en' ? generic[1] : generic[0]}${msg}${code ? ` (${code})` : ''}`;
}

/**
 * The code of a competency type, learning mode or learning path, in words (the shared
 * model's labels, so the wallet, the portal and the HR page say the same thing); an
 * unknown code is shown as it is.
 */
export function labelOf(kind: 'competencyType' | 'mode' | 'path', code: string): string {
  const table: Readonly<Record<string, LocalizedText>> = kind === 'competencyType' ? COMPETENCY_TYPE_LABELS : kind === 'mode' ? LEARNING_MODE_LABELS : LEARNING_PATH_LABELS;
  const label = Object.hasOwn(table, code) ? table[code] : undefined;
  return label ? local(label) : code;
}

/** Indonesia's three zones by their everyday names; elsewhere the browser's own short name. */
const ZONE_NAMES: Readonly<Record<string, string>> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/**
 * A moment with its time, in the device's time zone, named: `20 Mei 2026 pukul 14.05 WIB` /
 * `20 May 2026 at 14:05 WIB`. A time without its zone is ambiguous across Indonesia.
 */
export function formatDateTime(value: Date | string | undefined): string {
  if (value === undefined) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  const zone = ZONE_NAMES[Intl.DateTimeFormat().resolvedOptions().timeZone];
  const text = new Intl.DateTimeFormat(current === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(zone ? {} : { timeZoneName: 'short' }),
  }).format(d);
  return zone ? `${text} ${zone}` : text;
}

/** A period of days, `6 – 8 Juli 2026` style through formatDate on both ends. */
export function formatDateRange(start: string | undefined, end: string | undefined): string {
  if (start && end && start.slice(0, 10) === end.slice(0, 10)) return formatDate(start);
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/** `2025-03-10` → `10 Maret 2025` / `10 March 2025`, in UTC so the day never shifts. */
export function formatDate(value: string | undefined): string {
  if (!value) return '—';
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(current === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: value.length === 10 ? 'UTC' : 'Asia/Jakarta' }).format(d);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(current === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 2 }).format(n);
}
