/**
 * Backpressure for downloads built row by row (a cohort's results file and certificate
 * ZIP): the producer waits while the client reads slowly, so a 100,000-row cohort fetched
 * over a slow link holds a few rows in memory, not the whole download.
 */
import type { Writable } from 'node:stream';
import { AppError } from '../../shared/errors.js';

/** Resolves once `out` wants more data; rejects (DOWNLOAD_CLOSED) when it closed instead. */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(closed());
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = (): void => { out.off('close', onClose); resolve(); };
    const onClose = (): void => { out.off('drain', onDrain); reject(closed()); };
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}

function closed(): AppError {
  return new AppError('DOWNLOAD_CLOSED', 'The client closed the download before it was complete.', { status: 499 });
}
