/** Present by QR: choose credentials, sign + encrypt + upload to the verifier's relay, show the QR with a countdown. */
import QRCode from 'qrcode';
import { presentByRelay } from '../present.js';
import type { Presented } from '../present.js';
import { errorText, formatDate, formatNumber, t } from '../i18n.js';
import type { AppContext } from './context.js';
import { pickLanguage, statusBadge, summaryOf } from './card.js';
import { busy, h, notice } from './dom.js';

export function renderPresent(ctx: AppContext): { el: HTMLElement; cleanup: () => void } {
  let timer: ReturnType<typeof setInterval> | undefined;
  const cleanup = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const status = h('div', { 'aria-live': 'polite' });
  const result = h('div', {});
  const verifier = ctx.settings.verifierOrigin;

  const boxes = ctx.records.map((r, i) => {
    const check = ctx.checks.get(r.id);
    const s = summaryOf(r, check);
    const unusable = check?.status === 'revoked' || check?.status === 'invalid';
    const box = h('input', { type: 'checkbox', id: `pick-${i}`, name: 'credential', value: String(i), ...(unusable ? { disabled: true } : {}) });
    const label = h('label', { for: `pick-${i}`, class: 'pick' }, box,
      h('span', { class: 'pick-text' },
        h('span', { class: 'cred-title' }, s ? pickLanguage(s.courseName, ctx.settings.lang) : r.id),
        h('span', { class: 'muted small' }, s ? `${formatNumber(s.jp)} JP · ${formatDate(s.endDate)}` : ''),
        statusBadge(check),
      ));
    return { box, label, record: r };
  });

  const show = async (p: Presented) => {
    const canvas = h('canvas', { role: 'img', 'aria-label': t('presentQrAlt'), class: 'qr', 'data-relay-url': p.url });
    await QRCode.toCanvas(canvas, p.url, { errorCorrectionLevel: 'M', margin: 2, width: 300, color: { dark: '#000000', light: '#ffffff' } });
    const countdown = h('p', { class: 'countdown', 'aria-live': 'off' });
    const linkText = h('input', { type: 'text', readonly: true, value: p.url, class: 'mono', id: 'relay-link', 'aria-label': t('presentLink') });
    const copy = h('button', {
      type: 'button',
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(p.url);
          status.replaceChildren(notice('ok', t('presentCopied')));
        } catch {
          linkText.select();
        }
      },
    }, t('presentCopy'));
    const again = h('button', { type: 'button', class: 'primary', onclick: () => ctx.rerender() }, t('presentAgain'));
    const card = h('section', { class: 'card stack qr-card', 'aria-labelledby': 'qr-h' },
      h('h2', { id: 'qr-h' }, `${t('navPresent')} · ${p.credentialCount} ${t('navHome').toLowerCase()}`),
      h('p', {}, t('presentQrHelp')),
      h('div', { class: 'qr-wrap' }, canvas),
      countdown,
      h('div', { class: 'field' }, h('label', { for: 'relay-link' }, t('presentLink')), linkText),
      h('div', { class: 'actions' }, copy, again));
    const expires = Date.parse(p.expiresAt);
    const tick = () => {
      const left = Math.max(0, Math.round((expires - ctx.now().getTime()) / 1000));
      if (left === 0) {
        cleanup();
        card.classList.add('expired');
        canvas.setAttribute('aria-hidden', 'true');
        countdown.textContent = t('presentExpired');
        countdown.setAttribute('role', 'alert');
        return;
      }
      countdown.textContent = `${t('presentExpiresIn')} ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    };
    tick();
    timer = setInterval(tick, 1000);
    result.replaceChildren(card);
    card.scrollIntoView({ block: 'start' });
    again.focus({ preventScroll: true });
  };

  const make = h('button', { type: 'submit', class: 'primary' }, t('presentMake'));
  const form = h('form', {
    class: 'card stack',
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      status.replaceChildren();
      const chosen = boxes.filter((b) => b.box.checked).map((b) => b.record);
      if (chosen.length === 0) {
        status.appendChild(notice('error', t('presentNone')));
        return;
      }
      if (!verifier || !ctx.session) {
        status.appendChild(notice('error', t('presentNoVerifier')));
        return;
      }
      const session = ctx.session;
      void busy(make, t('presentMaking'), async () => {
        try {
          cleanup();
          await show(await presentByRelay(chosen, session, verifier, ctx.now));
        } catch (e) {
          status.appendChild(notice('error', errorText(e)));
        }
      });
    },
  },
  h('h1', {}, t('presentTitle')),
  h('p', {}, t('presentIntro')),
  ctx.records.length === 0 ? h('p', { class: 'muted' }, t('noCredentials')) : h('fieldset', { class: 'picks' }, h('legend', { class: 'visually-hidden' }, t('myCredentials')), ...boxes.map((b) => b.label)),
  h('p', { class: 'muted small' }, `${t('presentVerifier')}: `, verifier ?? '—'),
  make);
  return { el: h('div', { class: 'stack' }, form, status, result), cleanup };
}
