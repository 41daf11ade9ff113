/** Settings: language, PNS/PPPK, backup and restore; the verifier and LAN issuer addresses under "advanced". */
import { exportBackup, restoreBackup } from '../backup.js';
import { cleanOrigin, cleanSettings } from '../settings.js';
import type { Employment, Lang } from '../settings.js';
import { errorText, t } from '../i18n.js';
import type { AppContext } from './context.js';
import { busy, downloadBlob, field, h, notice } from './dom.js';
import { newPassphraseInput, strengthHint } from './passphrase-field.js';

export function restoreForm(ctx: AppContext): HTMLElement {
  const file = h('input', { type: 'file', accept: '.json,application/json', name: 'backup' });
  const pass = h('input', { type: 'password', name: 'backup-passphrase', autocomplete: 'off', required: true });
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, t('restore'));
  return h('form', {
    class: 'stack',
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      status.replaceChildren();
      const chosen = file.files?.[0];
      if (!chosen) {
        status.appendChild(notice('error', t('restoreNoFile')));
        return;
      }
      if (ctx.session && !window.confirm(t('restoreConfirm'))) return;
      void busy(button, t('restoring'), async () => {
        try {
          const text = chosen.size > 20_000_000 ? '' : await chosen.text();
          const session = await restoreBackup(ctx.store, text, pass.value, ctx.now());
          pass.value = '';
          await ctx.saveSettings(cleanSettings(await ctx.store.getJson('settings'), ctx.settings));
          await ctx.setSession(session);
          ctx.flash = { kind: 'ok', text: t('restored') };
          ctx.navigate('#/');
        } catch (e) {
          status.appendChild(notice('error', errorText(e)));
        }
      });
    },
  },
  h('p', { class: 'muted' }, t('restoreIntro')),
  field(t('restoreFile'), file),
  field(t('backupPassphrase'), pass),
  status,
  button);
}

function backupForm(ctx: AppContext): HTMLElement {
  const pass = newPassphraseInput('new-backup-passphrase');
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('backupExport'));
  return h('form', {
    class: 'stack',
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      status.replaceChildren();
      const session = ctx.session;
      if (!session) return;
      void busy(button, t('backupExporting'), async () => {
        try {
          const now = ctx.now();
          const text = await exportBackup(ctx.store, session, pass.value, now);
          pass.value = '';
          downloadBlob(new Blob([text], { type: 'application/json' }), `dompet-asn-${now.toISOString().slice(0, 10)}.json`);
          status.appendChild(notice('ok', t('backupExported')));
        } catch (e) {
          status.appendChild(notice('error', errorText(e)));
        }
      });
    },
  },
  h('p', {}, t('backupIntro')),
  field(t('backupPassphrase'), pass, t('backupPassphraseHint')),
  strengthHint(pass),
  status,
  button);
}

/**
 * The addresses of the verifier (for QR codes) and of LAN's issuer (the trust anchor): set
 * by the deployment, changed only when IT staff say so. A wrong LAN address makes the
 * wallet trust another key, so they sit folded away behind a warning.
 */
function advancedSection(ctx: AppContext): HTMLElement {
  const s = ctx.settings;
  const verifier = h('input', { type: 'url', name: 'verifier', inputmode: 'url', value: s.verifierOrigin ?? '', placeholder: 'https://' });
  const issuer = h('input', { type: 'url', name: 'issuer', inputmode: 'url', value: s.issuerOrigin ?? '', placeholder: 'https://' });
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', {
    class: 'stack',
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      status.replaceChildren();
      const v = verifier.value.trim() ? cleanOrigin(verifier.value) : undefined;
      const i = issuer.value.trim() ? cleanOrigin(issuer.value) : undefined;
      if ((verifier.value.trim() && !v) || (issuer.value.trim() && !i)) {
        status.appendChild(notice('error', t('originInvalid')));
        return;
      }
      try {
        const { verifierOrigin: _v, issuerOrigin: _i, ...rest } = ctx.settings;
        await ctx.saveSettings({
          ...rest,
          // A different LAN address means a different trust anchor: forget the pinned key.
          ...(i !== ctx.settings.issuerOrigin ? { trustAnchor: undefined } : {}),
          ...(v ? { verifierOrigin: v } : {}),
          ...(i ? { issuerOrigin: i } : {}),
        });
        ctx.flash = { kind: 'ok', text: t('saved') };
        ctx.rerender();
      } catch (e) {
        status.appendChild(notice('error', errorText(e)));
      }
    },
  },
  h('p', { class: 'notice notice-warn', role: 'note' }, t('advancedWarning')),
  field(t('verifierOrigin'), verifier, t('originHint')),
  field(t('issuerOrigin'), issuer),
  status,
  h('button', { type: 'submit' }, t('saveAdvanced')));
  return h('details', { class: 'card advanced', 'data-testid': 'advanced' },
    h('summary', {}, t('advancedTitle')),
    h('div', { class: 'stack' },
      form,
      ctx.session ? h('div', { class: 'field' }, h('span', { class: 'label' }, t('yourDid')), h('code', { class: 'mono did' }, ctx.session.did)) : null));
}

export function renderSettings(ctx: AppContext): HTMLElement {
  const s = ctx.settings;
  const lang = h('select', { name: 'lang' },
    h('option', { value: 'id', ...(s.lang === 'id' ? { selected: true } : {}) }, 'Bahasa Indonesia'),
    h('option', { value: 'en', ...(s.lang === 'en' ? { selected: true } : {}) }, 'English'));
  const employment = h('select', { name: 'employment' },
    h('option', { value: 'PNS', ...(s.employment === 'PNS' ? { selected: true } : {}) }, t('employmentPNS')),
    h('option', { value: 'PPPK', ...(s.employment === 'PPPK' ? { selected: true } : {}) }, t('employmentPPPK')));
  const contract = h('input', { type: 'date', name: 'contract-start', value: s.contractStart ? `2025-${s.contractStart}` : '' });
  // The contract year matters only for PPPK.
  const contractField = field(t('contractStart'), contract);
  contractField.hidden = s.employment !== 'PPPK';
  employment.addEventListener('change', () => {
    contractField.hidden = employment.value !== 'PPPK';
  });
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', {
    class: 'card stack',
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      status.replaceChildren();
      try {
        const { contractStart: _c, ...rest } = ctx.settings;
        await ctx.saveSettings({
          ...rest,
          lang: lang.value as Lang,
          employment: employment.value as Employment,
          ...(contract.value ? { contractStart: contract.value.slice(5) } : {}),
        });
        ctx.flash = { kind: 'ok', text: t('saved') };
        ctx.rerender();
      } catch (e) {
        status.appendChild(notice('error', errorText(e)));
      }
    },
  },
  h('h1', {}, t('settingsTitle')),
  field(t('language'), lang),
  field(t('employment'), employment),
  contractField,
  status,
  h('button', { type: 'submit', class: 'primary' }, t('save')));

  return h('div', { class: 'stack' },
    form,
    h('section', { class: 'card stack', 'aria-labelledby': 'backup-h' }, h('h2', { id: 'backup-h' }, t('backupTitle')), backupForm(ctx)),
    h('section', { class: 'card stack', 'aria-labelledby': 'restore-h' }, h('h2', { id: 'restore-h' }, t('restoreTitle')), restoreForm(ctx)),
    h('section', { class: 'card stack', 'aria-labelledby': 'about-h' },
      h('h2', { id: 'about-h' }, t('about')),
      h('p', {}, t('aboutText'))),
    advancedSection(ctx),
  );
}
