/**
 * LAN's national view (browser), at /lan: LAN types its token (kept in memory only, sent
 * as X-LAN-Token) and sees aggregates — per agency the share of its roster that met the
 * duty, JP by competency type, learning path, provider and month — as charts with tables.
 * Figures from fewer than 5 people arrive as null and are shown as hidden.
 */
import { barChart, columnChart } from '../../shared/web/charts.js';
import type { ChartDatum } from '../../shared/web/charts.js';
import { byId, h } from '../../shared/web/dom.js';
import { COMMON, chartText, competencyLabel, fmt, fmtJp, fmtPct, monthLabel, onLanguageChange, pathLabel, say } from './i18n.js';
import type { Text } from './i18n.js';

interface Cell { key: string; jp: number | null; people: number | null; suppressed: boolean }
interface NationalView {
  year: number;
  minCellPeople: number;
  totals: { agencies: number; agenciesWithRoster: number; people: number | null; met: number | null; share: number | null; jp: number | null };
  agencies: Array<{ agencyId: string; agencyName: string; hasRoster: boolean; people: number | null; met: number | null; share: number | null; jp: number | null }>;
  byCompetencyType: Cell[];
  byPath: Cell[];
  byProvider: Cell[];
  byMonth: Cell[];
}

const T = {
  title: { id: 'Tampilan nasional LAN', en: 'LAN national view' },
  help: { id: 'Agregat dari semua instansi; tidak ada NIP atau nama. Angka dari kurang dari 5 orang disembunyikan, begitu pula angka yang dapat dipakai untuk menghitungnya.', en: 'Aggregates across agencies; never a NIP or a name. Figures from fewer than 5 people are hidden, and so are figures that would let them be worked out.' },
  token: { id: 'Token LAN', en: 'LAN token' },
  year: { id: 'Tahun', en: 'Year' },
  show: { id: 'Tampilkan', en: 'Show' },
  refused: { id: 'Token LAN tidak sah.', en: 'The LAN token is not valid.' },
  failed: { id: 'Data nasional tidak dapat dimuat.', en: 'The national data could not be loaded.' },
  agencies: { id: 'Instansi', en: 'Agencies' },
  withRoster: { id: 'dengan daftar ASN', en: 'with an ASN roster' },
  people: { id: 'ASN dalam daftar', en: 'ASN on rosters' },
  share: { id: 'Memenuhi kewajiban JP', en: 'Met the JP duty' },
  jpTotal: { id: 'JP diakui', en: 'Recognised JP' },
  shareTitle: { id: 'Persentase ASN yang memenuhi kewajiban JP, per instansi', en: 'Share of ASN who met the JP duty, per agency' },
  shareDesc: { id: 'PNS 20 JP per tahun, PPPK 24 JP per tahun kontrak; dihitung dari daftar ASN tiap instansi.', en: 'PNS 20 JP a year, PPPK 24 JP per contract year; counted from each agency’s ASN roster.' },
  agency: { id: 'Instansi', en: 'Agency' },
  pct: { id: 'Persentase', en: 'Share' },
  noRoster: { id: 'belum ada daftar ASN', en: 'no ASN roster yet' },
  table: { id: 'Ringkasan per instansi', en: 'Summary per agency' },
  met: { id: 'Memenuhi', en: 'Met' },
} satisfies Record<string, Text>;

let token = '';
let year = '';
let view: NationalView | undefined;
let message: string | undefined;

/** Shows the national screen instead of the HR screens (the hook for the /lan path). */
export function startNationalView(currentYear: string): void {
  document.body.classList.add('lan-mode');
  const card = byId('national-card');
  card.hidden = false;
  year = currentYear;
  onLanguageChange(draw);
  draw();
}

async function load(year: string): Promise<void> {
  const res = await fetch(`/national?year=${encodeURIComponent(year)}`, { headers: { 'x-lan-token': token }, cache: 'no-store' }).catch(() => undefined);
  view = undefined;
  message = undefined;
  if (res?.status === 401) message = say(T.refused);
  else if (!res?.ok) message = say(T.failed);
  else view = await res.json() as NationalView;
  draw();
}

function draw(): void {
  const card = byId('national-card');
  const form = h('form', { id: 'lan-form', class: 'row wrap no-print' },
    h('label', { for: 'lan-token' }, say(T.token)),
    h('input', { id: 'lan-token', type: 'password', autocomplete: 'off', class: 'input-token', required: '' }),
    h('label', { for: 'lan-year' }, say(T.year)),
    h('input', { id: 'lan-year', type: 'number', min: '2000', max: '2100', inputmode: 'numeric', class: 'input-year', value: year }),
    h('button', { type: 'submit', class: 'btn btn-primary' }, say(T.show)));
  (form.querySelector('#lan-token') as HTMLInputElement).value = token;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    token = (form.querySelector('#lan-token') as HTMLInputElement).value;
    year = (form.querySelector('#lan-year') as HTMLInputElement).value;
    void load(year);
  });
  const parts: Array<HTMLElement | undefined> = [
    h('h1', { id: 'national-title', tabindex: '-1' }, say(T.title)), h('p', { class: 'muted' }, say(T.help)), form,
    message ? h('p', { class: 'error', role: 'alert' }, message) : undefined,
  ];
  if (view) parts.push(...viewParts(view));
  card.replaceChildren(...parts.filter((p): p is HTMLElement => p !== undefined));
}

const orHidden = (v: number | null, f: (x: number) => string) => (v === null ? say(COMMON.suppressed) : f(v));

function cells(list: Cell[], label: (k: string) => string): ChartDatum[] {
  return list.map((c) => ({ label: label(c.key), value: c.jp }));
}

function viewParts(v: NationalView): HTMLElement[] {
  const tile = (label: Text, value: string, sub?: string) => h('div', { class: 'tile' }, h('div', { class: 'tile-value' }, value), h('div', { class: 'tile-label' }, say(label), sub ? ` ${sub}` : ''));
  const out: HTMLElement[] = [h('div', { class: 'tiles' },
    tile(T.agencies, fmt(v.totals.agencies), `(${fmt(v.totals.agenciesWithRoster)} ${say(T.withRoster)})`),
    tile(T.people, orHidden(v.totals.people, fmt)),
    tile(T.share, orHidden(v.totals.share, fmtPct)),
    tile(T.jpTotal, orHidden(v.totals.jp, fmt)))];
  const withRoster = v.agencies.filter((a) => a.hasRoster);
  out.push(h('div', { class: 'charts' },
    barChart(withRoster.map((a) => ({ label: a.agencyName, value: a.share === null ? null : Math.round(a.share * 100), tone: a.share !== null && a.share >= 1 ? 'ok' : undefined })),
      chartText(T.shareTitle, T.agency, T.pct, T.shareDesc), { format: (x) => `${fmt(x)}%`, target: { value: 100, label: '100%' } }),
    barChart(cells(v.byCompetencyType, competencyLabel), chartText(COMMON.jpByType, COMMON.competencyType, COMMON.jp), { format: fmtJp }),
    barChart(cells(v.byPath, pathLabel), chartText(COMMON.jpByPath, COMMON.path, COMMON.jp), { format: fmtJp }),
    columnChart(cells(v.byMonth, monthLabel), chartText(COMMON.jpByMonth, COMMON.month, COMMON.jp), { format: fmt }),
    barChart(cells(v.byProvider, (k) => k), chartText(COMMON.jpByProvider, COMMON.provider, COMMON.jp), { format: fmtJp }),
  ));
  out.push(h('h2', {}, say(T.table)), h('div', { class: 'table-wrap' }, h('table', { id: 'lan-agencies' },
    h('thead', {}, h('tr', {}, ...[T.agency, T.people, T.met, T.pct, T.jpTotal].map((x, i) => h('th', i ? { class: 'num', scope: 'col' } : { scope: 'col' }, say(x))))),
    h('tbody', {}, ...v.agencies.map((a) => h('tr', {},
      h('th', { scope: 'row' }, a.agencyName),
      ...(a.hasRoster
        ? [orHidden(a.people, fmt), orHidden(a.met, fmt), orHidden(a.share, fmtPct)].map((x) => h('td', { class: 'num' }, x))
        : [h('td', { class: 'muted', colspan: '3' }, say(T.noRoster))]),
      h('td', { class: 'num' }, orHidden(a.jp, fmt))))))));
  const printBtn = h('button', { type: 'button', class: 'btn no-print' }, say(COMMON.print));
  printBtn.addEventListener('click', () => window.print());
  out.push(h('div', { class: 'row' }, printBtn));
  return out;
}
