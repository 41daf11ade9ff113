/** A credential as a card, and the small pieces detail and present views share. */
import { readLearningCredential } from '../../../shared/model/build-credential.js';
import type { LearningSummary } from '../../../shared/model/build-credential.js';
import type { CredentialRecord } from '../credentials.js';
import { formatDate, formatNumber, t, tMaybe } from '../i18n.js';
import type { CredentialCheck, DisplayStatus } from '../status.js';
import { h } from './dom.js';

/**
 * What the card, the detail page and the JP total show: read from the credential as its
 * proof covers it (the pipeline's compact form) once it has been checked; before that, the
 * stored JSON (which the issuer just handed over, and which is shown as not yet checked).
 */
export function summaryOf(record: CredentialRecord, check?: CredentialCheck): LearningSummary | undefined {
  return readLearningCredential(check?.verification?.document ?? record.vc);
}

/** Indonesian then English in one field (`…\n\nEN: …`): the part for the current language. */
export function pickLanguage(text: string, lang: 'id' | 'en'): string {
  const at = text.indexOf('\n\nEN: ');
  if (at < 0) return text;
  return lang === 'en' ? text.slice(at + 6) : text.slice(0, at);
}

export function statusBadge(check: CredentialCheck | undefined): HTMLElement {
  const status: DisplayStatus | 'pending' = check?.status ?? 'pending';
  return h('span', { class: `badge badge-${status}` }, tMaybe(`st_${status}`) ?? status);
}

/** The provider name: LAN's (from a verified accreditation) when known, else the credential's own claim, marked. */
export function providerName(summary: LearningSummary, check: CredentialCheck | undefined): { name: string; verified: boolean } {
  if (check?.providerName) return { name: check.providerName, verified: true };
  return { name: summary.issuerName ?? summary.issuerId, verified: false };
}

export function competencyText(s: LearningSummary): string {
  const type = tMaybe(`ct_${s.competency.type}`) ?? s.competency.type;
  return `${type} · ${s.competency.code} ${s.competency.name} (${t('level')} ${s.competency.level})`;
}

export function credentialCard(record: CredentialRecord, index: number, check: CredentialCheck | undefined, lang: 'id' | 'en'): HTMLElement {
  const s = summaryOf(record, check);
  if (!s) {
    return h('li', { class: 'cred-card' }, h('a', { href: `#/c/${index}`, class: 'cred-link' },
      h('span', { class: 'cred-title' }, typeof record.vc.name === 'string' ? record.vc.name : record.id), h('span', { class: 'muted' }, t('notReadable'))));
  }
  const provider = providerName(s, check);
  return h('li', { class: `cred-card status-${check?.status ?? 'pending'}` },
    h('a', { href: `#/c/${index}`, class: 'cred-link' },
      h('div', { class: 'cred-head' },
        h('span', { class: 'cred-title' }, pickLanguage(s.courseName, lang)),
        h('span', { class: 'jp-pill', 'aria-label': `${formatNumber(s.jp)} JP` }, `${formatNumber(s.jp)} JP`)),
      h('span', { class: 'cred-provider' }, provider.name),
      h('span', { class: 'cred-meta' }, competencyText(s)),
      h('span', { class: 'cred-foot' }, h('span', { class: 'muted' }, formatDate(s.endDate)), statusBadge(check)),
    ));
}
