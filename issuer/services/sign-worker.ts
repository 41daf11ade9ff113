/**
 * A thread of the issuer's signing pool (SigningService): runs `checkApproveSign` for one
 * credential. Approval and the signature itself are asked of the main thread over the
 * task's MessagePort (see sign-task.ts: no key material ever enters this thread).
 * Contexts come from the bundled static loader; this thread resolves no DID.
 */
import type { MessagePort } from 'node:worker_threads';
import { AppError } from '../../shared/errors.js';
import { createDocumentLoader } from '../../shared/loader/document-loader.js';
import { installNodeCrypto } from '../../shared/sign/ed25519-node.node.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import { checkApproveSign, errorData, fromErrorData } from './sign-task.js';
import type { ErrorData, SignTask } from './sign-task.js';

export interface WorkerSignTask extends SignTask {
  port: MessagePort;
}
export type WorkerSignResult = { credential: JsonObject } | { error: ErrorData };
/** Messages on the task's port: thread → main. */
export type SignRequest = { type: 'approve'; competencies: unknown[] } | { type: 'sign'; data: Uint8Array };
/** main → thread: an empty answer approves, `error` refuses, `signature` answers `sign`. */
export interface SignReply { error?: ErrorData; signature?: Uint8Array }

installNodeCrypto();
const documentLoader = createDocumentLoader();

function ask(port: MessagePort, req: SignRequest): Promise<SignReply> {
  return new Promise((resolve) => {
    port.once('message', (reply: SignReply) => resolve(reply));
    port.postMessage(req);
  });
}

export default async function signInWorker(task: WorkerSignTask): Promise<WorkerSignResult> {
  const { port, ...rest } = task;
  try {
    const credential = await checkApproveSign(rest, {
      approve: async (competencies) => {
        const reply = await ask(port, { type: 'approve', competencies });
        if (reply.error) throw fromErrorData(reply.error);
      },
      sign: async (data) => {
        const reply = await ask(port, { type: 'sign', data });
        if (!reply.signature) throw new AppError(reply.error?.code ?? 'SIGNING_FAILED', reply.error?.message ?? 'The main thread did not sign.', { status: reply.error?.status ?? 500 });
        return reply.signature;
      },
    }, documentLoader);
    return { credential };
  } catch (e) {
    // Errors that are the credential's (or the approval's) come back as the same AppError;
    // anything else fails the task, and the pool reports WORKER_FAILED.
    if (e instanceof AppError) return { error: errorData(e) };
    throw e;
  } finally {
    port.close();
  }
}
