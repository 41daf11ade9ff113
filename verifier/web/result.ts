/**
 * The result screen: one verdict a person understands at a glance, every check in plain
 * words, and the learning as the proof covers it, with the NIP box (record.ts) under it.
 * Every value from a credential is shown as text, never as HTML (BAD-INPUTS #39).
 */
import { readLearningCredential } from '../../shared/model/build-credential.js';
import { COMPETENCY_TYPE_LABELS } from '../../shared/model/competency.js';
import { ACCREDITATION_TYPE } from '../../shared/accreditation/accreditation-credential.js';
import { isObject, typesOf } from '../../shared/verify/document.js';
import { byId, h } from '../../shared/web/dom.js';
import { fmtDate } from './i18n.js';
import { loc, t } from './page.js';
import type { Check, CredentialResult, PresentationResult } from './page.js';
import { nipBox } from './record.js';
import { stopCamera } from './scan.js';
import { CHECK_LABELS, STATUS_WORD } from './texts.js';

// Result

/**
 * Three outcomes a person understands at a glance: authentic and recognised (JP can be
 * recorded), authentic but not recognised (shown, never counted), not authentic / could
 * not be checked. A presentation is recognised only when every credential it carries is.
 */
function verdictOf(r: CredentialResult | PresentationResult): 'ok' | 'warn' | 'bad' | 'unk' {
  if (r.verified) {
    const all = 'credentials' in r ? r.credentials : [r];
    return all.length > 0 && all.every((c) => c.recognition?.recognised) ? 'ok' : 'warn';
  }
  const authenticity = r.checks.filter((c) => c.id !== 'accreditation');
  return authenticity.some((c) => c.status === 'failed') ? 'bad' : 'unk';
}

export function renderResult(doc: Record<string, unknown>, result: PresentationResult, isPresentation: boolean): void {
  stopCamera();
  // One thing at a time: the result replaces the input until the officer asks for another.
  byId('input-card').hidden = true;
  byId('result-card').hidden = false;
  const v = verdictOf(result);
  const verdict = byId('verdict');
  verdict.className = `verdict ${v}`;
  byId('verdict-icon').textContent = v === 'ok' ? '✓' : v === 'warn' ? '!' : v === 'bad' ? '✕' : '?';
  byId('verdict-title').textContent = t(v === 'ok' ? 'verifiedTitle' : v === 'warn' ? 'unrecognisedTitle' : v === 'bad' ? 'failedTitle' : 'unknownTitle');
  byId('verdict-text').textContent = v === 'ok' ? t('verifiedText') : v === 'warn' ? t('unrecognisedText') : v === 'unk' ? t('unknownText') : loc(result.error?.message);

  const checks = byId('checks');
  checks.replaceChildren(...result.checks.map(checkItem));

  const learning = byId('learning');
  learning.replaceChildren();
  if (isPresentation) {
    const all = Array.isArray(doc.verifiableCredential) ? doc.verifiableCredential : doc.verifiableCredential ? [doc.verifiableCredential] : [];
    // The same exact type test as the pipeline's, so entries pair with result.credentials.
    const held = all.filter((c) => !(isObject(c) && typesOf(c).includes(ACCREDITATION_TYPE)));
    // An unsigned presentation names a holder it does not prove: say so instead.
    if (result.holderProven === false) learning.append(h('p', { class: 'holder' }, `${t('presentationOf')}: ${t('holderNotProven')}`));
    else if (result.holder) learning.append(h('p', { class: 'holder' }, `${t('presentationOf')}: `, keyLabel(result.holder, t('holderWallet'))));
    held.forEach((vc, i) => {
      const r = result.credentials[i];
      if (!r) return;
      learning.append(learningBlock(vc, r, result.verified && r.verified && !!r.recognition?.recognised, held.length > 1 ? `${t('credentialN')} ${i + 1}` : undefined));
      if (!r.verified) {
        const sub = h('ul', { class: 'checks' });
        sub.append(...r.checks.map(checkItem));
        learning.append(sub);
      }
    });
  } else {
    learning.append(learningBlock(doc, result, result.verified && !!result.recognition?.recognised));
  }
}

function checkItem(c: Check): HTMLElement {
  const extra: string[] = [];
  // A provider's did:web names its host; a bare did:key says nothing to staff, so it is left out.
  if (c.id === 'issuerKey' && c.status === 'ok' && typeof c.details?.issuer === 'string' && !c.details.issuer.startsWith('did:key:')) extra.push(c.details.issuer);
  if (c.id === 'accreditation' && typeof c.details?.providerName === 'string') {
    const comps = Array.isArray(c.details.competencies) ? c.details.competencies.map((x) => (x as { code?: string }).code).join(', ') : '';
    extra.push(`${c.details.providerName}${typeof c.details.grade === 'string' && c.details.grade ? ` (${t('grade')} ${c.details.grade})` : ''}${comps ? ` — ${comps}` : ''}`);
  }
  if (c.id === 'status' && Array.isArray(c.details?.lists)) {
    const ages = c.details.lists.map((l) => (l as { ageSeconds?: number }).ageSeconds).filter((a): a is number => typeof a === 'number');
    const age = ages.length ? Math.max(...ages) : undefined;
    if (age !== undefined) extra.push(age < 60 ? t('statusFresh') : `${t('statusAge')} ${Math.round(age / 60)} ${t('minutes')}.`);
  }
  return h('li', {},
    h('span', { class: `badge ${c.status}` }, loc(STATUS_WORD[c.status])),
    h('span', { class: 'check-name' }, loc(CHECK_LABELS[c.id]) || c.id),
    h('span', { class: 'check-msg' }, [loc(c.message), ...extra].join(' ')),
  );
}

function learningBlock(vc: unknown, r: CredentialResult, verified: boolean, heading?: string): HTMLElement {
  // What the proof covers, as the verifier read it; the raw JSON only for an unverified display.
  const s = readLearningCredential(r.document ?? vc);
  const box = h('div', { class: 'learning' }, h('h3', {}, heading ?? t('learningTitle')));
  if (!s) return box;
  if (!verified) box.append(h('p', { class: 'note' }, t('unverifiedLearning')));
  const dl = h('dl', { class: 'facts' });
  const add = (k: string, ...v: Array<Node | string>) => dl.append(h('dt', {}, t(k)), h('dd', {}, ...v));
  add('learner', s.name);
  add('nip', t('nipHidden'));
  add('course', s.courseName, s.courseCode ? ` (${s.courseCode})` : '');
  add('competency', `${loc(COMPETENCY_TYPE_LABELS[s.competency.type])} · ${s.competency.code} ${s.competency.name} · ${t('level')} ${s.competency.level}`);
  add('jp', h('span', { class: 'jp' }, `${s.jp} JP`));
  add('dates', s.startDate === s.endDate ? fmtDate(s.startDate) : `${fmtDate(s.startDate)} – ${fmtDate(s.endDate)}`);
  // The registry's name for the provider, never the one the credential claims for itself.
  if (r.issuer?.name) add('provider', r.issuer.name, r.issuer.accreditationGrade ? ` (${t('grade')} ${r.issuer.accreditationGrade})` : '');
  else add('provider', s.issuerName ?? keyLabel(s.issuerId, t('providerUnnamed')), ' ', t('providerClaimed'));
  box.append(dl, nipBox(vc, s, verified));
  return box;
}

/**
 * A DID as staff read it: words first ("dompet pemegang"), the key itself folded away in
 * details for whoever needs to compare it. Staff never face a raw `did:key:z6Mk…`.
 */
export function keyLabel(did: string, words: string): HTMLElement {
  return h('details', { class: 'key-details' }, h('summary', {}, words), h('code', {}, did));
}
