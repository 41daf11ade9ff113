/**
 * W3C VC API verification routes. A verified result answers 200; a result that is not
 * verified answers 422 with the same object, so standard clients see a failure as one.
 * A body that is not a request at all answers 400.
 */
import { Router } from 'express';
import { z } from 'zod';
import { readChallengeOption } from '../services/challenges.js';
import type { Services } from '../services/index.js';

const options = z.object({
  challenge: z.string().max(200).optional(),
  domain: z.string().max(300).optional(),
  checks: z.array(z.string().max(50)).max(20).optional(),
}).optional();

const credentialRequest = z.object({ verifiableCredential: z.record(z.string(), z.unknown()), options }).strict();
const presentationRequest = z.object({ verifiablePresentation: z.record(z.string(), z.unknown()), options }).strict();

export function verifyRoutes(s: Services): Router {
  const r = Router();

  r.post('/credentials/verify', async (req, res) => {
    const body = credentialRequest.parse(req.body);
    const result = await s.verification.verifyCredential(body.verifiableCredential);
    res.status(result.verified ? 200 : 422).json(result);
  });

  r.post('/presentations/verify', async (req, res) => {
    const body = presentationRequest.parse(req.body);
    const challenge = readChallengeOption(body.options);
    const domain = body.options?.domain;
    const result = await s.verification.verifyPresentation(body.verifiablePresentation, {
      ...(challenge !== undefined ? { challenge } : {}), ...(domain !== undefined ? { domain } : {}),
    });
    res.status(result.verified ? 200 : 422).json(result);
  });

  // A printed certificate's QR: the officer's page asks us to fetch and verify it.
  r.post('/credentials/verify-url', async (req, res) => {
    const body = z.object({ url: z.string().url().max(2000), nip: z.string().max(64).optional() }).strict().parse(req.body);
    const { verifiableCredential, result } = await s.verification.verifyCredentialAt(body.url, body.nip);
    res.status(result.verified ? 200 : 422).json({ verifiableCredential, result });
  });

  r.post('/challenges', async (_req, res) => {
    res.status(201).json(await s.challenges.issue());
  });

  r.get('/registry', async (_req, res) => {
    res.json(await s.registry.summary());
  });

  return r;
}
