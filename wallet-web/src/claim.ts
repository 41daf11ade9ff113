/**
 * Claiming a credential from an issuer's claim offer (VC API exchange, as issuer/ serves
 * it at `<issuer>/claims/<offerId>`):
 *   1. GET the offer: a DIDAuthentication request (challenge, domain) and a preview.
 *   2. The holder signs an empty presentation with its did:key over that challenge and
 *      domain (authentication purpose) and POSTs it to the offer's service endpoint.
 *   3. The issuer answers with the credential bound to the holder's DID and the provider's
 *      accreditation; the wallet checks the binding before storing anything.
 */
import { AppError } from '../../shared/errors.js';
import { createDocumentLoader } from '../../shared/loader/document-loader.js';
import { buildPresentation } from '../../shared/sign/presentation.js';
import { signPresentation } from '../../shared/sign/sign-credential.js';
import type { CredentialRecord } from './credentials.js';
import type { Session } from './keys.js';
import { requestJson } from './net.js';
import type { FetchLike } from './net.js';

const OFFER_ID = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_LINK_LENGTH = 1000;

export interface ClaimOffer {
  /** The offer URL (`<issuer>/claims/<offerId>`). */
  url: string;
  issuerOrigin: string;
  offerId: string;
  expiresAt?: string;
  provider: { id?: string; did?: string; name: string };
  credentialName: string;
  credentialId?: string;
  /** From the issuer's preview, when it gives them: JP, competency, dates, mode and path (codes, shown in words by the page). */
  jp?: number;
  competency?: { code: string; type?: string; name?: string; level?: number };
  /** `YYYY-MM-DD` */
  startDate?: string;
  endDate?: string;
  mode?: string;
  path?: string;
  challenge: string;
  domain: string;
  /** Where the signed presentation goes (same origin as the offer). */
  endpoint: string;
}

/**
 * Reads what the user pasted, scanned or opened: an issuer offer URL
 * (`http(s)://issuer/claims/<id>`), or a wallet link carrying it
 * (`<wallet>/#/claim?offer=<url-encoded offer URL>` or `?offer=`). Anything else, including
 * `javascript:` and other schemes, is refused without being opened.
 * @throws AppError CLAIM_LINK_INVALID
 */
export function parseClaimLink(text: string): string {
  const refuse = (): never => {
    throw new AppError('CLAIM_LINK_INVALID', 'This is not a claim link.');
  };
  if (typeof text !== 'string') return refuse();
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_LINK_LENGTH || !/^https?:\/\//i.test(t)) return refuse();
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    return refuse();
  }
  if (u.username || u.password) refuse();
  const m = /^\/claims\/([^/]+)$/.exec(u.pathname);
  if (m?.[1] && OFFER_ID.test(m[1]) && u.search === '') return `${u.origin}/claims/${m[1]}`;
  // A wallet link: the offer URL sits in `offer=` (query, or the hash route's query).
  const hashQuery = u.hash.includes('?') ? u.hash.slice(u.hash.indexOf('?') + 1) : '';
  const inner = u.searchParams.get('offer') ?? new URLSearchParams(hashQuery).get('offer');
  if (inner && inner !== t) return parseClaimLink(inner);
  return refuse();
}

function str(v: unknown, max = 500): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined;
}

/** A localized name (`{id, en}`) or a plain string, as text. */
function nameText(v: unknown, lang: 'id' | 'en'): string | undefined {
  if (typeof v === 'string') return str(v);
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return str(o[lang]) ?? str(o.id) ?? str(o.en);
  }
  return undefined;
}

/**
 * Fetches and reads an offer.
 * @throws AppError with the issuer's code: OFFER_NOT_FOUND, OFFER_USED, OFFER_EXPIRED,
 * CREDENTIAL_REVOKED; NETWORK_*; OFFER_INVALID when the answer is not an offer.
 */
export async function fetchOffer(offerUrl: string, opts: { fetch?: FetchLike; lang?: 'id' | 'en' } = {}): Promise<ClaimOffer> {
  const url = parseClaimLink(offerUrl);
  const body = await requestJson(url, { ...(opts.fetch ? { fetch: opts.fetch } : {}), maxBytes: 100_000 });
  const invalid = (): never => {
    throw new AppError('OFFER_INVALID', 'The issuer did not answer with a claim offer.');
  };
  if (typeof body !== 'object' || body === null) return invalid();
  const b = body as Record<string, unknown>;
  const req = b.verifiablePresentationRequest as Record<string, unknown> | undefined;
  if (!req || typeof req !== 'object') return invalid();
  const query = Array.isArray(req.query) ? req.query : [req.query];
  if (!query.some((q) => typeof q === 'object' && q !== null && (q as Record<string, unknown>).type === 'DIDAuthentication')) invalid();
  const challenge = str(req.challenge, 200);
  const domain = str(req.domain, 200);
  if (!challenge || !domain) return invalid();

  const origin = new URL(url).origin;
  // Sign only for the offer's own issuer: never lend the holder's signature to another site.
  if (domain !== new URL(url).host && domain !== origin) return invalid();
  // The answer goes to the offer's own origin only: a request naming another host is refused.
  const services = ((req.interact as Record<string, unknown> | undefined)?.service ?? []) as unknown[];
  const declared = Array.isArray(services) ? services.map((s) => str((s as Record<string, unknown> | null)?.serviceEndpoint, MAX_LINK_LENGTH)).find(Boolean) : undefined;
  let endpoint = url;
  if (declared) {
    try {
      if (new URL(declared).origin !== origin) invalid();
      endpoint = new URL(declared).href;
    } catch (e) {
      if (e instanceof AppError) throw e;
      invalid();
    }
  }
  const provider = (typeof b.provider === 'object' && b.provider !== null ? b.provider : {}) as Record<string, unknown>;
  const preview = (typeof b.credentialPreview === 'object' && b.credentialPreview !== null ? b.credentialPreview : {}) as Record<string, unknown>;
  const lang = opts.lang ?? 'id';
  const offer: ClaimOffer = {
    url,
    issuerOrigin: origin,
    offerId: url.slice(url.lastIndexOf('/') + 1),
    provider: {
      name: nameText(provider.name, lang) ?? '—',
      ...(str(provider.id) ? { id: str(provider.id)! } : {}),
      ...(str(provider.did) ? { did: str(provider.did)! } : {}),
    },
    credentialName: nameText(preview.name, lang) ?? '—',
    challenge,
    domain,
    endpoint,
  };
  const expiresAt = str(b.expiresAt, 40);
  if (expiresAt) offer.expiresAt = expiresAt;
  const credentialId = str(preview.id);
  if (credentialId) offer.credentialId = credentialId;
  if (typeof preview.jp === 'number' && Number.isFinite(preview.jp) && preview.jp > 0) offer.jp = preview.jp;
  const competency = (typeof preview.competency === 'object' && preview.competency !== null ? preview.competency : {}) as Record<string, unknown>;
  const code = str(competency.code, 40);
  if (code) {
    offer.competency = { code };
    const type = str(competency.type, 40);
    const name = nameText(competency.name, lang);
    if (type) offer.competency.type = type;
    if (name) offer.competency.name = name;
    if (typeof competency.level === 'number' && Number.isInteger(competency.level)) offer.competency.level = competency.level;
  }
  const day = (v: unknown) => {
    const d = str(v, 40)?.slice(0, 10);
    return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined;
  };
  const start = day(preview.startDate);
  const end = day(preview.endDate);
  if (start && end) {
    offer.startDate = start;
    offer.endDate = end;
  }
  const mode = str(preview.learningMode, 40);
  const path = str(preview.learningPath, 40);
  if (mode) offer.mode = mode;
  if (path) offer.path = path;
  return offer;
}

/** The DIDAuthentication answer: an empty presentation signed by the holder. */
export async function signDidAuth(offer: Pick<ClaimOffer, 'challenge' | 'domain'>, session: Session, now: Date): Promise<Record<string, unknown>> {
  const vp = buildPresentation({ holder: session.did, credentials: [] });
  delete vp.verifiableCredential;
  return signPresentation(vp, { signer: session.signer, documentLoader: createDocumentLoader(), now, challenge: offer.challenge, domain: offer.domain });
}

/**
 * Accepts an offer: signs, posts, and returns the record to store. Refuses an answer whose
 * credential is not bound to this holder or is not the one offered.
 */
export async function acceptOffer(offer: ClaimOffer, session: Session, now: Date, opts: { fetch?: FetchLike } = {}): Promise<CredentialRecord> {
  const vp = await signDidAuth(offer, session, now);
  const body = await requestJson(offer.endpoint, { method: 'POST', body: { verifiablePresentation: vp }, ...(opts.fetch ? { fetch: opts.fetch } : {}), maxBytes: 500_000 });
  const invalid = (why: string): never => {
    throw new AppError('CLAIM_ANSWER_INVALID', `The issuer's answer cannot be stored (${why}).`);
  };
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  let vc = b.verifiableCredential as Record<string, unknown> | undefined;
  let accreditation = b.accreditation as Record<string, unknown> | undefined;
  // The VC API shape: everything inside a presentation.
  const inner = b.verifiablePresentation as Record<string, unknown> | undefined;
  if ((!vc || typeof vc !== 'object') && inner && Array.isArray(inner.verifiableCredential)) {
    const list = inner.verifiableCredential as Array<Record<string, unknown>>;
    vc = list.find((c) => !typesOf(c).includes('ProviderAccreditationCredential'));
    accreditation = list.find((c) => typesOf(c).includes('ProviderAccreditationCredential'));
  }
  if (!vc || typeof vc !== 'object' || Array.isArray(vc)) return invalid('no credential');
  if (typeof vc.id !== 'string') return invalid('no credential id');
  if (offer.credentialId && vc.id !== offer.credentialId) invalid('not the credential offered');
  const subject = Array.isArray(vc.credentialSubject) ? vc.credentialSubject[0] : vc.credentialSubject;
  if (typeof subject !== 'object' || subject === null || (subject as Record<string, unknown>).id !== session.did) invalid('not bound to this wallet');
  if (accreditation !== undefined && (typeof accreditation !== 'object' || accreditation === null || Array.isArray(accreditation))) accreditation = undefined;
  return {
    id: vc.id,
    vc,
    ...(accreditation ? { accreditation } : {}),
    issuerOrigin: offer.issuerOrigin,
    addedAt: now.toISOString(),
  };
}

function typesOf(c: unknown): unknown[] {
  const t = (c as Record<string, unknown> | null)?.type;
  return Array.isArray(t) ? t : [t];
}
