/**
 * Composition root of the wallet's static server: the only file that reads the
 * environment. WALLET_PORT (default 4200), WALLET_HOST (127.0.0.1), WALLET_ISSUER_URL (LAN's
 * issuer, trust anchor), WALLET_VERIFIER_URL (relay for QR presentations), WALLET_REBUILD=1
 * to rebuild dist/ on start.
 */
import { startWalletServer } from './serve.node.js';

const env = process.env;
const port = Number(env.WALLET_PORT ?? 4200);
const host = env.WALLET_HOST ?? '127.0.0.1';

startWalletServer({
  port,
  host,
  ...(env.WALLET_ISSUER_URL ? { issuerOrigin: env.WALLET_ISSUER_URL } : {}),
  ...(env.WALLET_VERIFIER_URL ? { verifierOrigin: env.WALLET_VERIFIER_URL } : {}),
  rebuild: env.WALLET_REBUILD === '1',
}).then((server) => {
  const addr = server.address();
  const p = typeof addr === 'object' && addr ? addr.port : port;
  process.stdout.write(`wallet: http://${host}:${p}/\n`);
}).catch((e: unknown) => {
  process.stderr.write(`wallet failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
