/**
 * The public proof page, `/bukti#v1.<credential>` (shared/share/credential-link.ts): a
 * holder shares one credential by link; anyone opening it sees whether it is authentic and
 * recognised, and what it says. The credential comes from the URL fragment (never sent to
 * a server by the browser) and is checked through this verifier's POST /credentials/verify,
 * which stores nothing. The page shows what the proof covers (the verifier's `document`),
 * never the NIP: the credential holds only its salted hash, and the page shows no hash and
 * offers no NIP matching (that is the HR page's job, for signed-in officers).
 */
import { COMPETENCY_TYPE_LABELS } from '../../../shared/model/competency.js';
import { LEARNING_MODE_LABELS, LEARNING_PATH_LABELS } from '../../../shared/model/learning-input.js';
import { readLearningCredential } from '../../../shared/model/build-credential.js';
import { decodeShareFragment } from '../../../shared/share/credential-link.js';
import { byId, h } from '../../../shared/web/dom.js';

type Lang = 'id' | 'en';
interface Text { id: string; en: string }
interface Check { id: string; status: 'ok' | 'failed' | 'unknown'; code?: string; message?: Text }
interface Result { verified: boolean; checks: Check[]; error?: { code: string; message: Text }; recognition?: { recognised: boolean; error?: { message: Text } }; issuer?: { name?: string }; document?: Record<string, unknown> }

const T = {
  title: ['Bukti Kredensial ASN', 'ASN Credential Proof'],
  sub: ['Diperiksa oleh layanan verifikasi', 'Checked by the verification service'],
  okTitle: ['Asli dan diakui', 'Authentic and recognised'],
  okText: ['Kredensial ini asli, belum dicabut, dan diterbitkan oleh penyedia pelatihan yang dikurasi LAN.', 'This credential is authentic, not revoked, and issued by a training provider curated by LAN.'],
  unrecognisedTitle: ['Asli, penyedia belum terkurasi LAN', 'Authentic, provider not curated by LAN'],
  badTitle: ['Tidak terverifikasi', 'Not verified'],
  unknownTitle: ['Belum dapat diperiksa', 'Cannot be checked now'],
  linkBad: ['Tautan ini tidak memuat kredensial (mungkin terpotong). Minta pemegang mengirim tautan lagi.', 'This link carries no credential (it may be cut short). Ask the holder to send the link again.'],
  serverBad: ['Layanan verifikasi tidak dapat dihubungi. Coba lagi nanti.', 'The verification service cannot be reached. Try again later.'],
  learner: ['Nama peserta', 'Learner'],
  provider: ['Penyedia pelatihan', 'Training provider'],
  providerClaimed: ['(nama menurut kredensial, tidak terdaftar)', '(name as the credential states it, not registered)'],
  competency: ['Kompetensi', 'Competency'],
  level: ['tingkat', 'level'],
  dates: ['Tanggal pelatihan', 'Training dates'],
  mode: ['Bentuk pembelajaran', 'Learning mode'],
  result: ['Hasil', 'Result'],
  passed: ['lulus', 'passed'],
  failed: ['tidak lulus', 'not passed'],
  score: ['nilai', 'score'],
  checks: ['Semua pemeriksaan', 'Every check'],
  note: ['Kredensial dibawa oleh tautan ini dan tidak disimpan oleh layanan verifikasi. NIP pemegang tidak pernah ditampilkan di halaman ini.', 'The credential travels in this link and is not stored by the verification service. The holder’s NIP is never shown on this page.'],
  switchLang: ['Switch to English', 'Ganti ke Bahasa Indonesia'],
} satisfies Record<string, [string, string]>;

// Indonesian first, whatever the browser says; English one tap away.
let lang: Lang = 'id';
const t = (k: keyof typeof T): string => T[k][lang === 'en' ? 1 : 0];
const say = (x: Text | undefined): string => (x ? x[lang] : '');
const label = (table: Readonly<Record<string, Text>>, code: string): string => (Object.hasOwn(table, code) ? say(table[code]) : code);
const locale = (): string => (lang === 'en' ? 'en-GB' : 'id-ID');
const day = (v: string): string => new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${v.slice(0, 10)}T00:00:00Z`));
/** Indonesian then English in one field (`…\n\nEN: …`): the part for the page's language. */
const pick = (text: string): string => {
  const at = text.indexOf('\n\nEN: ');
  return at < 0 ? text : lang === 'en' ? text.slice(at + 6) : text.slice(0, at);
};

let state: { credential?: Record<string, unknown>; result?: Result; error?: 'link' | 'server' } = {};

function verdict(r: Result): HTMLElement {
  const recognised = r.verified && r.recognition?.recognised;
  const unknown = !r.verified && r.checks.some((c) => c.status === 'unknown') && !r.checks.some((c) => c.status === 'failed');
  const [kind, icon, title, text] = recognised ? ['ok', '✓', t('okTitle'), t('okText')]
    : r.verified ? ['warn', '!', t('unrecognisedTitle'), say(r.recognition?.error?.message)]
      : unknown ? ['unk', '?', t('unknownTitle'), say(r.error?.message)]
        : ['bad', '✗', t('badTitle'), say(r.error?.message)];
  return h('section', { class: `verdict ${kind}`, role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'verdict-icon', 'aria-hidden': 'true' }, icon),
    h('div', {}, h('h2', { id: 'verdict-title' }, title), text ? h('p', {}, text) : undefined));
}

function facts(r: Result): HTMLElement | undefined {
  // Only what the proof covers; a credential whose signature failed shows no fields at all.
  const s = r.document ? readLearningCredential(r.document) : undefined;
  if (!s) return undefined;
  const rows: Array<[string, string]> = [
    [t('provider'), r.issuer?.name ?? `${s.issuerName ?? s.issuerId} ${t('providerClaimed')}`],
    [t('competency'), `${label(COMPETENCY_TYPE_LABELS, s.competency.type)} · ${s.competency.code} ${s.competency.name} (${t('level')} ${s.competency.level})`],
    ['JP', `${new Intl.NumberFormat(locale()).format(s.jp)} JP`],
    [t('dates'), s.startDate === s.endDate ? day(s.startDate) : `${day(s.startDate)} – ${day(s.endDate)}`],
    [t('mode'), `${label(LEARNING_MODE_LABELS, s.mode)} · ${label(LEARNING_PATH_LABELS, s.path)}`],
  ];
  if (s.result) {
    const parts = [s.result.passed === undefined ? '' : s.result.passed ? t('passed') : t('failed'), s.result.score === undefined ? '' : `${t('score')} ${new Intl.NumberFormat(locale()).format(s.result.score)}`, s.result.grade ?? ''];
    rows.push([t('result'), parts.filter(Boolean).join(' · ')]);
  }
  return h('section', { class: 'card', 'aria-labelledby': 'course-title' },
    h('h1', { id: 'course-title', class: 'share-title' }, pick(s.courseName)),
    h('p', { class: 'share-learner' }, `${t('learner')}: `, h('strong', {}, s.name)),
    h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('details', { class: 'share-checks' }, h('summary', {}, t('checks')),
      h('ul', { class: 'checks' }, ...r.checks.map((c) => h('li', { class: `check-${c.status}` },
        h('span', { 'aria-hidden': 'true' }, c.status === 'ok' ? '✓' : c.status === 'failed' ? '✗' : '?'), h('span', {}, say(c.message)))))));
}

function render(): void {
  document.documentElement.lang = lang;
  document.title = t('title');
  byId('brand-title').textContent = t('title');
  byId('brand-sub').textContent = t('sub');
  const button = byId('lang');
  button.textContent = lang === 'id' ? 'EN' : 'ID';
  button.setAttribute('aria-label', t('switchLang'));
  const main = byId('main');
  if (state.error) {
    main.replaceChildren(h('section', { class: 'verdict bad', role: 'alert' }, h('span', { class: 'verdict-icon', 'aria-hidden': 'true' }, '✗'),
      h('div', {}, h('h1', { id: 'verdict-title' }, t('badTitle')), h('p', {}, state.error === 'link' ? t('linkBad') : t('serverBad')))));
    return;
  }
  if (!state.result) return;
  const body = facts(state.result);
  main.replaceChildren(...[body ? undefined : h('h1', { class: 'share-title' }, t('title')), verdict(state.result), body, h('p', { class: 'share-note' }, t('note'))].filter((x): x is HTMLElement => x !== undefined));
}

async function start(): Promise<void> {
  byId('lang').addEventListener('click', () => {
    lang = lang === 'id' ? 'en' : 'id';
    render();
  });
  try {
    state.credential = await decodeShareFragment(location.hash);
  } catch {
    state = { error: 'link' };
    render();
    return;
  }
  try {
    const res = await fetch('/credentials/verify', {
      method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'omit', body: JSON.stringify({ verifiableCredential: state.credential }),
    });
    if (res.status !== 200 && res.status !== 422) throw new Error(String(res.status));
    state.result = (await res.json()) as Result;
  } catch {
    state = { error: 'server' };
  }
  render();
}

window.addEventListener('hashchange', () => location.reload());
void start();
