/**
 * Signing as LAN or a provider. The document loader resolves the issuer's own did:web
 * documents from its store (no HTTP to itself) and did:key locally; anything else is
 * refused, so signing never touches the network.
 */
import { createDocumentLoader } from '../../shared/loader/document-loader.js';
import type { DocumentLoader } from '../../shared/loader/document-loader.js';
import { signCredential } from '../../shared/sign/sign-credential.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import type { ServiceContext } from './context.js';
import type { KeyOwner, KeyService } from './keys.js';

export class SigningService {
  readonly documentLoader: DocumentLoader;

  constructor(private readonly ctx: ServiceContext, private readonly keys: KeyService) {
    this.documentLoader = createDocumentLoader({ resolveDidWeb: keys.localResolver() });
  }

  /** Signs `credential` with the active key of `owner` (eddsa-rdfc-2022 unless asked otherwise). */
  async sign(owner: KeyOwner, credential: JsonObject, suite: ProofSuiteName = 'eddsa-rdfc-2022'): Promise<JsonObject> {
    const signer = await this.keys.signerFor(owner);
    return signCredential(credential, { signer, documentLoader: this.documentLoader, now: this.ctx.now(), suite });
  }
}
