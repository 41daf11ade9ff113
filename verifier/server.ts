/**
 * The verifier's composition root: the only place that reads the environment, the real
 * clock, and listens. Also sweeps expired challenges, relays and sessions once a minute.
 */
import { pino } from 'pino';
import { createServices, createVerifierApp } from './app.js';
import { readConfig } from './config.js';
import { openLevelStore } from './store/level-store.js';
import { openPgStore } from './store/pg-store.js';
import { installNodeCrypto } from '../shared/sign/ed25519-node.node.js';
import { poolThreads } from '../shared/pool/worker-pool.node.js';

// Node's crypto for Ed25519 and SHA-256 on the hot paths (the portable code stays the fallback).
installNodeCrypto();

async function main(): Promise<void> {
  const { env, settings } = readConfig(process.env);
  const logger = pino({ level: env.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] });
  // PostgreSQL when several instances share state; the URL (it may hold a password) is never logged.
  const store = env.DATABASE_URL ? await openPgStore(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE }) : await openLevelStore(env.VERIFIER_DATA_DIR);
  const now = () => new Date();
  // The verification pool is opt-in (VERIFIER_VERIFY_WORKERS=auto: every core, or a number):
  // measured slower than the main thread while every decision revalidates its status list
  // through the main thread (docs/performance.md).
  const verifyWorkers = process.env.VERIFIER_VERIFY_WORKERS === undefined ? 0 : poolThreads(process.env.VERIFIER_VERIFY_WORKERS, 'VERIFIER_VERIFY_WORKERS');
  const services = createServices({ store, now, settings, logger, verifyWorkers });
  const app = createVerifierApp({ store, now, settings, logger, services });

  const server = app.listen(env.VERIFIER_PORT, env.VERIFIER_HOST, () => {
    logger.info({ host: env.VERIFIER_HOST, port: env.VERIFIER_PORT, publicUrl: settings.publicUrl, store: env.DATABASE_URL ? 'postgresql' : 'leveldb' }, 'verifier listening');
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  const sweep = setInterval(() => {
    void Promise.all([services.challenges.sweep(), services.relay.sweep(), services.accounts.sweep()]).catch((e: unknown) => logger.warn({ err: String(e) }, 'sweep failed'));
  }, 60_000);
  sweep.unref();

  const stop = () => {
    clearInterval(sweep);
    server.close(() => void services.verification.close().then(() => store.close()).finally(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
