/**
 * Cohort issuance in the background, exactly once per row across crashes.
 *
 * Intake validates every row, stores valid rows (sealed: they hold NIPs) as `pending` and
 * invalid ones as `failed` with their field errors, and writes the job record LAST: the
 * job exists only once all its rows do. The runner issues pending rows a chunk at a time
 * (IssuanceService.issueMany: indexes drawn under the provider's lock, rows checked and
 * signed in parallel on the signing pool, then one batch); each row's new state and the
 * job counters go into the SAME batch as its credential, so after a kill -9 a row is
 * either fully issued or still pending, and the restart resumes from the pending rows. Errors that are the row's fault fail the row; errors of the service
 * (503: key unavailable) pause the job and retry the same row later.
 *
 * One bad batch never stops the others: intake and the runner refuse work while the
 * master key is unverified (KeyService.verifyMasterKey), a row that cannot be opened
 * (sealed under another key, or damaged) fails alone with ROW_UNREADABLE and its job ends
 * `failed` (audited), and any unexpected error in one job fails that job, not the runner.
 */
import { AppError } from '../../shared/errors.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import { put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import type { Actor, AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import { seal, unseal } from './crypto.node.js';
import type { Sealed } from './crypto.node.js';
import { newUuid } from './ids.js';
import type { KeyService } from './keys.js';
import type { IssueRequest } from './issuance.js';
import type { LearningIssuer } from './learning.js';

export const MAX_BATCH_ROWS = 100_000;

/**
 * Unexpected failures (a dropped database connection, a full disk) a job survives: it
 * pauses and resumes from its pending rows; only a job that keeps breaking fails.
 */
export const MAX_BATCH_INTERRUPTIONS = 5;

export interface BatchJob {
  id: string;
  providerId: string;
  actor: Actor;
  suite: ProofSuiteName;
  /** `failed`: the job ended, but some rows could not be opened or the job broke (see failedReason). */
  state: 'queued' | 'running' | 'completed' | 'failed';
  total: number;
  done: number;
  failed: number;
  createdAt: string;
  completedAt?: string;
  /** Rows that could not be opened (counted in `failed` too). */
  unreadable?: number;
  failedReason?: 'ROWS_UNREADABLE' | 'INTERNAL_ERROR';
  /** Last error that paused the job (service-side, retried). */
  pausedReason?: string;
  /** Unexpected failures so far (at MAX_BATCH_INTERRUPTIONS the job fails with INTERNAL_ERROR). */
  interruptions?: number;
  /** `skip`: a row repeating a live credential (same learner, course and dates) fails as DUPLICATE_CREDENTIAL instead of being issued. */
  duplicates?: 'skip' | 'issue';
}

export interface BatchRow {
  row: number;
  state: 'pending' | 'issued' | 'failed';
  input?: Sealed;
  credentialId?: string;
  credentialKey?: string;
  offerId?: string;
  errors?: Array<{ field: string; code: string; message: unknown }>;
}

export class BatchService {
  private running: Promise<void> | undefined;
  private stopping = false;
  /** Set by kick(): new work arrived while the runner was looking the other way. */
  private dirty = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly learning: LearningIssuer,
    private readonly audit: AuditService,
    private readonly keys: KeyService,
    private readonly retryDelayMs = 5000,
    /** Rows per chunk (issued together: one allocation, parallel signing, one batch). */
    private readonly chunkRows = 64,
  ) {}

  /** Validates and stores a cohort; returns the queued job. */
  async create(providerId: string, records: unknown[], opts: { actor: Actor; suite: ProofSuiteName; duplicates?: 'skip' | 'issue' }): Promise<BatchJob> {
    if (records.length === 0) throw new AppError('BATCH_EMPTY', 'The cohort has no rows.', { status: 422 });
    if (records.length > MAX_BATCH_ROWS) throw new AppError('BATCH_TOO_LARGE', `A cohort has at most ${MAX_BATCH_ROWS} rows.`, { status: 413 });
    // Rows are sealed with the master key: never under one that cannot open this store.
    await this.keys.verifyMasterKey();
    const id = newUuid();
    let failed = 0;
    let ops: BatchOp[] = [];
    for (let i = 0; i < records.length; i++) {
      const row = i + 1;
      let value: BatchRow;
      try {
        const input = this.learning.parse(records[i]);
        value = { row, state: 'pending', input: seal(this.ctx.masterKey, Buffer.from(JSON.stringify(input)), `${id}/${row}`) };
      } catch (e) {
        failed += 1;
        value = { row, state: 'failed', errors: errorsOf(e) };
      }
      ops.push(put('batchRows', rowKey(id, row), value));
      if (ops.length >= 1000) {
        await this.ctx.store.batch(ops);
        ops = [];
        await new Promise((r) => setImmediate(r)); // let other requests run during a large intake
      }
    }
    const job: BatchJob = {
      id,
      providerId,
      actor: opts.actor,
      suite: opts.suite,
      state: failed === records.length ? 'completed' : 'queued',
      total: records.length,
      done: 0,
      failed,
      createdAt: this.ctx.now().toISOString(),
      ...(opts.duplicates ? { duplicates: opts.duplicates } : {}),
      ...(failed === records.length ? { completedAt: this.ctx.now().toISOString() } : {}),
    };
    // The commit point: rows written before it without a job are never processed.
    await this.ctx.store.batch([
      ...ops,
      put('batches', id, job),
      this.audit.entry(opts.actor, 'batch.created', id, { details: { total: job.total, invalid: failed } }),
    ]);
    this.kick();
    return job;
  }

  async get(providerId: string, id: string): Promise<BatchJob> {
    const job = /^[0-9a-f-]{36}$/.test(id) ? await this.ctx.store.get<BatchJob>('batches', id) : undefined;
    if (!job || job.providerId !== providerId) throw new AppError('BATCH_NOT_FOUND', 'No such batch.', { status: 404 });
    return job;
  }

  async rows(providerId: string, id: string, opts: { after?: number; limit?: number; state?: BatchRow['state'] }): Promise<BatchRow[]> {
    await this.get(providerId, id);
    const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
    const out: BatchRow[] = [];
    let after = opts.after ? rowKey(id, opts.after) : undefined;
    while (out.length < limit) {
      const page = await this.ctx.store.list<BatchRow>('batchRows', { prefix: `${id}/`, ...(after ? { after } : {}), limit: 1000 });
      if (page.length === 0) break;
      for (const { value } of page) {
        if (opts.state && value.state !== opts.state) continue;
        const { input: _sealed, ...visible } = value;
        out.push(visible);
        if (out.length >= limit) break;
      }
      after = page[page.length - 1]?.key;
    }
    return out;
  }

  /** Starts the background runner (idempotent); call once the app is up. */
  start(): void {
    this.stopping = false;
    this.kick();
  }

  /** Stops after the row in progress; resolves when the runner is idle. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  private kick(): void {
    if (this.stopping) return;
    this.dirty = true;
    if (this.running) {
      this.wake?.();
      return;
    }
    this.running = this.loop()
      .catch((e: unknown) => this.ctx.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'batch runner stopped'))
      .finally(() => {
        this.running = undefined;
        if (this.dirty) this.kick();
      });
  }

  private async loop(): Promise<void> {
    // With an unverified master key no row can be opened: leave every job queued (they
    // resume after a restart with the right key) rather than failing them all.
    try {
      await this.keys.verifyMasterKey();
    } catch (e) {
      this.ctx.logger.error({ code: e instanceof AppError ? e.code : 'ERROR' }, 'batch runner idle: master key not verified');
      return;
    }
    while (!this.stopping) {
      this.dirty = false;
      const jobs = (await this.ctx.store.list<BatchJob>('batches')).map((e) => e.value).filter((j) => j.state !== 'completed' && j.state !== 'failed');
      if (jobs.length === 0) {
        if (this.dirty) continue;
        return;
      }
      jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const job = jobs[0];
      if (!job) return;
      // One runner per job across every instance sharing the store: another instance waits
      // here, then sees the job finished, or resumes it from the store if this one died.
      const paused = await this.ctx.locks.run(`batch:${job.id}`, async () => {
        const current = await this.ctx.store.get<BatchJob>('batches', job.id);
        if (!current || current.state === 'completed' || current.state === 'failed') return false;
        try {
          return await this.runJob(current);
        } catch (e) {
          this.ctx.logger.error({ batch: job.id, err: e instanceof Error ? e.message : String(e) }, 'batch interrupted unexpectedly');
          // As stored now: chunks committed before the failure keep their counts.
          const stored = (await this.ctx.store.get<BatchJob>('batches', job.id)) ?? current;
          const interruptions = (stored.interruptions ?? 0) + 1;
          if (interruptions < MAX_BATCH_INTERRUPTIONS) {
            await this.ctx.store.batch([put('batches', job.id, { ...stored, interruptions, pausedReason: 'INTERNAL_ERROR' })]);
            return true;
          }
          // Broken in a way retries do not fix: it fails alone; the other providers' jobs go on.
          await this.finish({ ...stored, interruptions }, 'INTERNAL_ERROR');
          return false;
        }
      });
      if (paused) await this.sleep(this.retryDelayMs);
    }
  }

  /**
   * Issues the pending rows of one job, a chunk at a time (enough rows to keep every
   * signing thread busy); returns true when it had to pause.
   */
  private async runJob(initial: BatchJob): Promise<boolean> {
    let job: BatchJob = { ...initial, state: 'running' };
    let after: string | undefined;
    for (;;) {
      const page = await this.ctx.store.list<BatchRow>('batchRows', { prefix: `${job.id}/`, ...(after ? { after } : {}), limit: this.chunkRows });
      if (page.length === 0) break;
      after = page[page.length - 1]?.key;
      if (this.stopping) return false;
      const pending = page.filter(({ value }) => value.state === 'pending' && value.input);
      if (pending.length === 0) continue;
      const outcome = await this.issueChunk(job, pending);
      job = outcome.job;
      if (outcome.paused) {
        await this.ctx.store.batch([put('batches', job.id, { ...job, pausedReason: outcome.paused })]);
        return true;
      }
    }
    await this.finish(job, job.unreadable ? 'ROWS_UNREADABLE' : undefined);
    return false;
  }

  /** Ends a job: `completed`, or `failed` with its reason and an audit entry, in one batch. */
  private async finish(job: BatchJob, failedReason?: BatchJob['failedReason']): Promise<void> {
    const { pausedReason: _r, ...rest } = job;
    const at = this.ctx.now().toISOString();
    if (!failedReason) {
      await this.ctx.store.batch([put('batches', job.id, { ...rest, state: 'completed', completedAt: at })]);
      return;
    }
    await this.ctx.store.batch([
      put('batches', job.id, { ...rest, state: 'failed', failedReason, completedAt: at }),
      this.audit.entry(job.actor, 'batch.failed', job.id, { details: { reason: failedReason, unreadable: job.unreadable ?? 0, done: job.done, failed: job.failed } }),
    ]);
  }

  /**
   * One chunk of pending rows: each row's new state and the job counters commit in the SAME
   * batch as the chunk's credentials (IssuanceService.issueMany), so after a kill -9 a row is
   * either fully issued or still pending. Rows whose error is the service's (5xx: key
   * unavailable) stay pending and pause the job.
   */
  private async issueChunk(job: BatchJob, rows: Array<{ key: string; value: BatchRow }>): Promise<{ job: BatchJob; paused?: string }> {
    const early: BatchOp[] = [];
    let failed = 0;
    let unreadable = 0;
    const reqs: IssueRequest[] = [];
    const reqRows: Array<{ key: string; row: number }> = [];
    const earlierRows = new Map<string, number>();
    for (const { key, value: row } of rows) {
      let input: unknown;
      try {
        input = JSON.parse(Buffer.from(unseal(this.ctx.masterKey, row.input as Sealed, `${job.id}/${row.row}`)).toString('utf8')) as unknown;
      } catch {
        // The master key is verified, so this row was sealed under another key or is damaged:
        // it can never be issued. It fails alone; the provider sees it and sends it again.
        failed += 1;
        unreadable += 1;
        const errors = [{ field: '', code: 'ROW_UNREADABLE', message: 'This row could not be opened (sealed under another master key, or damaged); send it again.' }];
        early.push(put('batchRows', key, { row: row.row, state: 'failed', errors }));
        continue;
      }
      try {
        reqs.push(await this.learning.request(job.providerId, input, { actor: job.actor, suite: job.suite, batch: { id: job.id, row: row.row }, earlierRows, ...(job.duplicates ? { duplicates: job.duplicates } : {}) }));
        reqRows.push({ key, row: row.row });
      } catch (e) {
        failed += 1;
        early.push(put('batchRows', key, { row: row.row, state: 'failed', errors: errorsOf(e) }));
      }
    }
    const counted = (done: number, more: number): BatchJob => ({
      ...job, done: job.done + done, failed: job.failed + failed + more,
      ...(unreadable || job.unreadable ? { unreadable: (job.unreadable ?? 0) + unreadable } : {}),
    });
    if (reqs.length === 0) {
      const next = counted(0, 0);
      await this.ctx.store.batch([...early, put('batches', job.id, next)]);
      return { job: next };
    }
    let next = job;
    let paused: string | undefined;
    // Row states and counters commit with the credentials: no row issued twice or lost.
    await this.learning.issueMany(job.providerId, reqs, (outcomes) => {
      const ops = [...early];
      let done = 0;
      let more = 0;
      outcomes.forEach((o, j) => {
        const { key, row } = reqRows[j] as { key: string; row: number };
        if (o.ok) {
          done += 1;
          const rec = o.result.record;
          ops.push(put('batchRows', key, { row, state: 'issued', credentialId: rec.credentialId, credentialKey: rec.key, ...(rec.offerId ? { offerId: rec.offerId } : {}) }));
          return;
        }
        const e = o.error;
        if (e instanceof AppError && (e.status ?? 500) >= 500) {
          paused ??= e.code; // the row stays pending and is retried
          return;
        }
        if (!(e instanceof AppError)) {
          this.ctx.logger.error({ err: e instanceof Error ? e.message : String(e), batch: job.id, row }, 'batch row failed unexpectedly');
        }
        more += 1;
        ops.push(put('batchRows', key, { row, state: 'failed', errors: errorsOf(e) }));
      });
      next = counted(done, more);
      ops.push(put('batches', job.id, next));
      return ops;
    });
    return paused ? { job: next, paused } : { job: next };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
}

function rowKey(id: string, row: number): string {
  return `${id}/${String(row).padStart(6, '0')}`;
}

function errorsOf(e: unknown): BatchRow['errors'] {
  if (e instanceof AppError) {
    if (Array.isArray(e.details)) return e.details as BatchRow['errors'];
    return [{ field: '', code: e.code, message: e.message }];
  }
  return [{ field: '', code: 'INTERNAL_ERROR', message: 'Unexpected error.' }];
}
