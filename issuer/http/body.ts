/**
 * Request bodies: read as raw text with a byte limit (413 beyond it), then parsed with the
 * shared strict JSON parser (depth, item count, duplicate and `__proto__` keys), so no
 * oversized or hostile document reaches validation or JSON-LD.
 */
import express from 'express';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../shared/errors.js';
import { parseStrictJson } from '../../shared/util/strict-json.js';
import type { StrictJsonLimits } from '../../shared/util/strict-json.js';
import { CsvRecordReader } from '../services/csv.js';

export interface BodyLimits {
  maxBytes: number;
  maxDepth: number;
  maxArrayItems?: number;
}

const raw = (maxBytes: number): RequestHandler => express.text({ type: () => true, limit: maxBytes, defaultCharset: 'utf-8' });

/** Parses a JSON body into `req.body`; 415 for another content type. */
export function jsonBody(limits: BodyLimits): RequestHandler[] {
  const parseLimits: StrictJsonLimits = { maxBytes: limits.maxBytes, maxDepth: limits.maxDepth, ...(limits.maxArrayItems ? { maxArrayItems: limits.maxArrayItems } : {}) };
  return [
    raw(limits.maxBytes),
    (req, _res, next) => {
      if (!isJson(req.headers['content-type'])) {
        next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json.', { status: 415 }));
        return;
      }
      req.body = parseStrictJson(typeof req.body === 'string' ? req.body : '', parseLimits);
      next();
    },
  ];
}

/**
 * JSON (array of records) or CSV: `req.body` becomes `{kind: 'json', value}` or
 * `{kind: 'csv', value: records}`. CSV is parsed while it streams in, never buffered whole:
 * the byte cap, the row cap and the per-row cell and per-cell length caps refuse a hostile
 * upload as soon as it crosses them (the rest of the body is drained, not kept).
 */
export function cohortBody(limits: BodyLimits & { maxRows: number }): RequestHandler[] {
  const readRaw = raw(limits.maxBytes);
  return [
    (req, res, next) => {
      const type = req.headers['content-type'] ?? '';
      if (/^text\/csv\b/i.test(type)) {
        readCsvRecords(req, limits.maxBytes, limits.maxRows).then((records) => {
          req.body = { kind: 'csv', value: records };
          next();
        }, next);
        return;
      }
      if (!isJson(type)) {
        next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json (an array) or text/csv.', { status: 415 }));
        return;
      }
      readRaw(req, res, (err?: unknown) => {
        if (err) {
          next(err);
          return;
        }
        const text = typeof req.body === 'string' ? req.body : '';
        try {
          req.body = { kind: 'json', value: parseStrictJson(text, { maxBytes: limits.maxBytes, maxDepth: limits.maxDepth, maxArrayItems: limits.maxRows }) };
        } catch (e) {
          next(e);
          return;
        }
        next();
      });
    },
  ];
}

/** Streams a CSV request body through the record reader under a byte cap. */
function readCsvRecords(req: Request, maxBytes: number, maxRows: number): Promise<unknown[]> {
  const declared = Number(req.headers['content-length'] ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume(); // drain, keep nothing
    return Promise.reject(tooLarge(maxBytes));
  }
  const reader = new CsvRecordReader(maxRows);
  // UTF-8 split across chunks is joined by the streaming decoder; invalid bytes are an error.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.resume(); // the rest of the upload is read and dropped, so the answer can be sent
      reject(e instanceof AppError ? e : new AppError('CSV_SYNTAX', 'The CSV is not valid UTF-8 text.', { status: 400 }));
    };
    const onData = (chunk: Buffer): void => {
      bytes += chunk.length;
      try {
        if (bytes > maxBytes) throw tooLarge(maxBytes);
        reader.push(decoder.decode(chunk, { stream: true }));
      } catch (e) {
        fail(e);
      }
    };
    req.on('data', onData);
    req.once('error', () => fail(new AppError('BAD_REQUEST', 'The request body could not be read.', { status: 400 })));
    req.once('end', () => {
      if (settled) return;
      try {
        reader.push(decoder.decode());
        const records = reader.end();
        settled = true;
        resolve(records);
      } catch (e) {
        fail(e);
      }
    });
  });
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('BODY_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`, { status: 413 });
}

function isJson(type: string | undefined): boolean {
  return /^application\/([a-z0-9.+-]*\+)?json\b/i.test(type ?? '');
}
