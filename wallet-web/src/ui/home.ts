/** The home page: JP progress for the period, then the credentials. */
import type { CompetencyType } from '../../../shared/model/competency.js';
import { jpProgress, periodsWithLearning } from '../jp.js';
import type { JpItem, JpPeriod } from '../jp.js';
import { formatDate, formatNumber, labelOf, t } from '../i18n.js';
import type { AppContext } from './context.js';
import { credentialCard, pickLanguage, summaryOf } from './card.js';
import { h } from './dom.js';
import { wibDate } from '../../../shared/util/dates.js';

/** Sets a width through CSSOM: the page's CSP forbids inline style attributes. */
function width<T extends HTMLElement>(el: T, percent: number): T {
  el.style.width = `${Math.max(0, Math.min(100, percent))}%`;
  return el;
}

let chosenPeriodStart: string | undefined;

export function jpItems(ctx: AppContext): JpItem[] {
  const items: JpItem[] = [];
  for (const r of ctx.records) {
    const check = ctx.checks.get(r.id);
    const s = summaryOf(r, check);
    if (!s) continue;
    // While checking (or offline), the status last seen stands: a credential seen revoked does not count meanwhile.
    const status = check && check.status !== 'unknown' ? check.status : r.seenStatus ?? check?.status;
    items.push({ jp: s.jp, endDate: s.endDate, competencyType: s.competency.type as CompetencyType, counts: status !== 'revoked' && status !== 'suspended' && status !== 'invalid' && status !== 'unrecognised' });
  }
  return items;
}

function progressCard(ctx: AppContext, newId: string | undefined): HTMLElement {
  const opts = { employment: ctx.settings.employment, ...(ctx.settings.contractStart ? { contractStart: ctx.settings.contractStart } : {}) };
  const today = wibDate(ctx.now()); // the JP year turns over at local midnight
  const items = jpItems(ctx);
  const periods = periodsWithLearning(items, { ...opts, today });
  const period: JpPeriod = periods.find((p) => p.start === chosenPeriodStart) ?? periods[0]!;
  const p = jpProgress(items, { ...opts, today, period });
  const label = (x: JpPeriod) => (ctx.settings.employment === 'PNS' ? String(x.year) : `${formatDate(x.start)} – ${formatDate(new Date(Date.parse(`${x.end}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10))}`);

  const select = h('select', {
    id: 'jp-period',
    onchange: (ev: Event) => {
      chosenPeriodStart = (ev.target as HTMLSelectElement).value;
      ctx.rerender();
    },
  }, ...periods.map((x) => h('option', { value: x.start, ...(x.start === period.start ? { selected: true } : {}) }, label(x))));

  const bar = h('div', {
    class: `bar ${p.met ? 'bar-met' : ''}`, role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': p.target, 'aria-valuenow': Math.min(p.total, p.target),
    'aria-valuetext': `${formatNumber(p.total)} ${t('jpOf')} ${p.target} JP`, 'aria-labelledby': 'jp-heading',
  }, width(h('div', { class: 'bar-fill' }), p.percent));

  return h('section', { class: 'card jp-card', 'aria-labelledby': 'jp-heading' },
    h('div', { class: 'jp-top' },
      h('h2', { id: 'jp-heading' }, t('jpTitle')),
      h('div', { class: 'field inline' }, h('label', { for: 'jp-period' }, t('jpPeriod')), select)),
    h('p', { class: 'jp-total', 'data-testid': 'jp-total' }, h('strong', {}, formatNumber(p.total)), ` / ${p.target} JP`),
    bar,
    h('p', { class: p.met ? 'ok-text' : '' }, p.met ? t('jpMet') : `${formatNumber(p.remaining)} ${t('jpRemaining')}`),
    newCredentialLine(ctx, newId),
    p.byType.length > 0
      ? h('div', {}, h('h3', {}, t('jpByType')), h('ul', { class: 'breakdown' }, ...p.byType.map((b) => h('li', {},
        h('span', {}, labelOf('competencyType', b.type)),
        h('span', { class: 'breakdown-bar', 'aria-hidden': 'true' }, width(h('span'), Math.round((b.jp / Math.max(p.total, 1)) * 100))),
        h('strong', {}, `${formatNumber(b.jp)} JP`)))))
      : h('p', { class: 'muted' }, t('jpNone')),
    p.excluded > 0 ? h('p', { class: 'muted' }, `${p.excluded} ${t('jpExcluded')}`) : null,
    h('p', { class: 'muted small' }, ctx.settings.employment === 'PNS' ? t('jpDutyPNS') : t('jpDutyPPPK'), ' ', h('a', { href: '#/settings' }, t('jpChangeKind'))),
  );
}

/** After a claim: which credential just added hours, right under the total. */
function newCredentialLine(ctx: AppContext, newId: string | undefined): HTMLElement | null {
  const record = newId ? ctx.records.find((r) => r.id === newId) : undefined;
  const s = record ? summaryOf(record, ctx.checks.get(record.id)) : undefined;
  if (!s) return null;
  return h('p', { class: 'jp-new', 'data-testid': 'jp-new' }, h('strong', {}, `+${formatNumber(s.jp)} JP`), ` · ${pickLanguage(s.courseName, ctx.settings.lang)}`);
}

/** Credentials revoked or suspended since the holder last looked: said first, until "Mengerti". */
function statusNewsBox(ctx: AppContext): HTMLElement | null {
  const items = ctx.statusNews.flatMap((id) => {
    const index = ctx.records.findIndex((r) => r.id === id);
    const record = ctx.records[index];
    const status = ctx.checks.get(id)?.status;
    if (!record || (status !== 'revoked' && status !== 'suspended')) return [];
    const s = summaryOf(record, ctx.checks.get(id));
    const name = s ? pickLanguage(s.courseName, ctx.settings.lang) : record.id;
    return [h('li', {}, h('a', { href: `#/c/${index}` }, name), ' ', t(status === 'revoked' ? 'newsRevoked' : 'newsSuspended'))];
  });
  if (items.length === 0) return null;
  return h('section', { class: 'notice notice-error status-news', role: 'alert', 'data-testid': 'status-news' },
    h('h2', {}, t('newsTitle')),
    h('ul', {}, ...items),
    h('button', { type: 'button', onclick: () => void ctx.acknowledge([...ctx.statusNews]) }, t('newsAcknowledge')));
}

export function renderHome(ctx: AppContext, newId?: string): HTMLElement {
  const list = ctx.records.length === 0
    ? h('div', { class: 'card empty' }, h('p', {}, t('noCredentials')), h('a', { href: '#/claim', class: 'button primary' }, t('claimOne')))
    : h('ul', { class: 'cred-list' }, ...ctx.records.map((r, i) => credentialCard(r, i, ctx.checks.get(r.id), ctx.settings.lang, r.id === newId)));
  return h('div', { class: 'stack' },
    h('h1', { class: 'visually-hidden' }, t('navHome')),
    statusNewsBox(ctx),
    progressCard(ctx, newId),
    h('section', { class: 'stack', 'aria-labelledby': 'creds-heading' }, h('h2', { id: 'creds-heading' }, t('myCredentials')), list),
  );
}
