/**
 * Signing as LAN or a provider. The document loader resolves the issuer's own did:web
 * documents from its store (no HTTP to itself) and did:key locally; anything else is
 * refused, so signing never touches the network.
 *
 * Issuance goes through `checkApproveSign` (sign-task.ts): with a signing pool (`signWorkers`
 * > 0, ISSUER_SIGN_WORKERS) the JSON-LD work of the checks and of the proof runs in worker
 * threads, several credentials at once, while the Ed25519 signature itself is made here on
 * the main thread with the key object (the key never goes to a worker). Without a pool the
 * same function runs here.
 */
import { MessageChannel } from 'node:worker_threads';
import type { Signer } from '../../shared/keys/ed25519.js';
import { createDocumentLoader } from '../../shared/loader/document-loader.js';
import type { DocumentLoader } from '../../shared/loader/document-loader.js';
import { fromErrorData, serveCalls } from '../../shared/pool/port-rpc.node.js';
import { WorkerPool } from '../../shared/pool/worker-pool.node.js';
import { signCredential } from '../../shared/sign/sign-credential.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import { AppError } from '../../shared/errors.js';
import type { ServiceContext } from './context.js';
import type { CertifiedCompetencyClaim } from './credential-rules.js';
import type { KeyOwner, KeyService } from './keys.js';
import { checkApproveSign } from './sign-task.js';
import type { WorkerSignResult, WorkerSignTask } from './sign-worker.js';

export type Approve = (competencies: CertifiedCompetencyClaim[]) => Promise<void>;

export class SigningService {
  readonly documentLoader: DocumentLoader;
  private readonly pool: WorkerPool | undefined;

  /** `signWorkers`: threads of the signing pool (0 = sign on the main thread). */
  constructor(private readonly ctx: ServiceContext, private readonly keys: KeyService, signWorkers = 0) {
    this.documentLoader = createDocumentLoader({ resolveDidWeb: keys.localResolver() });
    this.pool = signWorkers > 0 ? new WorkerPool({ module: new URL('./sign-worker.ts', import.meta.url), threads: signWorkers, name: 'the issuer signing pool' }) : undefined;
  }

  /** Signs `credential` with the active key of `owner` (eddsa-rdfc-2022 unless asked otherwise). */
  async sign(owner: KeyOwner, credential: JsonObject, suite: ProofSuiteName = 'eddsa-rdfc-2022'): Promise<JsonObject> {
    const signer = await this.keys.signerFor(owner);
    return signCredential(credential, { signer, documentLoader: this.documentLoader, now: this.ctx.now(), suite });
  }

  /** The active key's signer (KEY_UNAVAILABLE 503 when it cannot be opened); fetch once per group. */
  signerFor(owner: KeyOwner): Promise<Signer> {
    return this.keys.signerFor(owner);
  }

  /**
   * Checks `unsigned` (checkBeforeSigning), lets `approve` refuse it on the competencies it
   * certifies, then signs it with `signer` — in a pool thread when there is a pool.
   */
  async checkApproveSign(unsigned: JsonObject, suite: ProofSuiteName, signer: Signer, approve: Approve): Promise<JsonObject> {
    const task = { unsigned, suite, now: this.ctx.now().toISOString(), signerId: signer.id };
    let approved = false;
    const host = {
      approve: async (competencies: CertifiedCompetencyClaim[]) => {
        await approve(competencies);
        approved = true;
      },
      // Nothing is signed before the approval, whatever a thread asks.
      sign: (data: Uint8Array) => {
        if (!approved) throw new AppError('SIGNING_FAILED', 'Signature asked before approval.', { status: 500 });
        return signer.sign({ data });
      },
    };
    if (!this.pool) return checkApproveSign(task, host, this.documentLoader);
    const { port1, port2 } = new MessageChannel();
    serveCalls(port1, { approve: host.approve, sign: host.sign });
    try {
      const result = await this.pool.run<WorkerSignResult>({ ...task, port: port2 } satisfies WorkerSignTask, [port2]);
      if ('error' in result) throw fromErrorData(result.error);
      return result.credential;
    } finally {
      port1.close();
    }
  }

  /** Stops the signing pool's threads. */
  async close(): Promise<void> {
    await this.pool?.close();
  }
}
