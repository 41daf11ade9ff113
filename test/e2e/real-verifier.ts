/** A real verifier (LevelDB in a temp folder, or PostgreSQL with TEST_STORE=postgres; HTTP on 127.0.0.1) trusting a test issuer. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, createVerifierApp } from '../../verifier/app.js';
import { DEFAULT_SETTINGS } from '../../verifier/services/context.js';
import type { VerifierSettings } from '../../verifier/services/context.js';
import { openTestStore } from '../verifier/harness.js';
import { call } from '../issuer/helpers.js';
import type { Loose, TestIssuer } from '../issuer/helpers.js';

/** Configured only with LAN's DID and key (read from the issuer) and the issuer's origin. */
export async function startRealVerifier(issuer: TestIssuer, over: Partial<VerifierSettings> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const lanDoc = (await call(issuer.url, 'GET', '/.well-known/did.json')).body as Loose;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-verifier-'));
  const store = await openTestStore(dataDir);
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const settings = {
    ...DEFAULT_SETTINGS,
    publicUrl: url,
    trustAnchor: { did: lanDoc.id, publicKeyMultibase: lanDoc.verificationMethod[0].publicKeyMultibase },
    issuerOrigins: [issuer.url],
    registryUrl: `${issuer.url}/registry`,
    secret: 'e2e-secret-0123456789-0123456789-0123456789',
    rateLimitPerMinute: 10_000,
    ...over,
  };
  const now = () => new Date();
  const services = createServices({ store, now, settings });
  server.on('request', createVerifierApp({ store, now, settings, services }));
  return {
    url,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
