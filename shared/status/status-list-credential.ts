/**
 * W3C Bitstring Status List v1.0 documents: the entry a credential carries and the
 * status list credential an issuer publishes (signed like any credential).
 */
import { VC_V2_CONTEXT_URL } from '../contexts/index.js';
import { isoSeconds } from '../util/dates.js';

export type StatusPurpose = 'revocation' | 'suspension';

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

export function buildStatusEntry(listUrl: string, index: number, purpose: StatusPurpose): BitstringStatusListEntry {
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

export interface StatusListCredentialInput {
  /** The URL the list is served at; also the credential id. */
  url: string;
  issuerDid: string;
  purpose: StatusPurpose;
  encodedList: string;
  validFrom: Date;
  /** A short validity tells caches when to come back (spec: `validUntil` or ttl). */
  validUntil?: Date;
}

export function buildStatusListCredential(input: StatusListCredentialInput): Record<string, unknown> {
  return {
    '@context': [VC_V2_CONTEXT_URL],
    id: input.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuerDid,
    validFrom: isoSeconds(input.validFrom),
    ...(input.validUntil ? { validUntil: isoSeconds(input.validUntil) } : {}),
    credentialSubject: {
      id: `${input.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: input.encodedList,
    },
  };
}
