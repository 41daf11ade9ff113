/** A credential as a card, and the small pieces detail and present views share. */
import { readLearningCredential } from '../../../shared/model/build-credential.js';
import type { LearningSummary } from '../../../shared/model/build-credential.js';
import type { CredentialRecord } from '../credentials.js';
import { formatDate, formatNumber, labelOf, t, tMaybe } from '../i18n.js';
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

/** `Manajerial · M.01 Integritas (tingkat 3)`: the type in words, then the catalogue entry. */
export function competencyText(c: { type?: string; code: string; name?: string; level?: number }): string {
  const type = c.type ? `${labelOf('competencyType', c.type)} · ` : '';
  const level = c.level === undefined ? '' : ` (${t('level')} ${c.level})`;
  return `${type}${c.code}${c.name ? ` ${c.name}` : ''}${level}`;
}

/** `isNew`: just claimed; the card is marked so the holder sees where the new hours came from. */
export function credentialCard(record: CredentialRecord, index: number, check: CredentialCheck | undefined, lang: 'id' | 'en', isNew = false): HTMLElement {
  const s = summaryOf(record, check);
  if (!s) {
    return h('li', { class: 'cred-card' }, h('a', { href: `#/c/${index}`, class: 'cred-link' },
      h('span', { class: 'cred-title' }, typeof record.vc.name === 'string' ? record.vc.name : record.id), h('span', { class: 'muted' }, t('notReadable'))));
  }
  const provider = providerName(s, check);
  return h('li', { class: `cred-card status-${check?.status ?? 'pending'}${isNew ? ' cred-new' : ''}`, ...(isNew ? { 'data-testid': 'cred-new' } : {}) },
    h('a', { href: `#/c/${index}`, class: 'cred-link' },
      isNew ? h('span', { class: 'new-tag' }, t('credNew')) : null,
      h('div', { class: 'cred-head' },
        h('span', { class: 'cred-title' }, pickLanguage(s.courseName, lang)),
        h('span', { class: 'jp-pill', 'aria-label': `${formatNumber(s.jp)} JP` }, `${formatNumber(s.jp)} JP`)),
      h('span', { class: 'cred-provider' }, provider.name),
      h('span', { class: 'cred-meta' }, competencyText(s.competency)),
      h('span', { class: 'cred-foot' }, h('span', { class: 'muted' }, formatDate(s.endDate)), statusBadge(check)),
    ));
}
