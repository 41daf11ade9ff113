/**
 * The confirmation dialog for status changes: says what will happen, asks for the reason
 * (kept in the audit log and the credential's history), and only a deliberate click on the
 * confirm button goes ahead. A native <dialog> opened with showModal(): focus stays inside,
 * Escape cancels.
 */
import { h } from '../../../shared/web/dom.js';
import { t } from './context.js';

export interface ReasonRequest {
  title: string;
  body: string;
  confirm: string;
  danger?: boolean;
}

/** Resolves to the reason typed, or undefined when cancelled. */
export function askReason(req: ReasonRequest): Promise<string | undefined> {
  return new Promise((resolve) => {
    const reason = h('textarea', { id: 'reason-input', rows: '3', maxlength: '500', required: '', 'aria-describedby': 'reason-hint reason-error' }) as HTMLTextAreaElement;
    const error = h('p', { class: 'field-error', id: 'reason-error', hidden: '' });
    const confirm = h('button', { type: 'submit', class: `btn ${req.danger ? 'btn-danger-solid' : 'btn-primary'}`, id: 'reason-confirm' }, req.confirm);
    const cancel = h('button', { type: 'button', class: 'btn', id: 'reason-cancel' }, t('dupsCancel'));
    const form = h('form', { method: 'dialog', novalidate: '' },
      h('h2', { id: 'reason-title' }, req.title),
      h('p', {}, req.body),
      h('label', { for: 'reason-input' }, t('reasonLabel'), h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')),
      h('p', { class: 'hint', id: 'reason-hint' }, t('reasonHint')),
      reason, error,
      h('div', { class: 'row wrap dialog-actions' }, confirm, cancel));
    const dialog = h('dialog', { class: 'confirm-dialog', 'aria-labelledby': 'reason-title' }, form) as HTMLDialogElement;
    let settled = false;
    const done = (value: string | undefined): void => {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = reason.value.trim().replace(/\s+/g, ' ');
      if (!text) {
        error.textContent = t('reasonMissing');
        error.hidden = false;
        reason.setAttribute('aria-invalid', 'true');
        reason.focus();
        return;
      }
      done(text);
    });
    cancel.addEventListener('click', () => done(undefined));
    dialog.addEventListener('cancel', () => done(undefined));
    document.body.append(dialog);
    dialog.showModal();
    reason.focus();
  });
}
