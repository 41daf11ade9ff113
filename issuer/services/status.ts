/**
 * Bitstring Status Lists of LAN and of every provider: index allocation, status changes
 * and the signed list credentials served to verifiers.
 *
 * Indexes are drawn at random and recorded in `statusAlloc` in the same batch as the
 * credential that uses them, so an index is never handed out twice, even across restarts;
 * callers hold the owner's `status:` lock from allocation until that batch is written.
 * A set bit is a `statusBits` entry; each change bumps the list's version in the same
 * batch, and the signed list is re-signed whenever its version is behind.
 */
import { createStatusBits, encodeStatusList, randomUnusedIndex, setStatusBit } from '../../shared/status/bitstring.js';
import { buildStatusEntry, buildStatusListCredential } from '../../shared/status/status-list-credential.js';
import type { BitstringStatusListEntry, StatusPurpose } from '../../shared/status/status-list-credential.js';
import { AppError } from '../../shared/errors.js';
import { del, put } from '../store/kv.js';
import type { BatchOp } from '../store/kv.js';
import { sha256Hex } from './crypto.node.js';
import type { ServiceContext } from './context.js';
import type { KeyOwner, KeyService } from './keys.js';
import type { SigningService } from './signing.js';

export const PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

export interface StatusRef {
  listNo: number;
  index: number;
}
export type StatusRefs = Record<StatusPurpose, StatusRef>;

export interface SignedList {
  version: number;
  etag: string;
  credential: Record<string, unknown>;
  signedAt: string;
}

export interface Allocation {
  refs: StatusRefs;
  entries: BitstringStatusListEntry[];
  ops: BatchOp[];
}

export class StatusService {
  /** Indexes drawn under the current owner lock but not yet written (several allocations in one batch). */
  private readonly pending = new Map<KeyOwner, Set<string>>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly keys: KeyService,
    private readonly signing: SigningService,
  ) {}

  listUrl(owner: KeyOwner, purpose: StatusPurpose, listNo: number): string {
    return `${this.ctx.settings.publicUrl}/status/${owner}/${purpose}/${listNo}`;
  }

  entriesFor(owner: KeyOwner, refs: StatusRefs): BitstringStatusListEntry[] {
    return PURPOSES.map((p) => buildStatusEntry(this.listUrl(owner, p, refs[p].listNo), refs[p].index, p));
  }

  private async currentList(owner: KeyOwner, purpose: StatusPurpose): Promise<number> {
    return (await this.ctx.store.get<number>('meta', `statusCurrent/${owner}/${purpose}`)) ?? 1;
  }

  /**
   * Draws a fresh random index in each of the owner's lists. The caller MUST hold
   * `status:<owner>` until the returned ops are written (see `withOwnerLock`).
   */
  async allocate(owner: KeyOwner, credentialId: string): Promise<Allocation> {
    const ops: BatchOp[] = [];
    const refs = {} as StatusRefs;
    for (const purpose of PURPOSES) {
      let listNo = await this.currentList(owner, purpose);
      for (;;) {
        try {
          const pending = this.pending.get(owner) ?? new Set<string>();
          this.pending.set(owner, pending);
          const index = await randomUnusedIndex(this.ctx.settings.statusListLength, async (i) =>
            pending.has(allocKey(owner, purpose, listNo, i)) || this.ctx.store.has('statusAlloc', allocKey(owner, purpose, listNo, i)),
          );
          refs[purpose] = { listNo, index };
          pending.add(allocKey(owner, purpose, listNo, index));
          ops.push(put('statusAlloc', allocKey(owner, purpose, listNo, index), credentialId));
          break;
        } catch (e) {
          // A (nearly) full list: continue in a new one. Its number is saved with the allocation.
          if (!(e instanceof AppError && e.code === 'STATUS_LIST_FULL')) throw e;
          listNo += 1;
          ops.push(put('meta', `statusCurrent/${owner}/${purpose}`, listNo));
        }
      }
    }
    return { refs, entries: this.entriesFor(owner, refs), ops };
  }

  /** Serialises everything that allocates in or changes the owner's lists. */
  withOwnerLock<T>(owner: KeyOwner, fn: () => Promise<T>): Promise<T> {
    return this.ctx.locks.run(`status:${owner}`, async () => {
      try {
        return await fn();
      } finally {
        // Written or abandoned: either way the store is now the only truth.
        this.pending.delete(owner);
      }
    });
  }

  /** Ops that set or clear one bit and bump the list version. Caller holds the owner lock. */
  async bitOps(owner: KeyOwner, purpose: StatusPurpose, ref: StatusRef, on: boolean): Promise<BatchOp[]> {
    const versionKey = `statusVersion/${owner}/${purpose}/${ref.listNo}`;
    const version = (await this.ctx.store.get<number>('meta', versionKey)) ?? 0;
    const bitKey = allocKey(owner, purpose, ref.listNo, ref.index);
    return [on ? put('statusBits', bitKey, true) : del('statusBits', bitKey), put('meta', versionKey, version + 1)];
  }

  /** The signed list credential, re-signed first when a change is not yet in it. */
  async signedList(owner: KeyOwner, purpose: StatusPurpose, listNo: number): Promise<SignedList> {
    const current = await this.currentList(owner, purpose);
    if (!Number.isSafeInteger(listNo) || listNo < 1 || listNo > current || !(await this.keys.didDocument(owner))) {
      throw new AppError('STATUS_LIST_NOT_FOUND', 'No such status list.', { status: 404 });
    }
    const storeKey = `${owner}/${purpose}/${listNo}`;
    const versionKey = `statusVersion/${owner}/${purpose}/${listNo}`;
    const fresh = async (): Promise<SignedList | undefined> => {
      const version = (await this.ctx.store.get<number>('meta', versionKey)) ?? 0;
      const stored = await this.ctx.store.get<SignedList>('statusLists', storeKey);
      return stored && stored.version === version ? stored : undefined;
    };
    const hit = await fresh();
    if (hit) return hit;
    return this.ctx.locks.run(`list:${storeKey}`, async () => {
      const again = await fresh();
      if (again) return again;
      const version = (await this.ctx.store.get<number>('meta', versionKey)) ?? 0;
      const bits = createStatusBits(this.ctx.settings.statusListLength);
      const prefix = `${owner}/${purpose}/${listNo}/`;
      for (const { key } of await this.ctx.store.list<boolean>('statusBits', { prefix })) {
        setStatusBit(bits, Number(key.slice(prefix.length)), true);
      }
      const url = this.listUrl(owner, purpose, listNo);
      const now = this.ctx.now();
      const unsigned = buildStatusListCredential({
        url,
        issuerDid: this.keys.didOf(owner),
        purpose,
        encodedList: await encodeStatusList(bits),
        validFrom: now,
      });
      const credential = await this.signing.sign(owner, unsigned);
      const signed: SignedList = { version, credential, etag: `"${sha256Hex(JSON.stringify(credential)).slice(0, 32)}"`, signedAt: now.toISOString() };
      await this.ctx.store.batch([put('statusLists', storeKey, signed)]);
      return signed;
    });
  }
}

function allocKey(owner: KeyOwner, purpose: StatusPurpose, listNo: number, index: number): string {
  return `${owner}/${purpose}/${listNo}/${index}`;
}
