/** One credential: every field as text, its status and every check in plain words. */
import { deleteCredential } from '../credentials.js';
import type { CredentialRecord } from '../credentials.js';
import { credentialJson, fetchCertificatePdf, fileNameFor, verificationLink } from '../export.js';
import { errorText, formatDate, formatDateRange, formatDateTime, formatNumber, labelOf, local, t } from '../i18n.js';
import type { AppContext } from './context.js';
import { competencyText, pickLanguage, providerName, statusBadge, summaryOf } from './card.js';
import { busy, downloadBlob, h, notice } from './dom.js';

function row(label: string, value: string | HTMLElement): HTMLElement {
  return h('div', { class: 'row' }, h('dt', {}, label), h('dd', {}, value));
}

/** Take it out of the wallet: the JSON, the provider's certificate PDF, a public verification link. */
function exportSection(ctx: AppContext, record: CredentialRecord, title: string, endDate: string | undefined): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  // Takes no room until there is a link to show.
  const linkBox = h('div', { class: 'stack', hidden: true });
  const json = h('button', { type: 'button', onclick: () => downloadBlob(credentialJson(record), fileNameFor(title, endDate, 'json')) }, t('exportJson'));
  const pdf = h('button', { type: 'button' }, t('exportPdf'));
  pdf.addEventListener('click', () => void busy(pdf, t('exportPdfFetching'), async () => {
    status.replaceChildren();
    try {
      downloadBlob(await fetchCertificatePdf(record), fileNameFor(title, endDate, 'pdf', 'sertifikat'));
    } catch (e) {
      status.appendChild(notice('error', errorText(e)));
    }
  }));
  const share = h('button', { type: 'button' }, t('shareMake'));
  share.addEventListener('click', () => void busy(share, t('shareMaking'), async () => {
    status.replaceChildren();
    try {
      const url = await verificationLink(record, ctx.settings.verifierOrigin);
      const input = h('input', { type: 'text', readonly: true, value: url, class: 'mono', id: 'share-link', 'data-testid': 'share-link' });
      const copy = h('button', {
        type: 'button',
        onclick: async () => {
          try {
            await navigator.clipboard.writeText(url);
            status.replaceChildren(notice('ok', t('presentCopied')));
          } catch {
            input.select();
          }
        },
      }, t('presentCopy'));
      linkBox.hidden = false;
      linkBox.replaceChildren(
        h('div', { class: 'field' }, h('label', { for: 'share-link' }, t('shareLink')), input),
        h('p', { class: 'hint' }, t('shareExplain')),
        h('div', { class: 'actions' }, copy, h('a', { href: url, class: 'button', target: '_blank', rel: 'noopener noreferrer' }, t('shareOpen'))));
    } catch (e) {
      status.appendChild(notice('error', errorText(e)));
    }
  }));
  return h('section', { class: 'card stack', 'aria-labelledby': 'export-h' },
    h('h2', { id: 'export-h' }, t('exportTitle')),
    h('div', { class: 'actions' }, pdf, json, share),
    status,
    linkBox);
}

export function renderDetail(ctx: AppContext, index: number): HTMLElement {
  const record = Number.isInteger(index) ? ctx.records[index] : undefined;
  const back = h('a', { href: '#/', class: 'back' }, `← ${t('back')}`);
  if (!record) return h('div', { class: 'stack' }, back, h('h1', {}, t('notReadable')));
  const check = ctx.checks.get(record.id);
  const s = summaryOf(record, check);
  // Seeing the credential's page is seeing its new status.
  if (ctx.statusNews.includes(record.id)) queueMicrotask(() => void ctx.acknowledge([record.id]));
  const lang = ctx.settings.lang;

  const actions = h('div', { class: 'actions' },
    h('button', { type: 'button', onclick: () => void ctx.checkCredentials([record.id]) }, t('recheck')),
    h('button', {
      type: 'button', class: 'danger',
      onclick: async () => {
        if (!window.confirm(t('removeConfirm'))) return;
        await deleteCredential(ctx.store, record.id);
        await ctx.reloadRecords();
        ctx.navigate('#/');
      },
    }, t('remove')));

  const checks = check?.verification?.checks ?? [];
  const checkList = h('ul', { class: 'checks' }, ...checks.map((c) => h('li', { class: `check check-${c.status}` },
    h('span', { class: 'check-mark', 'aria-hidden': 'true' }, c.status === 'ok' ? '✓' : c.status === 'failed' ? '✗' : '?'),
    h('span', {}, local(c.message)),
    h('span', { class: 'visually-hidden' }, ` (${c.status})`))));

  const statusSection = h('section', { class: 'card stack', 'aria-labelledby': 'status-h' },
    h('h2', { id: 'status-h' }, t('status'), ' ', statusBadge(check)),
    check?.reason && check.status !== 'verified' ? h('p', {}, local(check.reason)) : null,
    check?.status === 'unknown' ? h('p', { class: 'muted' }, t('unknownExplain')) : null,
    check ? h('p', { class: 'muted small' }, `${t('checkedAt')}: ${formatDateTime(check.checkedAt)}`) : null,
    checks.length > 0 ? h('details', {}, h('summary', {}, t('checks')), checkList) : null,
  );

  if (!s) {
    return h('div', { class: 'stack' }, back, h('h1', {}, typeof record.vc.name === 'string' ? record.vc.name : record.id), h('p', {}, t('notReadable')), statusSection, actions);
  }
  const provider = providerName(s, check);
  const result = s.result
    ? [s.result.passed === undefined ? '' : s.result.passed ? t('passed') : t('notPassed'), s.result.score === undefined ? '' : `${t('score')} ${formatNumber(s.result.score)}`, s.result.grade ?? '']
      .filter(Boolean).join(' · ')
    : undefined;

  return h('div', { class: 'stack' },
    back,
    h('article', { class: 'card stack detail' },
      h('h1', {}, pickLanguage(s.courseName, lang)),
      s.courseDescription ? h('p', { class: 'description' }, pickLanguage(s.courseDescription, lang)) : null,
      h('dl', { class: 'fields' },
        row(t('provider'), h('span', {}, provider.name, provider.verified ? null : h('span', { class: 'muted small' }, ` ${t('providerUnverified')}`))),
        row(t('competency'), competencyText(s.competency)),
        row(t('jp'), `${formatNumber(s.jp)} JP`),
        row(t('dates'), formatDateRange(s.startDate, s.endDate)),
        row(t('mode'), `${labelOf('mode', s.mode)} · ${labelOf('path', s.path)}`),
        result ? row(t('result'), result) : null,
        row(t('learner'), s.name),
        s.validFrom ? row(t('issuedOn'), formatDate(s.validFrom)) : null,
        s.validUntil ? row(t('validUntil'), formatDate(s.validUntil)) : null,
      ),
    ),
    statusSection,
    exportSection(ctx, record, pickLanguage(s.courseName, lang), s.endDate),
    actions,
  );
}
