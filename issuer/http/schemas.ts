/** Request schemas of the admin routes (zod), with errors reported per field. */
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { COMPETENCY_TYPES } from '../../shared/model/index.js';
import { parseDateTime } from '../../shared/util/dates.js';

const SINGLE_LINE = /^[^\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]*$/u;
const text = (max: number) => z.string().trim().min(1).max(max).regex(SINGLE_LINE, 'control characters are not allowed');
const dateTime = z.string().transform((v, ctx) => {
  const r = parseDateTime(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: 'an ISO 8601 date-time with a time zone' });
    return z.NEVER;
  }
  return r.date;
});
const scope = z.strictObject({
  competencyTypes: z.array(z.enum(COMPETENCY_TYPES)).min(1).max(4),
  competencyCodes: z.array(z.string().trim().regex(/^[A-Za-z0-9.]{1,40}$/)).max(500).default([]),
});
const grade = z.string().trim().regex(/^[A-Z][A-Z+-]{0,3}$/, 'a grade such as A, B or C');

export const registerProviderSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,40}$/).optional(),
  name: text(200),
  legalName: text(300).optional(),
  legalIdentifier: text(100),
  contact: z.strictObject({ name: text(200).optional(), email: z.email().max(254).optional(), phone: z.string().regex(/^\+?[0-9 ()-]{5,30}$/).optional() }),
  url: z.url({ protocol: /^https$/ }).max(2048).optional(),
  scope,
  grade,
  validFrom: dateTime,
  validUntil: dateTime,
});

export const updateScopeSchema = z.strictObject({ scope: scope.optional(), grade: grade.optional(), validUntil: dateTime.optional() });

export const createApiKeySchema = z.strictObject({ role: z.enum(['issuer', 'admin']).default('issuer'), label: text(100).default('api') });

export const statusChangeSchema = z.strictObject({
  credentialId: z.string().min(1).max(2048),
  credentialStatus: z
    .array(z.strictObject({ type: z.literal('BitstringStatusListCredential').optional(), status: z.enum(['revoked', 'suspended', 'active']) }))
    .length(1),
  /** Why (kept in the audit log and the credential's history, shown to the provider). */
  reason: text(500).optional(),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').refine((v) => Number.isFinite(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'a real date');

/** The signatory printed on the provider's certificates. */
export const signatorySchema = z.strictObject({ signatoryName: text(120), signatoryTitle: text(160) });

/** `GET /credentials`: the provider's list (query strings, so every value arrives as text). */
export const credentialListQuerySchema = z.strictObject({
  q: z.string().max(200).regex(SINGLE_LINE, 'control characters are not allowed').optional(),
  status: z.enum(['active', 'suspended', 'revoked']).optional(),
  claimed: z.enum(['yes', 'no']).transform((v) => v === 'yes').optional(),
  cohort: z.string().regex(/^[0-9a-f-]{36}$/, 'a cohort id').optional(),
  from: day.optional(),
  to: day.optional(),
  after: z.string().max(200).optional(),
  limit: z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().int().min(1).max(100)).optional(),
});

/** Parses a query string or throws 400 REQUEST_INVALID with `[{field, code, message}]`. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const r = schema.safeParse(query ?? {});
  if (r.success) return r.data;
  throw new AppError('REQUEST_INVALID', 'The query has errors.', {
    status: 400,
    details: r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(',') : ''), code: i.code.toUpperCase(), message: i.message })),
  });
}

/** Parses or throws 422 VALIDATION_FAILED with `[{field, code, message}]`. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  throw new AppError('VALIDATION_FAILED', 'The request has errors.', {
    status: 422,
    details: r.error.issues.map((i) => ({ field: i.path.map(String).join('.'), code: i.code.toUpperCase(), message: i.message })),
  });
}
