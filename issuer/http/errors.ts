/**
 * The one error middleware: AppError.code → HTTP status and a JSON body
 * `{code, message, messageId, details?}`. Never a stack; unexpected errors are logged
 * (message only) and answered with a generic 500.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../../shared/errors.js';
import { indonesianMessage } from './messages.js';

/** Statuses for codes whose AppError carries none (JSON_* from the strict parser, …). */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  JSON_TOO_LARGE: 413,
  BATCH_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  DID_AUTH_FAILED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  KEY_UNAVAILABLE: 503,
};

function statusOf(e: AppError): number {
  const s = e.status ?? STATUS_BY_CODE[e.code] ?? (e.code.startsWith('JSON_') ? 400 : 500);
  return s >= 400 && s <= 599 ? s : 500;
}

/** Errors thrown by express' own body reader (raw-body), by their `type`. */
function fromBodyParser(err: unknown): AppError | undefined {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new AppError('BODY_TOO_LARGE', 'The request body is too large.', { status: 413 });
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding.', { status: 415 });
  if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'entity.verify.failed') return new AppError('BAD_REQUEST', 'The request body could not be read.', { status: 400 });
  return undefined;
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    const appError = err instanceof AppError ? err : fromBodyParser(err);
    if (!appError) {
      logger.error({ err: err instanceof Error ? err.message : String(err) }, 'unexpected error');
      res.status(500).json({ code: 'INTERNAL_ERROR', message: 'Internal error.', messageId: indonesianMessage('INTERNAL_ERROR') });
      return;
    }
    const status = statusOf(appError);
    const body = appError.toJSON(); // NIP-shaped text masked, whatever put it there
    if (status >= 500) logger.error({ code: appError.code, err: body.message }, 'request failed');
    res.status(status).json({ ...body, messageId: indonesianMessage(appError.code) });
  };
}

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('NOT_FOUND', 'No such route.', { status: 404 }));
};
