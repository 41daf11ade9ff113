import { parseDateTime } from '../../util/dates.js';
import { VC_V1_CONTEXT_URL } from '../../contexts/index.js';
import { asArray, proofsOf } from '../document.js';
import type { Json } from '../document.js';
import { failed, ok } from './result.js';
import type { CheckResult } from '../types.js';

/**
 * validFrom / validUntil (VC 2.0) or issuanceDate / expirationDate (VC 1.1) against the
 * injected clock with an allowed skew; also refuses proofs dated in the future. The period
 * is judged at `periodAt` when given (an accreditation at the learning credential's
 * validFrom); a proof from the future is always judged against `now`.
 */
export function checkValidityPeriod(vc: Json, now: Date, skewSeconds = 300, periodAt: Date = now): CheckResult<'validity'> {
  const id = 'validity' as const;
  const v1 = asArray(vc['@context'])[0] === VC_V1_CONTEXT_URL;
  const fromField = v1 ? 'issuanceDate' : 'validFrom';
  const untilField = v1 ? 'expirationDate' : 'validUntil';
  const skewMs = skewSeconds * 1000;
  let from: Date | undefined;
  let until: Date | undefined;
  for (const [field, target] of [[fromField, 'from'], [untilField, 'until']] as const) {
    const raw = vc[field];
    if (raw === undefined) continue;
    const parsed = parseDateTime(raw);
    if (!parsed.ok) return failed(id, parsed.code, { field });
    if (target === 'from') from = parsed.date;
    else until = parsed.date;
  }
  if (from && until && until < from) return failed(id, 'VALIDITY_RANGE_INVALID');
  if (from && from.getTime() > periodAt.getTime() + skewMs) return failed(id, 'NOT_YET_VALID', { validFrom: from.toISOString() });
  if (until && until.getTime() < periodAt.getTime() - skewMs) return failed(id, 'EXPIRED', { validUntil: until.toISOString() });
  for (const p of proofsOf(vc)) {
    if (p.created === undefined) continue;
    const created = parseDateTime(p.created);
    if (!created.ok) return failed(id, created.code, { field: 'proof.created' });
    if (created.date.getTime() > now.getTime() + skewMs) return failed(id, 'PROOF_CREATED_IN_FUTURE');
  }
  return ok(id, 'VALIDITY_OK', {
    ...(from ? { validFrom: from.toISOString() } : {}),
    ...(until ? { validUntil: until.toISOString() } : {}),
  });
}
