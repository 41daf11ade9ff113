/**
 * Routes for the holder's wallet (another origin, no session, CORS): the certificate PDF of
 * a credential the wallet holds (services/holder-certificate.ts says why the signed, bound
 * credential is proof enough).
 */
import { Router } from 'express';
import type { RequestHandler } from 'express';
import { AppError } from '../../shared/errors.js';
import { recordForHolder } from '../services/holder-certificate.js';
import type { IssuerServices } from '../services/index.js';

export function holderRoutes(s: IssuerServices, json: RequestHandler[], limiter: RequestHandler): Router {
  const r = Router();
  r.post('/holder/certificate.pdf', limiter, ...json, async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).some((k) => k !== 'verifiableCredential') || !body.verifiableCredential) {
      throw new AppError('VALIDATION_FAILED', 'Send {verifiableCredential}.', { status: 422, details: [{ field: 'verifiableCredential', code: 'FIELD_REQUIRED', message: 'Send {verifiableCredential}.' }] });
    }
    const record = await recordForHolder(s, body.verifiableCredential);
    const pdf = await s.certificates.pdf(record);
    res.setHeader('Cache-Control', 'no-store');
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="sertifikat-${record.key}.pdf"`);
    res.send(pdf);
  });
  return r;
}
