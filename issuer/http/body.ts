/**
 * Request bodies: read as raw text with a byte limit (413 beyond it), then parsed with the
 * shared strict JSON parser (depth, item count, duplicate and `__proto__` keys), so no
 * oversized or hostile document reaches validation or JSON-LD.
 */
import express from 'express';
import type { RequestHandler } from 'express';
import { AppError } from '../../shared/errors.js';
import { parseStrictJson } from '../../shared/util/strict-json.js';
import type { StrictJsonLimits } from '../../shared/util/strict-json.js';

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

/** JSON (array of records) or CSV text: `req.body` becomes `{kind, value}`. */
export function cohortBody(limits: BodyLimits): RequestHandler[] {
  return [
    raw(limits.maxBytes),
    (req, _res, next) => {
      const text = typeof req.body === 'string' ? req.body : '';
      const type = req.headers['content-type'] ?? '';
      if (isJson(type)) req.body = { kind: 'json', value: parseStrictJson(text, { maxBytes: limits.maxBytes, maxDepth: limits.maxDepth, maxArrayItems: 100_000 }) };
      else if (/^text\/csv\b/i.test(type)) req.body = { kind: 'csv', value: text };
      else {
        next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json (an array) or text/csv.', { status: 415 }));
        return;
      }
      next();
    },
  ];
}

function isJson(type: string | undefined): boolean {
  return /^application\/([a-z0-9.+-]*\+)?json\b/i.test(type ?? '');
}
