/**
 * "Check, approve, sign" for one credential: the rules every credential meets
 * (`checkBeforeSigning`, whose JSON-LD work is most of the cost), then the caller's
 * approval of the competencies found (the provider's scope, a caller-chosen id not used
 * yet), and only then the signature. The same function runs on the main thread and in the
 * signing pool's threads (sign-worker.ts), so both give the same credential byte for byte.
 *
 * The key never leaves the main thread: `host.sign` is the only way to a signature, and in a
 * worker it is a message to the main thread carrying the bytes to sign (the proof's hash
 * data), which signs them with the provider's key object there. A worker thus holds no key
 * material, cannot sign what was not approved, and nothing about the key can reach a log.
 */
import type { DocumentLoader } from '../../shared/loader/document-loader.js';
import { signCredential } from '../../shared/sign/sign-credential.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import { checkBeforeSigning } from './credential-rules.js';
import type { CertifiedCompetencyClaim } from './credential-rules.js';

export interface SignTask {
  unsigned: JsonObject;
  suite: ProofSuiteName;
  /** proof.created, ISO (the clock stays on the main thread). */
  now: string;
  /** The verification method the proof names (did#key). */
  signerId: string;
}

export interface SignHost {
  /** Throws (an AppError) when the credential must not be signed. */
  approve(competencies: CertifiedCompetencyClaim[]): Promise<void>;
  /** Signs the proof's bytes with the provider's key (main thread). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export async function checkApproveSign(task: SignTask, host: SignHost, documentLoader: DocumentLoader): Promise<JsonObject> {
  const competencies = await checkBeforeSigning(task.unsigned, documentLoader);
  await host.approve(competencies);
  return signCredential(task.unsigned, {
    signer: { id: task.signerId, algorithm: 'Ed25519', sign: ({ data }) => host.sign(data) },
    documentLoader,
    now: new Date(task.now),
    suite: task.suite,
  });
}
