/**
 * The agency's JP report (signed-in officers): per ASN and year, recognised JP against the
 * duty, with the exports; the duty screen (duty.ts) under it. Each row opens the person's
 * history (ledger.ts); records whose credential was revoked or suspended after recording
 * are named with a way to void them; a name that differs for one NIP is flagged. The table
 * becomes one card per person on a phone (CSS), so nothing scrolls sideways.
 */
import { byId, h } from '../../shared/web/dom.js';
import { showDuty } from './duty.js';
import { apiErrorText } from './errors.js';
import { fmtDate, onLanguageChange } from './i18n.js';
import { showHistory, voidControl } from './ledger.js';
import { state, t } from './page.js';

interface Flagged { recognitionId: string; number?: string; courseName?: string; jp?: number; state: string; changedAt?: string }
interface ReportRow {
  asnRef: string; learnerName: string; nipMasked: string; kind: string; period: { from: string; to: string };
  jp: number; recognisedJp: number; rule: { kind: string }; met: boolean; flagged: Flagged[]; nameMismatch?: string[];
}

/** The report on screen, drawn again when the language changes (one observer for the page). */
let redraw: (() => void) | undefined;
let observing = false;

export async function loadReport(): Promise<void> {
  const year = byId<HTMLInputElement>('report-year').value;
  byId<HTMLAnchorElement>('export-csv').href = `/recognitions?format=csv&year=${encodeURIComponent(year)}`;
  byId<HTMLAnchorElement>('export-json').href = `/recognitions?format=json&year=${encodeURIComponent(year)}`;
  const res = await fetch(`/reports/jp?year=${encodeURIComponent(year)}`);
  void showDuty(year, state.session?.role === 'admin');
  const box = byId('report');
  if (!res.ok) {
    box.replaceChildren(h('p', { class: 'error' }, apiErrorText(await res.json().catch(() => undefined), res.status)));
    return;
  }
  const report = await res.json() as { rows: ReportRow[]; totals: { asn: number } };
  const draw = () => {
    if (report.rows.length === 0) {
      box.replaceChildren(h('p', { class: 'muted' }, t('empty')));
      return;
    }
    const cols = ['colName', 'nip', 'colKind', 'colPeriod', 'colJp', 'colRule', 'colStatus'] as const;
    const head = h('tr', {}, ...cols.map((c) => h('th', c === 'colJp' ? { class: 'num', scope: 'col' } : { scope: 'col' }, t(c))));
    // One wrapper per cell: on a phone the cell is a two-column grid (its label, then this).
    const cell = (c: typeof cols[number], ...v: Array<Node | string | undefined>) => h('td', { 'data-label': t(c), ...(c === 'colJp' ? { class: 'num' } : {}) }, h('div', { class: 'cell' }, ...v));
    const rows = report.rows.flatMap((r) => {
      const history = h('button', { type: 'button', class: 'link-button', title: t('historyOpen') }, r.learnerName);
      history.addEventListener('click', () => void showHistory(r.asnRef, r.learnerName));
      const tr = h('tr', {},
        cell('colName', history, r.nameMismatch ? h('span', { class: 'pill unk name-flag' }, `${t('namesDiffer')}: ${r.nameMismatch.join(' / ')}`) : undefined),
        cell('nip', r.nipMasked), cell('colKind', r.kind), cell('colPeriod', periodText(r.period)),
        cell('colJp', String(r.recognisedJp)), cell('colRule', t(r.rule.kind === 'minimum' ? 'ruleMin' : 'ruleMax')),
        cell('colStatus', h('span', { class: `pill ${r.met ? 'ok' : 'unk'}` }, t(r.met ? 'met' : 'below')), r.flagged.length ? h('span', { class: 'pill bad' }, ` ${r.flagged.length} ${t('flagged')}`) : undefined),
      );
      if (!r.flagged.length) return [tr];
      // Which record changed, named; the officer decides whether to void it.
      const detail = h('tr', { class: 'flag-row' }, h('td', { colspan: String(cols.length) },
        h('ul', { class: 'flag-list' }, ...r.flagged.map((f) => h('li', {},
          h('p', {}, h('strong', {}, f.number ?? f.recognitionId.slice(0, 8)), ` · ${f.courseName ?? ''}${f.jp !== undefined ? ` · ${f.jp} JP` : ''} · `,
            h('span', { class: 'pill bad' }, t(`state_${f.state}`)), f.changedAt ? ` ${t('since')} ${fmtDate(f.changedAt)}` : ''),
          h('p', { class: 'hint' }, t('flaggedHelp')),
          voidControl({ id: f.recognitionId, ...(f.number ? { number: f.number } : {}) }))))));
      return [tr, detail];
    });
    box.replaceChildren(h('p', { class: 'muted' }, `${t('totals')}: ${report.totals.asn}`),
      h('div', { class: 'table-wrap' }, h('table', { class: 'report-table' }, h('thead', {}, head), h('tbody', {}, ...rows))));
  };
  redraw = draw;
  draw();
  if (!observing) onLanguageChange(() => redraw?.());
  observing = true;
}

/** A calendar year (PNS) as its year; a PPPK contract year as its two dates. */
function periodText(p: { from: string; to: string }): string {
  const y = p.from.slice(0, 4);
  if (p.from === `${y}-01-01` && p.to === `${y}-12-31`) return y;
  return `${fmtDate(p.from)} – ${fmtDate(p.to)}`;
}
