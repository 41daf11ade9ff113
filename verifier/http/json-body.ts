/**
 * Reads a JSON request body with a byte cap and the strict parser (BAD-INPUTS #10, #12):
 * a body over the limit is refused with 413 before it is parsed, duplicate and
 * `__proto__` keys with 400, and nothing reaches JSON-LD processing unchecked.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError, parseStrictJson } from '../../shared/index.js';

const JSON_TYPE = /^application\/([a-z.+-]*\+)?json\s*(;|$)/i;

export function jsonBody(maxBytes: number) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const type = req.headers['content-type'] ?? '';
    if (!JSON_TYPE.test(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.', { status: 415 });
    const declared = Number(req.headers['content-length'] ?? '');
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.setHeader('connection', 'close');
      throw new AppError('BODY_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`, { status: 413, details: { maxBytes } });
    }
    const text = await readCapped(req, res, maxBytes);
    req.body = parseStrictJson(text, { maxBytes, maxDepth: 64 });
    next();
  };
}

function readCapped(req: Request, res: Response, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (err?: AppError) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (err) {
        // Stop reading the rest; the connection is closed after the error answer.
        res.setHeader('connection', 'close');
        req.pause();
        reject(err);
        return;
      }
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new AppError('JSON_SYNTAX', 'The body is not UTF-8.', { status: 400 }));
      }
    };
    const onData = (c: Buffer) => {
      total += c.length;
      if (total > maxBytes) finish(new AppError('BODY_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`, { status: 413, details: { maxBytes } }));
      else chunks.push(c);
    };
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', () => finish(new AppError('BODY_READ_FAILED', 'The body could not be read.', { status: 400 })));
  });
}
