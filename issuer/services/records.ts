/** Stored shapes shared by the issuance, status, claim and certificate use cases. */
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import type { ProofSuiteName } from '../../shared/sign/suites.js';
import type { Actor } from './audit.js';
import type { StatusRefs } from './status.js';

export interface CredentialRecord {
  /** Store key: the UUID of `urn:uuid:<key>`. */
  key: string;
  credentialId: string;
  providerId: string;
  kind: 'learning' | 'vc-api';
  /** The credential before its proof and without a holder: what a claim binds and re-signs. */
  unsigned: JsonObject;
  /** The signed credential as issued (printed on the certificate). */
  credential: JsonObject;
  suite: ProofSuiteName;
  refs: StatusRefs;
  revoked: boolean;
  suspended: boolean;
  offerId?: string;
  certificateToken?: string;
  /** For the certificate only: the NIP itself is never stored. */
  maskedNip?: string;
  issuedAt: string;
  issuedBy: Actor;
  batch?: { id: string; row: number };
  /** The holder DID a claim bound it to (set once, by the claim). */
  boundTo?: string;
}

export interface OfferRecord {
  id: string;
  credentialKey: string;
  providerId: string;
  challenge: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  holderDid?: string;
}

export interface IdempotencyRecord {
  credentialKey: string;
  requestHash: string;
}

export function credentialKeyOf(credentialId: string): string | undefined {
  const m = /^urn:uuid:([0-9a-f-]{36})$/.exec(credentialId);
  return m?.[1];
}
