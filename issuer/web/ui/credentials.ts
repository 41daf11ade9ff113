/**
 * "Credentials" screen: look one up by id, then revoke, suspend or reinstate it; and the
 * list of credentials issued in this browser session (sessionStorage, cleared on sign-out).
 */
import { readLearningCredential } from '../../../shared/model/build-credential.js';
import { h } from '../../../shared/web/dom.js';
import { api, errorText, formatDateTime } from './api.js';
import { $, onSignIn, onSignOut, rerenders, showError, STATE_CLASS, STATE_LABEL, stateOf, t } from './context.js';
import type { CredState } from './context.js';

const ISSUED_STORE = 'portal.issued';

export interface Issued { key: string; credentialId: string; learner: string; course: string; issuedAt: string; state: CredState }

function issuedList(): Issued[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(ISSUED_STORE) ?? '[]');
    return Array.isArray(v) ? (v as Issued[]) : [];
  } catch {
    return [];
  }
}

export function rememberIssued(item: Issued): void {
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

export async function lookup(raw: string): Promise<void> {
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

export function setupCredentials(): void {
  $('lookup-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void lookup($<HTMLInputElement>('lookup-id').value);
  });
  onSignIn(renderSessionList);
  onSignOut(() => {
    sessionStorage.removeItem(ISSUED_STORE);
    for (const id of ['cred-detail', 'session-list']) $(id).replaceChildren();
    for (const k of ['cred', 'session']) rerenders.delete(k);
  });
}
