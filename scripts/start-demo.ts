/**
 * `npm start`: the whole system on this machine with demo data, on embedded LevelDB
 * (nothing else to install). One process, three servers on 127.0.0.1:
 *   issuer   http://127.0.0.1:3100  (LAN curation, provider API, DIDs, status lists, claims)
 *   verifier http://127.0.0.1:4100  (HR page and verification API)
 *   wallet   http://127.0.0.1:4200  (the ASN's browser wallet)
 * Demo secrets are generated once into data/demo/secrets.json (mode 600) and printed:
 * fine for a demo, never for production (see docs/issuer.md and docs/verifier.md).
 * This file is a composition root: it alone reads the environment and the real clock here.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pino } from 'pino';
import { createIssuer } from '../issuer/app.js';
import { seedDemo } from '../issuer/demo/seed.js';
import { openLevelStore as openIssuerStore } from '../issuer/store/level-store.js';
import { createServices, createVerifierApp } from '../verifier/app.js';
import { DEFAULT_SETTINGS } from '../verifier/services/context.js';
import { openLevelStore as openVerifierStore } from '../verifier/store/level-store.js';
import { startWalletServer } from '../wallet-web/serve.node.js';
import { installNodeCrypto } from '../shared/sign/ed25519-node.node.js';

// Node's crypto for Ed25519 and SHA-256 on the hot paths (the portable code stays the fallback).
installNodeCrypto();

const HOST = '127.0.0.1';
const PORTS = {
  issuer: Number(process.env.ISSUER_PORT ?? 3100),
  verifier: Number(process.env.VERIFIER_PORT ?? 4100),
  wallet: Number(process.env.WALLET_PORT ?? 4200),
};
const DATA = path.resolve(process.env.DEMO_DATA_DIR ?? 'data/demo');
const urls = {
  issuer: `http://${HOST}:${PORTS.issuer}`,
  verifier: `http://${HOST}:${PORTS.verifier}`,
  wallet: `http://${HOST}:${PORTS.wallet}`,
};
const now = () => new Date();
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });

interface DemoSecrets { masterKey: string; adminToken: string; verifierSecret: string; bootstrapToken: string; hrPassword: string; lanToken: string }

function loadSecrets(): DemoSecrets {
  const file = path.join(DATA, 'secrets.json');
  if (!existsSync(file)) {
    const secrets: DemoSecrets = {
      masterKey: randomBytes(32).toString('base64'),
      adminToken: randomBytes(24).toString('base64url'),
      verifierSecret: randomBytes(32).toString('base64url'),
      bootstrapToken: randomBytes(24).toString('base64url'),
      hrPassword: `demo-${randomBytes(6).toString('base64url')}`,
      lanToken: randomBytes(24).toString('base64url'),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  const secrets = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoSecrets> & Omit<DemoSecrets, 'lanToken'>;
  // Demo data from before LAN's national view has no LAN token yet: add one.
  if (!secrets.lanToken) {
    secrets.lanToken = randomBytes(24).toString('base64url');
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets as DemoSecrets;
}

function listen(app: http.RequestListener, port: number): Promise<http.Server> {
  const server = http.createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve(server));
  });
}

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const secrets = loadSecrets();

  // Issuer (LAN + providers)
  const issuerStore = await openIssuerStore(path.join(DATA, 'issuer'));
  const issuer = createIssuer({
    store: issuerStore,
    now,
    masterKey: new Uint8Array(Buffer.from(secrets.masterKey, 'base64')),
    adminToken: secrets.adminToken,
    logger,
    settings: { publicUrl: urls.issuer, claimOfferTtlSeconds: 14 * 24 * 3600, statusListLength: 131072, verifierUrl: `${urls.verifier}/`, walletUrl: urls.wallet },
  });
  await issuer.services.keys.verifyMasterKey();
  await issuer.services.keys.ensureLanKey();
  issuer.services.batches.start();
  const servers = [await listen(issuer.app, PORTS.issuer)];
  const seed = await seedDemo(issuer.services);

  // Verifier (HR): trusts LAN's DID and key as published by the issuer at start.
  const lanDoc = await (await fetch(`${urls.issuer}/.well-known/did.json`)).json() as { id: string; verificationMethod: Array<{ publicKeyMultibase: string }> };
  const verifierStore = await openVerifierStore(path.join(DATA, 'verifier'));
  const settings = {
    ...DEFAULT_SETTINGS,
    publicUrl: urls.verifier,
    trustAnchor: { did: lanDoc.id, publicKeyMultibase: lanDoc.verificationMethod[0]!.publicKeyMultibase },
    issuerOrigins: [urls.issuer],
    registryUrl: `${urls.issuer}/registry`,
    secret: secrets.verifierSecret,
    bootstrapToken: secrets.bootstrapToken,
    lanToken: secrets.lanToken,
  };
  const verifierServices = createServices({ store: verifierStore, now, settings, logger });
  servers.push(await listen(createVerifierApp({ store: verifierStore, now, settings, logger, services: verifierServices }), PORTS.verifier));
  const hrUser = 'kepegawaian.demo';
  try {
    await verifierServices.accounts.createAgency({
      agency: { id: 'lan-demo', name: 'Biro SDM (demo)' },
      admin: { username: hrUser, password: secrets.hrPassword, displayName: 'Petugas Kepegawaian Demo' },
    });
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && (e as { code: string }).code === 'AGENCY_EXISTS')) throw e;
  }

  // Wallet (ASN)
  // Always rebuild: a wallet built from older sources must never be served by mistake.
  servers.push(await startWalletServer({ port: PORTS.wallet, host: HOST, issuerOrigin: urls.issuer, verifierOrigin: urls.verifier, rebuild: true, distDir: path.join(DATA, 'wallet-dist') }));

  const lines = [
    '',
    'ASN Kredensial — demo berjalan / demo running (data: ' + DATA + ')',
    '',
    `  Dompet ASN / wallet            ${urls.wallet}`,
    `  Verifikasi (kepegawaian) / HR ${urls.verifier}   login: ${hrUser} / ${secrets.hrPassword}`,
    `  Portal penyedia / provider    ${urls.issuer}/portal   (masuk dengan API key di bawah / sign in with an API key below)`,
    `  Penerbit / issuer API         ${urls.issuer}/docs   admin token (LAN): ${secrets.adminToken}`,
    `  Tampilan nasional LAN / LAN   ${urls.verifier}/lan   token: ${secrets.lanToken}`,
    '',
    '  Penyedia terkurasi / curated providers (API key for POST /learning-credentials):',
    ...seed.providers.map((p) => `    ${p.name.padEnd(48)} ${p.apiKey}`),
    '',
    // The demo learners are fictional; their NIPs are printed so the HR page's NIP match
    // and a certificate link (which opens only with its holder's NIP) can be tried.
    '  Tautan klaim untuk dompet (dengan NIP peserta demo) / claim links for the wallet (with the demo learner\'s NIP):',
    ...seed.credentials.filter((c) => c.claimUrl).map((c) => `    ${c.learner.padEnd(16)} NIP ${c.learnerNip}  ${c.claimUrl}`),
    '',
    '  Sertifikat (QR ke halaman verifikasi; dibuka dengan NIP di atas) / certificate links (open with the NIP above):',
    ...seed.credentials.map((c) => `    ${c.learner.padEnd(16)} NIP ${c.learnerNip}  ${urls.verifier}/?url=${encodeURIComponent(c.certificateUrl)}`),
    '',
    'Rahasia demo disimpan di / demo secrets kept in ' + path.join(DATA, 'secrets.json') + ' — bukan untuk produksi / not for production.',
    'Ctrl+C untuk berhenti / to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  const stop = () => {
    for (const s of servers) { s.closeAllConnections(); s.close(); }
    void Promise.allSettled([issuer.services.batches.stop(), issuerStore.close(), verifierStore.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
