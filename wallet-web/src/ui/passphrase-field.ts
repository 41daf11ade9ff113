/** A new-passphrase field with a live strength hint (the wallet's and the backup's use the same one). */
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from '../passphrase.js';
import type { PassphraseStrength } from '../passphrase.js';
import { t } from '../i18n.js';
import type { TextKey } from '../i18n.js';
import { h } from './dom.js';

const HINT: Readonly<Record<PassphraseStrength, TextKey>> = {
  'too-short': 'strengthTooShort',
  common: 'strengthCommon',
  weak: 'strengthWeak',
  fair: 'strengthFair',
  strong: 'strengthStrong',
};

export function newPassphraseInput(name: string): HTMLInputElement {
  return h('input', { type: 'password', name, autocomplete: 'new-password', required: true, minlength: MIN_PASSPHRASE_LENGTH, spellcheck: 'false' });
}

/** The hint under `input`: a bar of 0–4 steps and a sentence; empty until something is typed. */
export function strengthHint(input: HTMLInputElement): HTMLElement {
  const bar = h('span', { class: 'strength-bar', 'aria-hidden': 'true' }, h('span'), h('span'), h('span'), h('span'));
  const words = h('span', { class: 'strength-text' });
  const box = h('p', { class: 'strength', 'aria-live': 'polite', 'data-testid': 'strength', hidden: true }, bar, words);
  const update = () => {
    if (input.value.length === 0) {
      box.hidden = true;
      return;
    }
    const strength = passphraseStrength(input.value);
    box.hidden = false;
    box.dataset.strength = strength;
    words.textContent = t(HINT[strength]);
  };
  input.addEventListener('input', update);
  return box;
}
