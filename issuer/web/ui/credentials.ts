/**
 * "Credentials" screen: everything this provider issued (`GET /credentials`: single and
 * cohort rows, newest first), searchable by name, course or id and filtered by status,
 * claimed, cohort and issue date, paged with "load more". Opening one shows its facts, its
 * claim link (renewable, and sent by email when SMTP is configured), its certificate PDF,
 * its history, and the status actions.
 */
import { readLearningCredential } from '../../../shared/model/build-credential.js';
import { h } from '../../../shared/web/dom.js';
import { api, downloadFile, errorText, formatDateTime, sameOriginPath } from './api.js';
import { $, mailReasonText, onSignIn, onSignOut, rerenders, session, showError, STATE_CLASS, STATE_LABEL, stateOf, t } from './context.js';
import { askReason } from './dialog.js';
import { onTabShown } from './tabs.js';
import type { CredentialListItem } from '../../services/credential-list.js';
import type { CredState } from './context.js';

/** One row of `GET /credentials` (the server's type; a type-only import bundles nothing). */
export type ListItem = CredentialListItem;

interface CredentialView {
  credentialId: string;
  verifiableCredential: unknown;
  revoked: boolean;
  suspended: boolean;
  issuedAt: string;
  maskedNip?: string;
  batch?: { id: string; row: number };
  boundTo?: string;
  claimOffer?: { url: string; exchangeUrl: string; expiresAt: string; used: boolean };
  certificate: { pdf: string };
}

interface HistoryEvent { at: string; type: 'issued' | 'claimed' | CredState; reason?: string }

const list: { items: ListItem[]; next?: string; cohort?: string; loaded: boolean; generation: number; selected: Set<string> } = { items: [], loaded: false, generation: 0, selected: new Set() };

function filterQuery(after?: string): string {
  const p = new URLSearchParams();
  const q = $<HTMLInputElement>('list-q').value.trim();
  if (q) p.set('q', q);
  for (const [id, name] of [['list-status', 'status'], ['list-claimed', 'claimed'], ['list-from', 'from'], ['list-to', 'to']] as const) {
    const v = $<HTMLInputElement>(id).value;
    if (v) p.set(name, v);
  }
  if (list.cohort) p.set('cohort', list.cohort);
  p.set('limit', '25');
  if (after) p.set('after', after);
  return p.toString();
}

/** Loads the first page (or the next one with `more`). */
export async function loadList(more = false): Promise<void> {
  const generation = more ? list.generation : ++list.generation;
  showError('lookup-error', undefined);
  const button = document.getElementById('list-more') as HTMLButtonElement | null;
  if (button) {
    button.disabled = true;
    button.textContent = t('loading');
  }
  try {
    const page = (await api('GET', `/credentials?${filterQuery(more ? list.next : undefined)}`)) as { items: ListItem[]; next?: string };
    if (generation !== list.generation) return;
    list.items = more ? [...list.items, ...page.items] : page.items;
    list.next = page.next;
    list.loaded = true;
    renderList();
  } catch (e) {
    showError('lookup-error', errorText(e));
    if (button) {
      button.disabled = false;
      button.textContent = t('loadMore');
    }
  }
}

/** The list is out of date (a credential was issued): reload it when it is next shown. */
export function markListStale(): void {
  list.loaded = false;
}

export function showCohort(id: string | undefined): void {
  list.cohort = id;
  void loadList();
}

function shortId(id: string): string {
  return id.slice(0, 8);
}

function cohortCell(x: ListItem): HTMLElement {
  if (!x.batch) return h('span', { class: 'muted-s' }, t('single'));
  const b = h('button', { type: 'button', class: 'linklike', title: `${t('cohortFilter')} ${x.batch.id}` }, `${shortId(x.batch.id)} · ${t('rowN')} ${x.batch.row}`);
  b.addEventListener('click', () => showCohort(x.batch?.id));
  return b;
}

function renderList(): void {
  const box = $('cred-list');
  const render = (): void => {
    const chip = $('list-cohort');
    chip.hidden = !list.cohort;
    if (list.cohort) {
      const all = h('button', { type: 'button', class: 'btn btn-small' }, t('cohortAll'));
      all.addEventListener('click', () => showCohort(undefined));
      chip.replaceChildren(`${t('cohortFilter')} `, h('code', {}, list.cohort), ' ', all);
    }
    if (list.items.length === 0) {
      box.replaceChildren(h('p', { class: 'hint', id: 'list-empty' }, t('listEmpty')));
      return;
    }
    const rows = list.items.map((x) => {
      const pick = h('input', { type: 'checkbox', class: 'pick', 'aria-label': `${t('select')}: ${x.name}` }) as HTMLInputElement;
      pick.checked = list.selected.has(x.key);
      pick.disabled = x.status === 'revoked';
      pick.addEventListener('change', () => {
        if (pick.checked) list.selected.add(x.key);
        else list.selected.delete(x.key);
        renderBulkBar();
      });
      const open = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `${t('open')}: ${x.name}` }, t('open'));
      open.addEventListener('click', () => void lookup(x.key));
      // Each value in a div: on a phone the row becomes a card of label / value pairs.
      const cell = (label: string, ...content: Array<Node | string | undefined>): HTMLElement => h('td', { 'data-label': t(label) }, h('div', {}, ...content));
      return h('tr', { 'data-key': x.key },
        h('td', { class: 'cell-pick' }, pick),
        cell('learner', h('span', { class: 'cell-name' }, x.name), h('br', {}), h('span', { class: 'muted-s' }, x.maskedNip ?? '')),
        cell('course', x.courseName, x.courseCode ? h('span', { class: 'muted-s' }, ` (${x.courseCode})`) : undefined),
        cell('cohort', cohortCell(x)),
        cell('issuedAt', formatDateTime(x.issuedAt)),
        cell('status', h('span', { class: `pill ${STATE_CLASS[x.status]}` }, t(STATE_LABEL[x.status]))),
        cell('claimed', x.claimed ? t('yesClaimed') : t('notClaimed')),
        h('td', { class: 'cell-open' }, open));
    });
    const head = h('tr', {}, h('th', { scope: 'col', class: 'cell-pick' }, h('span', { class: 'sr-only' }, t('select'))), ...['learner', 'course', 'cohort', 'issuedAt', 'status', 'claimed'].map((k) => h('th', { scope: 'col' }, t(k))), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('open'))));
    const parts: Node[] = [
      h('div', { class: 'list-bar' }, h('p', { class: 'hint', id: 'list-count' }, `${list.items.length} ${t('shown')}`), h('div', { id: 'bulk-bar', class: 'bulk-bar' })),
      h('div', { class: 'table-wrap' }, h('table', { class: 'cred-table', id: 'cred-table' }, h('thead', {}, head), h('tbody', {}, ...rows))),
    ];
    if (list.next) {
      const more = h('button', { type: 'button', class: 'btn', id: 'list-more' }, t('loadMore'));
      more.addEventListener('click', () => void loadList(true));
      parts.push(h('div', { class: 'row' }, more));
    }
    box.replaceChildren(...parts);
    renderBulkBar();
  };
  render();
  rerenders.set('list', render);
}

/** "N selected · Revoke selected": one reason for all, then one status change each. */
function renderBulkBar(): void {
  const bar = document.getElementById('bulk-bar');
  if (!bar) return;
  for (const k of [...list.selected]) if (!list.items.some((x) => x.key === k && x.status !== 'revoked')) list.selected.delete(k);
  if (list.selected.size === 0) {
    bar.replaceChildren();
    return;
  }
  const revoke = h('button', { type: 'button', class: 'btn btn-danger btn-small', id: 'bulk-revoke' }, `${t('bulkRevoke')} (${list.selected.size})`);
  revoke.addEventListener('click', () => void bulkRevoke());
  bar.replaceChildren(h('span', { class: 'hint' }, `${list.selected.size} ${t('selected')}`), revoke);
}

async function bulkRevoke(): Promise<void> {
  const items = list.items.filter((x) => list.selected.has(x.key));
  const reason = await askReason({ title: `${t('bulkRevokeTitle')} ${items.length} ${t('bulkRevokeUnit')}`, body: `${t('bulkRevokeBody')} ${items.map((x) => x.name).join(', ')}.`, confirm: t('revoke'), danger: true });
  if (!reason) return;
  const failed: string[] = [];
  for (const x of items) {
    try {
      await api('POST', '/credentials/status', { json: { credentialId: x.credentialId, credentialStatus: [{ status: 'revoked' }], reason } });
      x.status = 'revoked';
      list.selected.delete(x.key);
    } catch (e) {
      failed.push(`${x.name}: ${errorText(e)}`);
    }
  }
  renderList();
  showError('lookup-error', failed.length > 0 ? `${t('bulkFailed')} ${failed.join('; ')}` : undefined);
  const done = items.length - failed.length;
  $('list-count').after(h('p', { class: 'success', role: 'status', id: 'bulk-done' }, `${done} ${t('bulkDone')}`));
}

function keyOf(input: string): string | undefined {
  const m = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(input.trim());
  return m?.[1]?.toLowerCase();
}

/** Opens one credential (by key or `urn:uuid:` id). */
export async function lookup(raw: string): Promise<void> {
  showError('lookup-error', undefined);
  const key = keyOf(raw);
  if (!key) {
    showError('lookup-error', t('badId'));
    return;
  }
  try {
    const [rec, history] = await Promise.all([
      api('GET', `/credentials/${encodeURIComponent(key)}`) as Promise<CredentialView>,
      api('GET', `/credentials/${encodeURIComponent(key)}/history`) as Promise<{ events: HistoryEvent[] }>,
    ]);
    renderCredential(key, rec, history.events);
    $('cred-detail').focus();
    $('cred-detail').scrollIntoView({ block: 'start' });
  } catch (e) {
    $('cred-detail').replaceChildren();
    rerenders.delete('cred');
    showError('lookup-error', errorText(e));
  }
}

const EVENT_LABEL: Record<HistoryEvent['type'], string> = { issued: 'evIssued', claimed: 'evClaimed', revoked: 'evRevoked', suspended: 'evSuspended', active: 'evActive' };

function renderCredential(key: string, rec: CredentialView, events: HistoryEvent[], notice?: string): void {
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
      if (rec.maskedNip) add('nip', rec.maskedNip);
      add('course', s.courseName);
      add('competency', `${s.competency.code} ${s.competency.name} (level ${s.competency.level})`);
      add('jp', String(s.jp));
      add('dates', `${s.startDate} – ${s.endDate}`);
    }
    if (rec.batch) add('cohort', `${rec.batch.id} · ${t('rowN')} ${rec.batch.row}`);
    add('issuedAt', formatDateTime(rec.issuedAt));
    add('status', h('span', { class: `pill ${STATE_CLASS[state]}`, id: 'cred-status' }, t(STATE_LABEL[state])));

    const buttons: HTMLElement[] = [];
    if (state === 'revoked') buttons.push(h('p', { class: 'hint' }, t('revokedFinal')));
    else {
      const revoke = h('button', { type: 'button', class: 'btn btn-danger' }, t('revoke'));
      revoke.addEventListener('click', () => void confirmChange(key, rec, 'revoked'));
      const toggle = state === 'suspended' ? h('button', { type: 'button', class: 'btn' }, t('reinstate')) : h('button', { type: 'button', class: 'btn' }, t('suspend'));
      toggle.addEventListener('click', () => void confirmChange(key, rec, state === 'suspended' ? 'active' : 'suspended'));
      buttons.push(toggle, revoke);
    }
    const pdf = h('button', { type: 'button', class: 'btn', id: 'detail-pdf' }, t('downloadPdf'));
    pdf.addEventListener('click', () => void downloadFile(sameOriginPath(rec.certificate.pdf), `sertifikat-${key}.pdf`, pdf as HTMLButtonElement, 'lookup-error'));
    const close = h('button', { type: 'button', class: 'btn btn-ghost' }, t('close'));
    close.addEventListener('click', () => {
      box.replaceChildren();
      rerenders.delete('cred');
    });

    const note = notice ? h('p', { class: state === 'active' ? 'success' : state === 'revoked' ? 'error' : 'note', role: 'status' }, t(notice)) : undefined;
    const history = h('ol', { class: 'history', id: 'cred-history' }, ...events.map((ev) => h('li', {},
      h('span', { class: 'history-when' }, formatDateTime(ev.at)), ' ',
      h('strong', {}, t(EVENT_LABEL[ev.type])),
      ev.reason ? h('span', { class: 'history-reason' }, ` — ${t('reasonLabel')}: ${ev.reason}`) : undefined)));
    box.replaceChildren(h('div', { class: 'cred' },
      dl, note,
      h('div', { class: 'row wrap' }, ...buttons),
      claimSection(key, rec, state),
      h('h3', {}, t('historyTitle')), history,
      h('div', { class: 'row wrap' }, pdf, close)));
  };
  render();
  rerenders.set('cred', render);
}

function claimSection(key: string, rec: CredentialView, state: CredState): HTMLElement | undefined {
  if (!rec.claimOffer && !rec.boundTo) return undefined;
  const parts: Array<Node | undefined> = [h('h3', {}, t('claimTitle'))];
  if (rec.boundTo || rec.claimOffer?.used) parts.push(h('p', { class: 'hint', id: 'claim-state' }, t('claimUsed')));
  else if (rec.claimOffer) {
    const expired = Date.parse(rec.claimOffer.expiresAt) <= Date.now();
    parts.push(expired
      ? h('p', { class: 'note', id: 'claim-state' }, t('claimExpired'))
      : h('p', { class: 'hint', id: 'claim-state' }, `${t('claimValid')} ${formatDateTime(rec.claimOffer.expiresAt)}`));
    if (!expired) parts.push(h('code', { class: 'claim-link', id: 'detail-claim-link' }, rec.claimOffer.url));
    if (state !== 'revoked') {
      const renew = h('button', { type: 'button', class: 'btn btn-small', id: 'renew-claim' }, t('renewClaim'));
      renew.addEventListener('click', () => void renewClaim(key, renew as HTMLButtonElement));
      parts.push(h('div', { class: 'row wrap' }, renew));
      if (!expired) parts.push(mailOne(key));
    }
  }
  return h('div', { class: 'claim-box' }, ...parts);
}

/** Email this credential's claim link (SMTP configured), or say it must be handed out by hand. */
function mailOne(key: string): HTMLElement {
  const box = h('div', { class: 'mail-box', id: 'mail-one' });
  if (!session.who?.email) {
    box.append(h('p', { class: 'note', id: 'mail-one-off' }, t('mailOneOff')));
    return box;
  }
  const send = h('button', { type: 'button', class: 'btn btn-small', id: 'mail-one-send' }, t('mailOne')) as HTMLButtonElement;
  send.addEventListener('click', () => {
    send.disabled = true;
    send.textContent = t('mailSending');
    box.querySelector('#mail-one-result')?.remove();
    void (async () => {
      let result: HTMLElement;
      try {
        const r = (await api('POST', `/credentials/${encodeURIComponent(key)}/send-claim-link`)) as { state: 'sent' | 'failed' | 'skipped'; reason?: string };
        result = r.state === 'sent'
          ? h('p', { class: 'success', role: 'status', id: 'mail-one-result' }, t('mailOneSent'))
          : h('p', { class: 'note', role: 'status', id: 'mail-one-result' }, `${t(r.state === 'failed' ? 'mailOneFailed' : 'mailOneSkipped')} ${mailReasonText(r.reason)}`);
      } catch (e) {
        result = h('p', { class: 'error', role: 'alert', id: 'mail-one-result' }, errorText(e));
      }
      send.disabled = false;
      send.textContent = t('mailOne');
      box.append(result);
    })();
  });
  box.append(h('p', { class: 'hint' }, t('mailOneHelp')), h('div', { class: 'row wrap' }, send));
  return box;
}

async function renewClaim(key: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    await api('POST', `/credentials/${encodeURIComponent(key)}/claim-offer`);
    await lookup(key);
    const state = document.getElementById('claim-state');
    if (state) state.after(h('p', { class: 'success', role: 'status' }, t('renewed')));
  } catch (e) {
    showError('lookup-error', errorText(e));
    button.disabled = false;
  }
}

const CONFIRM: Record<CredState, { title: string; body: string; confirm: string }> = {
  revoked: { title: 'dlgRevokeTitle', body: 'confirmRevoke', confirm: 'revoke' },
  suspended: { title: 'dlgSuspendTitle', body: 'dlgSuspendBody', confirm: 'suspend' },
  active: { title: 'dlgReinstateTitle', body: 'dlgReinstateBody', confirm: 'reinstate' },
};

/** Asks for the reason in the confirmation dialog, then changes the status. */
async function confirmChange(key: string, rec: CredentialView, to: CredState): Promise<void> {
  const s = readLearningCredential(rec.verifiableCredential);
  const c = CONFIRM[to];
  const reason = await askReason({ title: `${t(c.title)}${s ? ` — ${s.name}` : ''}`, body: t(c.body), confirm: t(c.confirm), danger: to === 'revoked' });
  if (reason) await changeStatus(key, rec, to, reason);
}

async function changeStatus(key: string, rec: CredentialView, to: CredState, reason: string): Promise<void> {
  showError('lookup-error', undefined);
  for (const b of $('cred-detail').querySelectorAll('button')) b.disabled = true;
  try {
    const r = (await api('POST', '/credentials/status', { json: { credentialId: rec.credentialId, credentialStatus: [{ status: to }], reason } })) as { revoked: boolean; suspended: boolean };
    const next = { ...rec, revoked: r.revoked, suspended: r.suspended };
    const state = stateOf(next);
    const history = (await api('GET', `/credentials/${encodeURIComponent(key)}/history`)) as { events: HistoryEvent[] };
    renderCredential(key, next, history.events, state === 'revoked' ? 'revokedNow' : state === 'suspended' ? 'suspendedNow' : 'activeNow');
    const item = list.items.find((x) => x.key === key);
    if (item) {
      item.status = state;
      renderList();
    }
    $('cred-status').focus();
  } catch (e) {
    showError('lookup-error', errorText(e));
    for (const b of $('cred-detail').querySelectorAll('button')) b.disabled = false;
  }
}

export function setupCredentials(): void {
  $('list-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = $<HTMLInputElement>('list-q').value;
    // A pasted credential id opens that credential as well as filtering the list to it.
    if (keyOf(q)) void lookup(q);
    void loadList();
  });
  $('list-form').addEventListener('reset', () => {
    list.cohort = undefined;
    setTimeout(() => {
      if (session.apiKey) void loadList();
    });
  });
  onTabShown.set('creds', () => {
    if (!list.loaded) void loadList();
  });
  onSignIn(() => {
    list.loaded = false;
  });
  onSignOut(() => {
    list.generation++;
    Object.assign(list, { items: [], next: undefined, cohort: undefined, loaded: false });
    list.selected.clear();
    $<HTMLFormElement>('list-form').reset();
    for (const id of ['cred-detail', 'cred-list']) $(id).replaceChildren();
    for (const k of ['cred', 'list']) rerenders.delete(k);
  });
}
