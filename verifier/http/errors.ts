/**
 * The one error middleware: AppError → its status and `{code, message, details?}`;
 * anything else → 500 with a generic body. Never a stack, never the request body.
 */
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { AppError, isAppError } from '../../shared/index.js';
import type { Logger } from 'pino';

/** Turns a zod failure into a 400 naming the fields. */
export function requestInvalid(e: ZodError): AppError {
  return new AppError('REQUEST_INVALID', 'The request is not valid.', {
    status: 400,
    details: e.issues.slice(0, 20).map((i) => ({ field: i.path.join('.'), message: i.message })),
  });
}

export function errorHandler(logger?: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const e = err instanceof ZodError ? requestInvalid(err) : err;
    if (isAppError(e)) {
      const status = e.status ?? 400;
      if (status >= 500) logger?.warn({ code: e.code, path: req.path }, 'request failed');
      const retryAfter = (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (status === 429 && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
      res.status(status).json(e.toJSON());
      return;
    }
    // body-parser-like errors from express itself (e.g. an aborted request).
    const status = typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : 500;
    if (status >= 500) logger?.error({ path: req.path, err: err instanceof Error ? err.message : String(err) }, 'unexpected error');
    res.status(status >= 400 && status < 600 ? status : 500).json({ code: status >= 500 ? 'INTERNAL_ERROR' : 'REQUEST_INVALID', message: status >= 500 ? 'Internal error.' : 'The request could not be read.' });
  };
}
