/**
 * HR's duty screen (browser), inside the agency report: the roster upload (agency admin),
 * who has not yet met this year's duty (PNS 20 JP, PPPK 24 JP per contract year) by unit,
 * charts (progress against the duty, JP per competency type, monthly trend, providers)
 * with table alternatives, and the exports (not-met list, SIASN). Data only ever becomes
 * text nodes.
 */
import { barChart, columnChart } from '../../shared/web/charts.js';
import type { ChartDatum } from '../../shared/web/charts.js';
import { byId, h } from '../../shared/web/dom.js';
import { apiErrorText, rowErrorText } from './errors.js';
import { COMMON, chartText, competencyLabel, fmt, fmtJp, monthLabel, onLanguageChange, say } from './i18n.js';
import type { Text } from './i18n.js';

interface Cell { key: string; jp: number; people: number }
interface DutyReport {
  year: number;
  roster: { version: number; loadedAt: string; people: number } | null;
  totals: { people: number; met: number; notMet: number; zeroJp: number; jp: number };
  units: Array<{ unit: string; people: number; met: number; notMet: number; zeroJp: number }>;
  distribution: Array<{ bucket: '0' | '1-49' | '50-99' | '100+'; people: number }>;
  byCompetencyType: Cell[];
  byMonth: Cell[];
  byProvider: Cell[];
  unrostered: { people: number; jp: number };
  notMet: Array<{ nipMasked: string; name: string; kind: string; unit: string; jp: number; dutyJp: number; shortfall: number }>;
}

const T = {
  title: { id: 'Kewajiban pengembangan kompetensi', en: 'Competency development duty' },
  rule: { id: 'PNS: minimal 20 JP per tahun kalender. PPPK: 24 JP per tahun kontrak.', en: 'PNS: at least 20 JP per calendar year. PPPK: 24 JP per contract year.' },
  noRoster: { id: 'Belum ada daftar ASN instansi. Tanpa daftar, laporan hanya memuat ASN yang sudah punya JP tercatat.', en: 'No ASN roster yet. Without it, reports only show ASN who already have recorded JP.' },
  rosterInfo: { id: 'Daftar ASN versi', en: 'ASN roster version' },
  loadedAt: { id: 'dimuat', en: 'loaded' },
  upload: { id: 'Muat daftar ASN (CSV)', en: 'Load the ASN roster (CSV)' },
  uploadHelp: { id: 'Kolom: nip, nama, jenis (PNS/PPPK), tmt_kontrak (PPPK, TTTT-BB-HH), unit. Daftar baru menggantikan daftar lama seluruhnya.', en: 'Columns: nip, nama, jenis (PNS/PPPK), tmt_kontrak (PPPK, YYYY-MM-DD), unit. A new roster replaces the old one entirely.' },
  uploadGo: { id: 'Unggah daftar', en: 'Upload roster' },
  uploaded: { id: 'Daftar ASN dimuat:', en: 'ASN roster loaded:' },
  person: { id: 'orang', en: 'people' },
  row: { id: 'baris', en: 'row' },
  people: { id: 'ASN dalam daftar', en: 'ASN on the roster' },
  met: { id: 'Sudah memenuhi', en: 'Duty met' },
  notMet: { id: 'Belum memenuhi', en: 'Not yet met' },
  zero: { id: 'Belum ada JP sama sekali', en: 'No JP at all' },
  unrostered: { id: 'JP tercatat untuk ASN di luar daftar', en: 'JP recorded for ASN not on the roster' },
  progress: { id: 'Capaian JP terhadap kewajiban', en: 'JP progress against the duty' },
  progressDesc: { id: 'Jumlah ASN menurut persentase kewajiban JP yang sudah dipenuhi.', en: 'Number of ASN by the share of the JP duty already met.' },
  bucket: { id: 'Capaian', en: 'Progress' },
  b0: { id: '0 JP', en: '0 JP' },
  b1: { id: '1–49% dari kewajiban', en: '1–49% of the duty' },
  b50: { id: '50–99% dari kewajiban', en: '50–99% of the duty' },
  b100: { id: '≥ 100% (terpenuhi)', en: '≥ 100% (met)' },
  units: { id: 'Per unit kerja', en: 'By unit' },
  unit: { id: 'Unit', en: 'Unit' },
  whoNotMet: { id: 'ASN yang belum memenuhi kewajiban', en: 'ASN who have not met the duty' },
  name: { id: 'Nama', en: 'Name' },
  nip: { id: 'NIP', en: 'NIP' },
  kind: { id: 'Jenis', en: 'Type' },
  jp: { id: 'JP', en: 'JP' },
  shortfall: { id: 'Kurang', en: 'Missing' },
  more: { id: 'orang lainnya ada di ekspor CSV.', en: 'more people are in the CSV export.' },
  exports: { id: 'Ekspor', en: 'Exports' },
  exportNotMet: { id: 'Daftar belum memenuhi (CSV)', en: 'Not-met list (CSV)' },
  siasnCsv: { id: 'Ekspor SIASN (CSV)', en: 'SIASN export (CSV)' },
  siasnJson: { id: 'Ekspor SIASN (JSON)', en: 'SIASN export (JSON)' },
  failed: { id: 'Laporan tidak dapat dimuat.', en: 'The report could not be loaded.' },
} satisfies Record<string, Text>;

const MAX_ROWS_SHOWN = 50;

let state: { year: string; isAdmin: boolean; report?: DutyReport; error?: string; notice?: HTMLElement } | undefined;
let observing = false;

/** Loads and shows the duty screen for `year` (the main page script calls it after the JP report). */
export async function showDuty(year: string, isAdmin: boolean): Promise<void> {
  state = { year, isAdmin };
  if (!observing) {
    observing = true;
    onLanguageChange(draw);
  }
  // The JP report just re-checked every status; no need to do it twice.
  const res = await fetch(`/reports/duty?year=${encodeURIComponent(year)}&recheck=0`).catch(() => undefined);
  if (!state || state.year !== year) return;
  if (!res?.ok) state.error = say(T.failed);
  else state.report = await res.json() as DutyReport;
  draw();
}

function draw(): void {
  const box = byId('duty');
  if (!state) return box.replaceChildren();
  const parts: Array<HTMLElement | undefined> = [h('h3', { id: 'duty-title' }, say(T.title)), h('p', { class: 'muted' }, say(T.rule))];
  if (state.isAdmin) parts.push(uploadForm());
  if (state.notice) parts.push(state.notice);
  if (state.error) parts.push(h('p', { class: 'error' }, state.error));
  const r = state.report;
  if (r) parts.push(...reportParts(r));
  box.replaceChildren(...parts.filter((p): p is HTMLElement => p !== undefined));
}

function uploadForm(): HTMLElement {
  const input = h('input', { type: 'file', id: 'roster-file', accept: '.csv,text/csv', 'aria-describedby': 'roster-help' }) as HTMLInputElement;
  const form = h('form', { class: 'roster-form no-print' },
    h('label', { for: 'roster-file' }, say(T.upload)),
    h('p', { id: 'roster-help', class: 'hint' }, say(T.uploadHelp)),
    input,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn' }, say(T.uploadGo))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = input.files?.[0];
    if (f) void upload(f);
  });
  return form;
}

async function upload(file: File): Promise<void> {
  const res = await fetch('/roster', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ csv: await file.text() }) }).catch(() => undefined);
  const body = await res?.json().catch(() => ({})) as { roster?: { people: number }; message?: string; details?: { errors?: Array<{ row: number; field: string; code?: string; message: string }> } } | undefined;
  if (!state) return;
  if (res?.ok && body?.roster) {
    const notice = h('p', { class: 'success', role: 'status' }, `${say(T.uploaded)} ${fmt(body.roster.people)} ${say(T.person)}.`);
    await showDuty(state.year, state.isAdmin);
    // Shown until the report is loaded again (another year, another upload).
    if (state) state.notice = notice;
    draw();
    return;
  }
  const errors = body?.details?.errors ?? [];
  state.notice = h('div', { class: 'error', role: 'alert' },
    h('p', {}, apiErrorText(body, res?.status ?? 0)),
    errors.length ? h('ul', {}, ...errors.map((e) => h('li', {}, `${say(T.row)} ${e.row} · ${e.field}: ${rowErrorText(e)}`))) : undefined);
  draw();
}

function tile(label: Text, value: string, tone = ''): HTMLElement {
  return h('div', { class: `tile ${tone}` }, h('div', { class: 'tile-value' }, value), h('div', { class: 'tile-label' }, say(label)));
}

function cells(list: Cell[], label: (k: string) => string): ChartDatum[] {
  return list.map((c) => ({ label: label(c.key), value: c.jp }));
}

function reportParts(r: DutyReport): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (!r.roster) out.push(h('p', { class: 'note' }, say(T.noRoster)));
  else out.push(h('p', { class: 'muted small' }, `${say(T.rosterInfo)} ${r.roster.version} · ${say(T.loadedAt)} ${new Date(r.roster.loadedAt).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID')}`));
  out.push(h('div', { class: 'tiles' },
    tile(T.people, fmt(r.totals.people)), tile(T.met, fmt(r.totals.met), 'ok'), tile(T.notMet, fmt(r.totals.notMet), 'unk'), tile(T.zero, fmt(r.totals.zeroJp), 'bad')));
  if (r.unrostered.people > 0) out.push(h('p', { class: 'muted small' }, `${say(T.unrostered)}: ${fmt(r.unrostered.people)} ${say(T.person)}, ${fmtJp(r.unrostered.jp)}`));

  const bucketText: Record<DutyReport['distribution'][number]['bucket'], { t: Text; tone: ChartDatum['tone'] }> = {
    '0': { t: T.b0, tone: 'bad' }, '1-49': { t: T.b1, tone: 'warn' }, '50-99': { t: T.b50, tone: 'warn' }, '100+': { t: T.b100, tone: 'ok' },
  };
  const charts = h('div', { class: 'charts' },
    barChart(r.distribution.map((d) => ({ label: say(bucketText[d.bucket].t), value: d.people, tone: bucketText[d.bucket].tone })),
      chartText(T.progress, T.bucket, COMMON.people, T.progressDesc), { format: fmt }),
    barChart(cells(r.byCompetencyType, competencyLabel), chartText(COMMON.jpByType, COMMON.competencyType, COMMON.jp), { format: fmtJp }),
    columnChart(cells(r.byMonth, monthLabel), chartText(COMMON.jpByMonth, COMMON.month, COMMON.jp), { format: fmt }),
    barChart(cells(r.byProvider, (k) => k), chartText(COMMON.jpByProvider, COMMON.provider, COMMON.jp), { format: fmtJp }),
  );
  out.push(charts);

  if (r.units.length) {
    out.push(h('h4', {}, say(T.units)), h('div', { class: 'table-wrap' }, h('table', { id: 'duty-units' },
      h('thead', {}, h('tr', {}, ...[T.unit, T.people, T.met, T.notMet, T.zero].map((x, i) => h('th', i ? { class: 'num', scope: 'col' } : { scope: 'col' }, say(x))))),
      h('tbody', {}, ...r.units.map((u) => h('tr', {}, h('th', { scope: 'row' }, u.unit), ...[u.people, u.met, u.notMet, u.zeroJp].map((v) => h('td', { class: 'num' }, fmt(v)))))))));
  }
  if (r.notMet.length) {
    const shown = r.notMet.slice(0, MAX_ROWS_SHOWN);
    out.push(h('h4', {}, `${say(T.whoNotMet)} (${fmt(r.notMet.length)})`), h('div', { class: 'table-wrap' }, h('table', { id: 'duty-not-met' },
      h('thead', {}, h('tr', {}, ...[T.name, T.nip, T.unit, T.kind, T.jp, T.shortfall].map((x, i) => h('th', i >= 4 ? { class: 'num', scope: 'col' } : { scope: 'col' }, say(x))))),
      h('tbody', {}, ...shown.map((p) => h('tr', {}, h('td', {}, p.name), h('td', {}, p.nipMasked), h('td', {}, p.unit), h('td', {}, p.kind),
        h('td', { class: 'num' }, `${fmt(p.jp)} / ${fmt(p.dutyJp)}`), h('td', { class: 'num' }, fmt(p.shortfall))))))));
    if (r.notMet.length > shown.length) out.push(h('p', { class: 'muted small' }, `+${fmt(r.notMet.length - shown.length)} ${say(T.more)}`));
  }
  const y = encodeURIComponent(String(r.year));
  const printBtn = h('button', { type: 'button', class: 'btn' }, say(COMMON.print));
  printBtn.addEventListener('click', () => window.print());
  out.push(h('div', { class: 'row wrap no-print' },
    h('a', { class: 'btn', href: `/reports/duty?year=${y}&format=csv`, download: '' }, say(T.exportNotMet)),
    h('a', { class: 'btn', href: `/exports/siasn?format=csv&since=${y}-01-01`, download: '' }, say(T.siasnCsv)),
    h('a', { class: 'btn', href: `/exports/siasn?format=json&since=${y}-01-01`, download: '' }, say(T.siasnJson)),
    printBtn));
  return out;
}
