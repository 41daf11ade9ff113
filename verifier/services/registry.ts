/**
 * LAN's public registry of accreditation credentials, fetched (capped, allow-listed),
 * cached in LevelDB, and searched by provider DID. The credentials are still verified
 * against the pinned trust anchor by the shared pipeline: the registry is only a source.
 */
import { AppError } from '../../shared/index.js';
import { cappedFetchJson } from '../../shared/fetch/index.js';
import type { ServiceContext } from './context.js';
import type { RemoteCache } from './remote-cache.js';

/** The registry holds every accreditation; allow more than a single document. */
const REGISTRY_MAX_BYTES = 8 * 1024 * 1024;

export interface RegistryProvider {
  did: string;
  name?: string;
  status?: string;
  grade?: string;
}

export class RegistryService {
  constructor(private readonly ctx: ServiceContext, private readonly cache: RemoteCache) {}

  private async load(): Promise<{ accreditations: Record<string, unknown>[]; providers: RegistryProvider[]; fetchedAt: Date; stale: boolean }> {
    const { settings } = this.ctx;
    const got = await this.cache.get(`registry:${settings.registryUrl}`, () => cappedFetchJson(settings.registryUrl, {
      allowedOrigins: settings.issuerOrigins,
      timeoutMs: settings.fetchTimeoutMs,
      maxBytes: REGISTRY_MAX_BYTES,
      ...(this.ctx.fetch ? { fetch: this.ctx.fetch } : {}),
    }, { maxArrayItems: 100_000 }), { refreshSeconds: settings.cacheRefreshSeconds, maxFallbackSeconds: settings.maxStatusAgeSeconds });
    return { ...readRegistry(got.value), fetchedAt: got.fetchedAt, stale: got.stale };
  }

  /** Accreditation credentials whose subject is `providerDid` (unverified: the pipeline verifies them). */
  async findAccreditations(providerDid: string): Promise<unknown[]> {
    const { accreditations } = await this.load();
    return accreditations.filter((a) => {
      const s = a.credentialSubject;
      return typeof s === 'object' && s !== null && (s as { id?: unknown }).id === providerDid;
    });
  }

  /** A summary for the HR page: providers and when the registry was fetched. */
  async summary(): Promise<{ providers: RegistryProvider[]; accreditations: number; fetchedAt: string; stale: boolean }> {
    const r = await this.load();
    return { providers: r.providers, accreditations: r.accreditations.length, fetchedAt: r.fetchedAt.toISOString(), stale: r.stale };
  }
}

/**
 * Accepts the issuer's registry shape `{accreditations: [...], providers: [...]}` or a bare
 * array of accreditation credentials.
 */
function readRegistry(value: unknown): { accreditations: Record<string, unknown>[]; providers: RegistryProvider[] } {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const list = Array.isArray(value) ? value : isObj(value) && Array.isArray(value.accreditations) ? value.accreditations : undefined;
  if (!list) throw new AppError('REGISTRY_INVALID', 'The accreditation registry has an unexpected shape.', { status: 502 });
  const providers = isObj(value) && Array.isArray(value.providers)
    ? value.providers.filter(isObj).filter((p) => typeof p.did === 'string').map((p) => ({
      did: p.did as string,
      ...(typeof p.name === 'string' ? { name: p.name } : {}),
      ...(typeof p.status === 'string' ? { status: p.status } : {}),
      ...(typeof p.grade === 'string' ? { grade: p.grade } : {}),
    }))
    : [];
  return { accreditations: list.filter(isObj), providers };
}
