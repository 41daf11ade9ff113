/** Identifiers the issuer mints: random (no timing or sequence leaks), URL-safe. */
import { randomUUID } from 'node:crypto';
import { randomToken } from './crypto.node.js';

export function newUuid(): string {
  return randomUUID();
}

/** A provider id usable as a did:web path segment: lowercase letters and digits. */
export function newProviderId(): string {
  return `p${randomToken(8).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 10)}`;
}

export const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,40}$/;
/** Path segments the issuer uses itself and that no provider may take. */
export const RESERVED_PROVIDER_IDS: ReadonlySet<string> = new Set(['lan', 'admin', 'well-known']);
