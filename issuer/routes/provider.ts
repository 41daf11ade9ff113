/**
 * Provider routes (API key): issuance (VC API and learner fields), status changes, the
 * provider's credentials and certificates, cohorts, and API key management.
 */
import express, { Router } from 'express';
import type { RequestHandler, Response } from 'express';
import { AppError } from '../../shared/errors.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import { callerOf, requireProviderAdmin, requireProviderKey } from '../http/auth.js';
import { createApiKeySchema, credentialListQuerySchema, parseBody, parseQuery, signatorySchema, statusChangeSchema } from '../http/schemas.js';
import { drained } from '../services/backpressure.js';
import { LOGO_MAX_BYTES } from '../services/branding.js';
import type { IssuerServices } from '../services/index.js';
import type { IssueResult } from '../services/issuance.js';
import type { CredentialRecord, OfferRecord } from '../services/records.js';

/** `guard` (authentication + rate limit) runs on each route, so unknown paths still 404. */
export function providerRoutes(s: IssuerServices, guard: RequestHandler[], json: RequestHandler[], cohort: RequestHandler[]): Router {
  const r = Router();

  const providerId = (res: Response): string => callerOf(res).providerId as string;

  const claimOfferOf = (offer: OfferRecord): Record<string, string> => ({
    url: s.claims.learnerLink(offer.id),
    exchangeUrl: s.claims.offerUrl(offer.id),
    qr: `${s.claims.offerUrl(offer.id)}/qr.png`,
    lcwDeepLink: s.claims.lcwDeepLink(offer.id),
    expiresAt: offer.expiresAt,
  });

  const respondIssued = (res: Response, result: IssueResult): void => {
    const { record, offer } = result;
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(201).location(`/credentials/${record.key}`).json({
      verifiableCredential: record.credential,
      credentialRecord: `/credentials/${record.key}`,
      ...(offer ? { claimOffer: claimOfferOf(offer) } : {}),
      certificate: { pdf: `/credentials/${record.key}/certificate.pdf`, verificationUrl: s.certificates.verificationUrl(record) },
    });
  };

  r.post('/credentials/issue', ...guard, requireProviderKey, ...json, async (req, res) => {
    const provider = await s.curation.require(providerId(res));
    const idem = idempotencyKey(req.headers['idempotency-key']);
    const result = await s.vcApi.issue(provider, req.body, { actor: callerOf(res).actor, ...(idem ? { idempotencyKey: idem } : {}) });
    respondIssued(res, result);
  });

  r.post('/learning-credentials', ...guard, requireProviderKey, ...json, async (req, res) => {
    const idem = idempotencyKey(req.headers['idempotency-key']);
    const result = await s.learning.issue(providerId(res), req.body, {
      actor: callerOf(res).actor,
      suite: suiteOf(req.query.proofType),
      duplicates: duplicatesOf(req.query.duplicates, ['issue', 'refuse']) as 'issue' | 'refuse',
      ...(idem ? { idempotencyKey: idem } : {}),
    });
    respondIssued(res, result);
  });

  r.post('/credentials/status', ...guard, requireProviderKey, ...json, async (req, res) => {
    const body = parseBody(statusChangeSchema, req.body);
    const pid = providerId(res);
    const target = body.credentialStatus[0];
    const rec = await s.issuance.findByCredentialId(pid, body.credentialId);
    const updated = await s.credentialStatus.change(pid, rec.key, target?.status ?? 'active', callerOf(res).actor, body.reason);
    res.json({ credentialId: updated.credentialId, revoked: updated.revoked, suspended: updated.suspended });
  });

  // Everything this provider issued (single, VC API and cohort rows), newest first, paged by `next`.
  r.get('/credentials', ...guard, requireProviderKey, async (req, res) => {
    const query = parseQuery(credentialListQuerySchema, req.query);
    const page = await s.credentialList.list(providerId(res), query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(page);
  });

  r.get('/credentials/:key/history', ...guard, requireProviderKey, async (req, res) => {
    const rec = await s.issuance.getOwn(providerId(res), req.params.key as string);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ credentialId: rec.credentialId, events: await s.credentialList.history(rec) });
  });

  r.get('/credentials/:key', ...guard, requireProviderKey, async (req, res) => {
    const rec = await s.issuance.getOwn(providerId(res), req.params.key as string);
    const offer = rec.offerId ? await s.ctx.store.get<{ expiresAt: string; usedAt?: string }>('offers', rec.offerId) : undefined;
    res.json({
      credentialId: rec.credentialId,
      verifiableCredential: rec.credential,
      revoked: rec.revoked,
      suspended: rec.suspended,
      issuedAt: rec.issuedAt,
      ...(rec.maskedNip ? { maskedNip: rec.maskedNip } : {}),
      ...(rec.batch ? { batch: rec.batch } : {}),
      ...(rec.boundTo ? { boundTo: rec.boundTo } : {}),
      ...(rec.offerId && offer ? { claimOffer: { url: s.claims.learnerLink(rec.offerId), exchangeUrl: s.claims.offerUrl(rec.offerId), lcwDeepLink: s.claims.lcwDeepLink(rec.offerId), expiresAt: offer.expiresAt, used: Boolean(offer.usedAt) } } : {}),
      certificate: { pdf: `/credentials/${rec.key}/certificate.pdf`, verificationUrl: s.certificates.verificationUrl(rec) },
    });
  });

  // A new claim link for a credential nobody has claimed (lost or expired link); the previous link stops working.
  r.post('/credentials/:key/claim-offer', ...guard, requireProviderKey, async (req, res) => {
    const offer = await s.claims.renewOffer(providerId(res), req.params.key as string, callerOf(res).actor);
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({ claimOffer: claimOfferOf(offer) });
  });

  r.get('/credentials/:key/certificate.pdf', ...guard, requireProviderKey, async (req, res) => {
    const rec = await s.issuance.getOwn(providerId(res), req.params.key as string);
    const pdf = await s.certificates.pdf(rec);
    res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="sertifikat-${rec.key}.pdf"`);
    res.send(pdf);
  });

  r.post('/batches', ...guard, requireProviderKey, ...cohort, async (req, res) => {
    const body = req.body as { kind: 'json' | 'csv'; value: unknown };
    let records: unknown[];
    // CSV arrives already parsed into records (streamed, capped: http/body.ts).
    if (Array.isArray(body.value)) records = body.value;
    else throw new AppError('VALIDATION_FAILED', 'Send a JSON array of learning records.', { status: 422, details: [{ field: '', code: 'FIELD_TYPE', message: 'array expected' }] });
    // `check`: refuse the whole upload (nothing stored) when rows repeat a live credential or
    // an earlier row, naming them; the provider then sends it again with `skip` or `issue`.
    const policy = duplicatesOf(req.query.duplicates, ['issue', 'check', 'skip']);
    if (policy === 'check') {
      const found = await s.duplicates.scan(providerId(res), records, (r) => s.learning.parse(r));
      if (found.length > 0) {
        throw new AppError('DUPLICATES_FOUND', `${found.length} row(s) repeat a credential already issued for the same learner, course and dates; send again with duplicates=skip or duplicates=issue.`, { status: 409, details: found });
      }
    }
    const job = await s.batches.create(providerId(res), records, { actor: callerOf(res).actor, suite: suiteOf(req.query.proofType), duplicates: policy === 'issue' ? 'issue' : 'skip' });
    res.status(202).location(`/batches/${job.id}`).json({ ...job, url: `/batches/${job.id}` });
  });

  r.get('/batches/:id', ...guard, requireProviderKey, async (req, res) => {
    const job = await s.batches.get(providerId(res), req.params.id as string);
    res.json({
      id: job.id, state: job.state, total: job.total, done: job.done, failed: job.failed, pending: job.total - job.done - job.failed, createdAt: job.createdAt,
      ...(job.completedAt ? { completedAt: job.completedAt } : {}),
      ...(job.failedReason ? { failedReason: job.failedReason, unreadable: job.unreadable ?? 0 } : {}),
    });
  });

  r.get('/batches/:id/rows', ...guard, requireProviderKey, async (req, res) => {
    const state = req.query.state;
    const rows = await s.batches.rows(providerId(res), req.params.id as string, {
      after: Number(req.query.after ?? 0) || 0,
      limit: Number(req.query.limit ?? 100) || 100,
      ...(state === 'pending' || state === 'issued' || state === 'failed' ? { state } : {}),
    });
    // A renewed offer replaces the one the row recorded: link the credential's current offer.
    const out = await Promise.all(rows.map(async (row) => {
      const rec = row.offerId && row.credentialKey ? await s.ctx.store.get<CredentialRecord>('credentials', row.credentialKey) : undefined;
      const offerId = rec?.offerId ?? row.offerId;
      return { ...row, ...(offerId ? { offerId, claimOffer: s.claims.learnerLink(offerId) } : {}) };
    }));
    res.json({ rows: out });
  });

  // The results file: row, name, email, state, credential id, claim link, certificate link, errors.
  r.get('/batches/:id/results.csv', ...guard, requireProviderKey, async (req, res) => {
    const sep = req.query.separator === 'semicolon' ? ';' : req.query.separator === undefined || req.query.separator === 'comma' ? ',' : undefined;
    if (!sep) throw new AppError('REQUEST_INVALID', 'separator must be comma or semicolon.', { status: 400, details: [{ field: 'separator', code: 'FIELD_ENUM', allowed: ['comma', 'semicolon'] }] });
    const id = req.params.id as string;
    const lines = s.cohortResults.csv(providerId(res), id, sep);
    const first = await lines.next(); // 404 before any header is sent
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="hasil-kohort-${id}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    if (!first.done) res.write(first.value);
    try {
      for await (const line of lines) {
        // A slow client pauses the rows (backpressure.ts), so the file is never held whole.
        if (!res.write(line)) await drained(res);
      }
      res.end();
    } catch (e) {
      // Headers are gone: cut the download so it cannot be mistaken for a whole file.
      if (!(e instanceof AppError && e.code === 'DOWNLOAD_CLOSED')) s.ctx.logger.error({ err: e instanceof Error ? e.message : String(e), batch: id }, 'cohort results failed');
      res.destroy();
    }
  });

  // Every certificate of the cohort as one ZIP (streamed).
  r.get('/batches/:id/certificates.zip', ...guard, requireProviderKey, async (req, res) => {
    const id = req.params.id as string;
    await s.batches.get(providerId(res), id);
    res.type('application/zip').setHeader('Content-Disposition', `attachment; filename="sertifikat-kohort-${id}.zip"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await s.cohortResults.zip(providerId(res), id, res);
      res.end();
    } catch (e) {
      // Headers are gone: cut the download so it cannot be mistaken for a whole archive.
      if (!(e instanceof AppError && e.code === 'DOWNLOAD_CLOSED')) s.ctx.logger.error({ err: e instanceof Error ? e.message : String(e), batch: id }, 'cohort zip failed');
      res.destroy();
    }
  });

  // Claim links by email (SMTP_URL): one credential, or every issued row of a cohort.
  r.post('/credentials/:key/send-claim-link', ...guard, requireProviderKey, async (req, res) => {
    const rec = await s.issuance.getOwn(providerId(res), req.params.key as string);
    s.claimMail.requireTransport();
    res.json({ credentialId: rec.credentialId, ...(await s.claimMail.send(rec)) });
  });
  r.post('/batches/:id/send-claim-links', ...guard, requireProviderKey, async (req, res) => {
    const resend = req.query.resend === undefined ? false : req.query.resend === 'all' ? true : undefined;
    if (resend === undefined) throw new AppError('REQUEST_INVALID', 'resend must be all (or absent: only those not sent yet).', { status: 400, details: [{ field: 'resend', code: 'FIELD_ENUM', allowed: ['all'] }] });
    const results = await s.claimMail.sendCohort(providerId(res), req.params.id as string, { resend });
    const count = (state: string): number => results.filter((r) => r.state === state).length;
    res.json({ sent: count('sent'), failed: count('failed'), skipped: count('skipped'), results });
  });

  // What the provider's certificates carry: logo (PNG/JPEG bytes, checked) and signatory.
  const logoBody = express.raw({ type: () => true, limit: LOGO_MAX_BYTES + 1 });
  r.get('/providers/:providerId/certificate-branding', ...guard, requireProviderAdmin, async (req, res) => {
    const p = await s.curation.require(req.params.providerId as string);
    const b = await s.branding.get(p.id);
    res.json({ signatoryName: b.signatoryName ?? null, signatoryTitle: b.signatoryTitle ?? null, logo: b.logo ? { type: b.logo.type, width: b.logo.width, height: b.logo.height } : null });
  });
  r.put('/providers/:providerId/certificate-logo', ...guard, requireProviderAdmin, logoBody, async (req, res) => {
    const p = await s.curation.require(req.params.providerId as string);
    const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (type !== 'image/png' && type !== 'image/jpeg') throw new AppError('LOGO_TYPE', 'Send the logo as image/png or image/jpeg.', { status: 415, details: [{ field: 'logo', code: 'LOGO_TYPE', allowed: ['image/png', 'image/jpeg'] }] });
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const b = await s.branding.setLogo(p.id, body, type, callerOf(res).actor);
    res.json({ logo: b.logo ? { type: b.logo.type, width: b.logo.width, height: b.logo.height } : null });
  });
  r.put('/providers/:providerId/certificate-signatory', ...guard, requireProviderAdmin, ...json, async (req, res) => {
    const p = await s.curation.require(req.params.providerId as string);
    const input = parseBody(signatorySchema, req.body);
    const b = await s.branding.setSignatory(p.id, input, callerOf(res).actor);
    res.json({ signatoryName: b.signatoryName, signatoryTitle: b.signatoryTitle });
  });

  r.post('/providers/:providerId/api-keys', ...guard, requireProviderAdmin, ...json, async (req, res) => {
    const p = await s.curation.require(req.params.providerId as string);
    const input = parseBody(createApiKeySchema, req.body);
    res.status(201).json(await s.apiKeys.create(p.id, input, callerOf(res).actor));
  });
  r.get('/providers/:providerId/api-keys', ...guard, requireProviderAdmin, async (req, res) => {
    const p = await s.curation.require(req.params.providerId as string);
    res.json({ keys: await s.apiKeys.list(p.id) });
  });
  r.post('/providers/:providerId/api-keys/:keyId/revoke', ...guard, requireProviderAdmin, async (req, res) => {
    const p = await s.curation.require(req.params.providerId as string);
    res.json(await s.apiKeys.revoke(p.id, req.params.keyId as string, callerOf(res).actor));
  });
  return r;
}

function idempotencyKey(h: unknown): string | undefined {
  if (h === undefined) return undefined;
  if (typeof h !== 'string' || !/^[A-Za-z0-9._:-]{1,128}$/.test(h)) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key: 1-128 of A-Z a-z 0-9 . _ : -', { status: 422, details: [{ field: 'Idempotency-Key', code: 'FIELD_FORMAT' }] });
  }
  return h;
}

function duplicatesOf(q: unknown, allowed: string[]): string {
  if (q === undefined) return 'issue';
  if (typeof q === 'string' && allowed.includes(q)) return q;
  throw new AppError('VALIDATION_FAILED', `duplicates must be one of: ${allowed.join(', ')}.`, { status: 422, details: [{ field: 'duplicates', code: 'FIELD_ENUM', allowed, message: { id: `duplicates harus salah satu dari: ${allowed.join(', ')}.`, en: `duplicates must be one of: ${allowed.join(', ')}.` } }] });
}

function suiteOf(q: unknown): ProofSuiteName {
  if (q === undefined || q === 'DataIntegrityProof') return 'eddsa-rdfc-2022';
  if (q === 'Ed25519Signature2020') return 'Ed25519Signature2020';
  throw new AppError('VALIDATION_FAILED', 'proofType must be DataIntegrityProof or Ed25519Signature2020.', { status: 422, details: [{ field: 'proofType', code: 'FIELD_ENUM' }] });
}
