/**
 * The HR page (browser). Reads a credential or presentation from the camera (QR), a paste
 * or a file; asks the verifier to check it; shows one verdict, every check in plain words
 * and the learning itself; matches a NIP the officer types against the salted hash; and
 * records the recognition. Every value from a credential is shown as text (textContent),
 * never as HTML (BAD-INPUTS #39).
 */
import { maskNip, matchesIdentity } from '../../shared/model/index.js';
import { readLearningCredential } from '../../shared/model/build-credential.js';
import type { LearningSummary } from '../../shared/model/build-credential.js';
import { COMPETENCY_TYPE_LABELS } from '../../shared/model/competency.js';
import { decryptFromRelay, parseRelayUrl } from '../../shared/relay/index.js';
import { parseStrictJson } from '../../shared/util/strict-json.js';
import jsQRModule from 'jsqr';
import { byId, h, showMessage } from '../../shared/web/dom.js';
import { showDuty } from './duty.js';
import { startNationalView } from './national.js';

type Lang = 'id' | 'en';
interface Text { id: string; en: string }
interface Check { id: string; status: 'ok' | 'failed' | 'unknown'; code: string; message: Text; details?: Record<string, unknown> }
/** `document`: the credential as its proof covers it (present once the signature held); the page reads that, never the raw JSON. */
interface CredentialResult { verified: boolean; checks: Check[]; error?: { code: string; message: Text }; recognition?: { recognised: boolean; error?: { code: string; message: Text } }; issuer?: { id: string; name?: string; accreditationGrade?: string }; document?: Record<string, unknown> }
interface PresentationResult extends CredentialResult { holder?: string; credentials: CredentialResult[] }
interface Session { username: string; displayName: string; agencyName: string; role: string }

const UI: Record<string, Text> = {
  skip: { id: 'Langsung ke isi', en: 'Skip to content' },
  title: { id: 'Verifikasi Kredensial ASN', en: 'ASN Credential Verification' },
  subtitle: { id: 'Pengakuan hasil belajar untuk kepegawaian', en: 'Recognition of learning for HR' },
  inputTitle: { id: 'Periksa kredensial', en: 'Check a credential' },
  inputHelp: { id: 'Pindai QR dari dompet ASN, tempel JSON, atau unggah berkas kredensial.', en: 'Scan the QR from an ASN wallet, paste JSON, or upload a credential file.' },
  tabScan: { id: 'Pindai QR', en: 'Scan QR' },
  tabPaste: { id: 'Tempel JSON', en: 'Paste JSON' },
  tabFile: { id: 'Unggah berkas', en: 'Upload file' },
  scanIdle: { id: 'Kamera belum aktif.', en: 'Camera is off.' },
  scanLooking: { id: 'Arahkan kamera ke kode QR…', en: 'Point the camera at the QR code…' },
  scanStart: { id: 'Mulai kamera', en: 'Start camera' },
  scanStop: { id: 'Hentikan', en: 'Stop' },
  scanFallback: { id: 'Peramban ini tidak punya pembaca QR bawaan; halaman ini membacanya sendiri (mungkin sedikit lebih lambat). Bisa juga unggah foto QR.', en: 'This browser has no built-in QR reader; this page reads the QR itself (possibly a little slower). You can also upload a photo of the QR.' },
  scanNoCamera: { id: 'Kamera tidak tersedia di peramban ini. Unggah foto QR, pindai QR dengan aplikasi kamera ponsel (tautannya membuka halaman ini), atau tempel/unggah kredensial.', en: 'No camera is available in this browser. Upload a photo of the QR, scan it with the phone camera app (the link opens this page), or paste/upload the credential.' },
  photoLabel: { id: 'Atau unggah foto QR', en: 'Or upload a photo of the QR' },
  photoHelp: { id: 'Foto atau tangkapan layar kode QR dari dompet ASN atau sertifikat.', en: 'A photo or screenshot of the QR code from an ASN wallet or a certificate.' },
  photoNoQr: { id: 'Tidak ada kode QR yang terbaca pada foto. Coba foto yang lebih dekat dan tajam.', en: 'No QR code could be read in the photo. Try a closer, sharper photo.' },
  photoUnreadable: { id: 'Berkas ini bukan gambar yang dapat dibuka.', en: 'This file is not an image that can be opened.' },
  cameraDenied: { id: 'Kamera tidak dapat dibuka (izin ditolak atau tidak ada kamera).', en: 'The camera could not be opened (permission denied or no camera).' },
  pasteLabel: { id: 'JSON kredensial, presentasi, atau tautan QR', en: 'Credential or presentation JSON, or a QR link' },
  fileLabel: { id: 'Berkas kredensial (.json)', en: 'Credential file (.json)' },
  check: { id: 'Periksa', en: 'Check' },
  checking: { id: 'Memeriksa…', en: 'Checking…' },
  checksTitle: { id: 'Rincian pemeriksaan', en: 'What was checked' },
  again: { id: 'Periksa kredensial lain', en: 'Check another credential' },
  loginTitle: { id: 'Masuk petugas kepegawaian', en: 'HR officer sign-in' },
  loginHelp: { id: 'Masuk untuk mencatat pengakuan JP dan melihat laporan instansi.', en: 'Sign in to record recognised JP and see your agency’s reports.' },
  username: { id: 'Nama pengguna', en: 'Username' },
  password: { id: 'Kata sandi', en: 'Password' },
  login: { id: 'Masuk', en: 'Sign in' },
  logout: { id: 'Keluar', en: 'Sign out' },
  reportTitle: { id: 'Laporan JP instansi', en: 'Agency JP report' },
  year: { id: 'Tahun', en: 'Year' },
  show: { id: 'Tampilkan', en: 'Show' },
  exportCsv: { id: 'Ekspor CSV', en: 'Export CSV' },
  exportJson: { id: 'Ekspor JSON', en: 'Export JSON' },
  footer: { id: 'Data pribadi dilindungi (UU 27/2022): NIP hanya dicocokkan melalui hash bergaram.', en: 'Personal data is protected (Law 27/2022): the NIP is only matched through a salted hash.' },
  verifiedTitle: { id: 'Asli dan diakui', en: 'Authentic and recognised' },
  verifiedText: { id: 'Semua pemeriksaan berhasil. Hasil belajar ini dapat diakui dan JP-nya dicatat.', en: 'Every check passed. This learning can be recognised and its JP recorded.' },
  unrecognisedTitle: { id: 'Asli, penyedia belum terkurasi LAN', en: 'Authentic, provider not curated by LAN' },
  unrecognisedText: {
    id: 'Tanda tangan dan status sah, tetapi penerbit tidak terakreditasi LAN untuk kompetensi ini saat terbit. Ditampilkan saja; JP tidak dihitung.',
    en: 'Signature and status are valid, but the issuer was not accredited by LAN for this competency when it issued. Shown only; its JP is not counted.',
  },
  failedTitle: { id: 'Tidak asli', en: 'Not authentic' },
  unknownTitle: { id: 'Belum dapat dipastikan', en: 'Could not be confirmed' },
  unknownText: { id: 'Sebagian pemeriksaan tidak dapat dilakukan; kredensial belum dapat diterima.', en: 'Some checks could not be done; the credential cannot be accepted yet.' },
  learningTitle: { id: 'Hasil belajar', en: 'Learning' },
  unverifiedLearning: { id: 'Hasil belajar ini tidak dapat diakui; datanya hanya ditampilkan.', en: 'This learning cannot be recognised; its data is shown only.' },
  learner: { id: 'Nama peserta', en: 'Learner' },
  nip: { id: 'NIP', en: 'NIP' },
  nipHidden: { id: 'Tersembunyi (hash bergaram); cocokkan di bawah', en: 'Hidden (salted hash); match it below' },
  course: { id: 'Pelatihan', en: 'Course' },
  competency: { id: 'Kompetensi', en: 'Competency' },
  level: { id: 'level', en: 'level' },
  jp: { id: 'Jam pelajaran', en: 'Learning hours' },
  dates: { id: 'Tanggal', en: 'Dates' },
  provider: { id: 'Penyedia pelatihan', en: 'Training provider' },
  providerClaimed: { id: '(nama menurut kredensial, belum terkurasi)', en: '(name claimed by the credential, not curated)' },
  grade: { id: 'akreditasi', en: 'grade' },
  mode: { id: 'Bentuk', en: 'Mode' },
  nipMatchLabel: { id: 'Cocokkan NIP pegawai', en: 'Match the employee’s NIP' },
  nipMatch: { id: 'Cocokkan', en: 'Match' },
  nipYes: { id: 'Cocok: kredensial ini milik NIP', en: 'Match: this credential belongs to NIP' },
  nipNo: { id: 'Tidak cocok: NIP ini bukan milik peserta kredensial.', en: 'No match: this NIP is not the learner’s.' },
  record: { id: 'Catat pengakuan JP', en: 'Record recognised JP' },
  recordNeedsLogin: { id: 'Masuk sebagai petugas untuk mencatat.', en: 'Sign in as an officer to record.' },
  recordNeedsNip: { id: 'Cocokkan NIP terlebih dahulu.', en: 'Match the NIP first.' },
  recorded: { id: 'Tercatat. Nomor pengakuan:', en: 'Recorded. Recognition number:' },
  duplicate: { id: 'Sudah pernah dicatat — tidak dihitung dua kali. Catatan sebelumnya:', en: 'Already recorded — never counted twice. Earlier record:' },
  on: { id: 'pada', en: 'on' },
  presentationOf: { id: 'Presentasi dari pemegang', en: 'Presentation by holder' },
  credentialN: { id: 'Kredensial', en: 'Credential' },
  statusAge: { id: 'Status diperiksa dari salinan berumur', en: 'Status checked from a copy aged' },
  minutes: { id: 'menit', en: 'minutes' },
  statusFresh: { id: 'Status baru saja diambil dari penerbit.', en: 'Status fetched from the issuer just now.' },
  noResult: { id: 'Tidak ada hasil pemeriksaan.', en: 'No verification result.' },
  notJson: { id: 'Isi bukan JSON yang sah atau tautan QR yang dikenal.', en: 'This is neither valid JSON nor a known QR link.' },
  tooLarge: { id: 'Berkas terlalu besar.', en: 'The file is too large.' },
  linkRefused: { id: 'Tautan ini bukan tautan sertifikat atau dompet ASN yang dikenal, dan tidak dibuka.', en: 'This is not a known certificate or ASN wallet link, and it was not opened.' },
  certNipHelp: { id: 'Sertifikat ini hanya dapat dibuka dengan NIP pemiliknya. Ketik NIP pegawai yang menyerahkan sertifikat.', en: 'This certificate opens only with its holder’s NIP. Type the NIP of the employee who handed it in.' },
  certNipLabel: { id: 'NIP pemilik sertifikat', en: 'Certificate holder’s NIP' },
  certNipGo: { id: 'Buka sertifikat', en: 'Open certificate' },
  certNipMismatch: { id: 'NIP tidak cocok dengan sertifikat ini.', en: 'This NIP does not match the certificate.' },
  certLocked: { id: 'Terlalu banyak NIP salah untuk sertifikat ini. Coba lagi besok.', en: 'Too many wrong NIPs for this certificate. Try again tomorrow.' },
  certificateNotFound: { id: 'Sertifikat ini tidak ditemukan pada penerbitnya (tautan salah atau sudah ditarik).', en: 'The issuer has no such certificate (wrong or withdrawn link).' },
  relayGone: { id: 'Presentasi sudah dibaca, kedaluwarsa, atau tidak ada. Minta ASN menampilkan QR baru.', en: 'The presentation was already read, expired, or does not exist. Ask the ASN to show a new QR.' },
  relayBroken: { id: 'Presentasi tidak dapat dibuka (QR terpotong atau diubah).', en: 'The presentation could not be opened (QR truncated or altered).' },
  networkError: { id: 'Server verifikasi tidak dapat dihubungi.', en: 'The verification server cannot be reached.' },
  colName: { id: 'Nama', en: 'Name' },
  colKind: { id: 'Jenis', en: 'Type' },
  colPeriod: { id: 'Periode', en: 'Period' },
  colJp: { id: 'JP', en: 'JP' },
  colRule: { id: 'Ketentuan', en: 'Rule' },
  colStatus: { id: 'Keterangan', en: 'Status' },
  ruleMin: { id: 'min. 20 JP/tahun', en: 'min. 20 JP/year' },
  ruleMax: { id: 'maks. 24 JP/tahun kontrak', en: 'max. 24 JP/contract year' },
  met: { id: 'Terpenuhi', en: 'Met' },
  below: { id: 'Belum terpenuhi', en: 'Not yet met' },
  flagged: { id: 'status berubah', en: 'status changed' },
  empty: { id: 'Belum ada pengakuan pada tahun ini.', en: 'No recognitions in this year yet.' },
  totals: { id: 'Jumlah ASN', en: 'ASN count' },
};

const CHECK_LABELS: Record<string, Text> = {
  wellFormed: { id: 'Struktur data sesuai standar', en: 'Data is well formed' },
  contexts: { id: 'Kosakata standar (konteks) dikenal', en: 'Standard vocabularies (contexts) are known' },
  terms: { id: 'Setiap istilah terdefinisi', en: 'Every term is defined' },
  issuerKey: { id: 'Ditandatangani oleh penerbit', en: 'Signed by the issuer' },
  proof: { id: 'Tanda tangan utuh, isi tidak diubah', en: 'Signature intact, content unchanged' },
  validity: { id: 'Tanggal berlaku', en: 'Valid dates' },
  status: { id: 'Tidak dicabut dan tidak ditangguhkan', en: 'Not revoked and not suspended' },
  accreditation: { id: 'Penyedia terkurasi LAN, sesuai cakupan', en: 'Provider curated by LAN, within scope' },
  holderKey: { id: 'Kunci pemegang dompet', en: 'Wallet holder key' },
  challenge: { id: 'Tantangan sekali pakai', en: 'Single-use challenge' },
  domain: { id: 'Ditujukan ke verifikator ini', en: 'Addressed to this verifier' },
  freshness: { id: 'Baru dibuat (tidak diputar ulang)', en: 'Freshly made (not replayed)' },
  holder: { id: 'Pemegang adalah pemilik kredensial', en: 'Holder is the credential’s subject' },
  credentials: { id: 'Kredensial di dalam presentasi', en: 'Credentials inside the presentation' },
};

const STATUS_WORD: Record<Check['status'], Text> = {
  ok: { id: 'Lolos', en: 'Passed' },
  failed: { id: 'Gagal', en: 'Failed' },
  unknown: { id: 'Tak diketahui', en: 'Unknown' },
};

const MAX_INPUT_CHARS = 2_000_000;

// jsqr is CommonJS (`exports.default = jsQR`): depending on the interop, the default import
// is the function itself or the exports object holding it.
type JsQR = typeof jsQRModule.default;
const jsQR: JsQR = typeof jsQRModule === 'function' ? (jsQRModule as unknown as JsQR) : jsQRModule.default;

let lang: Lang = localStorage.getItem('lang') === 'en' ? 'en' : 'id';
let session: Session | undefined;
let lastRender: (() => void) | undefined;

const $ = byId;
const t = (key: string): string => UI[key]?.[lang] ?? key;
const loc = (x: Text | undefined): string => (x ? x[lang] : '');


function applyLanguage(): void {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n ?? '');
  $('lang').textContent = lang === 'id' ? 'EN' : 'ID';
  $('lang').setAttribute('aria-label', lang === 'id' ? 'Switch to English' : 'Ganti ke Bahasa Indonesia');
  renderWho();
  lastRender?.();
}

const showError = showMessage;

// ---------------------------------------------------------------------------------------
// Input

function selectTab(name: 'scan' | 'paste' | 'file'): void {
  for (const n of ['scan', 'paste', 'file'] as const) {
    const tab = $(`tab-${n}`);
    tab.setAttribute('aria-selected', String(n === name));
    tab.tabIndex = n === name ? 0 : -1;
    $(`panel-${n}`).hidden = n !== name;
  }
  if (name !== 'scan') stopCamera();
}

function setupTabs(): void {
  const names = ['scan', 'paste', 'file'] as const;
  names.forEach((n, i) => {
    const tab = $(`tab-${n}`);
    tab.addEventListener('click', () => selectTab(n));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const next = names[(i + (e.key === 'ArrowRight' ? 1 : names.length - 1)) % names.length]!;
      selectTab(next);
      $(`tab-${next}`).focus();
    });
  });
}

/** Anything the officer brings: a relay link, a credential, a presentation. */
async function handleInput(raw: string): Promise<void> {
  showError('input-error', undefined);
  const text = raw.trim();
  if (text.length > MAX_INPUT_CHARS) return showError('input-error', t('tooLarge'));
  if (/^https?:\/\//i.test(text)) {
    let link;
    try {
      link = parseRelayUrl(text, [location.origin]);
    } catch {
      // Our own relay path, but cut short or altered (a truncated QR): never sent anywhere.
      if (isOwnRelayPath(text)) return showError('input-error', t('relayBroken'));
      // Not a relay link: perhaps a printed certificate's link (`…?url=<certificate>`).
      return verifyCertificateLink(text);
    }
    return openRelay(link.id, link.key);
  }
  let doc: unknown;
  try {
    doc = parseStrictJson(text, { maxBytes: MAX_INPUT_CHARS });
  } catch {
    return showError('input-error', t('notJson'));
  }
  await verifyDocument(doc);
}

function isOwnRelayPath(text: string): boolean {
  try {
    const u = new URL(text);
    return u.origin === location.origin && u.pathname.startsWith('/p/');
  } catch {
    return false;
  }
}

async function verifyDocument(doc: unknown, challenge?: { challenge: string; domain: string }): Promise<void> {
  const obj = (doc && typeof doc === 'object' && !Array.isArray(doc) ? doc : {}) as Record<string, unknown>;
  const types = Array.isArray(obj.type) ? obj.type : [obj.type];
  const isPresentation = types.includes('VerifiablePresentation');
  const url = isPresentation ? '/presentations/verify' : '/credentials/verify';
  const body = isPresentation
    ? { verifiablePresentation: obj, options: challenge ?? {} }
    : { verifiableCredential: obj };
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    return showError('input-error', t('networkError'));
  }
  const result = await res.json().catch(() => undefined) as (PresentationResult & { message?: string }) | undefined;
  if (!result || !Array.isArray(result.checks)) return showError('input-error', result?.message ?? t('noResult'));
  const render = () => renderResult(obj, result, isPresentation);
  lastRender = render;
  render();
  // Move keyboard and screen-reader focus to the verdict (not on later language re-renders).
  window.scrollTo({ top: 0 });
  $('verdict-title').focus({ preventScroll: true });
}

/** A certificate link: the page's own `?url=` form, or the issuer's certificate URL itself. */
/** The certificate link waiting for the holder's NIP, and the NIP that opened the last one. */
let pendingCertificate: string | undefined;
let certificateNip: string | undefined;

async function verifyCertificateLink(text: string, nip?: string): Promise<void> {
  let target = text;
  try {
    const u = new URL(text);
    if (u.origin === location.origin && u.searchParams.has('url')) target = u.searchParams.get('url') ?? '';
  } catch {
    return showError('input-error', t('notJson'));
  }
  let res: Response;
  try {
    res = await fetch('/credentials/verify-url', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: target, ...(nip ? { nip } : {}) }) });
  } catch {
    return showError('input-error', t('networkError'));
  }
  const body = await res.json().catch(() => undefined) as { verifiableCredential?: unknown; result?: PresentationResult; message?: string; code?: string } | undefined;
  // A certificate with a hashed NIP opens only with the holder's NIP (the link alone is public).
  const form = $('cert-nip-form');
  if (res.status === 428 || body?.code === 'CERTIFICATE_NIP_MISMATCH' || body?.code === 'NIP_INVALID') {
    pendingCertificate = target;
    form.hidden = false;
    if (res.status !== 428) showError('input-error', t('certNipMismatch'));
    $<HTMLInputElement>('cert-nip').focus();
    return;
  }
  form.hidden = true;
  pendingCertificate = undefined;
  if (res.status === 429 && body?.code === 'CERTIFICATE_LOCKED') return showError('input-error', t('certLocked'));
  // Refused before any check ran (a foreign origin, an overlong link): say so in the page's language.
  if (res.status === 400 && !body?.result) return showError('input-error', t('linkRefused'));
  if (res.status === 404) return showError('input-error', t('certificateNotFound'));
  certificateNip = nip;
  if (!body?.result || !Array.isArray(body.result.checks)) return showError('input-error', body?.message ?? t('noResult'));
  const obj = (body.verifiableCredential ?? {}) as Record<string, unknown>;
  const result = body.result;
  const render = () => renderResult(obj, result, false);
  lastRender = render;
  render();
  window.scrollTo({ top: 0 });
  $('verdict-title').focus({ preventScroll: true });
}

async function openRelay(id: string, key: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/relay/${encodeURIComponent(id)}/blob`, { cache: 'no-store' });
  } catch {
    return showError('input-error', t('networkError'));
  }
  if (!res.ok) return showError('input-error', t('relayGone'));
  const blob = await res.json() as { ciphertext: string; iv: string; challenge: string; domain: string };
  let vp: unknown;
  try {
    vp = parseStrictJson(await decryptFromRelay(blob, id, key), { maxBytes: MAX_INPUT_CHARS });
  } catch {
    return showError('input-error', t('relayBroken'));
  }
  await verifyDocument(vp, { challenge: blob.challenge, domain: blob.domain });
}

// ---------------------------------------------------------------------------------------
// Camera and QR photos
//
// The browser's BarcodeDetector where it exists (Chrome on Android, macOS, ChromeOS);
// elsewhere (Firefox, Safari/iOS, desktop Chrome on Linux/Windows) jsQR decodes camera
// frames drawn to an offscreen canvas. Either way the decoded text goes to handleInput,
// which only ever reads a relay link, a certificate link or JSON: a scanned URL is never
// navigated to (BAD-INPUTS #27).

interface Detector { detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>> }
interface DetectorClass { new (opts: { formats: string[] }): Detector; getSupportedFormats?(): Promise<string[]> }
declare global { interface Window { BarcodeDetector?: DetectorClass } }
let stream: MediaStream | undefined;
let scanTimer: number | undefined;

/** Camera frames are decoded at this width at most (speed; a QR held up fills the frame). */
const FRAME_MAX_WIDTH = 640;
/** Widths tried, in turn, for a still photo (a phone photo may show a small QR). */
const PHOTO_WIDTHS = [640, 1280, 2048] as const;
/** Largest image file accepted for a QR photo. */
const MAX_PHOTO_BYTES = 20_000_000;

const frameCanvas = document.createElement('canvas');

/**
 * Draws an image (a video frame, a photo) to the offscreen canvas at no more than
 * `maxWidth` pixels wide and decodes a QR code from it with jsQR; undefined if none.
 */
function decodeQrFrom(source: CanvasImageSource, width: number, height: number, maxWidth: number, invert = false): string | undefined {
  if (!(width > 0 && height > 0)) return undefined;
  const scale = Math.min(1, maxWidth / width);
  const w = Math.max(1, Math.round(width * scale));
  const hgt = Math.max(1, Math.round(height * scale));
  if (frameCanvas.width !== w) frameCanvas.width = w;
  if (frameCanvas.height !== hgt) frameCanvas.height = hgt;
  const ctx = frameCanvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return undefined;
  ctx.drawImage(source, 0, 0, w, hgt);
  const pixels = ctx.getImageData(0, 0, w, hgt);
  return decodeQrImageData(pixels, invert);
}

/** jsQR over raw pixels; undefined when no QR code is found. */
function decodeQrImageData(pixels: ImageData, invert = false): string | undefined {
  const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: invert ? 'attemptBoth' : 'dontInvert' });
  return code?.data ? code.data : undefined;
}

/** The browser's own QR reader, if it has one that reads QR codes (some expose an empty one). */
async function nativeQrDetector(): Promise<Detector | undefined> {
  const Native = window.BarcodeDetector;
  if (!Native) return undefined;
  try {
    if (Native.getSupportedFormats && !(await Native.getSupportedFormats()).includes('qr_code')) return undefined;
    return new Native({ formats: ['qr_code'] });
  } catch {
    return undefined;
  }
}

/** A frame source for the camera: BarcodeDetector when usable, else jsQR on a canvas. */
async function frameReader(video: HTMLVideoElement): Promise<() => Promise<string | undefined>> {
  const detector = await nativeQrDetector();
  if (detector) return async () => (await detector.detect(video))[0]?.rawValue || undefined;
  return async () => {
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return undefined;
    return decodeQrFrom(video, video.videoWidth, video.videoHeight, FRAME_MAX_WIDTH);
  };
}

/** The text of a scanned QR (camera or photo): the same checks as a pasted link. */
async function handleScanned(value: string): Promise<void> {
  stopCamera();
  await handleInput(value);
}

async function startCamera(): Promise<void> {
  if (!navigator.mediaDevices?.getUserMedia) {
    $('scan-note').hidden = false;
    return;
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch {
    $('scan-hint').textContent = t('cameraDenied');
    return;
  }
  const video = $<HTMLVideoElement>('video');
  video.srcObject = stream;
  await video.play().catch(() => undefined);
  $('scan-hint').textContent = t('scanLooking');
  $('scan-start').hidden = true;
  $('scan-stop').hidden = false;
  const read = await frameReader(video);
  const tick = async () => {
    if (!stream) return;
    try {
      const value = await read();
      if (value) return void await handleScanned(value);
    } catch {
      // A frame that cannot be read yet; try the next one.
    }
    if (stream) scanTimer = window.setTimeout(() => void tick(), 250);
  };
  void tick();
}

function stopCamera(): void {
  if (scanTimer !== undefined) window.clearTimeout(scanTimer);
  scanTimer = undefined;
  stream?.getTracks().forEach((tr) => tr.stop());
  stream = undefined;
  $<HTMLVideoElement>('video').srcObject = null;
  $('scan-hint').textContent = t('scanIdle');
  $('scan-start').hidden = false;
  $('scan-stop').hidden = true;
}

/** A photo of a QR (a phone without camera permission, a screenshot): decoded with jsQR. */
async function readQrPhoto(file: File): Promise<void> {
  showError('input-error', undefined);
  if (file.size > MAX_PHOTO_BYTES) return showError('input-error', t('tooLarge'));
  let image: ImageBitmap;
  try {
    image = await createImageBitmap(file);
  } catch {
    return showError('input-error', t('photoUnreadable'));
  }
  let value: string | undefined;
  try {
    for (const width of PHOTO_WIDTHS) {
      value = decodeQrFrom(image, image.width, image.height, width, true);
      if (value || width >= image.width) break;
    }
  } finally {
    image.close();
  }
  if (!value) return showError('input-error', t('photoNoQr'));
  await handleScanned(value);
}

async function updateScanNote(): Promise<void> {
  const note = $('scan-note');
  const camera = !!navigator.mediaDevices?.getUserMedia;
  note.hidden = camera && !!(await nativeQrDetector());
  note.dataset.i18n = camera ? 'scanFallback' : 'scanNoCamera';
  note.textContent = t(note.dataset.i18n);
}

// ---------------------------------------------------------------------------------------
// Result

/**
 * Three outcomes a person understands at a glance: authentic and recognised (JP can be
 * recorded), authentic but not recognised (shown, never counted), not authentic / could
 * not be checked. A presentation is recognised only when every credential it carries is.
 */
function verdictOf(r: CredentialResult | PresentationResult): 'ok' | 'warn' | 'bad' | 'unk' {
  if (r.verified) {
    const all = 'credentials' in r ? r.credentials : [r];
    return all.length > 0 && all.every((c) => c.recognition?.recognised) ? 'ok' : 'warn';
  }
  const authenticity = r.checks.filter((c) => c.id !== 'accreditation');
  return authenticity.some((c) => c.status === 'failed') ? 'bad' : 'unk';
}

function renderResult(doc: Record<string, unknown>, result: PresentationResult, isPresentation: boolean): void {
  stopCamera();
  // One thing at a time: the result replaces the input until the officer asks for another.
  $('input-card').hidden = true;
  $('result-card').hidden = false;
  const v = verdictOf(result);
  const verdict = $('verdict');
  verdict.className = `verdict ${v}`;
  $('verdict-icon').textContent = v === 'ok' ? '✓' : v === 'warn' ? '!' : v === 'bad' ? '✕' : '?';
  $('verdict-title').textContent = t(v === 'ok' ? 'verifiedTitle' : v === 'warn' ? 'unrecognisedTitle' : v === 'bad' ? 'failedTitle' : 'unknownTitle');
  $('verdict-text').textContent = v === 'ok' ? t('verifiedText') : v === 'warn' ? t('unrecognisedText') : v === 'unk' ? t('unknownText') : loc(result.error?.message);

  const checks = $('checks');
  checks.replaceChildren(...result.checks.map(checkItem));

  const learning = $('learning');
  learning.replaceChildren();
  if (isPresentation) {
    const all = Array.isArray(doc.verifiableCredential) ? doc.verifiableCredential : doc.verifiableCredential ? [doc.verifiableCredential] : [];
    const held = all.filter((c) => !(c && typeof c === 'object' && JSON.stringify((c as Record<string, unknown>).type ?? '').includes('ProviderAccreditationCredential')));
    if (result.holder) learning.append(h('p', { class: 'holder' }, `${t('presentationOf')}: `, h('code', {}, result.holder)));
    held.forEach((vc, i) => {
      const r = result.credentials[i];
      if (!r) return;
      learning.append(learningBlock(vc, r, result.verified && r.verified && !!r.recognition?.recognised, held.length > 1 ? `${t('credentialN')} ${i + 1}` : undefined));
      if (!r.verified) {
        const sub = h('ul', { class: 'checks' });
        sub.append(...r.checks.map(checkItem));
        learning.append(sub);
      }
    });
  } else {
    learning.append(learningBlock(doc, result, result.verified && !!result.recognition?.recognised));
  }
}

function checkItem(c: Check): HTMLElement {
  const extra: string[] = [];
  if (c.id === 'issuerKey' && c.status === 'ok' && typeof c.details?.issuer === 'string') extra.push(c.details.issuer);
  if (c.id === 'accreditation' && typeof c.details?.providerName === 'string') {
    const comps = Array.isArray(c.details.competencies) ? c.details.competencies.map((x) => (x as { code?: string }).code).join(', ') : '';
    extra.push(`${c.details.providerName}${typeof c.details.grade === 'string' && c.details.grade ? ` (${t('grade')} ${c.details.grade})` : ''}${comps ? ` — ${comps}` : ''}`);
  }
  if (c.id === 'status' && Array.isArray(c.details?.lists)) {
    const ages = c.details.lists.map((l) => (l as { ageSeconds?: number }).ageSeconds).filter((a): a is number => typeof a === 'number');
    const age = ages.length ? Math.max(...ages) : undefined;
    if (age !== undefined) extra.push(age < 60 ? t('statusFresh') : `${t('statusAge')} ${Math.round(age / 60)} ${t('minutes')}.`);
  }
  return h('li', {},
    h('span', { class: `badge ${c.status}` }, loc(STATUS_WORD[c.status])),
    h('span', { class: 'check-name' }, loc(CHECK_LABELS[c.id]) || c.id),
    h('span', { class: 'check-msg' }, [loc(c.message), ...extra].join(' ')),
  );
}

function learningBlock(vc: unknown, r: CredentialResult, verified: boolean, heading?: string): HTMLElement {
  // What the proof covers, as the verifier read it; the raw JSON only for an unverified display.
  const s = readLearningCredential(r.document ?? vc);
  const box = h('div', { class: 'learning' }, h('h3', {}, heading ?? t('learningTitle')));
  if (!s) return box;
  if (!verified) box.append(h('p', { class: 'note' }, t('unverifiedLearning')));
  const dl = h('dl', { class: 'facts' });
  const add = (k: string, ...v: Array<Node | string>) => dl.append(h('dt', {}, t(k)), h('dd', {}, ...v));
  add('learner', s.name);
  add('nip', t('nipHidden'));
  add('course', s.courseName, s.courseCode ? ` (${s.courseCode})` : '');
  add('competency', `${loc(COMPETENCY_TYPE_LABELS[s.competency.type])} · ${s.competency.code} ${s.competency.name} · ${t('level')} ${s.competency.level}`);
  add('jp', h('span', { class: 'jp' }, `${s.jp} JP`));
  add('dates', s.startDate === s.endDate ? s.startDate : `${s.startDate} – ${s.endDate}`);
  // The registry's name for the provider, never the one the credential claims for itself.
  if (r.issuer?.name) add('provider', r.issuer.name, r.issuer.accreditationGrade ? ` (${t('grade')} ${r.issuer.accreditationGrade})` : '');
  else add('provider', s.issuerName ?? s.issuerId, ' ', t('providerClaimed'));
  box.append(dl, nipBox(vc, s, verified));
  return box;
}

function nipBox(vc: unknown, s: LearningSummary, verified: boolean): HTMLElement {
  const id = `nip-${Math.random().toString(36).slice(2, 8)}`;
  const input = h('input', { id, inputmode: 'numeric', autocomplete: 'off', maxlength: '24', placeholder: '19860926 201505 1 001' }) as HTMLInputElement;
  const out = h('p', { role: 'status', 'aria-live': 'polite', hidden: '' });
  const record = h('button', { type: 'button', class: 'btn btn-primary', disabled: '' }, t('record')) as HTMLButtonElement;
  const recordOut = h('p', { role: 'status', 'aria-live': 'polite', hidden: '' });
  const hint = h('p', { class: 'muted' }, session ? t('recordNeedsNip') : t('recordNeedsLogin'));
  let matchedNip: string | undefined;
  const match = () => {
    const nip = input.value.replaceAll(' ', '');
    const ok = matchesIdentity(s.nipIdentity, nip);
    matchedNip = ok ? nip : undefined;
    out.hidden = false;
    out.className = ok ? 'success' : 'error';
    out.textContent = ok ? `${t('nipYes')} ${maskNip(nip)}.` : t('nipNo');
    record.disabled = !(ok && verified && session);
    hint.hidden = !!(ok && session);
  };
  const matchBtn = h('button', { type: 'button', class: 'btn' }, t('nipMatch'));
  matchBtn.addEventListener('click', match);
  // The NIP that opened a printed certificate is matched here too, so it is typed once.
  if (certificateNip) {
    input.value = certificateNip;
    certificateNip = undefined;
    match();
  }
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') match(); });
  record.addEventListener('click', async () => {
    if (!matchedNip) return;
    record.disabled = true;
    const res = await fetch('/recognitions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential: vc, nip: matchedNip }) });
    const body = await res.json().catch(() => ({})) as { id?: string; code?: string; message?: string; details?: { recognitionId?: string; recordedAt?: string } };
    recordOut.hidden = false;
    if (res.status === 201) {
      recordOut.className = 'success';
      recordOut.textContent = `${t('recorded')} ${body.id ?? ''}`;
    } else if (res.status === 409) {
      recordOut.className = 'error';
      recordOut.textContent = `${t('duplicate')} ${body.details?.recognitionId ?? ''} ${t('on')} ${body.details?.recordedAt?.slice(0, 10) ?? ''}`;
    } else {
      recordOut.className = 'error';
      recordOut.textContent = body.message ?? String(res.status);
      record.disabled = false;
    }
  });
  // Only what is authentic and recognised can be recorded: elsewhere the NIP can still be
  // matched, but no record button invites a recording the server would refuse.
  return h('div', { class: 'nip-box' },
    h('label', { for: id }, t('nipMatchLabel')),
    h('div', { class: 'row' }, input, matchBtn),
    out,
    ...(verified ? [h('div', { class: 'row' }, record), hint, recordOut] : []),
  );
}

// ---------------------------------------------------------------------------------------
// Session and reports

function renderWho(): void {
  $('who').textContent = session ? `${session.displayName} · ${session.agencyName}` : '';
  $('login-card').hidden = !!session;
  $('report-card').hidden = !session;
}

async function loadSession(): Promise<void> {
  const res = await fetch('/auth/session', { cache: 'no-store' }).catch(() => undefined);
  session = res?.ok ? ((await res.json()) as { session: Session | null }).session ?? undefined : undefined;
  renderWho();
}

async function loadReport(): Promise<void> {
  const year = $<HTMLInputElement>('report-year').value;
  $<HTMLAnchorElement>('export-csv').href = `/recognitions?format=csv&year=${encodeURIComponent(year)}`;
  $<HTMLAnchorElement>('export-json').href = `/recognitions?format=json&year=${encodeURIComponent(year)}`;
  const res = await fetch(`/reports/jp?year=${encodeURIComponent(year)}`);
  void showDuty(year, session?.role === 'admin');
  const box = $('report');
  if (!res.ok) {
    box.replaceChildren(h('p', { class: 'error' }, String(res.status)));
    return;
  }
  const report = await res.json() as { rows: Array<{ learnerName: string; nipMasked: string; kind: string; period: { from: string; to: string }; jp: number; recognisedJp: number; rule: { kind: string }; met: boolean; flagged: unknown[] }>; totals: { asn: number } };
  const draw = () => {
    if (report.rows.length === 0) {
      box.replaceChildren(h('p', { class: 'muted' }, t('empty')));
      return;
    }
    const head = h('tr', {}, h('th', {}, t('colName')), h('th', {}, t('nip')), h('th', {}, t('colKind')), h('th', {}, t('colPeriod')), h('th', { class: 'num' }, t('colJp')), h('th', {}, t('colRule')), h('th', {}, t('colStatus')));
    const rows = report.rows.map((r) => h('tr', {},
      h('td', {}, r.learnerName), h('td', {}, r.nipMasked), h('td', {}, r.kind), h('td', {}, `${r.period.from} – ${r.period.to}`),
      h('td', { class: 'num' }, String(r.recognisedJp)), h('td', {}, t(r.rule.kind === 'minimum' ? 'ruleMin' : 'ruleMax')),
      h('td', {}, h('span', { class: `pill ${r.met ? 'ok' : 'unk'}` }, t(r.met ? 'met' : 'below')), r.flagged.length ? h('span', { class: 'pill bad' }, ` ${r.flagged.length} ${t('flagged')}`) : undefined),
    ));
    box.replaceChildren(h('p', { class: 'muted' }, `${t('totals')}: ${report.totals.asn}`), h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows))));
  };
  draw();
  const previous = lastRender;
  lastRender = () => { previous?.(); draw(); };
}

// ---------------------------------------------------------------------------------------

function main(): void {
  setupTabs();
  void updateScanNote();
  $('lang').addEventListener('click', () => {
    lang = lang === 'id' ? 'en' : 'id';
    localStorage.setItem('lang', lang);
    applyLanguage();
  });
  $('scan-start').addEventListener('click', () => void startCamera());
  $('scan-stop').addEventListener('click', stopCamera);
  $('qr-photo').addEventListener('change', async () => {
    const input = $<HTMLInputElement>('qr-photo');
    const f = input.files?.[0];
    input.value = ''; // the same photo can be chosen again
    if (f) await readQrPhoto(f);
  });
  $('paste-go').addEventListener('click', () => void handleInput($<HTMLTextAreaElement>('paste').value));
  $('file').addEventListener('change', async () => {
    const f = $<HTMLInputElement>('file').files?.[0];
    if (!f) return;
    if (f.size > MAX_INPUT_CHARS) return showError('input-error', t('tooLarge'));
    await handleInput(await f.text());
  });
  $('again').addEventListener('click', () => {
    $('result-card').hidden = true;
    $('input-card').hidden = false;
    lastRender = undefined;
    $('input-card').scrollIntoView({ behavior: 'smooth' });
    $('input-title').focus();
  });
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    showError('login-error', undefined);
    const res = await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: $<HTMLInputElement>('login-user').value, password: $<HTMLInputElement>('login-pass').value }) });
    const body = await res.json().catch(() => ({})) as { session?: Session; message?: string };
    if (!res.ok || !body.session) return showError('login-error', body.message ?? String(res.status));
    $<HTMLInputElement>('login-pass').value = '';
    session = body.session;
    renderWho();
    lastRender?.();
    void loadReport();
  });
  $('logout').addEventListener('click', async () => {
    await fetch('/auth/logout', { method: 'POST' });
    session = undefined;
    renderWho();
  });
  $('report-form').addEventListener('submit', (e) => { e.preventDefault(); void loadReport(); });
  $('cert-nip-form').addEventListener('submit', (e) => {
    e.preventDefault();
    showError('input-error', undefined);
    if (pendingCertificate) void verifyCertificateLink(pendingCertificate, $<HTMLInputElement>('cert-nip').value.replaceAll(' ', ''));
  });
  // The page is the browser's composition root: the one place it reads the clock.
  $<HTMLInputElement>('report-year').value = String(new Date().getFullYear());
  applyLanguage();
  void loadSession().then(() => { if (session) void loadReport(); });

  if (location.pathname === '/lan') startNationalView($<HTMLInputElement>('report-year').value);

  // Opened from a printed certificate's QR: `/?url=<certificate URL>`.
  const certificate = new URLSearchParams(location.search).get('url');
  if (certificate) {
    history.replaceState(null, '', '/');
    void verifyCertificateLink(certificate);
  }

  // Opened from a relay QR: `/p/<id>#<key>`. Drop the key from the address bar at once.
  if (location.pathname.startsWith('/p/')) {
    const href = location.href;
    history.replaceState(null, '', '/');
    try {
      const link = parseRelayUrl(href, [location.origin]);
      void openRelay(link.id, link.key);
    } catch {
      showError('input-error', t('relayBroken'));
    }
  }
}

main();
