/**
 * Checks a stored credential for display with the shared pipeline (verifyCredential):
 * signature, issuer key, dates, revocation / suspension, LAN accreditation. DID documents
 * and status lists come from the issuer through the shared capped fetchers (size and time
 * capped, no redirects) and are kept in a local cache so the wallet can still say something
 * honest offline: a cached status list within its age limit counts, an older one gives
 * "unknown", never "verified".
 */
import { didWebFromUrl } from '../../shared/keys/did.js';
import type { DidDocument } from '../../shared/keys/did.js';
import { createDidWebResolver, createStatusListFetcher } from '../../shared/fetch/index.js';
import type { FetchLike } from '../../shared/fetch/index.js';
import { createDocumentLoader } from '../../shared/loader/document-loader.js';
import { createVerificationCache, verifyCredential } from '../../shared/verify/index.js';
import type { CredentialVerification, StatusListFetcher, TrustAnchor } from '../../shared/verify/index.js';
import type { LocalizedText } from '../../shared/i18n.js';
import type { CredentialRecord } from './credentials.js';
import { PREFIX } from './store.js';
import type { WalletStore } from './store.js';

/** `unrecognised`: authentic, but not from a provider LAN accredited for it (shown, never counted). */
export type DisplayStatus = 'verified' | 'unrecognised' | 'revoked' | 'suspended' | 'expired' | 'invalid' | 'unknown';

export interface CredentialCheck {
  status: DisplayStatus;
  /** Why, in the pipeline's words (first failed or unknown check). */
  reason?: LocalizedText;
  code?: string;
  checkedAt: Date;
  /** The provider name as LAN's accreditation states it (never the credential's own claim). */
  providerName?: string;
  verification?: CredentialVerification;
}

export interface CheckerOptions {
  store: WalletStore;
  now: () => Date;
  /** Origins the wallet may fetch DID documents and status lists from over http (dev). */
  issuerOrigins: readonly string[];
  /** LAN's key, when pinned; otherwise read once from `lanOrigin`. */
  trustAnchor?: TrustAnchor;
  lanOrigin?: string;
  onTrustAnchor?: (anchor: TrustAnchor) => Promise<void>;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const DID_CACHE = `${PREFIX.cache}did:`;
const STATUS_CACHE = `${PREFIX.cache}status:`;

/** Maps a pipeline result to the five words a holder understands. */
export function displayStatusOf(v: CredentialVerification): { status: DisplayStatus; code?: string; reason?: LocalizedText } {
  if (v.verified) {
    if (v.recognition.recognised) return { status: 'verified' };
    const acc = v.checks.find((c) => c.id === 'accreditation');
    // Not knowable right now (offline, no trust anchor yet) is "unknown", not "unrecognised".
    if (acc?.status === 'failed') return { status: 'unrecognised', code: acc.code, reason: acc.message };
    return { status: 'unknown', ...(acc ? { code: acc.code, reason: acc.message } : {}) };
  }
  const status = v.checks.find((c) => c.id === 'status');
  if (status?.code === 'CREDENTIAL_REVOKED') return { status: 'revoked', code: status.code, reason: status.message };
  if (status?.code === 'CREDENTIAL_SUSPENDED') return { status: 'suspended', code: status.code, reason: status.message };
  const validity = v.checks.find((c) => c.id === 'validity');
  const cryptoOk = v.checks.filter((c) => c.id === 'issuerKey' || c.id === 'proof').every((c) => c.status === 'ok');
  if (validity?.code === 'EXPIRED' && cryptoOk) return { status: 'expired', code: validity.code, reason: validity.message };
  // Could not reach the issuer for its DID document: that is "unknown", not "forged".
  const failed = v.checks.find((c) => c.status === 'failed' && c.code !== 'DID_RESOLUTION_FAILED');
  if (failed) return { status: 'invalid', code: failed.code, reason: failed.message };
  const first = v.checks.find((c) => c.status !== 'ok');
  return { status: 'unknown', ...(first ? { code: first.code, reason: first.message } : {}) };
}

export function createCredentialChecker(opts: CheckerOptions): (record: CredentialRecord) => Promise<CredentialCheck> {
  // Revalidate with the issuer every time (ETag makes it cheap): the browser's HTTP cache
  // would otherwise keep showing a revoked credential as valid for the list's max-age.
  const baseFetch: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const revalidating: FetchLike = (input, init) => baseFetch(input, { ...init, cache: 'no-cache' });
  const capped = { allowedOrigins: opts.issuerOrigins, allowPublicHttps: true, timeoutMs: opts.timeoutMs ?? 6000, fetch: revalidating };
  const liveResolver = createDidWebResolver(capped);
  const resolveDidWeb = async (did: string): Promise<DidDocument> => {
    try {
      const doc = await liveResolver(did);
      await opts.store.putJson(`${DID_CACHE}${did}`, doc).catch(() => undefined);
      return doc;
    } catch (e) {
      // Offline: a DID document we fetched before (keys change rarely).
      const cached = await opts.store.getJson(`${DID_CACHE}${did}`);
      if (cached && typeof cached === 'object' && (cached as DidDocument).id === did) return cached as DidDocument;
      throw e;
    }
  };
  const liveStatus = createStatusListFetcher({ ...capped, now: opts.now });
  const fetchStatusList: StatusListFetcher = async (url) => {
    try {
      const r = await liveStatus(url);
      await opts.store.putJson(`${STATUS_CACHE}${url}`, { credential: r.credential, fetchedAt: r.fetchedAt.toISOString() }).catch(() => undefined);
      return r;
    } catch (e) {
      // Offline: the list as last fetched, with its real age (the pipeline decides if it is too old).
      const cached = (await opts.store.getJson(`${STATUS_CACHE}${url}`)) as { credential?: unknown; fetchedAt?: string } | undefined;
      if (cached?.credential && typeof cached.fetchedAt === 'string') return { credential: cached.credential, fetchedAt: new Date(cached.fetchedAt) };
      throw e;
    }
  };
  const documentLoader = createDocumentLoader({ resolveDidWeb });
  const cache = createVerificationCache({ ttlSeconds: 300 });
  let anchor: TrustAnchor | undefined = opts.trustAnchor;

  const trustAnchor = async (): Promise<TrustAnchor | undefined> => {
    if (anchor || !opts.lanOrigin) return anchor;
    try {
      const did = didWebFromUrl(opts.lanOrigin);
      const doc = await resolveDidWeb(did);
      const key = doc.verificationMethod?.[0]?.publicKeyMultibase;
      if (!key) return undefined;
      anchor = { did, publicKeyMultibase: key };
      await opts.onTrustAnchor?.(anchor);
    } catch {
      return undefined;
    }
    return anchor;
  };

  return async (record) => {
    const now = opts.now();
    const ta = await trustAnchor();
    const verification = await verifyCredential(record.vc, {
      documentLoader,
      now,
      fetchStatusList,
      cache,
      ...(ta ? {
        accreditation: {
          trustAnchor: ta,
          findAccreditations: async (providerDid: string) => {
            const acc = record.accreditation;
            const subject = acc?.credentialSubject as Record<string, unknown> | undefined;
            return acc && subject?.id === providerDid ? [acc] : [];
          },
        },
      } : {}),
    });
    const display = displayStatusOf(verification);
    return {
      ...display,
      checkedAt: now,
      verification,
      ...(verification.issuer?.name ? { providerName: verification.issuer.name } : {}),
    };
  };
}
