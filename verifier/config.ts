/**
 * The verifier's configuration, read from the environment by server.ts only and checked
 * with zod, so a missing or malformed value stops the start with a clear message.
 */
import { z } from 'zod';
import { decodePublicMultikey } from '../shared/index.js';
import { normalizeOrigin } from '../shared/fetch/index.js';
import { DEFAULT_SETTINGS } from './services/context.js';
import type { VerifierSettings } from './services/context.js';

const origin = z.string().url().transform((u, ctx) => {
  try {
    return normalizeOrigin(u);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an http(s) origin' });
    return z.NEVER;
  }
});

const seconds = (def: number) => z.coerce.number().int().positive().default(def);

export const envSchema = z.object({
  VERIFIER_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  VERIFIER_HOST: z.string().default('127.0.0.1'),
  VERIFIER_PUBLIC_URL: origin,
  VERIFIER_DATA_DIR: z.string().min(1).default('data/verifier'),
  /** postgres://… : several instances share PostgreSQL; unset: embedded LevelDB in the data dir. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TRUST_ANCHOR_DID: z.string().regex(/^did:web:[A-Za-z0-9.%:_-]+$/, 'must be a did:web'),
  TRUST_ANCHOR_PUBLIC_KEY: z.string().refine((v) => {
    try {
      decodePublicMultikey(v);
      return true;
    } catch {
      return false;
    }
  }, 'must be an Ed25519 publicKeyMultibase (z6Mk…)'),
  ISSUER_ORIGINS: z.string().min(1).transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)).pipe(z.array(origin).min(1)),
  REGISTRY_URL: z.string().url().optional(),
  VERIFIER_SECRET: z.string().min(32, 'VERIFIER_SECRET: at least 32 characters of randomness'),
  VERIFIER_BOOTSTRAP_TOKEN: z.string().min(24).optional(),
  VERIFIER_LAN_TOKEN: z.string().min(24).optional(),
  MAX_STATUS_AGE_SECONDS: seconds(DEFAULT_SETTINGS.maxStatusAgeSeconds),
  CACHE_REFRESH_SECONDS: seconds(DEFAULT_SETTINGS.cacheRefreshSeconds),
  FETCH_TIMEOUT_MS: seconds(DEFAULT_SETTINGS.fetchTimeoutMs),
  RELAY_TTL_SECONDS: seconds(DEFAULT_SETTINGS.relayTtlSeconds),
  RATE_LIMIT_PER_MINUTE: seconds(DEFAULT_SETTINGS.rateLimitPerMinute),
  VERIFIER_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type VerifierEnv = z.infer<typeof envSchema>;

/** Parses the environment; throws an Error listing every problem. */
export function readConfig(env: Record<string, string | undefined>): { env: VerifierEnv; settings: VerifierSettings } {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid verifier configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const settings: VerifierSettings = {
    ...DEFAULT_SETTINGS,
    publicUrl: e.VERIFIER_PUBLIC_URL,
    trustAnchor: { did: e.TRUST_ANCHOR_DID, publicKeyMultibase: e.TRUST_ANCHOR_PUBLIC_KEY },
    issuerOrigins: e.ISSUER_ORIGINS,
    // The issuer publishes its registry at /registry by default.
    registryUrl: e.REGISTRY_URL ?? `${e.ISSUER_ORIGINS[0]}/registry`,
    secret: e.VERIFIER_SECRET,
    ...(e.VERIFIER_BOOTSTRAP_TOKEN ? { bootstrapToken: e.VERIFIER_BOOTSTRAP_TOKEN } : {}),
    ...(e.VERIFIER_LAN_TOKEN ? { lanToken: e.VERIFIER_LAN_TOKEN } : {}),
    maxStatusAgeSeconds: e.MAX_STATUS_AGE_SECONDS,
    cacheRefreshSeconds: e.CACHE_REFRESH_SECONDS,
    fetchTimeoutMs: e.FETCH_TIMEOUT_MS,
    relayTtlSeconds: e.RELAY_TTL_SECONDS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxyHops: e.VERIFIER_TRUST_PROXY,
  };
  return { env: e, settings };
}
