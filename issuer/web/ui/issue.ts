/**
 * "Issue one" screen: a form generated from FIELDS (`path` is the LearningInput field path
 * the API names in its 422 details), its field errors, and the issued credential's claim
 * link, QR and certificate.
 */
import { COMPETENCY_TYPES, COMPETENCY_TYPE_LABELS } from '../../../shared/model/competency.js';
import { readLearningCredential } from '../../../shared/model/build-credential.js';
import { KLASIKAL_PATHS, LEARNING_MODES, LEARNING_MODE_LABELS, LEARNING_PATH_LABELS, NONKLASIKAL_PATHS } from '../../../shared/model/learning-input.js';
import { h } from '../../../shared/web/dom.js';
import { api, downloadFile, errorText, formatDateTime, isApiError, sameOriginPath } from './api.js';
import { $, loc, onSignOut, rerenders, showError, t, textOf } from './context.js';
import type { FieldError } from './context.js';
import { lookup, markListStale } from './credentials.js';
import { selectTab } from './tabs.js';

interface FieldSpec {
  name: string;
  path: string;
  label: string;
  hint?: string;
  kind: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'email';
  required?: boolean;
  options?: () => string[];
  attrs?: Record<string, string>;
  group: 'gLearner' | 'gCourse' | 'gCompetency' | 'gLearning' | 'gResult';
  wide?: boolean;
}

const FIELDS: FieldSpec[] = [
  { name: 'name', path: 'learner.name', label: 'fName', kind: 'text', required: true, group: 'gLearner', attrs: { autocomplete: 'off', maxlength: '200' } },
  { name: 'nip', path: 'learner.nip', label: 'fNip', hint: 'hNip', kind: 'text', required: true, group: 'gLearner', attrs: { inputmode: 'numeric', autocomplete: 'off', maxlength: '64', spellcheck: 'false' } },
  { name: 'nipKind', path: 'learner.nipKind', label: 'fNipKind', kind: 'select', group: 'gLearner', options: () => ['', 'PNS', 'PPPK'] },
  { name: 'email', path: 'learner.email', label: 'fEmail', hint: 'hEmail', kind: 'email', group: 'gLearner', attrs: { autocomplete: 'off' } },
  { name: 'courseId', path: 'course.id', label: 'fCourseId', hint: 'hCourseId', kind: 'text', group: 'gCourse', attrs: { maxlength: '64', spellcheck: 'false' } },
  { name: 'courseName', path: 'course.name', label: 'fCourseName', kind: 'text', required: true, group: 'gCourse', attrs: { maxlength: '300' } },
  { name: 'courseDescription', path: 'course.description', label: 'fCourseDesc', kind: 'textarea', required: true, group: 'gCourse', wide: true, attrs: { rows: '3', maxlength: '4000' } },
  { name: 'competencyType', path: 'competency.type', label: 'fCompType', kind: 'select', required: true, group: 'gCompetency', options: () => [...COMPETENCY_TYPES] },
  { name: 'competencyCode', path: 'competency.code', label: 'fCompCode', hint: 'hCompCode', kind: 'text', required: true, group: 'gCompetency', attrs: { maxlength: '40', spellcheck: 'false', list: 'competency-codes' } },
  { name: 'competencyLevel', path: 'competency.level', label: 'fCompLevel', kind: 'select', required: true, group: 'gCompetency', options: () => ['1', '2', '3', '4', '5'] },
  { name: 'competencyName', path: 'competency.name', label: 'fCompName', hint: 'hCompName', kind: 'text', group: 'gCompetency', attrs: { maxlength: '200' } },
  { name: 'learningMode', path: 'learningMode', label: 'fMode', kind: 'select', required: true, group: 'gLearning', options: () => [...LEARNING_MODES] },
  { name: 'learningPath', path: 'learningPath', label: 'fPath', kind: 'select', required: true, group: 'gLearning', options: () => pathsFor(fieldValue('learningMode')) },
  { name: 'startDate', path: 'startDate', label: 'fStart', kind: 'date', required: true, group: 'gLearning' },
  { name: 'endDate', path: 'endDate', label: 'fEnd', kind: 'date', required: true, group: 'gLearning' },
  { name: 'jp', path: 'jp', label: 'fJp', hint: 'hJp', kind: 'number', required: true, group: 'gLearning', attrs: { min: '0.01', max: '1000', step: '0.01', inputmode: 'decimal' } },
  { name: 'score', path: 'result.score', label: 'fScore', kind: 'number', group: 'gResult', attrs: { min: '0', max: '100', step: '0.01', inputmode: 'decimal' } },
  { name: 'grade', path: 'result.grade', label: 'fGrade', hint: 'hGrade', kind: 'text', group: 'gResult', attrs: { maxlength: '20' } },
];
const GROUPS = ['gLearner', 'gCourse', 'gCompetency', 'gLearning', 'gResult'] as const;
const COMPETENCY_CODES = ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01'];

function pathsFor(mode: string): string[] {
  return mode === 'nonklasikal' ? [...NONKLASIKAL_PATHS] : [...KLASIKAL_PATHS];
}

/** Label of a select option, by `<field>:<value>`. */
export function optionLabel(key: string): string {
  const [field, value = ''] = key.split(':');
  if (field === 'nipKind') return value === '' ? t('oAuto') : value;
  if (field === 'competencyType') return loc(COMPETENCY_TYPE_LABELS[value as keyof typeof COMPETENCY_TYPE_LABELS]);
  if (field === 'learningMode') return loc(LEARNING_MODE_LABELS[value as keyof typeof LEARNING_MODE_LABELS]);
  if (field === 'learningPath') return loc(LEARNING_PATH_LABELS[value as keyof typeof LEARNING_PATH_LABELS]);
  return value;
}

const fieldId = (name: string): string => `f-${name}`;
function fieldInput(name: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  return $(fieldId(name)) as HTMLInputElement;
}
function fieldValue(name: string): string {
  const el = document.getElementById(fieldId(name)) as HTMLInputElement | null;
  return el ? el.value.trim() : '';
}

function fillOptions(spec: FieldSpec, select: HTMLSelectElement): void {
  const keep = select.value;
  select.replaceChildren(...(spec.options?.() ?? []).map((v) => h('option', { value: v, 'data-i18n-opt': `${spec.name}:${v}` }, optionLabel(`${spec.name}:${v}`))));
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
}

function buildIssueForm(): void {
  const root = $('issue-fields');
  const list = h('datalist', { id: 'competency-codes' }, ...COMPETENCY_CODES.map((c) => h('option', { value: c })));
  root.append(list);
  for (const g of GROUPS) {
    const grid = h('div', { class: 'fields' });
    const fs = h('fieldset', { class: 'group' }, h('legend', { 'data-i18n': g }, t(g)), grid);
    for (const spec of FIELDS.filter((f) => f.group === g)) {
      const id = fieldId(spec.name);
      const describedBy = [spec.hint ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' ');
      const label = h('label', { for: id }, h('span', { 'data-i18n': spec.label }, t(spec.label)));
      if (spec.required) label.append(h('span', { class: 'req', 'aria-hidden': 'true' }, ' *'));
      let input: HTMLElement;
      if (spec.kind === 'select') {
        input = h('select', { id, name: spec.name, 'aria-describedby': describedBy });
        fillOptions(spec, input as HTMLSelectElement);
      } else if (spec.kind === 'textarea') {
        input = h('textarea', { id, name: spec.name, 'aria-describedby': describedBy, ...(spec.attrs ?? {}) });
      } else {
        input = h('input', { id, name: spec.name, type: spec.kind, 'aria-describedby': describedBy, ...(spec.attrs ?? {}) });
      }
      if (spec.required) input.setAttribute('aria-required', 'true');
      const field = h('div', { class: `field${spec.wide ? ' wide' : ''}`, id: `${id}-box` }, label);
      if (spec.hint) field.append(h('p', { class: 'hint', id: `${id}-hint`, 'data-i18n': spec.hint }, t(spec.hint)));
      field.append(input, h('p', { class: 'field-error', id: `${id}-err`, hidden: '' }));
      grid.append(field);
    }
    root.append(fs);
  }
  const level = fieldInput('competencyLevel') as HTMLSelectElement;
  level.value = '3';
  fieldInput('learningMode').addEventListener('change', () => {
    const spec = FIELDS.find((f) => f.name === 'learningPath');
    if (spec) fillOptions(spec, fieldInput('learningPath') as HTMLSelectElement);
  });
  $('issue-form').addEventListener('reset', () => {
    clearFieldErrors();
    hideDuplicate();
    showError('issue-error', undefined);
    // After the browser has reset the values, rebuild the paths for the default mode.
    setTimeout(() => {
      const spec = FIELDS.find((f) => f.name === 'learningPath');
      if (spec) fillOptions(spec, fieldInput('learningPath') as HTMLSelectElement);
      level.value = '3';
    });
  });
}

/** The request body: empty fields are left out so the API names them as missing. */
function formBody(): Record<string, unknown> {
  const v = (n: string): string | undefined => fieldValue(n) || undefined;
  const n = (name: string): number | string | undefined => {
    const s = v(name);
    if (s === undefined) return undefined;
    const x = Number(s);
    return Number.isFinite(x) ? x : s;
  };
  const prune = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
  const result = prune({ score: n('score'), grade: v('grade') });
  return prune({
    learner: prune({ name: v('name'), nip: v('nip'), nipKind: v('nipKind'), email: v('email') }),
    course: prune({ id: v('courseId'), name: v('courseName'), description: v('courseDescription') }),
    competency: prune({ type: v('competencyType'), code: v('competencyCode'), level: n('competencyLevel'), name: v('competencyName') }),
    jp: n('jp'),
    learningMode: v('learningMode'),
    learningPath: v('learningPath'),
    startDate: v('startDate'),
    endDate: v('endDate'),
    ...(Object.keys(result).length > 0 ? { result } : {}),
  });
}

/** The form field an API field path belongs to (longest matching path). */
function specForPath(path: string): FieldSpec | undefined {
  if (path === 'result') return FIELDS.find((f) => f.name === 'score');
  let best: FieldSpec | undefined;
  for (const f of FIELDS) if ((path === f.path || path.startsWith(`${f.path}.`)) && (!best || f.path.length > best.path.length)) best = f;
  return best;
}

function clearFieldErrors(): void {
  rerenders.delete('fieldErrors');
  for (const f of FIELDS) {
    const err = document.getElementById(`${fieldId(f.name)}-err`);
    if (!err) continue;
    err.textContent = '';
    err.hidden = true;
    fieldInput(f.name).removeAttribute('aria-invalid');
    $(`${fieldId(f.name)}-box`).classList.remove('invalid');
  }
}

function showFieldErrors(details: FieldError[]): void {
  const render = (): void => {
    const byField = new Map<string, string[]>();
    const general: string[] = [];
    for (const d of details) {
      const spec = specForPath(d.field);
      const msg = textOf(d.message) || d.code;
      if (spec) byField.set(spec.name, [...(byField.get(spec.name) ?? []), msg]);
      else general.push(d.field ? `${d.field}: ${msg}` : msg);
    }
    for (const f of FIELDS) {
      const msgs = byField.get(f.name);
      const err = $(`${fieldId(f.name)}-err`);
      err.textContent = msgs ? [...new Set(msgs)].join(' ') : '';
      err.hidden = !msgs;
      if (msgs) fieldInput(f.name).setAttribute('aria-invalid', 'true');
      else fieldInput(f.name).removeAttribute('aria-invalid');
      $(`${fieldId(f.name)}-box`).classList.toggle('invalid', Boolean(msgs));
    }
    showError('issue-error', [t('fixFields'), ...general].join(' '));
  };
  clearFieldErrors();
  render();
  rerenders.set('fieldErrors', render);
  const first = FIELDS.find((f) => fieldInput(f.name).getAttribute('aria-invalid') === 'true');
  if (first) fieldInput(first.name).focus();
}

interface IssueResponse {
  verifiableCredential: Record<string, unknown>;
  credentialRecord: string;
  claimOffer?: { url: string; exchangeUrl: string; qr: string; lcwDeepLink?: string; expiresAt: string };
  certificate: { pdf: string; verificationUrl: string };
}

let pendingIssue: { body: string; key: string } | undefined;

/**
 * `refuse` (the form's submit): the API answers 409 DUPLICATE_CREDENTIAL when this learner
 * already holds a live credential from the provider for the same course and dates; the
 * provider then opens that one or chooses "issue anyway" (`issue`).
 */
async function submitIssue(duplicates: 'refuse' | 'issue'): Promise<void> {
  const button = $<HTMLButtonElement>('issue-submit');
  clearFieldErrors();
  hideDuplicate();
  showError('issue-error', undefined);
  button.disabled = true;
  button.textContent = t('issuing');
  try {
    // One key per form content: a retry after a lost answer returns the same credential
    // instead of issuing twice; a changed form is a new request.
    const body = formBody();
    const bodyText = JSON.stringify(body);
    if (pendingIssue?.body !== bodyText) pendingIssue = { body: bodyText, key: crypto.randomUUID() };
    const res = (await api('POST', `/learning-credentials?duplicates=${duplicates}`, { json: body }, { 'idempotency-key': pendingIssue.key })) as IssueResponse;
    pendingIssue = undefined;
    const key = res.credentialRecord.split('/').pop() ?? '';
    const summary = readLearningCredential(res.verifiableCredential);
    const credentialId = typeof res.verifiableCredential.id === 'string' ? res.verifiableCredential.id : `urn:uuid:${key}`;
    markListStale();
    showIssued(res, key, credentialId, summary?.name ?? '');
  } catch (e) {
    if (isApiError(e) && e.status === 422 && Array.isArray(e.details)) showFieldErrors(e.details as FieldError[]);
    else if (isApiError(e) && e.code === 'DUPLICATE_CREDENTIAL') showDuplicate(e.details);
    else showError('issue-error', errorText(e));
  } finally {
    button.disabled = false;
    button.textContent = t('issueSubmit');
  }
}

function hideDuplicate(): void {
  const box = $('issue-dup');
  box.hidden = true;
  box.replaceChildren();
  rerenders.delete('duplicate');
}

function showDuplicate(details: unknown): void {
  const prior = Array.isArray(details) ? (details as Array<{ credentialId?: string; issuedAt?: string }>)[0] : undefined;
  const box = $('issue-dup');
  const render = (): void => {
    const open = h('button', { type: 'button', class: 'btn', id: 'dup-open' }, t('dupOpen'));
    open.addEventListener('click', () => {
      selectTab('creds');
      void lookup(prior?.credentialId ?? '');
    });
    const anyway = h('button', { type: 'button', class: 'btn btn-primary', id: 'dup-issue' }, t('dupIssue'));
    anyway.addEventListener('click', () => void submitIssue('issue'));
    box.replaceChildren(
      h('h3', {}, t('dupTitle')),
      h('p', {}, t('dupHelp')),
      ...(prior?.credentialId ? [h('dl', { class: 'facts' }, h('dt', {}, t('credentialId')), h('dd', {}, h('code', { id: 'dup-id' }, prior.credentialId)), ...(prior.issuedAt ? [h('dt', {}, t('issuedAt')), h('dd', {}, formatDateTime(prior.issuedAt))] : []))] : []),
      h('div', { class: 'row wrap' }, ...(prior?.credentialId ? [open] : []), anyway));
  };
  render();
  rerenders.set('duplicate', render);
  box.hidden = false;
  $('dup-issue').focus();
}

function showIssued(res: IssueResponse, key: string, credentialId: string, learner: string): void {
  const box = $('issue-result');
  const render = (): void => {
    const items: Node[] = [h('h2', { class: 'ok-title' }, h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓'), `${t('issuedTitle')} ${t('issuedFor')} `, h('span', { class: 'learner-name' }, learner))];
    const facts = h('dl', { class: 'facts' }, h('dt', {}, t('credentialId')), h('dd', {}, h('code', { id: 'issued-id' }, credentialId)));
    items.push(facts);
    if (res.claimOffer) {
      const offer = res.claimOffer;
      const qrPath = sameOriginPath(offer.qr);
      const link = h('code', { id: 'claim-link', class: 'claim-link' }, offer.url);
      const copy = h('button', { type: 'button', class: 'btn btn-small' }, t('copy'));
      copy.addEventListener('click', () => {
        void navigator.clipboard?.writeText(offer.url).then(() => {
          copy.textContent = t('copied');
        }, () => undefined);
      });
      items.push(
        h('div', { class: 'claim' },
          h('img', { src: qrPath, alt: t('claimQrAlt'), width: '168', height: '168', class: 'qr', id: 'claim-qr' }),
          h('div', { class: 'claim-text' },
            h('h3', {}, t('claimLink')),
            h('p', { class: 'hint' }, `${t('claimHelp')} ${formatDateTime(offer.expiresAt)}.`),
            link,
            h('div', { class: 'row wrap' }, copy),
            ...(offer.lcwDeepLink ? [h('p', { class: 'hint' }, h('a', { href: offer.lcwDeepLink, id: 'claim-lcw' }, t('claimLcw')))] : []))),
      );
    }
    const pdf = h('button', { type: 'button', class: 'btn btn-primary', id: 'download-pdf' }, t('downloadPdf'));
    pdf.addEventListener('click', () => void downloadFile(sameOriginPath(res.certificate.pdf), `sertifikat-${key}.pdf`, pdf as HTMLButtonElement, 'issue-error'));
    const manage = h('button', { type: 'button', class: 'btn' }, t('manage'));
    manage.addEventListener('click', () => {
      selectTab('creds');
      void lookup(key);
    });
    const again = h('button', { type: 'button', class: 'btn btn-ghost' }, t('issueAnother'));
    again.addEventListener('click', () => {
      box.hidden = true;
      $<HTMLFormElement>('issue-form').reset();
      fieldInput('name').focus();
    });
    items.push(h('div', { class: 'row wrap' }, pdf, manage, again));
    box.replaceChildren(...items);
  };
  render();
  rerenders.set('issued', render);
  box.hidden = false;
  box.focus();
  box.scrollIntoView({ block: 'start' });
}

export function setupIssue(): void {
  buildIssueForm();
  $('issue-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submitIssue('refuse');
  });
  onSignOut(() => {
    $<HTMLFormElement>('issue-form').reset();
    clearFieldErrors();
    hideDuplicate();
    $('issue-result').hidden = true;
    rerenders.delete('issued');
  });
}
