/**
 * Worker thread of `npm run bench`'s all-cores signing run: signs `count` credentials
 * with the project's fast path (or the stock library) and reports the elapsed time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDocumentLoader, signCredential } from '../shared/index.js';
import { createNodeSigner, installNodeCrypto } from '../shared/sign/ed25519-node.node.js';
import { stockIssue } from './stock.js';

interface Job { path: 'project' | 'stock'; credentials: Array<Record<string, unknown>>; keyId: string; secretKey: Uint8Array; publicKeyMultibase: string; now: string }

installNodeCrypto();
const job = workerData as Job;
const documentLoader = createDocumentLoader();
const now = new Date(job.now);
const signer = createNodeSigner(job.keyId, job.secretKey);
const sign = job.path === 'project'
  ? (c: Record<string, unknown>) => signCredential(c, { signer, documentLoader, now })
  : await stockIssue({ keyId: job.keyId, secretKey: job.secretKey, publicKeyMultibase: job.publicKeyMultibase, documentLoader, now });
// Warm-up (JIT, processed contexts) outside the measured run, as on the one-core rows.
for (const c of job.credentials.slice(0, 100)) await sign(c);
parentPort?.once('message', async () => {
  const t0 = performance.now();
  for (const c of job.credentials) await sign(c);
  parentPort?.postMessage({ ms: performance.now() - t0 });
});
parentPort?.postMessage('ready');
