/**
 * The NIP box under a credential: the officer types the employee's NIP, the page matches
 * it against the credential's salted hash (the NIP never leaves the page for that), sees
 * whether this award is already in the agency's ledger, and — signed in — records it.
 *
 * What was typed and matched survives a re-render (signing in, switching language): it is
 * kept per credential in memory (never in storage), so the officer does not type it twice.
 */
import { maskNip, matchesIdentity } from '../../shared/model/index.js';
import type { LearningSummary } from '../../shared/model/build-credential.js';
import { byId, h } from '../../shared/web/dom.js';
import { apiErrorText } from './errors.js';
import { fmtDate } from './i18n.js';
import { state, t } from './page.js';

interface Remembered { nip: string; matched: boolean; outcome?: { ok: boolean; text: () => string } }
/** Per credential (issuer + id, or its NIP hash): what the officer typed and what happened. */
const memory = new Map<string, Remembered>();

interface LookupAnswer {
  recorded: boolean;
  inYourAgency?: boolean;
  recordedAt?: string;
  recognition?: { id: string; number?: string; recordedAt: string; officer: string; status: { state: string } };
}

/** Takes the officer to the sign-in form (the hint's link), then back here after signing in. */
function goToSignIn(e: Event): void {
  e.preventDefault();
  byId('login-card').scrollIntoView({ behavior: 'smooth', block: 'start' });
  byId('login-user').focus({ preventScroll: true });
}

export function nipBox(vc: unknown, s: LearningSummary, verified: boolean): HTMLElement {
  const key = `${s.issuerId}\n${s.credentialId ?? s.nipIdentity.identityHash}`;
  const kept = memory.get(key) ?? { nip: '', matched: false };
  memory.set(key, kept);
  const id = `nip-${Math.random().toString(36).slice(2, 8)}`;
  const input = h('input', { id, inputmode: 'numeric', autocomplete: 'off', maxlength: '24', placeholder: t('nipPlaceholder'), 'aria-describedby': `${id}-ex` }) as HTMLInputElement;
  const example = h('p', { id: `${id}-ex`, class: 'hint' }, t('nipExample'));
  const out = h('p', { role: 'status', 'aria-live': 'polite', hidden: '' });
  const record = h('button', { type: 'button', class: 'btn btn-primary', disabled: '' }, t('record')) as HTMLButtonElement;
  const recordOut = h('p', { role: 'status', 'aria-live': 'polite', hidden: '' });
  const signInLink = h('a', { href: '#login-card', class: 'signin-link' }, t('recordNeedsLogin'));
  signInLink.addEventListener('click', goToSignIn);
  const hint = h('p', { class: 'muted record-hint' }, state.session ? t('recordNeedsNip') : signInLink);
  const ledger = h('p', { class: 'ledger-state', hidden: '' });
  let matchedNip: string | undefined;

  const showOutcome = () => {
    if (!kept.outcome) return;
    recordOut.hidden = false;
    recordOut.className = kept.outcome.ok ? 'success' : 'error';
    recordOut.textContent = kept.outcome.text();
    record.disabled = true;
  };
  const match = () => {
    const nip = input.value.replaceAll(' ', '');
    const ok = matchesIdentity(s.nipIdentity, nip);
    matchedNip = ok ? nip : undefined;
    kept.nip = input.value;
    kept.matched = ok;
    out.hidden = false;
    out.className = ok ? 'success' : 'error';
    out.textContent = ok ? `${t('nipYes')} ${maskNip(nip)}.` : t('nipNo');
    record.disabled = !(ok && verified && state.session);
    hint.hidden = !!(ok && state.session);
    showOutcome();
  };
  const matchBtn = h('button', { type: 'button', class: 'btn' }, t('nipMatch'));
  matchBtn.addEventListener('click', match);
  input.addEventListener('input', () => { kept.nip = input.value; });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') match(); });
  // The NIP that opened a printed certificate is matched here too, so it is typed once.
  if (state.certificateNip) {
    input.value = state.certificateNip;
    state.certificateNip = undefined;
    match();
  } else if (kept.nip) {
    input.value = kept.nip;
    if (kept.matched) match();
  }

  record.addEventListener('click', async () => {
    if (!matchedNip) return;
    record.disabled = true;
    const res = await fetch('/recognitions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential: vc, nip: matchedNip }) });
    const body = await res.json().catch(() => ({})) as { id?: string; number?: string; code?: string; details?: { recognitionId?: string; number?: string; recordedAt?: string } };
    if (res.status === 201) {
      kept.outcome = { ok: true, text: () => `${t('recorded')} ${body.number ?? body.id ?? ''}` };
    } else if (res.status === 409 && body.code === 'ALREADY_RECOGNISED') {
      const d = body.details ?? {};
      kept.outcome = { ok: false, text: () => `${t('duplicate')} ${d.number ?? t('otherAgency')} ${t('on')} ${fmtDate(d.recordedAt)}` };
    } else {
      recordOut.hidden = false;
      recordOut.className = 'error';
      recordOut.textContent = apiErrorText(body, res.status);
      record.disabled = false;
      return;
    }
    showOutcome();
    void lookUp();
    // The report under the result counts it now (app.ts reloads it).
    if (res.status === 201) document.dispatchEvent(new CustomEvent('ledger-changed'));
  });

  // Before recording: is this award already in the ledger (ours or another agency's)?
  const lookUp = async () => {
    if (!state.session || !s.credentialId) return;
    const q = new URLSearchParams({ issuer: s.issuerId, credentialId: s.credentialId });
    const res = await fetch(`/recognitions/lookup?${q}`, { cache: 'no-store' }).catch(() => undefined);
    if (!res?.ok) return;
    const a = await res.json() as LookupAnswer;
    ledger.hidden = false;
    if (!a.recorded) {
      ledger.className = 'ledger-state muted';
      ledger.textContent = t('ledgerNone');
    } else if (a.inYourAgency && a.recognition) {
      const r = a.recognition;
      ledger.className = 'ledger-state warn-text';
      ledger.textContent = `${t('ledgerOurs')} ${r.number ?? r.id.slice(0, 8)} · ${fmtDate(r.recordedAt)} · ${r.officer}${r.status.state === 'active' ? '' : ` · ${t(`state_${r.status.state}`)}`}`;
      if (!kept.outcome) record.disabled = true;
      record.hidden = true;
    } else {
      ledger.className = 'ledger-state warn-text';
      ledger.textContent = `${t('ledgerTheirs')} ${fmtDate(a.recordedAt)}.`;
      record.hidden = true;
    }
  };
  if (verified) void lookUp();

  // Only what is authentic and recognised can be recorded: elsewhere the NIP can still be
  // matched, but no record button invites a recording the server would refuse.
  return h('div', { class: 'nip-box' },
    h('label', { for: id }, t('nipMatchLabel')),
    h('div', { class: 'row' }, input, matchBtn),
    example,
    out,
    ...(verified ? [ledger, h('div', { class: 'row' }, record), hint, recordOut] : []),
  );
}
