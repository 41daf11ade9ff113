/**
 * DIDs this project makes and reads: `did:key` (wallet holders, resolved locally) and
 * `did:web` (LAN and providers, served by the issuer, resolved through an injected
 * fetcher). DID documents use Multikey verification methods.
 */
import { AppError } from '../errors.js';
import { DID_V1_CONTEXT_URL, MULTIKEY_CONTEXT_URL } from '../contexts/index.js';
import { decodePublicMultikey, encodePublicMultikey } from './ed25519.js';

export interface VerificationMethod {
  id: string;
  type: 'Multikey' | 'Ed25519VerificationKey2020' | string;
  controller: string;
  publicKeyMultibase: string;
  [k: string]: unknown;
}

export interface DidDocument {
  '@context'?: unknown;
  id: string;
  verificationMethod?: VerificationMethod[];
  assertionMethod?: Array<string | VerificationMethod>;
  authentication?: Array<string | VerificationMethod>;
  [k: string]: unknown;
}

export function didKeyFromPublicKey(publicKey: Uint8Array): { did: string; keyId: string } {
  const mb = encodePublicMultikey(publicKey);
  return { did: `did:key:${mb}`, keyId: `did:key:${mb}#${mb}` };
}

/** The DID document of an Ed25519 `did:key`, built locally (did:key needs no lookup). */
export function resolveDidKey(did: string): DidDocument {
  const mb = did.slice('did:key:'.length);
  if (!did.startsWith('did:key:z6Mk')) {
    throw new AppError('DID_UNSUPPORTED', 'Only Ed25519 did:key identifiers (did:key:z6Mk…) are supported.');
  }
  decodePublicMultikey(mb); // throws when it is not an Ed25519 key
  const vm: VerificationMethod = { id: `${did}#${mb}`, type: 'Multikey', controller: did, publicKeyMultibase: mb };
  return {
    '@context': [DID_V1_CONTEXT_URL, MULTIKEY_CONTEXT_URL],
    id: did,
    verificationMethod: [vm],
    assertionMethod: [vm.id],
    authentication: [vm.id],
    capabilityInvocation: [vm.id],
    capabilityDelegation: [vm.id],
  };
}

/**
 * `did:web:host%3Aport:path:segments` → `https://host:port/path/segments/did.json`
 * (or `/.well-known/did.json` without a path), per the did:web method spec.
 */
export function didWebToUrl(did: string, scheme: 'https' | 'http' = 'https'): string {
  const parts = did.split(':');
  if (parts.length < 3 || parts[0] !== 'did' || parts[1] !== 'web' || !parts[2]) {
    throw new AppError('DID_INVALID', `Not a did:web identifier: ${did}`);
  }
  const host = decodeURIComponent(parts[2]);
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host)) throw new AppError('DID_INVALID', `Bad did:web host: ${host}`);
  const path = parts.slice(3).map((p) => decodeURIComponent(p));
  if (path.some((p) => !/^[A-Za-z0-9._~-]+$/.test(p) || p === '.' || p === '..')) {
    throw new AppError('DID_INVALID', `Bad did:web path in ${did}`);
  }
  return path.length === 0 ? `${scheme}://${host}/.well-known/did.json` : `${scheme}://${host}/${path.join('/')}/did.json`;
}

/** `https://host:port` + optional path → the did:web for it. */
export function didWebFromUrl(origin: string, path: string[] = []): string {
  const url = new URL(origin);
  const host = encodeURIComponent(url.host);
  return ['did', 'web', host, ...path.map(encodeURIComponent)].join(':');
}

/** Builds the did:web document for a set of Multikey public keys; the first one signs. */
export function buildDidDocument(did: string, keys: Array<{ publicKeyMultibase: string; id?: string }>): DidDocument {
  const vms: VerificationMethod[] = keys.map((k) => ({
    id: `${did}#${k.id ?? k.publicKeyMultibase}`,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  return {
    '@context': [DID_V1_CONTEXT_URL, MULTIKEY_CONTEXT_URL],
    id: did,
    verificationMethod: vms,
    assertionMethod: vms.map((v) => v.id),
    authentication: vms.map((v) => v.id),
  };
}

/**
 * Finds a verification method in a DID document by its full id or `#fragment`: listed
 * under `verificationMethod`, or embedded directly in `assertionMethod` / `authentication`
 * (DID Core allows both; many did:web documents in the wild embed).
 */
export function findVerificationMethod(doc: DidDocument, id: string): VerificationMethod | undefined {
  const embedded = [...(doc.assertionMethod ?? []), ...(doc.authentication ?? [])]
    .filter((e): e is VerificationMethod => typeof e === 'object' && e !== null && typeof e.id === 'string');
  return [...(Array.isArray(doc.verificationMethod) ? doc.verificationMethod : []), ...embedded]
    .find((vm) => vm.id === id || `${doc.id}${vm.id}` === id);
}

/** Is `vmId` referenced (by id or embedded) under the given relationship? */
export function isAuthorizedFor(doc: DidDocument, vmId: string, relationship: 'assertionMethod' | 'authentication'): boolean {
  const list = doc[relationship];
  if (!Array.isArray(list)) return false;
  return list.some((entry) => {
    const id = typeof entry === 'string' ? entry : entry?.id;
    return id === vmId || `${doc.id}${id}` === vmId;
  });
}
