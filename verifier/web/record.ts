/**
 * The NIP box under a credential: the officer types the employee's NIP, the page matches
 * it against the credential's salted hash (the NIP never leaves the page for that), and a
 * signed-in officer records the recognition in the agency's ledger.
 */
import { maskNip, matchesIdentity } from '../../shared/model/index.js';
import type { LearningSummary } from '../../shared/model/build-credential.js';
import { h } from '../../shared/web/dom.js';
import { apiErrorText } from './errors.js';
import { state, t } from './page.js';

export function nipBox(vc: unknown, s: LearningSummary, verified: boolean): HTMLElement {
  const id = `nip-${Math.random().toString(36).slice(2, 8)}`;
  const input = h('input', { id, inputmode: 'numeric', autocomplete: 'off', maxlength: '24', placeholder: '19860926 201505 1 001' }) as HTMLInputElement;
  const out = h('p', { role: 'status', 'aria-live': 'polite', hidden: '' });
  const record = h('button', { type: 'button', class: 'btn btn-primary', disabled: '' }, t('record')) as HTMLButtonElement;
  const recordOut = h('p', { role: 'status', 'aria-live': 'polite', hidden: '' });
  const hint = h('p', { class: 'muted' }, state.session ? t('recordNeedsNip') : t('recordNeedsLogin'));
  let matchedNip: string | undefined;
  const match = () => {
    const nip = input.value.replaceAll(' ', '');
    const ok = matchesIdentity(s.nipIdentity, nip);
    matchedNip = ok ? nip : undefined;
    out.hidden = false;
    out.className = ok ? 'success' : 'error';
    out.textContent = ok ? `${t('nipYes')} ${maskNip(nip)}.` : t('nipNo');
    record.disabled = !(ok && verified && state.session);
    hint.hidden = !!(ok && state.session);
  };
  const matchBtn = h('button', { type: 'button', class: 'btn' }, t('nipMatch'));
  matchBtn.addEventListener('click', match);
  // The NIP that opened a printed certificate is matched here too, so it is typed once.
  if (state.certificateNip) {
    input.value = state.certificateNip;
    state.certificateNip = undefined;
    match();
  }
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') match(); });
  record.addEventListener('click', async () => {
    if (!matchedNip) return;
    record.disabled = true;
    const res = await fetch('/recognitions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential: vc, nip: matchedNip }) });
    const body = await res.json().catch(() => ({})) as { id?: string; code?: string; message?: string; details?: { recognitionId?: string; recordedAt?: string } };
    recordOut.hidden = false;
    if (res.status === 201) {
      recordOut.className = 'success';
      recordOut.textContent = `${t('recorded')} ${body.id ?? ''}`;
    } else if (res.status === 409) {
      recordOut.className = 'error';
      recordOut.textContent = `${t('duplicate')} ${body.details?.recognitionId ?? ''} ${t('on')} ${body.details?.recordedAt?.slice(0, 10) ?? ''}`;
    } else {
      recordOut.className = 'error';
      recordOut.textContent = apiErrorText(body, res.status);
      record.disabled = false;
    }
  });
  // Only what is authentic and recognised can be recorded: elsewhere the NIP can still be
  // matched, but no record button invites a recording the server would refuse.
  return h('div', { class: 'nip-box' },
    h('label', { for: id }, t('nipMatchLabel')),
    h('div', { class: 'row' }, input, matchBtn),
    out,
    ...(verified ? [h('div', { class: 'row' }, record), hint, recordOut] : []),
  );
}
