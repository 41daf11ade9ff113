/**
 * Public routes: DID documents, status lists, the accreditation registry, the ASN
 * context, claim offers, and printed credentials by certificate token. Lists and the
 * registry carry Cache-Control and an ETag so verifiers and caches can revalidate cheaply.
 */
import { Router } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import QRCode from 'qrcode';
import { AppError } from '../../shared/errors.js';
import { ASN_CONTEXT_PATH, ASN_CONTEXT_V1 } from '../../shared/contexts/index.js';
import type { StatusPurpose } from '../../shared/status/status-list-credential.js';
import { sha256Hex } from '../services/crypto.node.js';
import type { IssuerServices } from '../services/index.js';
import { LAN } from '../services/keys.js';

const LIST_MAX_AGE = 300;

export function publicRoutes(s: IssuerServices, json: RequestHandler[], claimLimiter: RequestHandler): Router {
  const r = Router();

  r.get('/.well-known/did.json', async (_req, res) => {
    await s.keys.ensureLanKey();
    sendCached(_req, res, await s.keys.didDocument(LAN), 300, 'application/did+json');
  });

  r.get('/providers/:providerId/did.json', async (req, res) => {
    const p = await s.curation.require(req.params.providerId as string);
    sendCached(req, res, await s.keys.didDocument(p.id), 300, 'application/did+json');
  });

  r.get('/status/:owner/:purpose/:listNo', async (req, res) => {
    const owner = req.params.owner ?? '';
    const purpose = req.params.purpose ?? '';
    const listNo = req.params.listNo ?? '';
    if ((purpose !== 'revocation' && purpose !== 'suspension') || !/^[1-9][0-9]{0,5}$/.test(listNo) || !/^[a-z0-9-]{3,41}$/.test(owner)) {
      throw new AppError('STATUS_LIST_NOT_FOUND', 'No such status list.', { status: 404 });
    }
    const list = await s.status.signedList(owner, purpose as StatusPurpose, Number(listNo));
    sendCached(req, res, list.credential, LIST_MAX_AGE, 'application/vc+ld+json', list.etag);
  });

  r.get('/registry', async (req, res) => {
    await s.keys.ensureLanKey();
    const reg = await s.curation.registry();
    sendCached(req, res, { issuer: s.keys.didOf(LAN), ...reg }, LIST_MAX_AGE, 'application/json');
  });

  r.get(ASN_CONTEXT_PATH, (req, res) => {
    sendCached(req, res, ASN_CONTEXT_V1, 86400, 'application/ld+json');
  });

  r.get('/claims/:offerId', claimLimiter, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await s.claims.describe(req.params.offerId as string));
  });

  r.get('/claims/:offerId/qr.png', claimLimiter, async (req, res) => {
    await s.claims.describe(req.params.offerId as string); // 404/410 for unknown, used or expired offers
    const png = await QRCode.toBuffer(s.claims.learnerLink(req.params.offerId as string), { errorCorrectionLevel: 'M', margin: 2, width: 320 });
    res.setHeader('Cache-Control', 'no-store');
    res.type('image/png').send(png);
  });

  r.post('/claims/:offerId', claimLimiter, ...json, async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    // VC API exchanges start with `POST {}` (the Learner Credential Wallet does): answer with
    // the verifiablePresentationRequest, as GET does.
    if (body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await s.claims.describe(req.params.offerId as string));
      return;
    }
    const vp = body && typeof body === 'object' && 'verifiablePresentation' in body ? body.verifiablePresentation : body;
    const result = await s.claims.redeem(req.params.offerId as string, vp);
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({
      verifiablePresentation: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        verifiableCredential: [result.verifiableCredential, ...(result.accreditation ? [result.accreditation] : [])],
      },
      verifiableCredential: result.verifiableCredential,
      ...(result.accreditation ? { accreditation: result.accreditation } : {}),
    });
  });

  // A printed certificate's link. A credential carrying a hashed NIP is handed out only
  // for the holder's NIP (POST {nip}); GET answers 401 CERTIFICATE_NIP_REQUIRED for it.
  const sendCertificate = async (req: Request, res: Response, nip: unknown): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const rec = await s.certificates.open(req.params.token as string, nip);
      res.type('application/vc+ld+json').send(JSON.stringify(rec.credential));
    } catch (e) {
      const retry = e instanceof AppError && e.code === 'CERTIFICATE_LOCKED' ? (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
      if (retry) res.setHeader('Retry-After', String(retry));
      throw e;
    }
  };
  r.get('/certificates/:token', claimLimiter, async (req, res) => {
    await sendCertificate(req, res, undefined);
  });
  r.post('/certificates/:token', claimLimiter, ...json, async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : undefined;
    if (!keys || keys.some((k) => k !== 'nip')) throw new AppError('VALIDATION_FAILED', 'Send {nip}.', { status: 422, details: [{ field: 'nip', code: 'FIELD_REQUIRED', message: 'Send {nip}.' }] });
    await sendCertificate(req, res, body!.nip ?? '');
  });

  r.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  return r;
}

/** JSON with Cache-Control max-age and a strong ETag; answers 304 to a matching If-None-Match. */
function sendCached(req: Request, res: Response, body: unknown, maxAge: number, type: string, etag?: string): void {
  if (body === undefined) throw new AppError('NOT_FOUND', 'Not found.', { status: 404 });
  const text = JSON.stringify(body);
  const tag = etag ?? `"${sha256Hex(text).slice(0, 32)}"`;
  res.setHeader('Cache-Control', `public, max-age=${maxAge}`);
  res.setHeader('ETag', tag);
  if (req.headers['if-none-match'] === tag) {
    res.status(304).end();
    return;
  }
  res.type(type).send(text);
}
