/**
 * Wires the shared pipeline to the network the verifier is allowed to use: did:web and
 * status lists through the capped fetchers and the LevelDB cache, accreditations from the
 * cached registry, LAN's key pinned from configuration, and the injected clock.
 */
import { AppError, cappedFetchJson, createDocumentLoader, createVerificationCache, messageFor, verifyCredential, verifyPresentation } from '../../shared/index.js';
import type { CheckResult, CredentialVerification, DocumentLoader, PresentationCheckId, PresentationVerification, VerifyOptions } from '../../shared/index.js';
import { createDidWebResolver, createStatusListRevalidator } from '../../shared/fetch/index.js';
import { MessageChannel } from 'node:worker_threads';
import type { DidDocument } from '../../shared/keys/did.js';
import { serveCalls } from '../../shared/pool/port-rpc.node.js';
import { WorkerPool } from '../../shared/pool/worker-pool.node.js';
import type { ChallengeService, ConsumeOutcome } from './challenges.js';
import type { ServiceContext } from './context.js';
import type { RegistryService } from './registry.js';
import type { RemoteCache } from './remote-cache.js';
import type { VerifyTask } from './verify-worker.js';

export class VerificationService {
  private readonly documentLoader: DocumentLoader;
  private readonly resolveDid: (did: string) => Promise<DidDocument>;
  /** The verification pool (ctx.verifyWorkers > 0): the pipeline's CPU work on every core. */
  private readonly pool: WorkerPool | undefined;
  private readonly fetchStatus: ReturnType<typeof createStatusListRevalidator>;
  /** Signature results of status lists and accreditations seen recently (5 min). */
  private readonly verificationCache = createVerificationCache({ ttlSeconds: 300 });

  constructor(
    private readonly ctx: ServiceContext,
    private readonly cache: RemoteCache,
    private readonly registry: RegistryService,
    private readonly challenges: ChallengeService,
  ) {
    const { settings } = ctx;
    const fetchOpts = { allowedOrigins: settings.issuerOrigins, timeoutMs: settings.fetchTimeoutMs, ...(ctx.fetch ? { fetch: ctx.fetch } : {}) };
    const resolve = createDidWebResolver(fetchOpts);
    const cacheOpts = { refreshSeconds: settings.cacheRefreshSeconds, maxFallbackSeconds: settings.didCacheMaxAgeSeconds };
    this.resolveDid = async (did) => (await cache.get(`did:${did}`, () => resolve(did), cacheOpts)).value as Awaited<ReturnType<typeof resolve>>;
    this.documentLoader = createDocumentLoader({ resolveDidWeb: this.resolveDid });
    this.fetchStatus = createStatusListRevalidator(fetchOpts);
    const threads = ctx.verifyWorkers ?? 0;
    this.pool = threads > 0 ? new WorkerPool({ module: new URL('./verify-worker.ts', import.meta.url), threads, name: 'the verification pool' }) : undefined;
  }

  /** Stops the verification pool's threads. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  /**
   * Runs the pipeline in a pool thread. The thread asks this (main) thread for what needs
   * the network or the store: DID documents, status lists (same cache and freshness rules
   * as on the main thread) and accreditations.
   */
  private async inPool<T>(pool: WorkerPool, kind: VerifyTask['kind'], input: unknown, opts: VerifyOptions, presentation?: VerifyTask['presentation']): Promise<T> {
    const { port1, port2 } = new MessageChannel();
    const fetchStatusList = opts.fetchStatusList;
    serveCalls(port1, {
      did: (did: string) => this.resolveDid(did),
      status: (url: string) => {
        if (!fetchStatusList) throw new AppError('STATUS_UNAVAILABLE', 'No status list fetcher.');
        return fetchStatusList(url);
      },
      accreditations: (did: string) => this.registry.findAccreditations(did),
    });
    const task: VerifyTask = {
      kind, input, now: opts.now.toISOString(),
      clockSkewSeconds: this.ctx.settings.clockSkewSeconds,
      maxStatusAgeSeconds: this.ctx.settings.maxStatusAgeSeconds,
      trustAnchor: this.ctx.settings.trustAnchor,
      ...(presentation ? { presentation } : {}),
      port: port2,
    };
    try {
      return await pool.run<T>(task, [port2]);
    } finally {
      port1.close();
    }
  }

  /**
   * The options every verification uses; `now` is read once per request. `freshness`
   * decides how status lists are read:
   * - `decision` (every verification a person or client acts on, and recording JP): the
   *   list is revalidated with the issuer now (If-None-Match, so an unchanged list costs a
   *   304); only when the issuer is unreachable is the cached copy used, with its real
   *   fetchedAt, and the pipeline judges its age (maxStatusAgeSeconds) and shows it.
   * - `cached` (background re-checks of the ledger): a copy younger than
   *   CACHE_REFRESH_SECONDS is used without asking the issuer.
   */
  options(freshness: 'decision' | 'cached' = 'decision'): VerifyOptions {
    const { settings } = this.ctx;
    const cacheOpts = {
      refreshSeconds: freshness === 'decision' ? 0 : settings.cacheRefreshSeconds,
      maxFallbackSeconds: Number.MAX_SAFE_INTEGER / 1000,
    };
    return {
      documentLoader: this.documentLoader,
      now: this.ctx.now(),
      clockSkewSeconds: settings.clockSkewSeconds,
      maxStatusAgeSeconds: settings.maxStatusAgeSeconds,
      fetchStatusList: async (url) => {
        const got = await this.cache.getRevalidated(`status:${url}`, async (etag) => {
          const list = await this.fetchStatus(url, etag);
          return list.notModified ? list : { notModified: false, value: list.credential, ...(list.etag ? { etag: list.etag } : {}) };
        }, cacheOpts);
        return { credential: structuredClone(got.value), fetchedAt: got.fetchedAt };
      },
      accreditation: {
        trustAnchor: settings.trustAnchor,
        findAccreditations: (did) => this.registry.findAccreditations(did),
      },
      cache: this.verificationCache,
    };
  }

  /**
   * The printed certificate's QR opens `/?url=<issuer certificate URL>`: fetch that
   * credential (only from a configured issuer origin, capped like every fetch) and verify it.
   */
  async verifyCredentialAt(url: string, nip?: string): Promise<{ verifiableCredential: unknown; result: CredentialVerification }> {
    const { settings } = this.ctx;
    // Only an issuer's certificate endpoint, never any other JSON the issuer origin serves.
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AppError('URL_NOT_ALLOWED', 'The certificate link is not a URL.', { status: 400 });
    }
    if (!/^\/certificates\/[A-Za-z0-9_-]{8,64}$/.test(parsed.pathname) || parsed.search !== '' || parsed.hash !== '' || !settings.issuerOrigins.includes(parsed.origin)) {
      throw new AppError('URL_NOT_ALLOWED', 'The certificate link does not point to a configured issuer.', { status: 400 });
    }
    // A certificate carrying a hashed NIP opens only with the holder's NIP (docs/privacy.md).
    const digits = nip?.replaceAll(' ', '');
    if (digits !== undefined && !/^[0-9]{18}$/.test(digits)) throw new AppError('NIP_INVALID', 'The NIP must be 18 digits.', { status: 400 });
    let vc: unknown;
    try {
      vc = await cappedFetchJson(parsed.href, {
        allowedOrigins: settings.issuerOrigins,
        timeoutMs: settings.fetchTimeoutMs,
        maxBytes: 256 * 1024,
        ...(this.ctx.fetch ? { fetch: this.ctx.fetch } : {}),
      }, {}, digits !== undefined ? { jsonBody: { nip: digits } } : {});
    } catch (cause) {
      if (cause instanceof AppError && cause.code === 'FETCH_URL_REFUSED') {
        throw new AppError('URL_NOT_ALLOWED', 'The certificate link does not point to a configured issuer.', { status: 400, cause });
      }
      // The issuer answered and has no such certificate: that is the link's fault, not a
      // gateway failure, and the page tells the officer so.
      if (cause instanceof AppError && cause.code === 'FETCH_HTTP_STATUS') {
        const status = httpStatusOf(cause);
        if (status === 404 || status === 410) throw new AppError('CERTIFICATE_NOT_FOUND', 'The issuer has no certificate at this link (mistyped, or withdrawn).', { status: 404 });
        if (status === 401) throw new AppError('CERTIFICATE_NIP_REQUIRED', 'This certificate opens only with the holder’s NIP: send {url, nip}.', { status: 428 });
        if (status === 403) throw new AppError('CERTIFICATE_NIP_MISMATCH', 'The NIP does not match this certificate.', { status: 422 });
        if (status === 429) throw new AppError('CERTIFICATE_LOCKED', 'Too many wrong NIPs for this certificate; try again later.', { status: 429 });
      }
      throw new AppError('CERTIFICATE_UNREACHABLE', 'The certificate could not be fetched from its issuer.', { status: 502, cause });
    }
    return { verifiableCredential: vc, result: await this.verifyCredential(vc) };
  }

  async verifyCredential(vc: unknown, freshness: 'decision' | 'cached' = 'decision'): Promise<CredentialVerification> {
    const opts = this.options(freshness);
    if (this.pool) return this.inPool<CredentialVerification>(this.pool, 'credential', vc, opts);
    return verifyCredential(vc, opts);
  }

  /**
   * Verifies a presentation per the VC API. A challenge this verifier issued is consumed
   * first (single use, even when verification then fails, so two submissions of one
   * presentation cannot both succeed) and binds the domain to this verifier's origin (the
   * relay's stricter binding). Any other challenge is the caller's own (a VC API client that
   * manages its challenges): it and the caller's `domain`, if any, are checked against the
   * proof, and keeping it single use is the caller's job. Without a challenge a signed
   * presentation fails (`CHALLENGE_MISMATCH`, reason `missing`); an unsigned one verifies
   * its credentials and says the holder is not proven.
   */
  async verifyPresentation(vp: unknown, opts: { challenge?: string; domain?: string } = {}): Promise<PresentationVerification & { relayId?: string }> {
    const { challenge, domain } = opts;
    const outcome: ConsumeOutcome = challenge ? await this.challenges.consume(challenge) : { ok: false, reason: 'missing' };
    const callers = !outcome.ok && outcome.reason === 'unknown' && challenge !== undefined;
    const ours = outcome.ok;
    const bound = {
      // A challenge of ours that is used or expired never matches: the pipeline then
      // refuses before any signature or credential work.
      challenge: (ours || callers) && challenge ? challenge : '',
      ...(ours ? { domain: this.ctx.settings.publicUrl } : domain !== undefined ? { domain } : {}),
      maxPresentationAgeSeconds: this.ctx.settings.maxPresentationAgeSeconds,
    };
    const pipeline = this.options();
    const result = this.pool
      ? await this.inPool<PresentationVerification>(this.pool, 'presentation', vp, pipeline, bound)
      : await verifyPresentation(vp, { ...pipeline, ...bound });
    if (ours) return { ...result, ...(outcome.relayId ? { relayId: outcome.relayId } : {}), checks: markChallenge(result.checks, 'verifier') };
    if (callers) return { ...result, checks: markChallenge(result.checks, 'caller') };
    // No challenge: an unsigned presentation needs none; a signed one is refused.
    const unsigned = result.checks.some((c) => c.id === 'holderKey' && c.code === 'HOLDER_NOT_PROVEN');
    if (outcome.reason === 'missing' && unsigned) return result;
    return overrideChallenge(result, outcome.reason);
  }
}

/** Says whose challenge the proof was checked against (ours: consumed once; the caller's: not). */
function markChallenge(checks: Array<CheckResult<PresentationCheckId>>, issuedBy: 'verifier' | 'caller'): Array<CheckResult<PresentationCheckId>> {
  return checks.map((c) => (c.id === 'challenge' && c.status === 'ok' && c.code === 'CHALLENGE_OK' ? { ...c, details: { ...c.details, issuedBy } } : c));
}

/** The pipeline only compares strings; our store knows whether the challenge was ours and unused. */
function overrideChallenge(result: PresentationVerification, reason: string): PresentationVerification {
  const checks = result.checks.map((c): CheckResult<PresentationCheckId> => {
    if (c.id !== 'challenge') return c;
    return { id: 'challenge', status: 'failed', code: 'CHALLENGE_MISMATCH', message: messageFor('CHALLENGE_MISMATCH'), details: { reason } };
  });
  const first = checks.find((c) => c.status === 'failed') ?? checks.find((c) => c.status === 'unknown' && c.code !== 'NOT_CHECKED');
  return {
    ...result,
    verified: false,
    checks,
    ...(first ? { error: { check: first.id, code: first.code, message: first.message } } : {}),
  };
}

function httpStatusOf(e: AppError): number {
  const d = e.details as { status?: unknown } | undefined;
  return typeof d?.status === 'number' ? d.status : 0;
}
