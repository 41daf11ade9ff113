/**
 * The agency's recognition ledger on the HR page (signed-in officers): search it (name,
 * full NIP, record number, course), open one employee's history, and void a recognition
 * (with a reason; the server audits it). Records show as cards, which read the same at
 * 1280 px and 390 px; NIPs are masked, provider keys folded away.
 */
import { isNipShaped, maskNip } from '../../shared/model/nip.js';
import { byId, h } from '../../shared/web/dom.js';
import { apiErrorText } from './errors.js';
import { fmtDate, onLanguageChange } from './i18n.js';
import { t } from './page.js';
import { keyLabel } from './result.js';

export interface LedgerRecord {
  id: string;
  number?: string;
  asnRef: string;
  learnerName: string;
  nipMasked: string;
  courseName: string;
  jp: number;
  startDate: string;
  endDate: string;
  providerDid: string;
  providerName?: string;
  recordedAt: string;
  officer: string;
  status: { state: 'active' | 'revoked' | 'suspended' | 'voided'; changedAt?: string };
  voided?: { at: string; by: string; reason: string };
}

/** What the search box and the history panel show now, drawn again on a language change. */
let shown: { title: string; records: LedgerRecord[]; total: number } | { error: string } | undefined;
/** The query behind `shown`, asked again after a void. */
let lastQuery: { query: Record<string, string>; title: string } | undefined;
let observing = false;
/** Runs after a record was voided (the report reloads). */
let afterVoid: () => void = () => undefined;

export const recordLabel = (r: { number?: string; id: string }): string => r.number ?? r.id.slice(0, 8);

/** Wires the ledger search form; `onVoided` reloads what depends on the ledger (the report). */
export function setupLedger(onVoided: () => void): void {
  afterVoid = onVoided;
  byId('ledger-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = byId<HTMLInputElement>('ledger-q').value.trim();
    // A NIP searched for is shown masked in the results, like every NIP on the page.
    if (q) void showLedger({ q }, `${t('searchResults')} “${isNipShaped(q) ? maskNip(q) : q}”`);
  });
  if (!observing) onLanguageChange(draw);
  observing = true;
}

/** One employee's records (all years), by the report's `asnRef`. */
export function showHistory(asnRef: string, name: string): Promise<void> {
  return showLedger({ asn: asnRef }, `${t('historyOf')} ${name}`);
}

async function showLedger(query: Record<string, string>, title: string): Promise<void> {
  lastQuery = { query, title };
  // POST: the search may be a full NIP, which must not travel in a URL.
  const res = await fetch('/ledger/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(query), cache: 'no-store' }).catch(() => undefined);
  const body = await res?.json().catch(() => undefined) as { records?: LedgerRecord[]; total?: number } | undefined;
  shown = res?.ok && body?.records ? { title, records: body.records, total: body.total ?? body.records.length } : { error: res ? apiErrorText(body, res.status) : t('networkError') };
  draw();
  byId('ledger-results').scrollIntoView({ block: 'nearest' });
  byId('ledger-results').querySelector<HTMLElement>('h3')?.focus({ preventScroll: true });
}

function draw(): void {
  const box = byId('ledger-results');
  if (!shown) return void box.replaceChildren();
  if ('error' in shown) return void box.replaceChildren(h('p', { class: 'error', role: 'alert' }, shown.error));
  const { title, records, total } = shown;
  const close = h('button', { type: 'button', class: 'btn btn-ghost' }, t('close'));
  close.addEventListener('click', () => { shown = undefined; lastQuery = undefined; draw(); });
  box.replaceChildren(
    h('div', { class: 'row wrap ledger-head' }, h('h3', { tabindex: '-1' }, title), close),
    records.length === 0 ? h('p', { class: 'muted' }, t('ledgerEmpty'))
      : h('ul', { class: 'record-cards' }, ...records.map((r) => h('li', {}, recordCard(r)))),
    ...(total > records.length ? [h('p', { class: 'muted' }, `${records.length} / ${total}`)] : []),
  );
}

/** One record as a card: number, person, learning, provider, who recorded it, status. */
export function recordCard(r: LedgerRecord): HTMLElement {
  const dl = h('dl', { class: 'facts' });
  const add = (k: string, ...v: Array<Node | string>) => dl.append(h('dt', {}, t(k)), h('dd', {}, ...v));
  add('learner', `${r.learnerName} · ${r.nipMasked}`);
  add('course', r.courseName);
  add('jp', `${r.jp} JP`);
  add('dates', r.startDate === r.endDate ? fmtDate(r.startDate) : `${fmtDate(r.startDate)} – ${fmtDate(r.endDate)}`);
  add('provider', r.providerName ?? keyLabel(r.providerDid, t('providerUnnamed')));
  add('recordedBy', `${r.officer} · ${fmtDate(r.recordedAt)}`);
  if (r.voided) add('voidReason', `${r.voided.reason} (${r.voided.by} · ${fmtDate(r.voided.at)})`);
  const tone = r.status.state === 'active' ? 'ok' : r.status.state === 'voided' ? 'unk' : 'bad';
  const card = h('article', { class: `record-card ${tone}` },
    h('div', { class: 'record-card-head' }, h('strong', { class: 'record-number' }, recordLabel(r)), h('span', { class: `pill ${tone}` }, t(`state_${r.status.state}`))),
    dl);
  // Offered where the provider withdrew the credential; the API also voids a mistaken record.
  if (r.status.state === 'revoked' || r.status.state === 'suspended') card.append(voidControl(r));
  return card;
}

/**
 * "Void this recognition": asks for the reason in place (a person reads what they are
 * about to do and why it is kept), then posts it. The server checks the session and
 * agency, writes the audit entry, and never counts the record again.
 */
export function voidControl(r: { id: string; number?: string }): HTMLElement {
  const open = h('button', { type: 'button', class: 'btn btn-danger' }, t('voidOpen')) as HTMLButtonElement;
  const wrap = h('div', { class: 'void-box' }, open);
  open.addEventListener('click', () => {
    const id = `void-${r.id}`;
    const reason = h('input', { id, required: '', minlength: '3', maxlength: '500', autocomplete: 'off' }) as HTMLInputElement;
    const confirm = h('button', { type: 'submit', class: 'btn btn-danger' }, t('voidConfirm'));
    const cancel = h('button', { type: 'button', class: 'btn' }, t('cancel'));
    const msg = h('p', { class: 'error', role: 'alert', hidden: '' });
    const form = h('form', { class: 'void-form' },
      h('p', {}, `${t('voidExplain')} ${recordLabel(r)}`),
      h('label', { for: id }, t('voidReason')), reason,
      h('div', { class: 'row wrap' }, confirm, cancel), msg);
    cancel.addEventListener('click', () => wrap.replaceChildren(open));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const res = await fetch(`/recognitions/${encodeURIComponent(r.id)}/void`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: reason.value }) }).catch(() => undefined);
      if (res?.ok) {
        wrap.replaceChildren(h('p', { class: 'success', role: 'status' }, `${recordLabel(r)}: ${t('voidDone')}`));
        afterVoid();
        if (lastQuery) void showLedger(lastQuery.query, lastQuery.title);
        return;
      }
      msg.hidden = false;
      msg.textContent = res ? apiErrorText(await res.json().catch(() => undefined), res.status) : t('networkError');
    });
    wrap.replaceChildren(form);
    reason.focus();
  });
  return wrap;
}
