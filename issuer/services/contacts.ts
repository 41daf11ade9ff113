/**
 * The learner's email address, kept only to send the claim link: sealed with the master key
 * (bound to the credential key), in its own collection, never in the credential, the list
 * index, logs or error bodies. Written in the same batch as the credential.
 */
import { put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import type { ServiceContext } from './context.js';
import { seal, unseal } from './crypto.node.js';
import type { Sealed } from './crypto.node.js';

export class ContactService {
  constructor(private readonly ctx: ServiceContext) {}

  op(credentialKey: string, email: string): BatchOp {
    return put('contacts', credentialKey, seal(this.ctx.masterKey, Buffer.from(email, 'utf8'), `contact/${credentialKey}`));
  }

  /** The email given at issuance, or undefined (none given, or it cannot be opened). */
  async emailOf(credentialKey: string): Promise<string | undefined> {
    const sealed = await this.ctx.store.get<Sealed>('contacts', credentialKey);
    if (!sealed) return undefined;
    try {
      return Buffer.from(unseal(this.ctx.masterKey, sealed, `contact/${credentialKey}`)).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
