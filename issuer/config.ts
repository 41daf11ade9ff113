/**
 * Issuer configuration from the environment, validated with zod. Safe defaults: listen
 * on 127.0.0.1 only; the master key and admin token are required unless ISSUER_DEMO is
 * set, in which case server.ts generates them and says so.
 */
import { z } from 'zod';
import { AppError } from '../shared/errors.js';

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => ['1', 'true', 'yes'].includes(v));
const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);

const schema = z.object({
  ISSUER_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  ISSUER_HOST: z.string().min(1).default('127.0.0.1'),
  ISSUER_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  ISSUER_DATA_DIR: z.string().min(1).default('data/issuer'),
  ISSUER_MASTER_KEY: z.string().optional(),
  /** postgres://… : several instances share PostgreSQL; unset: embedded LevelDB in the data dir. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  ISSUER_ADMIN_TOKEN: z.string().min(16).optional(),
  ISSUER_DEMO: bool.default(false),
  ISSUER_VERIFIER_URL: z.url({ protocol: /^https?$/ }).optional(),
  ISSUER_WALLET_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** smtp://user:pass@host:587 or smtps://…: claim links by email; unset: handed out by hand. Never logged. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  /** The From header of claim-link emails. */
  SMTP_FROM: z.string().min(3).max(200).optional(),
  ISSUER_CLAIM_TTL_SECONDS: positiveInt(14 * 24 * 3600),
  /** How often an idle batch runner looks for queued work another instance left behind (seconds). */
  ISSUER_BATCH_POLL_SECONDS: positiveInt(30),
  ISSUER_RATE_LIMIT_WINDOW_MS: positiveInt(60_000),
  ISSUER_RATE_LIMIT_MAX: positiveInt(600),
  ISSUER_BODY_LIMIT_BYTES: positiveInt(1_000_000),
  ISSUER_BATCH_BODY_LIMIT_BYTES: positiveInt(50_000_000),
  /** Threads of the signing pool (cohort batches); unset: every core (os.availableParallelism), 0: main thread only. */
  ISSUER_SIGN_WORKERS: z.coerce.number().int().min(0).max(256).optional(),
  ISSUER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TLS_CERT: z.string().optional(),
  TLS_KEY: z.string().optional(),
});

export type IssuerEnv = z.output<typeof schema>;

export interface IssuerConfig extends Omit<IssuerEnv, 'ISSUER_MASTER_KEY'> {
  /** Decoded master key, when one was given. */
  masterKey?: Uint8Array;
  publicUrl: string;
}

/** Reads and checks the environment; throws CONFIG_INVALID naming the bad variables (never their values). */
export function loadConfig(env: Record<string, string | undefined>): IssuerConfig {
  const r = schema.safeParse(env);
  if (!r.success) {
    throw new AppError('CONFIG_INVALID', `Invalid configuration: ${r.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  const { ISSUER_MASTER_KEY, ...rest } = r.data;
  let masterKey: Uint8Array | undefined;
  if (ISSUER_MASTER_KEY !== undefined) {
    masterKey = new Uint8Array(Buffer.from(ISSUER_MASTER_KEY, 'base64'));
    if (masterKey.length !== 32) throw new AppError('CONFIG_INVALID', 'ISSUER_MASTER_KEY must be 32 bytes in base64.');
  }
  if (!rest.ISSUER_DEMO && (!masterKey || !rest.ISSUER_ADMIN_TOKEN)) {
    throw new AppError('CONFIG_INVALID', 'ISSUER_MASTER_KEY and ISSUER_ADMIN_TOKEN are required (or set ISSUER_DEMO=1 for a demo).');
  }
  if ((rest.TLS_CERT === undefined) !== (rest.TLS_KEY === undefined)) throw new AppError('CONFIG_INVALID', 'Set both TLS_CERT and TLS_KEY, or neither.');
  const scheme = rest.TLS_CERT ? 'https' : 'http';
  const publicUrl = (rest.ISSUER_PUBLIC_URL ?? `${scheme}://${rest.ISSUER_HOST}:${rest.ISSUER_PORT}`).replace(/\/+$/, '');
  return { ...rest, ...(masterKey ? { masterKey } : {}), publicUrl };
}
