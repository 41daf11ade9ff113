/**
 * BAD-INPUTS rows that had no test (issue 7 item 5): row 6, a protected term redefined
 * (through an inline context, a nested one, and a look-alike context that got past the
 * allow-list, which JSON-LD safe mode still refuses); row 18, a did:web document that never
 * arrives or is oversized (fail closed, reported as a resolution error).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTermsDefined, createDidWebResolver, createDocumentLoader, createSigner, verifyCredential } from '../../../shared/index.js';
import type { DocumentLoader } from '../../../shared/index.js';
import { createWorld } from '../../fixtures/world.js';
import type { World } from '../../fixtures/world.js';

type VC = Record<string, unknown> & { credentialSubject: Record<string, unknown> };

let world: World;
let valid: VC;

beforeAll(async () => {
  world = await createWorld();
  valid = (await world.issue()) as VC;
});

describe('BAD-INPUTS 6: a protected term redefined', () => {
  const EVIL = 'https://evil.example/lookalike-context.json';
  /** A look-alike context that remaps VC 2.0's protected `credentialSubject` and `name`. */
  const lookalike = { '@context': { credentialSubject: 'https://evil.example/subject', name: 'https://evil.example/name' } };

  it('through an inline context: safe mode refuses the redefinition (TERM_UNDEFINED), nothing else is trusted', async () => {
    // Inline contexts pass the allow-list for authenticity only (docs/verification.md); a
    // protected term still cannot be redefined.
    const vc = structuredClone(valid);
    (vc['@context'] as unknown[]).push({ name: 'https://evil.example/name' });
    const r = await verifyCredential(vc, world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'terms')).toMatchObject({ status: 'failed', code: 'TERM_UNDEFINED' });
    expect(r.checks.find((c) => c.id === 'proof')?.status).toBe('unknown');
  });

  it('through a nested context in the subject: CONTEXT_NESTED', async () => {
    const vc = structuredClone(valid);
    vc.credentialSubject['@context'] = { name: 'https://evil.example/name' };
    const r = await verifyCredential(vc, world.verifyOptions());
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'contexts')).toMatchObject({ status: 'failed', code: 'CONTEXT_NESTED' });
  });

  it('through a look-alike context URL: refused by the allow-list, and by safe mode even if a loader served it', async () => {
    const vc = structuredClone(valid);
    (vc['@context'] as unknown[]).push(EVIL);
    const r = await verifyCredential(vc, world.verifyOptions());
    expect(r.checks.find((c) => c.id === 'contexts')).toMatchObject({ status: 'failed', code: 'CONTEXT_UNKNOWN' });

    // Second line of defence: a loader that knows the look-alike still cannot redefine a
    // protected term, JSON-LD expansion fails.
    const base = createDocumentLoader();
    const permissive: DocumentLoader = async (url) => (url === EVIL ? { documentUrl: url, document: lookalike, contextUrl: null } : base(url));
    const { proof: _p, ...unsigned } = vc;
    const terms = await checkTermsDefined(unsigned, permissive);
    expect(terms).toMatchObject({ status: 'failed', code: 'TERM_UNDEFINED' });
    expect(String(terms.details?.reason)).toMatch(/redefine a protected term/i);
  });
});

describe('BAD-INPUTS 18: did:web that times out or is oversized', () => {
  let server: http.Server;
  let origin: string;
  const hanging = new Set<http.ServerResponse>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/providers/slow/did.json') {
        hanging.add(res); // never answers
        return;
      }
      if (req.url === '/providers/big/did.json') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: 'x', pad: 'x'.repeat(2_000_000) }));
        return;
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  async function verifyAs(path: 'slow' | 'big', timeoutMs: number) {
    const did = `did:web:127.0.0.1%3A${new URL(origin).port}:providers:${path}`;
    const vc = await world.issue({
      signer: createSigner(`${did}#${world.provider.publicKeyMultibase}`, world.provider.secretKey),
      mutate: (v) => {
        (v.issuer as Record<string, unknown>).id = did;
      },
    });
    const resolveDidWeb = createDidWebResolver({ allowedOrigins: [origin], timeoutMs });
    return { did, result: await verifyCredential(vc, world.verifyOptions({ documentLoader: createDocumentLoader({ resolveDidWeb }) })) };
  }

  // A short deadline for the document that never comes; a long one for the oversized one,
  // so a busy machine cannot turn "too large" into "too slow".
  it.each([
    ['never answers', 'slow', 300, 'FETCH_TIMEOUT'],
    ['is larger than the cap', 'big', 15_000, 'FETCH_TOO_LARGE'],
  ] as const)('a DID document that %s fails closed as DID_RESOLUTION_FAILED (%s)', async (_name, path, timeoutMs, reason) => {
    const { did, result } = await verifyAs(path, timeoutMs);
    expect(result.verified).toBe(false);
    expect(result.checks.find((c) => c.id === 'issuerKey')).toMatchObject({ status: 'failed', code: 'DID_RESOLUTION_FAILED', details: { did, reason } });
  });
});
