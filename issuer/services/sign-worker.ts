/**
 * A thread of the issuer's signing pool (SigningService): runs `checkApproveSign` for one
 * credential. Approval and the signature itself are asked of the main thread over the
 * task's MessagePort (see sign-task.ts: no key material ever enters this thread).
 * Contexts come from the bundled static loader; this thread resolves no DID.
 */
import type { MessagePort } from 'node:worker_threads';
import { AppError } from '../../shared/errors.js';
import { createDocumentLoader } from '../../shared/loader/document-loader.js';
import { portCaller, toErrorData } from '../../shared/pool/port-rpc.node.js';
import type { ErrorData } from '../../shared/pool/port-rpc.node.js';
import { installNodeCrypto } from '../../shared/sign/ed25519-node.node.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import { checkApproveSign } from './sign-task.js';
import type { SignTask } from './sign-task.js';

export interface WorkerSignTask extends SignTask {
  port: MessagePort;
}
export type WorkerSignResult = { credential: JsonObject } | { error: ErrorData };

installNodeCrypto();
const documentLoader = createDocumentLoader();

export default async function signInWorker(task: WorkerSignTask): Promise<WorkerSignResult> {
  const { port, ...rest } = task;
  const call = portCaller(port);
  try {
    const credential = await checkApproveSign(rest, {
      approve: (competencies) => call<void>('approve', competencies),
      sign: (data) => call<Uint8Array>('sign', data),
    }, documentLoader);
    return { credential };
  } catch (e) {
    // Errors that are the credential's (or the approval's) come back as the same AppError;
    // anything else fails the task, and the pool reports WORKER_FAILED.
    if (e instanceof AppError) return { error: toErrorData(e) };
    throw e;
  } finally {
    port.close();
  }
}
