/**
 * A thread of the verifier's verification pool (VerificationService): runs the shared
 * pipeline (`verifyCredential` / `verifyPresentation`) on one document, the CPU-heavy part
 * (JSON-LD, canonicalization, signatures). Everything that touches the network or the store
 * stays on the main thread and is asked for over the task's port: did:web documents,
 * status lists (with their cache and revalidation) and the registry's accreditations.
 * Signature results of status lists and accreditations are remembered per thread.
 */
import type { MessagePort } from 'node:worker_threads';
import { createDocumentLoader, createVerificationCache, verifyCredential, verifyPresentation } from '../../shared/index.js';
import type { CredentialVerification, PresentationVerification, StatusListFetchResult, TrustAnchor, VerifyOptions } from '../../shared/index.js';
import type { DidDocument } from '../../shared/keys/did.js';
import { portCaller } from '../../shared/pool/port-rpc.node.js';
import { installNodeCrypto } from '../../shared/sign/ed25519-node.node.js';

export interface VerifyTask {
  kind: 'credential' | 'presentation';
  input: unknown;
  /** The request's clock reading (ISO): the clock stays on the main thread. */
  now: string;
  clockSkewSeconds: number;
  maxStatusAgeSeconds: number;
  trustAnchor: TrustAnchor;
  presentation?: { challenge: string; domain?: string; maxPresentationAgeSeconds: number };
  port: MessagePort;
}

installNodeCrypto();
const cache = createVerificationCache({ ttlSeconds: 300 });

export default async function verifyInWorker(task: VerifyTask): Promise<CredentialVerification | PresentationVerification> {
  const call = portCaller(task.port);
  try {
    const options: VerifyOptions = {
      documentLoader: createDocumentLoader({ resolveDidWeb: (did) => call<DidDocument>('did', did) }),
      now: new Date(task.now),
      clockSkewSeconds: task.clockSkewSeconds,
      maxStatusAgeSeconds: task.maxStatusAgeSeconds,
      fetchStatusList: (url) => call<StatusListFetchResult>('status', url),
      accreditation: { trustAnchor: task.trustAnchor, findAccreditations: (did) => call<unknown[]>('accreditations', did) },
      cache,
    };
    if (task.kind === 'credential') return await verifyCredential(task.input, options);
    const bound = task.presentation ?? { challenge: '', maxPresentationAgeSeconds: 0 };
    return await verifyPresentation(task.input, { ...options, ...bound });
  } finally {
    task.port.close();
  }
}
