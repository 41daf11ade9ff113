/**
 * Signing keys of LAN and of every provider, and the did:web documents that publish
 * them. Secret keys are stored sealed under the master key. Rotation adds a key that
 * signs from then on; older keys stay listed (retired) so what they signed still
 * verifies, unless they are marked compromised, which removes them from the document.
 */
import { buildDidDocument, didWebFromUrl } from '../../shared/keys/did.js';
import type { DidDocument } from '../../shared/keys/did.js';
import { encodePublicMultikey, generateKeyPair } from '../../shared/keys/ed25519.js';
import { createNodeSigner } from '../../shared/sign/ed25519-node.node.js';
import type { Signer } from '../../shared/keys/ed25519.js';
import { AppError } from '../../shared/errors.js';
import { put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import { seal, unseal } from './crypto.node.js';
import type { Sealed } from './crypto.node.js';
import type { ServiceContext } from './context.js';

/** 'lan' or a provider id. */
export type KeyOwner = string;
export const LAN: KeyOwner = 'lan';

export interface KeyRecord {
  owner: KeyOwner;
  keyId: string;
  seq: number;
  publicKeyMultibase: string;
  sealed: Sealed;
  createdAt: string;
  state: 'active' | 'retired' | 'compromised';
  retiredAt?: string;
}

export interface PublicKeyInfo {
  id: string;
  publicKeyMultibase: string;
  state: KeyRecord['state'];
  createdAt: string;
  retiredAt?: string;
}

/** Opened signers kept per process: one per active provider key is plenty. */
const SIGNER_CACHE_LIMIT = 1024;

/** Where the sealed check value lives, and what it binds as associated data. */
const MASTER_CHECK_KEY = 'masterKeyCheck';
const MASTER_CHECK_AAD = 'asn-issuer:master-key-check:v1';

export class KeyService {
  private masterKeyVerified: Promise<void> | undefined;
  /** Opened signers by sealed key blob (opening costs an AES-GCM decryption and a key import). */
  private readonly signers = new Map<string, Signer>();

  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Proves that the configured master key opens this store's secrets, before anything is
   * sealed or opened with it: the first start seals a check value; every later start must
   * open it (a store from before the check existed proves it with LAN's active key, then
   * gets the check value). MASTER_KEY_WRONG (503) otherwise. server.ts refuses to start on
   * it, and cohort intake and the batch runner refuse work, so rows are never sealed under
   * a wrong key. A success is remembered for the process; a failure is retried next call.
   */
  verifyMasterKey(): Promise<void> {
    this.masterKeyVerified ??= this.checkMasterKey().catch((e: unknown) => {
      this.masterKeyVerified = undefined;
      throw e;
    });
    return this.masterKeyVerified;
  }

  private async checkMasterKey(): Promise<void> {
    const wrong = (): AppError => new AppError('MASTER_KEY_WRONG', 'The master key does not open this issuer’s store (wrong ISSUER_MASTER_KEY?); nothing is sealed or signed until it does.', { status: 503 });
    await this.ctx.locks.run('keys:master-check', async () => {
      const check = await this.ctx.store.get<Sealed>('meta', MASTER_CHECK_KEY);
      if (check) {
        if (!opens(this.ctx.masterKey, check, MASTER_CHECK_AAD)) throw wrong();
        return;
      }
      const lan = (await this.records(LAN)).sort((a, b) => b.seq - a.seq)[0];
      if (lan && !opens(this.ctx.masterKey, lan.sealed, `${LAN}/${lan.keyId}`)) throw wrong();
      await this.ctx.store.batch([put('meta', MASTER_CHECK_KEY, seal(this.ctx.masterKey, new TextEncoder().encode(MASTER_CHECK_AAD), MASTER_CHECK_AAD))]);
    });
  }

  didOf(owner: KeyOwner): string {
    return owner === LAN ? didWebFromUrl(this.ctx.settings.publicUrl) : didWebFromUrl(this.ctx.settings.publicUrl, ['providers', owner]);
  }

  /** The owner whose DID this is, if the issuer serves it. */
  ownerOfDid(did: string): KeyOwner | undefined {
    if (did === this.didOf(LAN)) return LAN;
    const prefix = `${this.didOf(LAN)}:providers:`;
    if (!did.startsWith(prefix)) return undefined;
    const id = decodeURIComponent(did.slice(prefix.length));
    return /^[a-z0-9-]+$/.test(id) ? id : undefined;
  }

  private async records(owner: KeyOwner): Promise<KeyRecord[]> {
    return (await this.ctx.store.list<KeyRecord>('keys', { prefix: `${owner}/` })).map((e) => e.value);
  }

  /**
   * Batch operations that create a new signing key for `owner` and retire the current one.
   * Returned as operations so registration writes the key with the provider record.
   */
  async newKeyOps(owner: KeyOwner): Promise<{ ops: BatchOp[]; record: KeyRecord }> {
    const existing = await this.records(owner);
    const seq = existing.reduce((m, r) => Math.max(m, r.seq), 0) + 1;
    const pair = await generateKeyPair();
    const publicKeyMultibase = encodePublicMultikey(pair.publicKey);
    // The fragment is the multibase key, as in buildDidDocument's default: a verifier that
    // pins LAN's key as trust anchor derives the same key id from the key alone.
    const keyId = publicKeyMultibase;
    const at = this.ctx.now().toISOString();
    const record: KeyRecord = {
      owner,
      keyId,
      seq,
      publicKeyMultibase,
      sealed: seal(this.ctx.masterKey, pair.secretKey, `${owner}/${keyId}`),
      createdAt: at,
      state: 'active',
    };
    pair.secretKey.fill(0);
    const ops: BatchOp[] = existing
      .filter((r) => r.state === 'active')
      .map((r) => put('keys', keyOf(r), { ...r, state: 'retired', retiredAt: at }));
    ops.push(put('keys', keyOf(record), record));
    return { ops, record };
  }

  /** Creates LAN's root key on first start; later starts keep the existing one. */
  async ensureLanKey(): Promise<void> {
    await this.ctx.locks.run('keys:lan', async () => {
      if ((await this.records(LAN)).some((r) => r.state === 'active')) return;
      const { ops } = await this.newKeyOps(LAN);
      await this.ctx.store.batch(ops);
    });
  }

  /** Rotates: a new key signs from now on; the old one stays published. */
  async rotate(owner: KeyOwner, extraOps: BatchOp[] = []): Promise<PublicKeyInfo> {
    return this.ctx.locks.run(`keys:${owner}`, async () => {
      const { ops, record } = await this.newKeyOps(owner);
      await this.ctx.store.batch([...ops, ...extraOps]);
      return publicInfo(this.didOf(owner), record);
    });
  }

  /**
   * Marks a key compromised: it leaves the DID document, so its signatures stop verifying.
   * `extraOps` (the audit entry) commit in the same batch: no withdrawn key without its
   * audit entry, and no audit entry for a change that did not happen.
   */
  async markCompromised(owner: KeyOwner, keyId: string, extraOps: BatchOp[] = []): Promise<void> {
    await this.ctx.locks.run(`keys:${owner}`, async () => {
      const rec = (await this.records(owner)).find((r) => r.keyId === keyId);
      if (!rec) throw new AppError('KEY_NOT_FOUND', 'No such key.', { status: 404 });
      if (rec.state === 'active') throw new AppError('KEY_ACTIVE', 'Rotate first: the active key cannot be withdrawn.', { status: 409 });
      await this.ctx.store.batch([put('keys', keyOf(rec), { ...rec, state: 'compromised' }), ...extraOps]);
    });
  }

  async listKeys(owner: KeyOwner): Promise<PublicKeyInfo[]> {
    const did = this.didOf(owner);
    return (await this.records(owner)).map((r) => publicInfo(did, r));
  }

  /** The signer of the active key. KEY_UNAVAILABLE (503) when the master key cannot open it. */
  async signerFor(owner: KeyOwner): Promise<Signer> {
    const active = (await this.records(owner)).filter((r) => r.state === 'active').sort((a, b) => b.seq - a.seq)[0];
    if (!active) throw new AppError('KEY_UNAVAILABLE', 'No active signing key.', { status: 503 });
    // The active record is read from the store every time (rotation and suspension take
    // effect at once); only opening the sealed key and building its key object are kept,
    // per exact sealed blob, so a rotated or re-sealed key is a new entry.
    const cacheKey = `${owner}/${active.keyId}/${active.sealed.ct}/${active.sealed.tag}`;
    const cached = this.signers.get(cacheKey);
    if (cached) return cached;
    const secret = unseal(this.ctx.masterKey, active.sealed, `${owner}/${active.keyId}`);
    // node:crypto with the key object reused (same bytes as the portable signer, tested).
    const signer = createNodeSigner(`${this.didOf(owner)}#${active.keyId}`, secret);
    secret.fill(0);
    if (this.signers.size >= SIGNER_CACHE_LIMIT) this.signers.delete(this.signers.keys().next().value as string);
    this.signers.set(cacheKey, signer);
    return signer;
  }

  /** The DID document: the active key first, then retired ones; compromised keys are left out. */
  async didDocument(owner: KeyOwner): Promise<DidDocument | undefined> {
    const recs = (await this.records(owner)).filter((r) => r.state !== 'compromised');
    if (recs.length === 0) return undefined;
    recs.sort((a, b) => (a.state === 'active' ? -1 : b.state === 'active' ? 1 : b.seq - a.seq));
    return buildDidDocument(this.didOf(owner), recs.map((r) => ({ id: r.keyId, publicKeyMultibase: r.publicKeyMultibase })));
  }

  /** A did:web resolver for the issuer's own DIDs, reading the store (no HTTP to itself). */
  localResolver(): (did: string) => Promise<DidDocument> {
    return async (did) => {
      const owner = this.ownerOfDid(did);
      const doc = owner === undefined ? undefined : await this.didDocument(owner);
      if (!doc) throw new AppError('DID_RESOLUTION_FAILED', `The issuer does not serve ${did.slice(0, 120)}.`);
      return doc;
    };
  }
}

function keyOf(r: KeyRecord): string {
  return `${r.owner}/${String(r.seq).padStart(6, '0')}`;
}

function publicInfo(did: string, r: KeyRecord): PublicKeyInfo {
  return {
    id: `${did}#${r.keyId}`,
    publicKeyMultibase: r.publicKeyMultibase,
    state: r.state,
    createdAt: r.createdAt,
    ...(r.retiredAt ? { retiredAt: r.retiredAt } : {}),
  };
}

function opens(masterKey: Uint8Array, sealed: Sealed, aad: string): boolean {
  try {
    unseal(masterKey, sealed, aad).fill(0);
    return true;
  } catch {
    return false;
  }
}
