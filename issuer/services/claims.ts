/**
 * Claim offers, following the VC API exchange pattern: the wallet fetches the offer (GET,
 * or POST `{}` as the VC API and the DCC Learner Credential Wallet start an exchange: a
 * DIDAuthentication request with the issuer's challenge), answers with a presentation its
 * did:key signs over that challenge, and receives the credential bound to that DID
 * (credentialSubject.id) plus the provider's accreditation. The bound copy keeps the id,
 * dates and status entries of the issued one: it records the same award.
 *
 * A provider can renew the offer of a credential nobody has claimed yet (lost or expired
 * link): the credential record then points at the new offer, and an offer the record no
 * longer points at is refused as superseded, so only the newest link works.
 *
 * Every read-modify-write of a credential record runs under the provider's status lock
 * (`status:<providerId>`, the lock of StatusService.withOwnerLock that issuance and status
 * changes hold), so a renewal, a claim and a revocation never overwrite one another.
 */
import { AppError } from '../../shared/errors.js';
import { verifyPresentation } from '../../shared/verify/verify-presentation.js';
import type { JsonObject } from '../../shared/sign/sign-credential.js';
import { put } from '../store/kv.js';
import type { Actor, AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import { randomToken } from './crypto.node.js';
import type { CurationService } from './curation.js';
import type { CredentialRecord, OfferRecord } from './records.js';
import type { SigningService } from './signing.js';
import { readLearningCredential } from '../../shared/model/index.js';
import { bindable } from './issuance.js';

export interface ClaimResult {
  verifiableCredential: JsonObject;
  accreditation?: Record<string, unknown>;
  holder: string;
}

export class ClaimService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly curation: CurationService,
    private readonly signing: SigningService,
    private readonly audit: AuditService,
  ) {}

  /** The VC API exchange endpoint a wallet talks to. */
  offerUrl(offerId: string): string {
    return `${this.ctx.settings.publicUrl}/claims/${offerId}`;
  }

  /**
   * What a learner opens or scans: the wallet's claim page carrying the exchange URL when a
   * wallet is configured (a phone then lands in the wallet, not on JSON), else the exchange URL.
   */
  learnerLink(offerId: string): string {
    const wallet = this.ctx.settings.walletUrl;
    return wallet ? `${wallet.replace(/\/+$/, '')}/#/claim?offer=${encodeURIComponent(this.offerUrl(offerId))}` : this.offerUrl(offerId);
  }

  /**
   * The same exchange as a Learner Credential Wallet (DCC) deep link, in the form LCW and
   * VerifierPlus use today: `dccrequest://request?request=` + the URL-encoded JSON
   * `{credentialRequestOrigin, protocols: {vcapi}}`. LCW POSTs `{}` to the vcapi URL and
   * answers the DIDAuthentication request it gets back (see POST /claims/:offerId).
   */
  lcwDeepLink(offerId: string): string {
    const request = { credentialRequestOrigin: new URL(this.ctx.settings.publicUrl).origin, protocols: { vcapi: this.offerUrl(offerId) } };
    return `dccrequest://request?request=${encodeURIComponent(JSON.stringify(request))}`;
  }

  /** The domain wallets must sign for: the issuer's host. */
  get domain(): string {
    return new URL(this.ctx.settings.publicUrl).host;
  }

  private async usableOffer(offerId: string): Promise<{ offer: OfferRecord; record: CredentialRecord }> {
    const offer = /^[A-Za-z0-9_-]{16,64}$/.test(offerId) ? await this.ctx.store.get<OfferRecord>('offers', offerId) : undefined;
    if (!offer) throw new AppError('OFFER_NOT_FOUND', 'This claim link is not known.', { status: 404 });
    if (offer.usedAt) throw new AppError('OFFER_USED', 'This claim link has already been used.', { status: 410 });
    const record = await this.ctx.store.get<CredentialRecord>('credentials', offer.credentialKey);
    if (!record) throw new AppError('OFFER_NOT_FOUND', 'This claim link is not known.', { status: 404 });
    if (record.revoked) throw new AppError('CREDENTIAL_REVOKED', 'The credential of this claim link was revoked.', { status: 410 });
    if (record.offerId !== offer.id) {
      throw new AppError('OFFER_SUPERSEDED', 'This claim link was replaced by a newer one; use the latest link from the provider.', { status: 410 });
    }
    if (new Date(offer.expiresAt) <= this.ctx.now()) throw new AppError('OFFER_EXPIRED', 'This claim link has expired; ask the provider for a new one.', { status: 410 });
    return { offer, record };
  }

  /** The lock every credential-record update holds (see the module comment). */
  private underOwnerLock<T>(providerId: string, fn: () => Promise<T>): Promise<T> {
    return this.ctx.locks.run(`status:${providerId}`, fn);
  }

  /**
   * A new one-time offer for a provider's own credential that no wallet has claimed yet:
   * fresh id and challenge, the configured lifetime from now. The previous offer stops
   * working (the record points at the new one) in the same batch as the audit entry.
   */
  async renewOffer(providerId: string, credentialKey: string, actor: Actor): Promise<OfferRecord> {
    return this.underOwnerLock(providerId, async () => {
      const record = /^[0-9a-f-]{36}$/.test(credentialKey) ? await this.ctx.store.get<CredentialRecord>('credentials', credentialKey) : undefined;
      // Another provider's credential is "not found", as on the other /credentials/:key routes.
      if (!record || record.providerId !== providerId) throw new AppError('CREDENTIAL_NOT_FOUND', 'No such credential.', { status: 404 });
      if (record.revoked) throw new AppError('CREDENTIAL_REVOKED', 'The credential is revoked; it can no longer be claimed.', { status: 409 });
      const current = record.offerId ? await this.ctx.store.get<OfferRecord>('offers', record.offerId) : undefined;
      if (record.boundTo || current?.usedAt) {
        throw new AppError('OFFER_USED', 'This credential was already claimed by a wallet; the bound copy exists, so no new claim link is issued.', { status: 409 });
      }
      if (!bindable(record.unsigned)) {
        throw new AppError('CREDENTIAL_NOT_BINDABLE', 'This credential cannot be claimed: it names a holder already or has more than one subject.', { status: 422 });
      }
      const now = this.ctx.now();
      const offer: OfferRecord = {
        id: randomToken(18),
        credentialKey: record.key,
        providerId,
        challenge: randomToken(18),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.ctx.settings.claimOfferTtlSeconds * 1000).toISOString(),
      };
      // Offer ids are bearer secrets: the audit entry names the credential, never an offer.
      await this.ctx.store.batch([
        put('offers', offer.id, offer),
        put('credentials', record.key, { ...record, offerId: offer.id }),
        this.audit.entry(actor, 'claimOffer.renewed', record.credentialId, {
          details: { expiresAt: offer.expiresAt, previous: !current ? 'none' : new Date(current.expiresAt) <= now ? 'expired' : 'unexpired' },
        }),
      ]);
      return offer;
    });
  }

  /** What the wallet sees first: the request it must answer, and a preview of the award. */
  async describe(offerId: string): Promise<Record<string, unknown>> {
    const { offer, record } = await this.usableOffer(offerId);
    const provider = await this.curation.require(record.providerId);
    const subject = record.unsigned.credentialSubject as Record<string, unknown> | undefined;
    const achievement = subject?.achievement as Record<string, unknown> | undefined;
    return {
      offerId: offer.id,
      expiresAt: offer.expiresAt,
      provider: { id: provider.id, did: provider.did, name: provider.name },
      credentialPreview: previewOf(record.credentialId, record.unsigned, achievement),
      verifiablePresentationRequest: {
        query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }],
        challenge: offer.challenge,
        domain: this.domain,
        interact: { service: [{ type: 'UnmediatedHttpPresentationService2021', serviceEndpoint: this.offerUrl(offer.id) }] },
      },
    };
  }

  /** Checks the wallet's DID authentication and hands out the bound credential, once. */
  async redeem(offerId: string, presentation: unknown): Promise<ClaimResult> {
    return this.ctx.locks.run(`offer:${offerId}`, async () => {
      const { offer, record } = await this.usableOffer(offerId);
      const holder = await this.authenticate(presentation, offer.challenge);
      const provider = await this.curation.require(record.providerId);
      if (provider.status !== 'active') {
        throw new AppError(provider.status === 'suspended' ? 'PROVIDER_SUSPENDED' : 'PROVIDER_WITHDRAWN', `The provider is ${provider.status}; try again later.`, { status: 403 });
      }
      const unsigned = structuredClone(record.unsigned);
      unsigned.credentialSubject = { ...(unsigned.credentialSubject as Record<string, unknown>), id: holder };
      const bound = await this.signing.sign(record.providerId, unsigned, record.suite);
      await this.underOwnerLock(record.providerId, async () => {
        // Re-read: a renewal or revocation may have landed while signing; the bound copy is then not handed out.
        const fresh = await this.usableOffer(offerId);
        const now = this.ctx.now().toISOString();
        await this.ctx.store.batch([
          put('offers', fresh.offer.id, { ...fresh.offer, usedAt: now, holderDid: holder }),
          put('credentials', fresh.record.key, { ...fresh.record, boundTo: holder }),
          this.audit.entry({ kind: 'holder', id: holder, providerId: record.providerId }, 'credential.claimed', record.credentialId),
        ]);
      });
      const accreditation = await this.curation.currentAccreditation(provider);
      return { verifiableCredential: bound, holder, ...(accreditation ? { accreditation } : {}) };
    });
  }

  /** A DIDAuthentication presentation: signed by a did:key over our challenge and domain, no credentials. */
  private async authenticate(presentation: unknown, challenge: string): Promise<string> {
    const result = await verifyPresentation(presentation, {
      documentLoader: this.signing.documentLoader,
      now: this.ctx.now(),
      challenge,
      domain: this.domain,
    });
    const failedCheck = result.checks.find((c) => c.status !== 'ok' && !(c.id === 'credentials' && c.code === 'CREDENTIALS_NONE'))
      // An unsigned presentation proves nothing (it already fails the challenge; said twice on purpose).
      ?? (result.holderProven ? undefined : result.checks.find((c) => c.id === 'holderKey'));
    const holder = result.holder;
    if (failedCheck || !holder) {
      throw new AppError('DID_AUTH_FAILED', 'The wallet did not prove control of its DID for this offer.', {
        status: 401,
        details: failedCheck ? { check: failedCheck.id, code: failedCheck.code } : { check: 'holder', code: 'HOLDER_MISSING' },
      });
    }
    if (!holder.startsWith('did:key:')) throw new AppError('DID_AUTH_FAILED', 'Only did:key holders can claim.', { status: 401 });
    return holder;
  }
}


/** Enough for the learner to decide before accepting: course, JP, competency, dates. No NIP. */
function previewOf(id: string, unsigned: Record<string, unknown>, achievement: Record<string, unknown> | undefined): Record<string, unknown> {
  const summary = readLearningCredential(unsigned);
  return {
    id,
    type: unsigned.type,
    name: achievement?.name ?? unsigned.name,
    ...(summary ? {
      jp: summary.jp,
      competency: summary.competency,
      startDate: summary.startDate,
      endDate: summary.endDate,
      learningMode: summary.mode,
      learningPath: summary.path,
    } : {}),
  };
}
