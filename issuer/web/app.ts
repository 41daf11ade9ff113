/**
 * The provider portal (browser). Training-provider staff paste their API key (kept in
 * sessionStorage only), then issue one credential from a form, upload a cohort CSV and
 * follow its progress, and revoke / suspend / reinstate credentials. It calls the ordinary
 * provider API (docs/issuer.md) with `Authorization: Bearer <key>`. Every value from the
 * server or a file is shown as text (textContent), never as HTML.
 */
import { COMPETENCY_TYPES, COMPETENCY_TYPE_LABELS } from '../../shared/model/competency.js';
import { readLearningCredential } from '../../shared/model/build-credential.js';
import { KLASIKAL_PATHS, LEARNING_MODES, LEARNING_MODE_LABELS, LEARNING_PATH_LABELS, NONKLASIKAL_PATHS } from '../../shared/model/learning-input.js';
import { CSV_COLUMNS } from '../services/csv.js';
import { byId, h, showMessage } from '../../shared/web/dom.js';

type Lang = 'id' | 'en';
interface Text { id: string; en: string }
interface ApiError { status: number; code: string; message: string; messageId?: string; details?: unknown }
interface FieldError { field: string; code: string; message?: unknown }
interface Who { providerId: string; name: string; status: string; grade?: string; role: string }
interface Issued { key: string; credentialId: string; learner: string; course: string; issuedAt: string; state: CredState }
type CredState = 'active' | 'suspended' | 'revoked';

const UI: Record<string, Text> = {
  skip: { id: 'Langsung ke isi', en: 'Skip to content' },
  title: { id: 'Portal Penyedia Pelatihan', en: 'Training Provider Portal' },
  subtitle: { id: 'Penerbitan kredensial hasil belajar ASN', en: 'Issuing ASN learning credentials' },
  signIn: { id: 'Masuk', en: 'Sign in' },
  signOut: { id: 'Keluar', en: 'Sign out' },
  loginTitle: { id: 'Masuk penyedia pelatihan', en: 'Training provider sign-in' },
  loginHelp: { id: 'Tempel kunci API yang diberikan LAN atau admin lembaga Anda. Kunci hanya disimpan di tab ini dan terhapus saat Anda keluar atau menutup tab.', en: 'Paste the API key given to you by LAN or your organisation’s admin. The key is kept in this tab only and is erased when you sign out or close the tab.' },
  apiKey: { id: 'Kunci API', en: 'API key' },
  keyMissing: { id: 'Tempel kunci API Anda.', en: 'Paste your API key.' },
  keyRejected: { id: 'Kunci API tidak dikenal, sudah dicabut, atau penyedia tidak aktif.', en: 'Unknown or revoked API key, or the provider is not active.' },
  keyNotProvider: { id: 'Ini bukan kunci API penyedia pelatihan.', en: 'This is not a training provider API key.' },
  signedOutExpired: { id: 'Sesi berakhir: kunci tidak lagi diterima. Masuk kembali.', en: 'Session ended: the key is no longer accepted. Sign in again.' },
  tabIssue: { id: 'Terbitkan satu', en: 'Issue one' },
  tabCohort: { id: 'Unggah kohort', en: 'Upload cohort' },
  tabCreds: { id: 'Kredensial', en: 'Credentials' },
  issueTitle: { id: 'Terbitkan satu kredensial', en: 'Issue one credential' },
  issueHelp: { id: 'Isi data peserta dan pelatihan. Kolom bertanda * wajib diisi. NIP tidak dicetak di QR atau halaman publik.', en: 'Fill in the learner and the training. Fields marked * are required. The NIP never appears in QR codes or public pages.' },
  issueSubmit: { id: 'Terbitkan', en: 'Issue' },
  issuing: { id: 'Menerbitkan…', en: 'Issuing…' },
  clearForm: { id: 'Kosongkan', en: 'Clear' },
  gLearner: { id: 'Peserta', en: 'Learner' },
  gCourse: { id: 'Pelatihan', en: 'Training' },
  gCompetency: { id: 'Kompetensi', en: 'Competency' },
  gLearning: { id: 'Pembelajaran', en: 'Learning' },
  gResult: { id: 'Hasil (opsional)', en: 'Result (optional)' },
  fName: { id: 'Nama peserta', en: 'Learner’s name' },
  fNip: { id: 'NIP', en: 'NIP' },
  hNip: { id: '18 angka; spasi boleh, mis. 19860926 201505 1 001.', en: '18 digits; spaces allowed, e.g. 19860926 201505 1 001.' },
  fNipKind: { id: 'Jenis ASN', en: 'ASN type' },
  oAuto: { id: 'Otomatis (PNS atau PPPK)', en: 'Automatic (PNS or PPPK)' },
  fEmail: { id: 'Surel peserta (opsional)', en: 'Learner’s email (optional)' },
  hEmail: { id: 'Tidak dimasukkan ke kredensial.', en: 'Never put into the credential.' },
  fCourseId: { id: 'Kode pelatihan (opsional)', en: 'Course code (optional)' },
  hCourseId: { id: 'Kode milik Anda, mis. PKP-2025-01.', en: 'Your own code, e.g. PKP-2025-01.' },
  fCourseName: { id: 'Nama pelatihan', en: 'Course name' },
  fCourseDesc: { id: 'Deskripsi pelatihan', en: 'Course description' },
  fCompType: { id: 'Jenis kompetensi', en: 'Competency type' },
  fCompCode: { id: 'Kode kompetensi', en: 'Competency code' },
  hCompCode: { id: 'M.01–M.08 (manajerial), SK.01 (sosial kultural), T.<INSTANSI>.<nn> (teknis), P.<nn> (pemerintahan).', en: 'M.01–M.08 (managerial), SK.01 (socio-cultural), T.<AGENCY>.<nn> (technical), P.<nn> (governmental).' },
  fCompLevel: { id: 'Level kompetensi', en: 'Competency level' },
  fCompName: { id: 'Nama kompetensi', en: 'Competency name' },
  hCompName: { id: 'Wajib untuk teknis dan pemerintahan.', en: 'Required for technical and governmental.' },
  fJp: { id: 'Jam pelajaran (JP)', en: 'Learning hours (JP)' },
  hJp: { id: '1 JP = 45 menit; paling banyak 2 desimal.', en: '1 JP = 45 minutes; at most 2 decimals.' },
  fMode: { id: 'Bentuk pembelajaran', en: 'Learning mode' },
  fPath: { id: 'Jalur pembelajaran', en: 'Learning path' },
  fStart: { id: 'Tanggal mulai', en: 'Start date' },
  fEnd: { id: 'Tanggal selesai', en: 'End date' },
  fScore: { id: 'Nilai (0–100)', en: 'Score (0–100)' },
  fGrade: { id: 'Predikat', en: 'Grade' },
  hGrade: { id: 'Mis. Sangat Memuaskan.', en: 'E.g. Very good.' },
  required: { id: 'wajib', en: 'required' },
  fixFields: { id: 'Periksa kembali kolom yang ditandai.', en: 'Please check the marked fields.' },
  issuedTitle: { id: 'Kredensial terbit', en: 'Credential issued' },
  issuedFor: { id: 'untuk', en: 'for' },
  credentialId: { id: 'ID kredensial', en: 'Credential ID' },
  claimLink: { id: 'Tautan klaim untuk peserta', en: 'Claim link for the learner' },
  claimHelp: { id: 'Kirim tautan ini atau tunjukkan QR-nya kepada peserta untuk disimpan di dompet ASN. Sekali pakai; berlaku sampai', en: 'Send this link or show its QR to the learner to save it in the ASN wallet. Single use; valid until' },
  claimQrAlt: { id: 'Kode QR tautan klaim', en: 'QR code of the claim link' },
  claimLcw: { id: 'Peserta memakai Learner Credential Wallet? Buka tautan ini di ponselnya', en: 'Learner uses the Learner Credential Wallet? Open this link on their phone' },
  copy: { id: 'Salin tautan', en: 'Copy link' },
  copied: { id: 'Tersalin', en: 'Copied' },
  downloadPdf: { id: 'Unduh sertifikat (PDF)', en: 'Download certificate (PDF)' },
  manage: { id: 'Kelola status', en: 'Manage status' },
  issueAnother: { id: 'Terbitkan yang lain', en: 'Issue another' },
  cohortTitle: { id: 'Unggah kohort (CSV)', en: 'Upload a cohort (CSV)' },
  cohortHelp: { id: 'Terbitkan kredensial untuk banyak peserta sekaligus. Satu baris per peserta; baris pertama berisi nama kolom. Simpan sebagai CSV dipisah koma (UTF-8).', en: 'Issue credentials for many learners at once. One row per learner; the first row holds the column names. Save as comma-separated CSV (UTF-8).' },
  template: { id: 'Unduh templat CSV', en: 'Download CSV template' },
  columnsTitle: { id: 'Kolom CSV', en: 'CSV columns' },
  colColumn: { id: 'Kolom', en: 'Column' },
  colRequired: { id: 'Wajib', en: 'Required' },
  colMeaning: { id: 'Isi', en: 'Content' },
  yes: { id: 'ya', en: 'yes' },
  cohortFile: { id: 'Berkas CSV kohort', en: 'Cohort CSV file' },
  upload: { id: 'Unggah dan terbitkan', en: 'Upload and issue' },
  uploading: { id: 'Mengunggah…', en: 'Uploading…' },
  noFile: { id: 'Pilih berkas CSV terlebih dahulu.', en: 'Choose a CSV file first.' },
  semicolon: { id: 'Berkas ini dipisah titik koma (;). Simpan ulang sebagai “CSV (dipisah koma)”.', en: 'This file is separated by semicolons (;). Save it again as “CSV (comma delimited)”.' },
  unknownColumns: { id: 'Kolom tidak dikenal:', en: 'Unknown columns:' },
  stQueued: { id: 'Menunggu giliran', en: 'Queued' },
  stRunning: { id: 'Sedang diterbitkan', en: 'Issuing' },
  stCompleted: { id: 'Selesai', en: 'Completed' },
  stFailed: { id: 'Gagal sebagian: ada baris yang tidak dapat dibuka, kirim ulang baris itu', en: 'Partly failed: some rows could not be opened; send those rows again' },
  pDone: { id: 'terbit', en: 'issued' },
  pFailed: { id: 'gagal', en: 'failed' },
  pTotal: { id: 'total', en: 'total' },
  failedTitle: { id: 'Baris yang gagal', en: 'Failed rows' },
  failedHelp: { id: 'Perbaiki baris ini di berkas Anda lalu unggah hanya baris tersebut.', en: 'Fix these rows in your file and upload just those rows again.' },
  noFailed: { id: 'Semua baris berhasil diterbitkan.', en: 'Every row was issued.' },
  colRow: { id: 'Baris', en: 'Row' },
  colField: { id: 'Kolom', en: 'Column' },
  colError: { id: 'Kesalahan', en: 'Error' },
  rowHint: { id: 'Nomor baris data (baris judul tidak dihitung).', en: 'Data row number (the header row is not counted).' },
  claimLinks: { id: 'Unduh tautan klaim (CSV)', en: 'Download claim links (CSV)' },
  credsTitle: { id: 'Kredensial', en: 'Credentials' },
  credsHelp: { id: 'Cari kredensial dengan ID-nya untuk mencabut, menangguhkan, atau memulihkannya. Perubahan status langsung terlihat oleh verifikator.', en: 'Look up a credential by its ID to revoke, suspend or reinstate it. Status changes reach verifiers right away.' },
  find: { id: 'Cari', en: 'Find' },
  badId: { id: 'ID kredensial berbentuk urn:uuid:… (36 karakter setelahnya).', en: 'A credential ID looks like urn:uuid:… (36 characters after it).' },
  notFound: { id: 'Kredensial tidak ditemukan di antara kredensial penyedia ini.', en: 'No such credential among this provider’s credentials.' },
  sessionTitle: { id: 'Diterbitkan di sesi ini', en: 'Issued in this session' },
  sessionEmpty: { id: 'Belum ada kredensial yang diterbitkan di sesi ini.', en: 'No credentials issued in this session yet.' },
  learner: { id: 'Peserta', en: 'Learner' },
  course: { id: 'Pelatihan', en: 'Training' },
  competency: { id: 'Kompetensi', en: 'Competency' },
  jp: { id: 'JP', en: 'JP' },
  dates: { id: 'Tanggal', en: 'Dates' },
  issuedAt: { id: 'Diterbitkan', en: 'Issued' },
  status: { id: 'Status', en: 'Status' },
  sActive: { id: 'Aktif', en: 'Active' },
  sSuspended: { id: 'Ditangguhkan', en: 'Suspended' },
  sRevoked: { id: 'Dicabut', en: 'Revoked' },
  revoke: { id: 'Cabut', en: 'Revoke' },
  suspend: { id: 'Tangguhkan', en: 'Suspend' },
  reinstate: { id: 'Pulihkan', en: 'Reinstate' },
  confirmRevoke: { id: 'Cabut kredensial ini? Pencabutan bersifat final dan tidak dapat dibatalkan.', en: 'Revoke this credential? Revocation is final and cannot be undone.' },
  revokedNow: { id: 'Kredensial dicabut. Verifikator akan menolaknya.', en: 'Credential revoked. Verifiers will refuse it.' },
  suspendedNow: { id: 'Kredensial ditangguhkan. Dapat dipulihkan kapan saja.', en: 'Credential suspended. It can be reinstated at any time.' },
  activeNow: { id: 'Kredensial dipulihkan dan aktif kembali.', en: 'Credential reinstated and active again.' },
  revokedFinal: { id: 'Pencabutan bersifat final.', en: 'Revocation is final.' },
  open: { id: 'Buka', en: 'Open' },
  network: { id: 'Server penerbit tidak dapat dihubungi. Coba lagi.', en: 'The issuer cannot be reached. Try again.' },
  rateLimited: { id: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.', en: 'Too many requests. Wait a moment and try again.' },
  footer: { id: 'Data pribadi dilindungi (UU 27/2022): NIP disimpan sebagai hash bergaram dan disamarkan di sertifikat.', en: 'Personal data is protected (Law 27/2022): the NIP is stored as a salted hash and masked on certificates.' },
};

const KEY_STORE = 'portal.apiKey';
const ISSUED_STORE = 'portal.issued';

let lang: Lang = localStorage.getItem('lang') === 'en' ? 'en' : 'id';
let apiKey: string | undefined;
let who: Who | undefined;
const rerenders = new Map<string, () => void>();

const $ = byId;
const t = (key: string): string => UI[key]?.[lang] ?? key;
const loc = (x: Text | undefined): string => (x ? x[lang] : '');


/** A message from the server (`{id, en}`) or a plain string, in the current language. */
function textOf(m: unknown): string {
  if (typeof m === 'string') return m;
  if (m && typeof m === 'object') {
    const o = m as Partial<Text>;
    return (lang === 'en' ? o.en ?? o.id : o.id ?? o.en) ?? '';
  }
  return '';
}

const showError = showMessage;

function applyLanguage(): void {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n ?? '');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-opt]')) el.textContent = optionLabel(el.dataset.i18nOpt ?? '');
  $('lang').textContent = lang === 'id' ? 'EN' : 'ID';
  $('lang').setAttribute('aria-label', lang === 'id' ? 'Switch to English' : 'Ganti ke Bahasa Indonesia');
  renderWho();
  for (const f of rerenders.values()) f();
}

// ---------------------------------------------------------------------------------------
// API

async function api(method: string, path: string, body?: { json?: unknown; csv?: string }, extraHeaders: Record<string, string> = {}): Promise<unknown> {
  const headers: Record<string, string> = { ...extraHeaders, authorization: `Bearer ${apiKey ?? ''}` };
  let payload: string | undefined;
  if (body?.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body?.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    payload = body.csv;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, ...(payload !== undefined ? { body: payload } : {}), cache: 'no-store' });
  } catch {
    throw { status: 0, code: 'NETWORK', message: t('network') } satisfies ApiError;
  }
  const parsed: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = (parsed ?? {}) as Partial<ApiError>;
    const err: ApiError = { status: res.status, code: e.code ?? 'HTTP_ERROR', message: e.message ?? `HTTP ${res.status}`, ...(e.messageId ? { messageId: e.messageId } : {}), details: e.details };
    if (res.status === 401 && who) {
      signOut();
      showError('login-error', t('signedOutExpired'));
    }
    throw err;
  }
  return parsed;
}

function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'status' in e && 'code' in e;
}

/** A sentence for an error the user cannot fix field by field. */
function errorText(e: unknown): string {
  if (!isApiError(e)) return t('network');
  if (e.status === 0) return t('network');
  if (e.status === 429) return t('rateLimited');
  if (e.status === 404 && e.code === 'CREDENTIAL_NOT_FOUND') return t('notFound');
  return (lang === 'id' ? e.messageId : undefined) ?? e.message;
}

// ---------------------------------------------------------------------------------------
// Sign in / out

function renderWho(): void {
  const el = $('who');
  el.textContent = who ? who.name : '';
  el.title = who ? `${who.name} (${who.providerId})` : '';
}

async function signIn(key: string, quiet = false): Promise<boolean> {
  apiKey = key;
  try {
    who = (await api('GET', '/portal/api/whoami')) as Who;
  } catch (e) {
    apiKey = undefined;
    who = undefined;
    sessionStorage.removeItem(KEY_STORE);
    if (!quiet) showError('login-error', isApiError(e) && e.status === 401 ? t('keyRejected') : isApiError(e) && e.status === 403 ? t('keyNotProvider') : errorText(e));
    return false;
  }
  sessionStorage.setItem(KEY_STORE, key);
  showError('login-error', undefined);
  $('login-card').hidden = true;
  $('work').hidden = false;
  $('signout').hidden = false;
  renderWho();
  renderSessionList();
  return true;
}

function signOut(): void {
  apiKey = undefined;
  who = undefined;
  stopPolling();
  sessionStorage.removeItem(KEY_STORE);
  sessionStorage.removeItem(ISSUED_STORE);
  $('work').hidden = true;
  $('signout').hidden = true;
  $('login-card').hidden = false;
  $<HTMLInputElement>('api-key').value = '';
  $<HTMLFormElement>('issue-form').reset();
  clearFieldErrors();
  for (const id of ['issue-result']) $(id).hidden = true;
  for (const id of ['cohort-failed', 'cred-detail', 'session-list']) $(id).replaceChildren();
  $('cohort-progress').hidden = true;
  for (const k of ['issued', 'cred', 'session', 'progress', 'failed', 'fieldErrors']) rerenders.delete(k);
  renderWho();
  $('login-title').focus();
}

// ---------------------------------------------------------------------------------------
// Tabs

const TABS = ['issue', 'cohort', 'creds'] as const;
type Tab = (typeof TABS)[number];

function selectTab(name: Tab, focusTab = false): void {
  for (const n of TABS) {
    const tab = $(`tab-${n}`);
    tab.setAttribute('aria-selected', String(n === name));
    tab.tabIndex = n === name ? 0 : -1;
    $(`panel-${n}`).hidden = n !== name;
  }
  if (focusTab) $(`tab-${name}`).focus();
}

function setupTabs(): void {
  TABS.forEach((n, i) => {
    const tab = $(`tab-${n}`);
    tab.addEventListener('click', () => selectTab(n));
    tab.addEventListener('keydown', (ev) => {
      const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (ev.key === 'Home' || ev.key === 'End') {
        ev.preventDefault();
        selectTab(ev.key === 'Home' ? TABS[0] : TABS[TABS.length - 1] ?? 'creds', true);
      } else if (step) {
        ev.preventDefault();
        selectTab(TABS[(i + step + TABS.length) % TABS.length] ?? 'issue', true);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------
// Issue one: the form is generated from this list; `path` is the LearningInput field path
// the API names in its 422 details.

interface FieldSpec {
  name: string;
  path: string;
  label: string;
  hint?: string;
  kind: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'email';
  required?: boolean;
  options?: () => string[];
  attrs?: Record<string, string>;
  group: 'gLearner' | 'gCourse' | 'gCompetency' | 'gLearning' | 'gResult';
  wide?: boolean;
}

const FIELDS: FieldSpec[] = [
  { name: 'name', path: 'learner.name', label: 'fName', kind: 'text', required: true, group: 'gLearner', attrs: { autocomplete: 'off', maxlength: '200' } },
  { name: 'nip', path: 'learner.nip', label: 'fNip', hint: 'hNip', kind: 'text', required: true, group: 'gLearner', attrs: { inputmode: 'numeric', autocomplete: 'off', maxlength: '64', spellcheck: 'false' } },
  { name: 'nipKind', path: 'learner.nipKind', label: 'fNipKind', kind: 'select', group: 'gLearner', options: () => ['', 'PNS', 'PPPK'] },
  { name: 'email', path: 'learner.email', label: 'fEmail', hint: 'hEmail', kind: 'email', group: 'gLearner', attrs: { autocomplete: 'off' } },
  { name: 'courseId', path: 'course.id', label: 'fCourseId', hint: 'hCourseId', kind: 'text', group: 'gCourse', attrs: { maxlength: '64', spellcheck: 'false' } },
  { name: 'courseName', path: 'course.name', label: 'fCourseName', kind: 'text', required: true, group: 'gCourse', attrs: { maxlength: '300' } },
  { name: 'courseDescription', path: 'course.description', label: 'fCourseDesc', kind: 'textarea', required: true, group: 'gCourse', wide: true, attrs: { rows: '3', maxlength: '4000' } },
  { name: 'competencyType', path: 'competency.type', label: 'fCompType', kind: 'select', required: true, group: 'gCompetency', options: () => [...COMPETENCY_TYPES] },
  { name: 'competencyCode', path: 'competency.code', label: 'fCompCode', hint: 'hCompCode', kind: 'text', required: true, group: 'gCompetency', attrs: { maxlength: '40', spellcheck: 'false', list: 'competency-codes' } },
  { name: 'competencyLevel', path: 'competency.level', label: 'fCompLevel', kind: 'select', required: true, group: 'gCompetency', options: () => ['1', '2', '3', '4', '5'] },
  { name: 'competencyName', path: 'competency.name', label: 'fCompName', hint: 'hCompName', kind: 'text', group: 'gCompetency', attrs: { maxlength: '200' } },
  { name: 'learningMode', path: 'learningMode', label: 'fMode', kind: 'select', required: true, group: 'gLearning', options: () => [...LEARNING_MODES] },
  { name: 'learningPath', path: 'learningPath', label: 'fPath', kind: 'select', required: true, group: 'gLearning', options: () => pathsFor(fieldValue('learningMode')) },
  { name: 'startDate', path: 'startDate', label: 'fStart', kind: 'date', required: true, group: 'gLearning' },
  { name: 'endDate', path: 'endDate', label: 'fEnd', kind: 'date', required: true, group: 'gLearning' },
  { name: 'jp', path: 'jp', label: 'fJp', hint: 'hJp', kind: 'number', required: true, group: 'gLearning', attrs: { min: '0.01', max: '1000', step: '0.01', inputmode: 'decimal' } },
  { name: 'score', path: 'result.score', label: 'fScore', kind: 'number', group: 'gResult', attrs: { min: '0', max: '100', step: '0.01', inputmode: 'decimal' } },
  { name: 'grade', path: 'result.grade', label: 'fGrade', hint: 'hGrade', kind: 'text', group: 'gResult', attrs: { maxlength: '20' } },
];
const GROUPS = ['gLearner', 'gCourse', 'gCompetency', 'gLearning', 'gResult'] as const;
const COMPETENCY_CODES = ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01'];

function pathsFor(mode: string): string[] {
  return mode === 'nonklasikal' ? [...NONKLASIKAL_PATHS] : [...KLASIKAL_PATHS];
}

/** Label of a select option, by `<field>:<value>`. */
function optionLabel(key: string): string {
  const [field, value = ''] = key.split(':');
  if (field === 'nipKind') return value === '' ? t('oAuto') : value;
  if (field === 'competencyType') return loc(COMPETENCY_TYPE_LABELS[value as keyof typeof COMPETENCY_TYPE_LABELS]);
  if (field === 'learningMode') return loc(LEARNING_MODE_LABELS[value as keyof typeof LEARNING_MODE_LABELS]);
  if (field === 'learningPath') return loc(LEARNING_PATH_LABELS[value as keyof typeof LEARNING_PATH_LABELS]);
  return value;
}

const fieldId = (name: string): string => `f-${name}`;
function fieldInput(name: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  return $(fieldId(name)) as HTMLInputElement;
}
function fieldValue(name: string): string {
  const el = document.getElementById(fieldId(name)) as HTMLInputElement | null;
  return el ? el.value.trim() : '';
}

function fillOptions(spec: FieldSpec, select: HTMLSelectElement): void {
  const keep = select.value;
  select.replaceChildren(...(spec.options?.() ?? []).map((v) => h('option', { value: v, 'data-i18n-opt': `${spec.name}:${v}` }, optionLabel(`${spec.name}:${v}`))));
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
}

function buildIssueForm(): void {
  const root = $('issue-fields');
  const list = h('datalist', { id: 'competency-codes' }, ...COMPETENCY_CODES.map((c) => h('option', { value: c })));
  root.append(list);
  for (const g of GROUPS) {
    const grid = h('div', { class: 'fields' });
    const fs = h('fieldset', { class: 'group' }, h('legend', { 'data-i18n': g }, t(g)), grid);
    for (const spec of FIELDS.filter((f) => f.group === g)) {
      const id = fieldId(spec.name);
      const describedBy = [spec.hint ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' ');
      const label = h('label', { for: id }, h('span', { 'data-i18n': spec.label }, t(spec.label)));
      if (spec.required) label.append(h('span', { class: 'req', 'aria-hidden': 'true' }, ' *'));
      let input: HTMLElement;
      if (spec.kind === 'select') {
        input = h('select', { id, name: spec.name, 'aria-describedby': describedBy });
        fillOptions(spec, input as HTMLSelectElement);
      } else if (spec.kind === 'textarea') {
        input = h('textarea', { id, name: spec.name, 'aria-describedby': describedBy, ...(spec.attrs ?? {}) });
      } else {
        input = h('input', { id, name: spec.name, type: spec.kind, 'aria-describedby': describedBy, ...(spec.attrs ?? {}) });
      }
      if (spec.required) input.setAttribute('aria-required', 'true');
      const field = h('div', { class: `field${spec.wide ? ' wide' : ''}`, id: `${id}-box` }, label);
      if (spec.hint) field.append(h('p', { class: 'hint', id: `${id}-hint`, 'data-i18n': spec.hint }, t(spec.hint)));
      field.append(input, h('p', { class: 'field-error', id: `${id}-err`, hidden: '' }));
      grid.append(field);
    }
    root.append(fs);
  }
  const level = fieldInput('competencyLevel') as HTMLSelectElement;
  level.value = '3';
  fieldInput('learningMode').addEventListener('change', () => {
    const spec = FIELDS.find((f) => f.name === 'learningPath');
    if (spec) fillOptions(spec, fieldInput('learningPath') as HTMLSelectElement);
  });
  $('issue-form').addEventListener('reset', () => {
    clearFieldErrors();
    showError('issue-error', undefined);
    // After the browser has reset the values, rebuild the paths for the default mode.
    setTimeout(() => {
      const spec = FIELDS.find((f) => f.name === 'learningPath');
      if (spec) fillOptions(spec, fieldInput('learningPath') as HTMLSelectElement);
      level.value = '3';
    });
  });
}

/** The request body: empty fields are left out so the API names them as missing. */
function formBody(): Record<string, unknown> {
  const v = (n: string): string | undefined => fieldValue(n) || undefined;
  const n = (name: string): number | string | undefined => {
    const s = v(name);
    if (s === undefined) return undefined;
    const x = Number(s);
    return Number.isFinite(x) ? x : s;
  };
  const prune = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
  const result = prune({ score: n('score'), grade: v('grade') });
  return prune({
    learner: prune({ name: v('name'), nip: v('nip'), nipKind: v('nipKind'), email: v('email') }),
    course: prune({ id: v('courseId'), name: v('courseName'), description: v('courseDescription') }),
    competency: prune({ type: v('competencyType'), code: v('competencyCode'), level: n('competencyLevel'), name: v('competencyName') }),
    jp: n('jp'),
    learningMode: v('learningMode'),
    learningPath: v('learningPath'),
    startDate: v('startDate'),
    endDate: v('endDate'),
    ...(Object.keys(result).length > 0 ? { result } : {}),
  });
}

/** The form field an API field path belongs to (longest matching path). */
function specForPath(path: string): FieldSpec | undefined {
  if (path === 'result') return FIELDS.find((f) => f.name === 'score');
  let best: FieldSpec | undefined;
  for (const f of FIELDS) if ((path === f.path || path.startsWith(`${f.path}.`)) && (!best || f.path.length > best.path.length)) best = f;
  return best;
}

function clearFieldErrors(): void {
  rerenders.delete('fieldErrors');
  for (const f of FIELDS) {
    const err = document.getElementById(`${fieldId(f.name)}-err`);
    if (!err) continue;
    err.textContent = '';
    err.hidden = true;
    fieldInput(f.name).removeAttribute('aria-invalid');
    $(`${fieldId(f.name)}-box`).classList.remove('invalid');
  }
}

function showFieldErrors(details: FieldError[]): void {
  const render = (): void => {
    const byField = new Map<string, string[]>();
    const general: string[] = [];
    for (const d of details) {
      const spec = specForPath(d.field);
      const msg = textOf(d.message) || d.code;
      if (spec) byField.set(spec.name, [...(byField.get(spec.name) ?? []), msg]);
      else general.push(d.field ? `${d.field}: ${msg}` : msg);
    }
    for (const f of FIELDS) {
      const msgs = byField.get(f.name);
      const err = $(`${fieldId(f.name)}-err`);
      err.textContent = msgs ? [...new Set(msgs)].join(' ') : '';
      err.hidden = !msgs;
      if (msgs) fieldInput(f.name).setAttribute('aria-invalid', 'true');
      else fieldInput(f.name).removeAttribute('aria-invalid');
      $(`${fieldId(f.name)}-box`).classList.toggle('invalid', Boolean(msgs));
    }
    showError('issue-error', [t('fixFields'), ...general].join(' '));
  };
  clearFieldErrors();
  render();
  rerenders.set('fieldErrors', render);
  const first = FIELDS.find((f) => fieldInput(f.name).getAttribute('aria-invalid') === 'true');
  if (first) fieldInput(first.name).focus();
}

interface IssueResponse {
  verifiableCredential: Record<string, unknown>;
  credentialRecord: string;
  claimOffer?: { url: string; exchangeUrl: string; qr: string; lcwDeepLink?: string; expiresAt: string };
  certificate: { pdf: string; verificationUrl: string };
}

let pendingIssue: { body: string; key: string } | undefined;

async function submitIssue(ev: SubmitEvent): Promise<void> {
  ev.preventDefault();
  const button = $<HTMLButtonElement>('issue-submit');
  clearFieldErrors();
  showError('issue-error', undefined);
  button.disabled = true;
  button.textContent = t('issuing');
  try {
    // One key per form content: a retry after a lost answer returns the same credential
    // instead of issuing twice; a changed form is a new request.
    const body = formBody();
    const bodyText = JSON.stringify(body);
    if (pendingIssue?.body !== bodyText) pendingIssue = { body: bodyText, key: crypto.randomUUID() };
    const res = (await api('POST', '/learning-credentials', { json: body }, { 'idempotency-key': pendingIssue.key })) as IssueResponse;
    pendingIssue = undefined;
    const key = res.credentialRecord.split('/').pop() ?? '';
    const summary = readLearningCredential(res.verifiableCredential);
    const credentialId = typeof res.verifiableCredential.id === 'string' ? res.verifiableCredential.id : `urn:uuid:${key}`;
    rememberIssued({ key, credentialId, learner: summary?.name ?? '', course: summary?.courseName ?? '', issuedAt: new Date(Date.now()).toISOString(), state: 'active' });
    showIssued(res, key, credentialId, summary?.name ?? '');
  } catch (e) {
    if (isApiError(e) && e.status === 422 && Array.isArray(e.details)) showFieldErrors(e.details as FieldError[]);
    else showError('issue-error', errorText(e));
  } finally {
    button.disabled = false;
    button.textContent = t('issueSubmit');
  }
}

function showIssued(res: IssueResponse, key: string, credentialId: string, learner: string): void {
  const box = $('issue-result');
  const render = (): void => {
    const items: Node[] = [h('h2', { class: 'ok-title' }, h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓'), `${t('issuedTitle')} ${t('issuedFor')} `, h('span', { class: 'learner-name' }, learner))];
    const facts = h('dl', { class: 'facts' }, h('dt', {}, t('credentialId')), h('dd', {}, h('code', { id: 'issued-id' }, credentialId)));
    items.push(facts);
    if (res.claimOffer) {
      const offer = res.claimOffer;
      const qrPath = sameOriginPath(offer.qr);
      const link = h('code', { id: 'claim-link', class: 'claim-link' }, offer.url);
      const copy = h('button', { type: 'button', class: 'btn btn-small' }, t('copy'));
      copy.addEventListener('click', () => {
        void navigator.clipboard?.writeText(offer.url).then(() => {
          copy.textContent = t('copied');
        }, () => undefined);
      });
      items.push(
        h('div', { class: 'claim' },
          h('img', { src: qrPath, alt: t('claimQrAlt'), width: '168', height: '168', class: 'qr', id: 'claim-qr' }),
          h('div', { class: 'claim-text' },
            h('h3', {}, t('claimLink')),
            h('p', { class: 'hint' }, `${t('claimHelp')} ${formatDateTime(offer.expiresAt)}.`),
            link,
            h('div', { class: 'row wrap' }, copy),
            ...(offer.lcwDeepLink ? [h('p', { class: 'hint' }, h('a', { href: offer.lcwDeepLink, id: 'claim-lcw' }, t('claimLcw')))] : []))),
      );
    }
    const pdf = h('button', { type: 'button', class: 'btn btn-primary', id: 'download-pdf' }, t('downloadPdf'));
    pdf.addEventListener('click', () => void downloadPdf(sameOriginPath(res.certificate.pdf), key, pdf as HTMLButtonElement));
    const manage = h('button', { type: 'button', class: 'btn' }, t('manage'));
    manage.addEventListener('click', () => {
      selectTab('creds');
      void lookup(key);
    });
    const again = h('button', { type: 'button', class: 'btn btn-ghost' }, t('issueAnother'));
    again.addEventListener('click', () => {
      box.hidden = true;
      $<HTMLFormElement>('issue-form').reset();
      fieldInput('name').focus();
    });
    items.push(h('div', { class: 'row wrap' }, pdf, manage, again));
    box.replaceChildren(...items);
  };
  render();
  rerenders.set('issued', render);
  box.hidden = false;
  box.focus();
  box.scrollIntoView({ block: 'start' });
}

/** The path of a URL the issuer gave (its public URL may differ from this page's origin). */
function sameOriginPath(u: string): string {
  try {
    const url = new URL(u, location.href);
    return url.pathname + url.search;
  } catch {
    return u;
  }
}

function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return iso;
  return d.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }) + ' WIB';
}

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: '' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function downloadPdf(path: string, key: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const res = await fetch(path, { headers: { authorization: `Bearer ${apiKey ?? ''}` }, cache: 'no-store' });
    if (!res.ok) throw { status: res.status, code: 'PDF', message: `HTTP ${res.status}` } satisfies ApiError;
    saveBlob(await res.blob(), `sertifikat-${key}.pdf`);
  } catch (e) {
    showError('issue-error', errorText(e));
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------
// Session list (sessionStorage; cleared on sign-out)

function issuedList(): Issued[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(ISSUED_STORE) ?? '[]');
    return Array.isArray(v) ? (v as Issued[]) : [];
  } catch {
    return [];
  }
}

function rememberIssued(item: Issued): void {
  const list = [item, ...issuedList().filter((x) => x.key !== item.key)].slice(0, 200);
  sessionStorage.setItem(ISSUED_STORE, JSON.stringify(list));
  renderSessionList();
}

function updateIssuedState(key: string, state: CredState): void {
  const list = issuedList();
  const item = list.find((x) => x.key === key);
  if (!item) return;
  item.state = state;
  sessionStorage.setItem(ISSUED_STORE, JSON.stringify(list));
  renderSessionList();
}

const STATE_LABEL: Record<CredState, string> = { active: 'sActive', suspended: 'sSuspended', revoked: 'sRevoked' };
const STATE_CLASS: Record<CredState, string> = { active: 'ok', suspended: 'unk', revoked: 'bad' };

function renderSessionList(): void {
  const box = $('session-list');
  const render = (): void => {
    const list = issuedList();
    if (list.length === 0) {
      box.replaceChildren(h('p', { class: 'hint' }, t('sessionEmpty')));
      return;
    }
    const rows = list.map((x) => {
      const open = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${t('open')}: ${x.learner}` }, t('open'));
      open.addEventListener('click', () => void lookup(x.key));
      return h('tr', {}, h('td', {}, x.learner), h('td', {}, x.course), h('td', {}, h('span', { class: `pill ${STATE_CLASS[x.state]}` }, t(STATE_LABEL[x.state]))), h('td', {}, open));
    });
    box.replaceChildren(h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('learner')), h('th', { scope: 'col' }, t('course')), h('th', { scope: 'col' }, t('status')), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('open'))))), h('tbody', {}, ...rows))));
  };
  render();
  rerenders.set('session', render);
}

// ---------------------------------------------------------------------------------------
// Credentials: look up, revoke, suspend, reinstate

interface CredentialView {
  credentialId: string;
  verifiableCredential: unknown;
  revoked: boolean;
  suspended: boolean;
  issuedAt: string;
  claimOffer?: { url: string; expiresAt: string; used: boolean };
}

function keyOf(input: string): string | undefined {
  const m = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(input.trim());
  return m?.[1]?.toLowerCase();
}

async function lookup(raw: string): Promise<void> {
  showError('lookup-error', undefined);
  const key = keyOf(raw);
  const input = $<HTMLInputElement>('lookup-id');
  if (!key) {
    input.setAttribute('aria-invalid', 'true');
    showError('lookup-error', t('badId'));
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  input.value = `urn:uuid:${key}`;
  try {
    const rec = (await api('GET', `/credentials/${encodeURIComponent(key)}`)) as CredentialView;
    renderCredential(key, rec);
  } catch (e) {
    $('cred-detail').replaceChildren();
    rerenders.delete('cred');
    showError('lookup-error', errorText(e));
  }
}

function stateOf(rec: { revoked: boolean; suspended: boolean }): CredState {
  return rec.revoked ? 'revoked' : rec.suspended ? 'suspended' : 'active';
}

function renderCredential(key: string, rec: CredentialView, notice?: string): void {
  const box = $('cred-detail');
  const s = readLearningCredential(rec.verifiableCredential);
  const state = stateOf(rec);
  const render = (): void => {
    const dl = h('dl', { class: 'facts' });
    const add = (k: string, v: Node | string): void => {
      dl.append(h('dt', {}, t(k)), h('dd', {}, v));
    };
    add('credentialId', h('code', {}, rec.credentialId));
    if (s) {
      add('learner', s.name);
      add('course', s.courseName);
      add('competency', `${s.competency.code} ${s.competency.name} (level ${s.competency.level})`);
      add('jp', String(s.jp));
      add('dates', `${s.startDate} – ${s.endDate}`);
    }
    add('issuedAt', formatDateTime(rec.issuedAt));
    add('status', h('span', { class: `pill ${STATE_CLASS[state]}`, id: 'cred-status' }, t(STATE_LABEL[state])));
    const buttons: HTMLElement[] = [];
    if (state === 'revoked') buttons.push(h('p', { class: 'hint' }, t('revokedFinal')));
    else {
      const revoke = h('button', { type: 'button', class: 'btn btn-danger' }, t('revoke'));
      revoke.addEventListener('click', () => {
        if (window.confirm(t('confirmRevoke'))) void changeStatus(key, rec, 'revoked');
      });
      const toggle = state === 'suspended' ? h('button', { type: 'button', class: 'btn' }, t('reinstate')) : h('button', { type: 'button', class: 'btn' }, t('suspend'));
      toggle.addEventListener('click', () => void changeStatus(key, rec, state === 'suspended' ? 'active' : 'suspended'));
      buttons.push(toggle, revoke);
    }
    const note = notice ? h('p', { class: state === 'active' ? 'success' : state === 'revoked' ? 'error' : 'note', role: 'status' }, t(notice)) : undefined;
    box.replaceChildren(h('div', { class: 'cred' }, dl, note, h('div', { class: 'row wrap' }, ...buttons)));
  };
  render();
  rerenders.set('cred', render);
}

async function changeStatus(key: string, rec: CredentialView, to: CredState): Promise<void> {
  showError('lookup-error', undefined);
  for (const b of $('cred-detail').querySelectorAll('button')) b.disabled = true;
  try {
    const r = (await api('POST', '/credentials/status', { json: { credentialId: rec.credentialId, credentialStatus: [{ status: to }] } })) as { revoked: boolean; suspended: boolean };
    const next = { ...rec, revoked: r.revoked, suspended: r.suspended };
    const state = stateOf(next);
    updateIssuedState(key, state);
    renderCredential(key, next, state === 'revoked' ? 'revokedNow' : state === 'suspended' ? 'suspendedNow' : 'activeNow');
    $('cred-status').focus();
  } catch (e) {
    showError('lookup-error', errorText(e));
    for (const b of $('cred-detail').querySelectorAll('button')) b.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------
// Cohort upload

const COLUMN_HELP: Record<string, { req?: boolean; text: Text }> = {
  name: { req: true, text: { id: 'Nama peserta', en: 'Learner’s name' } },
  nip: { req: true, text: { id: 'NIP 18 angka (spasi boleh)', en: '18-digit NIP (spaces allowed)' } },
  nipKind: { text: { id: 'PNS atau PPPK (kosong = otomatis)', en: 'PNS or PPPK (empty = automatic)' } },
  email: { text: { id: 'Surel peserta (tidak masuk kredensial)', en: 'Learner’s email (not in the credential)' } },
  courseId: { text: { id: 'Kode pelatihan Anda', en: 'Your course code' } },
  courseName: { req: true, text: { id: 'Nama pelatihan', en: 'Course name (Indonesian)' } },
  courseNameEn: { text: { id: 'Nama pelatihan (Inggris)', en: 'Course name (English)' } },
  courseDescription: { req: true, text: { id: 'Deskripsi pelatihan', en: 'Course description (Indonesian)' } },
  courseDescriptionEn: { text: { id: 'Deskripsi (Inggris)', en: 'Description (English)' } },
  criteria: { text: { id: 'Kriteria kelulusan', en: 'Completion criteria' } },
  competencyType: { req: true, text: { id: 'teknis, manajerial, sosial-kultural, pemerintahan', en: 'teknis, manajerial, sosial-kultural, pemerintahan' } },
  competencyCode: { req: true, text: { id: 'mis. M.01, SK.01, T.BKN.01, P.01', en: 'e.g. M.01, SK.01, T.BKN.01, P.01' } },
  competencyLevel: { req: true, text: { id: 'Level 1–5', en: 'Level 1–5' } },
  competencyName: { text: { id: 'Nama kompetensi (wajib untuk teknis/pemerintahan)', en: 'Competency name (required for teknis/pemerintahan)' } },
  competencyNameEn: { text: { id: 'Nama kompetensi (Inggris)', en: 'Competency name (English)' } },
  jp: { req: true, text: { id: 'Jam pelajaran, mis. 40 atau 2.5', en: 'Learning hours, e.g. 40 or 2.5' } },
  learningMode: { req: true, text: { id: 'klasikal atau nonklasikal', en: 'klasikal or nonklasikal' } },
  learningPath: { req: true, text: { id: 'mis. pelatihan, seminar, e-learning, coaching', en: 'e.g. pelatihan, seminar, e-learning, coaching' } },
  startDate: { req: true, text: { id: 'Tanggal mulai, YYYY-MM-DD', en: 'Start date, YYYY-MM-DD' } },
  endDate: { req: true, text: { id: 'Tanggal selesai, YYYY-MM-DD', en: 'End date, YYYY-MM-DD' } },
  validUntil: { text: { id: 'Berlaku sampai, mis. 2030-12-31T23:59:59+07:00', en: 'Valid until, e.g. 2030-12-31T23:59:59+07:00' } },
  score: { text: { id: 'Nilai 0–100', en: 'Score 0–100' } },
  grade: { text: { id: 'Predikat', en: 'Grade' } },
  passed: { text: { id: 'Lulus: ya/tidak', en: 'Passed: yes/no' } },
  evidenceUrl: { text: { id: 'Tautan bukti (https)', en: 'Evidence link (https)' } },
};

const TEMPLATE_EXAMPLE: Record<string, string> = {
  name: 'Siti Rahmawati',
  nip: '19860926 201505 2 001',
  courseId: 'PKP-2025-01',
  courseName: 'Pelatihan Kepemimpinan Pengawas',
  courseDescription: 'Pelatihan kepemimpinan tingkat pengawas.',
  competencyType: 'manajerial',
  competencyCode: 'M.01',
  competencyLevel: '3',
  jp: '40',
  learningMode: 'klasikal',
  learningPath: 'pelatihan',
  startDate: '2025-03-01',
  endDate: '2025-03-10',
  score: '88.5',
};

/** API field path → CSV column (longest prefix wins), so row errors name the column the user typed. */
const PATH_TO_COLUMN: Array<[string, string]> = [
  ['learner.name', 'name'], ['learner.nip', 'nip'], ['learner.nipKind', 'nipKind'], ['learner.email', 'email'],
  ['course.id', 'courseId'], ['course.name', 'courseName'], ['course.name.en', 'courseNameEn'], ['course.description', 'courseDescription'],
  ['course.description.en', 'courseDescriptionEn'], ['course.criteria', 'criteria'], ['competency.type', 'competencyType'], ['competency.code', 'competencyCode'],
  ['competency.level', 'competencyLevel'], ['competency.name', 'competencyName'], ['competency.name.en', 'competencyNameEn'], ['jp', 'jp'],
  ['learningMode', 'learningMode'], ['learningPath', 'learningPath'], ['startDate', 'startDate'], ['endDate', 'endDate'], ['validUntil', 'validUntil'],
  ['result.score', 'score'], ['result.grade', 'grade'], ['result.passed', 'passed'], ['evidenceUrl', 'evidenceUrl'],
];

function columnOf(path: string): string {
  let best: [string, string] | undefined;
  for (const p of PATH_TO_COLUMN) if ((path === p[0] || path.startsWith(`${p[0]}.`)) && (!best || p[0].length > best[0].length)) best = p;
  return best?.[1] ?? path;
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

function downloadTemplate(): void {
  const header = CSV_COLUMNS.join(',');
  const example = CSV_COLUMNS.map((c) => csvCell(TEMPLATE_EXAMPLE[c] ?? '')).join(',');
  // BOM: spreadsheet programs then read the file as UTF-8 (the issuer ignores it).
  saveBlob(new Blob([`\ufeff${header}\r\n${example}\r\n`], { type: 'text/csv;charset=utf-8' }), 'templat-kohort.csv');
}

function renderColumns(): void {
  const table = $('columns-table');
  const render = (): void => {
    table.replaceChildren(
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('colColumn')), h('th', { scope: 'col' }, t('colRequired')), h('th', { scope: 'col' }, t('colMeaning')))),
      h('tbody', {}, ...CSV_COLUMNS.map((c) => h('tr', {}, h('td', {}, h('code', {}, c)), h('td', {}, COLUMN_HELP[c]?.req ? t('yes') : ''), h('td', {}, loc(COLUMN_HELP[c]?.text))))),
    );
  };
  render();
  rerenders.set('columns', render);
}

interface BatchView { id: string; state: 'queued' | 'running' | 'completed' | 'failed'; total: number; done: number; failed: number; pending: number; failedReason?: string }
interface BatchRowView { row: number; state: string; credentialId?: string; claimOffer?: string; errors?: FieldError[] }

let pollTimer: ReturnType<typeof setTimeout> | undefined;
let pollGeneration = 0;
function stopPolling(): void {
  pollGeneration++;
  if (pollTimer) clearTimeout(pollTimer);
  pollTimer = undefined;
}

async function submitCohort(ev: SubmitEvent): Promise<void> {
  ev.preventDefault();
  showError('cohort-error', undefined);
  const input = $<HTMLInputElement>('cohort-file');
  const file = input.files?.[0];
  if (!file) {
    showError('cohort-error', t('noFile'));
    input.focus();
    return;
  }
  const text = await file.text();
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.includes(';') && !firstLine.includes(',')) {
    showError('cohort-error', t('semicolon'));
    return;
  }
  const button = $<HTMLButtonElement>('cohort-submit');
  button.disabled = true;
  button.textContent = t('uploading');
  stopPolling();
  $('cohort-failed').replaceChildren();
  rerenders.delete('failed');
  try {
    const job = (await api('POST', '/batches', { csv: text })) as BatchView;
    renderProgress(job);
    void poll(job.id, pollGeneration);
  } catch (e) {
    if (isApiError(e) && e.code === 'CSV_UNKNOWN_COLUMN') {
      const unknown = (e.details as { unknown?: string[] } | undefined)?.unknown ?? [];
      showError('cohort-error', `${t('unknownColumns')} ${unknown.join(', ')}`);
    } else if (isApiError(e) && e.status === 422 && Array.isArray(e.details)) {
      showError('cohort-error', `${errorText(e)} ${(e.details as FieldError[]).map((d) => textOf(d.message) || d.code).join(' ')}`);
    } else showError('cohort-error', errorText(e));
  } finally {
    button.disabled = false;
    button.textContent = t('upload');
  }
}

function renderProgress(job: BatchView): void {
  const render = (): void => {
    $('cohort-progress').hidden = false;
    const bar = $<HTMLProgressElement>('cohort-bar');
    bar.max = Math.max(job.total, 1);
    bar.value = job.done + job.failed;
    const state = job.state === 'completed' ? t('stCompleted') : job.state === 'failed' ? t('stFailed') : job.state === 'running' ? t('stRunning') : t('stQueued');
    $('cohort-status').replaceChildren(
      h('strong', { class: 'batch-state', 'data-state': job.state }, state),
      ` · ${job.done} ${t('pDone')} · ${job.failed} ${t('pFailed')} · ${job.total} ${t('pTotal')}`,
    );
  };
  render();
  rerenders.set('progress', render);
}

async function poll(id: string, generation: number): Promise<void> {
  if (generation !== pollGeneration) return;
  try {
    const job = (await api('GET', `/batches/${encodeURIComponent(id)}`)) as BatchView;
    if (generation !== pollGeneration) return;
    renderProgress(job);
    if (job.state === 'completed' || job.state === 'failed') {
      await showFailedRows(job);
      return;
    }
  } catch (e) {
    if (generation !== pollGeneration) return;
    showError('cohort-error', errorText(e));
    if (isApiError(e) && (e.status === 401 || e.status === 404)) return;
  }
  pollTimer = setTimeout(() => void poll(id, generation), 1000);
}

async function allRows(id: string, state: 'failed' | 'issued', max = 100_000): Promise<BatchRowView[]> {
  const out: BatchRowView[] = [];
  let after = 0;
  while (out.length < max) {
    const page = ((await api('GET', `/batches/${encodeURIComponent(id)}/rows?state=${state}&after=${after}&limit=1000`)) as { rows: BatchRowView[] }).rows;
    if (page.length === 0) break;
    out.push(...page);
    after = page[page.length - 1]?.row ?? after;
    if (page.length < 1000) break;
  }
  return out;
}

async function showFailedRows(job: BatchView): Promise<void> {
  const failed = job.failed > 0 ? await allRows(job.id, 'failed', 1000) : [];
  const links = h('button', { type: 'button', class: 'btn', id: 'claim-links' }, t('claimLinks'));
  links.addEventListener('click', () => void downloadClaimLinks(job.id));
  const render = (): void => {
    const box = $('cohort-failed');
    const actions = job.done > 0 ? h('div', { class: 'row wrap' }, links) : undefined;
    links.textContent = t('claimLinks');
    if (failed.length === 0) {
      box.replaceChildren(h('p', { class: 'success' }, t('noFailed')), ...(actions ? [actions] : []));
      return;
    }
    const body = h('tbody', {});
    for (const r of failed) {
      const errs = r.errors ?? [];
      errs.forEach((e, i) => {
        const tr = h('tr', {});
        if (i === 0) tr.append(h('td', { class: 'num', rowspan: String(errs.length) }, String(r.row)));
        tr.append(h('td', {}, h('code', {}, columnOf(e.field) || '—')), h('td', {}, textOf(e.message) || e.code));
        body.append(tr);
      });
    }
    box.replaceChildren(
      h('h2', { class: 'sub', id: 'failed-title' }, `${t('failedTitle')} (${job.failed})`),
      h('p', { class: 'hint' }, `${t('failedHelp')} ${t('rowHint')}`),
      h('div', { class: 'table-wrap' }, h('table', { id: 'failed-table', 'aria-labelledby': 'failed-title' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('colRow')), h('th', { scope: 'col' }, t('colField')), h('th', { scope: 'col' }, t('colError')))),
        body)),
      ...(actions ? [actions] : []),
    );
  };
  render();
  rerenders.set('failed', render);
}

async function downloadClaimLinks(id: string): Promise<void> {
  try {
    const rows = await allRows(id, 'issued');
    const lines = ['row,credentialId,claimLink', ...rows.map((r) => [String(r.row), r.credentialId ?? '', r.claimOffer ?? ''].map(csvCell).join(','))];
    saveBlob(new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }), `tautan-klaim-${id}.csv`);
  } catch (e) {
    showError('cohort-error', errorText(e));
  }
}

// ---------------------------------------------------------------------------------------

function start(): void {
  buildIssueForm();
  renderColumns();
  setupTabs();
  $('lang').addEventListener('click', () => {
    lang = lang === 'id' ? 'en' : 'id';
    localStorage.setItem('lang', lang);
    applyLanguage();
  });
  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const key = $<HTMLInputElement>('api-key').value.trim();
    if (!key) {
      showError('login-error', t('keyMissing'));
      $('api-key').focus();
      return;
    }
    void signIn(key).then((ok) => {
      if (ok) {
        $<HTMLInputElement>('api-key').value = '';
        $('issue-title').focus();
      } else $('api-key').focus();
    });
  });
  $('signout').addEventListener('click', signOut);
  $('issue-form').addEventListener('submit', (ev) => void submitIssue(ev as SubmitEvent));
  $('cohort-form').addEventListener('submit', (ev) => void submitCohort(ev as SubmitEvent));
  $('template').addEventListener('click', downloadTemplate);
  $('lookup-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void lookup($<HTMLInputElement>('lookup-id').value);
  });
  applyLanguage();
  const saved = sessionStorage.getItem(KEY_STORE);
  if (saved) void signIn(saved, true);
}

start();
