/**
 * "Upload cohort" screen: the CSV template and its columns, the upload, the job's progress
 * until it ends, the rows that failed (by the column the provider typed) and the claim links.
 */
import { KLASIKAL_PATHS, NONKLASIKAL_PATHS } from '../../../shared/model/learning-input.js';
import { h } from '../../../shared/web/dom.js';
import { csvCell } from '../../../shared/util/csv.js';
import { CSV_COLUMNS } from '../../services/csv.js';
import { api, downloadFile, errorText, formatDateTime, isApiError, saveBlob } from './api.js';
import { $, loc, mailReasonText, onSignOut, rerenders, session, showError, t, textOf } from './context.js';
import type { FieldError } from './context.js';
import { markListStale } from './credentials.js';
import type { Text } from './text.js';

const COLUMN_HELP: Record<string, { req?: boolean; text: Text }> = {
  name: { req: true, text: { id: 'Nama peserta', en: 'Learner’s name' } },
  nip: { req: true, text: { id: 'NIP 18 angka (spasi boleh)', en: '18-digit NIP (spaces allowed)' } },
  nipKind: { text: { id: 'PNS atau PPPK (kosong = otomatis)', en: 'PNS or PPPK (empty = automatic)' } },
  email: { text: { id: 'Surel peserta (tidak masuk kredensial)', en: 'Learner’s email (not in the credential)' } },
  courseId: { text: { id: 'Kode pelatihan Anda', en: 'Your course code' } },
  courseName: { req: true, text: { id: 'Nama pelatihan', en: 'Course name (Indonesian)' } },
  courseNameEn: { text: { id: 'Nama pelatihan (Inggris)', en: 'Course name (English)' } },
  courseDescription: { req: true, text: { id: 'Deskripsi pelatihan', en: 'Course description (Indonesian)' } },
  courseDescriptionEn: { text: { id: 'Deskripsi (Inggris)', en: 'Description (English)' } },
  criteria: { text: { id: 'Kriteria kelulusan', en: 'Completion criteria' } },
  competencyType: { req: true, text: { id: 'teknis, manajerial, sosial-kultural, pemerintahan', en: 'teknis, manajerial, sosial-kultural, pemerintahan' } },
  competencyCode: { req: true, text: { id: 'mis. M.01, SK.01, T.BKN.01, P.01', en: 'e.g. M.01, SK.01, T.BKN.01, P.01' } },
  competencyLevel: { req: true, text: { id: 'Level 1–5', en: 'Level 1–5' } },
  competencyName: { text: { id: 'Nama kompetensi (wajib untuk teknis/pemerintahan)', en: 'Competency name (required for teknis/pemerintahan)' } },
  competencyNameEn: { text: { id: 'Nama kompetensi (Inggris)', en: 'Competency name (English)' } },
  jp: { req: true, text: { id: 'Jam pelajaran, mis. 40 atau 2.5', en: 'Learning hours, e.g. 40 or 2.5' } },
  learningMode: { req: true, text: { id: 'klasikal atau nonklasikal', en: 'klasikal or nonklasikal' } },
  learningPath: { req: true, text: { id: `klasikal: ${KLASIKAL_PATHS.join(', ')}. nonklasikal: ${NONKLASIKAL_PATHS.join(', ')}.`, en: `klasikal: ${KLASIKAL_PATHS.join(', ')}. nonklasikal: ${NONKLASIKAL_PATHS.join(', ')}.` } },
  startDate: { req: true, text: { id: 'Tanggal mulai, YYYY-MM-DD', en: 'Start date, YYYY-MM-DD' } },
  endDate: { req: true, text: { id: 'Tanggal selesai, YYYY-MM-DD', en: 'End date, YYYY-MM-DD' } },
  validUntil: { text: { id: 'Berlaku sampai, mis. 2030-12-31T23:59:59+07:00', en: 'Valid until, e.g. 2030-12-31T23:59:59+07:00' } },
  score: { text: { id: 'Nilai 0–100', en: 'Score 0–100' } },
  grade: { text: { id: 'Predikat', en: 'Grade' } },
  passed: { text: { id: 'Lulus: ya/tidak', en: 'Passed: yes/no' } },
  evidenceUrl: { text: { id: 'Tautan bukti (https)', en: 'Evidence link (https)' } },
};

const TEMPLATE_EXAMPLE: Record<string, string> = {
  name: 'Siti Rahmawati',
  nip: '19860926 201505 2 001',
  courseId: 'PKP-2025-01',
  courseName: 'Pelatihan Kepemimpinan Pengawas',
  courseDescription: 'Pelatihan kepemimpinan tingkat pengawas.',
  competencyType: 'manajerial',
  competencyCode: 'M.01',
  competencyLevel: '3',
  jp: '40',
  learningMode: 'klasikal',
  learningPath: 'pelatihan',
  startDate: '2025-03-01',
  endDate: '2025-03-10',
  score: '88.5',
};

/** API field path → CSV column (longest prefix wins), so row errors name the column the user typed. */
const PATH_TO_COLUMN: Array<[string, string]> = [
  ['learner.name', 'name'], ['learner.nip', 'nip'], ['learner.nipKind', 'nipKind'], ['learner.email', 'email'],
  ['course.id', 'courseId'], ['course.name', 'courseName'], ['course.name.en', 'courseNameEn'], ['course.description', 'courseDescription'],
  ['course.description.en', 'courseDescriptionEn'], ['course.criteria', 'criteria'], ['competency.type', 'competencyType'], ['competency.code', 'competencyCode'],
  ['competency.level', 'competencyLevel'], ['competency.name', 'competencyName'], ['competency.name.en', 'competencyNameEn'], ['jp', 'jp'],
  ['learningMode', 'learningMode'], ['learningPath', 'learningPath'], ['startDate', 'startDate'], ['endDate', 'endDate'], ['validUntil', 'validUntil'],
  ['result.score', 'score'], ['result.grade', 'grade'], ['result.passed', 'passed'], ['evidenceUrl', 'evidenceUrl'],
];

function columnOf(path: string): string {
  let best: [string, string] | undefined;
  for (const p of PATH_TO_COLUMN) if ((path === p[0] || path.startsWith(`${p[0]}.`)) && (!best || p[0].length > best[0].length)) best = p;
  return best?.[1] ?? path;
}

function downloadTemplate(): void {
  const header = CSV_COLUMNS.join(',');
  const example = CSV_COLUMNS.map((c) => csvCell(TEMPLATE_EXAMPLE[c] ?? '')).join(',');
  // BOM: spreadsheet programs then read the file as UTF-8 (the issuer ignores it).
  saveBlob(new Blob([`\ufeff${header}\r\n${example}\r\n`], { type: 'text/csv;charset=utf-8' }), 'templat-kohort.csv');
}

function renderColumns(): void {
  const table = $('columns-table');
  const render = (): void => {
    table.replaceChildren(
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('colColumn')), h('th', { scope: 'col' }, t('colRequired')), h('th', { scope: 'col' }, t('colMeaning')))),
      h('tbody', {}, ...CSV_COLUMNS.map((c) => h('tr', {}, h('td', {}, h('code', {}, c)), h('td', {}, COLUMN_HELP[c]?.req ? t('yes') : ''), h('td', {}, loc(COLUMN_HELP[c]?.text))))),
    );
  };
  render();
  rerenders.set('columns', render);
}

interface BatchView { id: string; state: 'queued' | 'running' | 'completed' | 'failed'; total: number; done: number; failed: number; pending: number; failedReason?: string }
interface BatchRowView { row: number; state: string; credentialId?: string; claimOffer?: string; errors?: FieldError[] }

let pollTimer: ReturnType<typeof setTimeout> | undefined;
let pollGeneration = 0;
function stopPolling(): void {
  pollGeneration++;
  if (pollTimer) clearTimeout(pollTimer);
  pollTimer = undefined;
}

async function submitCohort(ev: SubmitEvent): Promise<void> {
  ev.preventDefault();
  showError('cohort-error', undefined);
  const input = $<HTMLInputElement>('cohort-file');
  const file = input.files?.[0];
  if (!file) {
    showError('cohort-error', t('noFile'));
    input.focus();
    return;
  }
  const text = await file.text();
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // A semicolon file (Excel in Indonesian) is read as such; its results file is written the same way.
  upload = { text, semicolon: firstLine.includes(';') && !firstLine.includes(',') };
  await send('check');
}

/** The last file sent, kept until the provider decides about its duplicates. */
let upload: { text: string; semicolon: boolean } | undefined;

async function send(duplicates: 'check' | 'skip' | 'issue'): Promise<void> {
  if (!upload) return;
  const text = upload.text;
  $('cohort-dups').replaceChildren();
  $('cohort-progress').hidden = true;
  for (const k of ['dups', 'progress']) rerenders.delete(k);
  const button = $<HTMLButtonElement>('cohort-submit');
  button.disabled = true;
  button.textContent = t('uploading');
  stopPolling();
  $('cohort-failed').replaceChildren();
  rerenders.delete('failed');
  try {
    const job = (await api('POST', `/batches?duplicates=${duplicates}`, { csv: text })) as BatchView;
    renderProgress(job);
    void poll(job.id, pollGeneration);
  } catch (e) {
    if (isApiError(e) && e.code === 'DUPLICATES_FOUND' && Array.isArray(e.details)) {
      showDuplicates(e.details as Duplicate[]);
    } else if (isApiError(e) && e.code === 'CSV_UNKNOWN_COLUMN') {
      const unknown = (e.details as { unknown?: string[] } | undefined)?.unknown ?? [];
      showError('cohort-error', `${t('unknownColumns')} ${unknown.join(', ')}`);
    } else if (isApiError(e) && e.status === 422 && Array.isArray(e.details)) {
      showError('cohort-error', `${errorText(e)} ${(e.details as FieldError[]).map((d) => textOf(d.message) || d.code).join(' ')}`);
    } else showError('cohort-error', errorText(e));
  } finally {
    button.disabled = false;
    button.textContent = t('upload');
  }
}

function renderProgress(job: BatchView): void {
  const render = (): void => {
    $('cohort-progress').hidden = false;
    const bar = $<HTMLProgressElement>('cohort-bar');
    bar.max = Math.max(job.total, 1);
    bar.value = job.done + job.failed;
    const state = job.state === 'completed' ? t('stCompleted') : job.state === 'failed' ? t('stFailed') : job.state === 'running' ? t('stRunning') : t('stQueued');
    $('cohort-status').replaceChildren(
      h('strong', { class: 'batch-state', 'data-state': job.state }, state),
      ` · ${job.done} ${t('pDone')} · ${job.failed} ${t('pFailed')} · ${job.total} ${t('pTotal')}`,
    );
  };
  render();
  rerenders.set('progress', render);
}

async function poll(id: string, generation: number): Promise<void> {
  if (generation !== pollGeneration) return;
  try {
    const job = (await api('GET', `/batches/${encodeURIComponent(id)}`)) as BatchView;
    if (generation !== pollGeneration) return;
    renderProgress(job);
    if (job.state === 'completed' || job.state === 'failed') {
      markListStale();
      await showFailedRows(job);
      return;
    }
  } catch (e) {
    if (generation !== pollGeneration) return;
    showError('cohort-error', errorText(e));
    if (isApiError(e) && (e.status === 401 || e.status === 404)) return;
  }
  pollTimer = setTimeout(() => void poll(id, generation), 1000);
}

async function allRows(id: string, state: 'failed' | 'issued', max = 100_000): Promise<BatchRowView[]> {
  const out: BatchRowView[] = [];
  let after = 0;
  while (out.length < max) {
    const page = ((await api('GET', `/batches/${encodeURIComponent(id)}/rows?state=${state}&after=${after}&limit=1000`)) as { rows: BatchRowView[] }).rows;
    if (page.length === 0) break;
    out.push(...page);
    after = page[page.length - 1]?.row ?? after;
    if (page.length < 1000) break;
  }
  return out;
}

interface Duplicate { row: number; name: string; credentialId?: string; issuedAt?: string; sameAsRow?: number }

/** Rows that repeat an earlier award: nothing was stored; the provider skips them or issues anyway. */
function showDuplicates(found: Duplicate[]): void {
  const skip = h('button', { type: 'button', class: 'btn btn-primary', id: 'dups-skip' }, '');
  const issue = h('button', { type: 'button', class: 'btn', id: 'dups-issue' }, '');
  const cancel = h('button', { type: 'button', class: 'btn btn-ghost' }, '');
  skip.addEventListener('click', () => void send('skip'));
  issue.addEventListener('click', () => void send('issue'));
  cancel.addEventListener('click', () => {
    $('cohort-dups').replaceChildren();
    rerenders.delete('dups');
    upload = undefined;
  });
  const render = (): void => {
    skip.textContent = t('dupsSkip');
    issue.textContent = t('dupsIssue');
    cancel.textContent = t('dupsCancel');
    const body = h('tbody', {}, ...found.map((d) => h('tr', {},
      h('td', { class: 'num' }, String(d.row)),
      h('td', {}, d.name),
      h('td', {}, d.sameAsRow !== undefined ? `${t('dupSameRow')} ${d.sameAsRow}` : h('span', {}, `${t('dupIssued')} ${d.issuedAt ? formatDateTime(d.issuedAt) : ''} `, h('code', {}, d.credentialId ?? ''))))));
    $('cohort-dups').replaceChildren(h('div', { class: 'dups', role: 'alert' },
      h('h2', { class: 'sub', id: 'dups-title' }, `${t('dupsTitle')} (${found.length})`),
      h('p', {}, t('dupsHelp')),
      h('div', { class: 'table-wrap' }, h('table', { id: 'dups-table', 'aria-labelledby': 'dups-title' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('colRow')), h('th', { scope: 'col' }, t('learner')), h('th', { scope: 'col' }, t('dupOf')))),
        body)),
      h('div', { class: 'row wrap' }, skip, issue, cancel)));
  };
  render();
  rerenders.set('dups', render);
  skip.focus();
}

interface MailResult { row: number; state: 'sent' | 'failed' | 'skipped'; reason?: string }

/** Email the claim links (SMTP configured), or say they must be handed out by hand. */
function mailBox(batchId: string): HTMLElement {
  const box = h('div', { class: 'mail-box', id: 'cohort-mail' });
  if (!session.who?.email) {
    box.append(h('p', { class: 'note', id: 'mail-off' }, t('mailOff')));
    return box;
  }
  const send = h('button', { type: 'button', class: 'btn btn-primary', id: 'send-links' }, t('mailSend')) as HTMLButtonElement;
  send.addEventListener('click', () => {
    send.disabled = true;
    send.textContent = t('mailSending');
    void (async () => {
      try {
        const r = (await api('POST', `/batches/${encodeURIComponent(batchId)}/send-claim-links`)) as { sent: number; failed: number; skipped: number; results: MailResult[] };
        const problems = r.results.filter((x) => x.state !== 'sent');
        box.replaceChildren(
          h('p', { class: r.failed > 0 ? 'note' : 'success', role: 'status', id: 'mail-summary' }, `${r.sent} ${t('mailSent')} · ${r.failed} ${t('pFailed')} · ${r.skipped} ${t('mailSkipped')}`),
          ...(problems.length > 0 ? [h('div', { class: 'table-wrap' }, h('table', { id: 'mail-table' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('colRow')), h('th', { scope: 'col' }, t('status')), h('th', { scope: 'col' }, t('reasonLabel')))),
            h('tbody', {}, ...problems.map((x) => h('tr', {},
              h('td', { class: 'num' }, String(x.row)),
              h('td', {}, x.state === 'failed' ? t('pFailed') : t('mailSkipped')),
              h('td', {}, mailReasonText(x.reason)))))))] : []),
        );
      } catch (e) {
        showError('cohort-error', errorText(e));
        send.disabled = false;
        send.textContent = t('mailSend');
      }
    })();
  });
  box.append(h('p', { class: 'hint' }, t('mailHelp')), send);
  return box;
}

async function showFailedRows(job: BatchView): Promise<void> {
  const failed = job.failed > 0 ? await allRows(job.id, 'failed', 1000) : [];
  const sep = upload?.semicolon ? 'semicolon' : 'comma';
  const links = h('button', { type: 'button', class: 'btn', id: 'claim-links' }, t('claimLinks'));
  links.addEventListener('click', () => void downloadFile(`/batches/${encodeURIComponent(job.id)}/results.csv?separator=${sep}`, `hasil-kohort-${job.id}.csv`, links as HTMLButtonElement, 'cohort-error'));
  const zip = h('button', { type: 'button', class: 'btn', id: 'cohort-zip' }, t('cohortZip'));
  zip.addEventListener('click', () => void downloadFile(`/batches/${encodeURIComponent(job.id)}/certificates.zip`, `sertifikat-kohort-${job.id}.zip`, zip as HTMLButtonElement, 'cohort-error'));
  const render = (): void => {
    const box = $('cohort-failed');
    const actions = h('div', {}, h('div', { class: 'row wrap' }, links, ...(job.done > 0 ? [zip] : [])), ...(job.done > 0 ? [mailBox(job.id)] : []));
    links.textContent = t('claimLinks');
    zip.textContent = t('cohortZip');
    if (failed.length === 0) {
      box.replaceChildren(h('p', { class: 'success' }, t('noFailed')), actions);
      return;
    }
    const body = h('tbody', {});
    for (const r of failed) {
      const errs = r.errors ?? [];
      errs.forEach((e, i) => {
        const tr = h('tr', {});
        if (i === 0) tr.append(h('td', { class: 'num', rowspan: String(errs.length) }, String(r.row)));
        tr.append(h('td', {}, h('code', {}, columnOf(e.field) || '—')), h('td', {}, textOf(e.message) || e.code));
        body.append(tr);
      });
    }
    box.replaceChildren(
      h('h2', { class: 'sub', id: 'failed-title' }, `${t('failedTitle')} (${job.failed})`),
      h('p', { class: 'hint' }, `${t('failedHelp')} ${t('rowHint')}`),
      h('div', { class: 'table-wrap' }, h('table', { id: 'failed-table', 'aria-labelledby': 'failed-title' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('colRow')), h('th', { scope: 'col' }, t('colField')), h('th', { scope: 'col' }, t('colError')))),
        body)),
      actions,
    );
  };
  render();
  rerenders.set('failed', render);
}

export function setupCohort(): void {
  renderColumns();
  $('cohort-form').addEventListener('submit', (ev) => void submitCohort(ev as SubmitEvent));
  $('template').addEventListener('click', downloadTemplate);
  onSignOut(() => {
    stopPolling();
    upload = undefined;
    $('cohort-failed').replaceChildren();
    $('cohort-dups').replaceChildren();
    $('cohort-progress').hidden = true;
    for (const k of ['progress', 'failed', 'dups']) rerenders.delete(k);
  });
}
