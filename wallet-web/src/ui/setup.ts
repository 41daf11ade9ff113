/** First use (make the holder key, or restore a backup) and the per-session unlock. */
import { createHolderKey, unlockHolderKey } from '../keys.js';
import { errorText, t } from '../i18n.js';
import type { AppContext } from './context.js';
import { busy, field, h, notice } from './dom.js';
import { newPassphraseInput, strengthHint } from './passphrase-field.js';
import { restoreForm } from './settings.js';

function passwordInput(name: string, autocomplete: string): HTMLInputElement {
  return h('input', { type: 'password', name, autocomplete, required: true, spellcheck: 'false' });
}

export function renderSetup(ctx: AppContext, waiting: HTMLElement | null = null): HTMLElement {
  const pass = newPassphraseInput('passphrase');
  const repeat = newPassphraseInput('passphrase-repeat');
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('createWallet'));
  const form = h('form', {
    class: 'card stack',
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      status.replaceChildren();
      if (pass.value !== repeat.value) {
        status.appendChild(notice('error', t('passphraseMismatch')));
        repeat.focus();
        return;
      }
      void busy(button, t('creating'), async () => {
        try {
          const session = await createHolderKey(ctx.store, pass.value, ctx.now());
          pass.value = '';
          repeat.value = '';
          await ctx.setSession(session);
          ctx.rerender();
        } catch (e) {
          status.appendChild(notice('error', errorText(e)));
        }
      });
    },
  },
  h('h1', {}, t('setupTitle')),
  h('p', {}, t('setupIntro')),
  field(t('passphrase'), pass, t('passphraseHint')),
  strengthHint(pass),
  field(t('passphraseRepeat'), repeat),
  status,
  button);
  return h('div', { class: 'stack' },
    waiting,
    waiting ? null : h('p', { class: 'tagline' }, t('appTagline')),
    form,
    h('details', { class: 'card' }, h('summary', {}, t('orRestore')), restoreForm(ctx)),
  );
}

export function renderUnlock(ctx: AppContext, waiting: HTMLElement | null = null): HTMLElement {
  const pass = passwordInput('passphrase', 'current-password');
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('unlock'));
  const form = h('form', {
    class: 'card stack',
    onsubmit: (ev: Event) => {
      ev.preventDefault();
      status.replaceChildren();
      void busy(button, t('unlocking'), async () => {
        try {
          const session = await unlockHolderKey(ctx.store, pass.value);
          pass.value = '';
          await ctx.setSession(session);
          ctx.rerender();
        } catch (e) {
          status.appendChild(notice('error', errorText(e)));
          pass.select();
        }
      });
    },
  },
  h('h1', {}, t('unlockTitle')),
  h('p', {}, t('unlockIntro')),
  field(t('passphrase'), pass),
  status,
  button);
  queueMicrotask(() => pass.focus());
  return h('div', { class: 'stack' }, waiting, form);
}
