/**
 * The agency's JP report (signed-in officers): per ASN and year, recognised JP against the
 * duty, with the exports; the duty screen (duty.ts) under it.
 */
import { byId, h } from '../../shared/web/dom.js';
import { showDuty } from './duty.js';
import { onLanguageChange } from './i18n.js';
import { apiErrorText } from './errors.js';
import { state, t } from './page.js';

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
  redraw = draw;
  draw();
  if (!observing) onLanguageChange(() => redraw?.());
  observing = true;
}
