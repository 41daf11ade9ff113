/**
 * The composition root: reads the environment, opens the store, builds the app, listens
 * (HTTPS when TLS_CERT/TLS_KEY are given). In demo mode (ISSUER_DEMO=1) a missing master
 * key is generated and kept in the data folder, and a missing admin token is generated
 * and printed: both are announced, and neither is acceptable for production.
 */
import nodemailer from 'nodemailer';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { AppError } from '../shared/errors.js';
import { createIssuer } from './app.js';
import { loadConfig } from './config.js';
import { openLevelStore } from './store/level-store.js';
import { openPgStore } from './store/pg-store.js';
import { installNodeCrypto } from '../shared/sign/ed25519-node.node.js';

// Node's crypto for Ed25519 and SHA-256 on the hot paths (the portable code stays the fallback).
installNodeCrypto();

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.ISSUER_LOG_LEVEL, redact: ['req.headers.authorization', '*.token', '*.secret', '*.masterKey'] });
  mkdirSync(config.ISSUER_DATA_DIR, { recursive: true });

  let masterKey = config.masterKey;
  if (!masterKey) {
    const file = path.join(config.ISSUER_DATA_DIR, 'DEMO-MASTER-KEY');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    masterKey = new Uint8Array(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
    process.stdout.write(`DEMO: kunci master dibuat/dibaca dari ${file} (bukan untuk produksi) / demo master key kept in ${file} (not for production)\n`);
  }
  let adminToken = config.ISSUER_ADMIN_TOKEN;
  if (!adminToken) {
    adminToken = randomBytes(24).toString('base64url');
    process.stdout.write(`DEMO: token admin LAN / LAN admin token: ${adminToken}\n`);
  }

  // PostgreSQL when several instances share state; the URL (it may hold a password) is never logged.
  const store = config.DATABASE_URL
    ? await openPgStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE })
    : await openLevelStore(path.join(config.ISSUER_DATA_DIR, 'db'));
  const { app, services } = createIssuer({
    store,
    now: () => new Date(),
    masterKey,
    adminToken,
    logger,
    settings: {
      publicUrl: config.publicUrl,
      claimOfferTtlSeconds: config.ISSUER_CLAIM_TTL_SECONDS,
      statusListLength: 131072,
      ...(config.ISSUER_VERIFIER_URL ? { verifierUrl: config.ISSUER_VERIFIER_URL } : {}),
      ...(config.ISSUER_WALLET_URL ? { walletUrl: config.ISSUER_WALLET_URL } : {}),
    },
    limits: { bodyBytes: config.ISSUER_BODY_LIMIT_BYTES, batchBodyBytes: config.ISSUER_BATCH_BODY_LIMIT_BYTES },
    rateLimit: { windowMs: config.ISSUER_RATE_LIMIT_WINDOW_MS, limit: config.ISSUER_RATE_LIMIT_MAX },
    signWorkers: config.ISSUER_SIGN_WORKERS ?? os.availableParallelism(),
    ...(config.SMTP_URL ? { mail: { transporter: nodemailer.createTransport(config.SMTP_URL), from: config.SMTP_FROM ?? `"Kredensial ASN" <no-reply@${new URL(config.publicUrl).hostname}>` } } : {}),
  });
  // Refuse to start with a master key that cannot open this store (MASTER_KEY_WRONG).
  await services.keys.verifyMasterKey();
  await services.keys.ensureLanKey();
  services.batches.start();
  // Instances sharing a database only hear of batches they took in: polling lets one pick
  // up a cohort whose instance died (the job lock tells it when the other is gone).
  const batchPoll = setInterval(() => services.batches.start(), config.ISSUER_BATCH_POLL_SECONDS * 1000);
  batchPoll.unref();

  const server = config.TLS_CERT && config.TLS_KEY
    ? https.createServer({ cert: readFileSync(config.TLS_CERT), key: readFileSync(config.TLS_KEY) }, app)
    : http.createServer(app);
  server.listen(config.ISSUER_PORT, config.ISSUER_HOST, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.ISSUER_PORT;
    logger.info({ port, publicUrl: config.publicUrl, lanDid: services.keys.didOf('lan'), store: config.DATABASE_URL ? 'postgresql' : 'leveldb' }, 'issuer listening');
  });

  const shutdown = async (): Promise<void> => {
    server.close();
    clearInterval(batchPoll);
    await services.batches.stop();
    await services.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  // The code too (CONFIG_INVALID, …): operators grep for it. Messages name variables, never their values.
  const code = e instanceof AppError ? `${e.code}: ` : '';
  process.stderr.write(`issuer failed to start: ${code}${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
