/**
 * The real server (`node --import tsx issuer/server.ts`) serves HTTPS when TLS_CERT and
 * TLS_KEY are set: a client trusting exactly the self-signed certificate gets the LAN DID
 * document, whose did:web names the https origin; plain HTTP to the port gets nothing.
 * Setting only one of the two refuses to start, naming the variables and no secret.
 * With TEST_STORE=postgres every server runs on a fresh PostgreSQL database (DATABASE_URL).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startIssuer, waitFor } from './helpers.js';
import { freePort } from '../helpers/free-port.js';
import { freshDatabase, testStoreIsPostgres } from '../helpers/pg-run.js';
import { openPgStore } from '../../issuer/store/pg-store.js';

const HAS_OPENSSL = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
const SKIP_REASON = HAS_OPENSSL ? '' : ' [skipped: the openssl CLI is not on PATH]';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'issuer-tls-'));
const children: ChildProcess[] = [];
const databaseUrl = testStoreIsPostgres() ? await freshDatabase() : undefined;

afterAll(async () => {
  for (const child of children) await stop(child);
  rmSync(tmp, { recursive: true, force: true });
});


/** Starts the server with the given extra environment; collects its output. */
function startServer(env: Record<string, string>): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const base = { ...process.env };
  // Only what the test sets: no TLS or issuer settings leak in from the caller's shell.
  for (const k of Object.keys(base)) if (k.startsWith('ISSUER_') || k.startsWith('TLS_')) delete base[k];
  const proc = spawn(process.execPath, ['--import', 'tsx', 'issuer/server.ts'], {
    env: { ...base, ISSUER_LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function get(mod: typeof http | typeof https, url: string, opts: https.RequestOptions = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = mod.get(url, { ...opts, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe('TLS start-up', () => {
  it.skipIf(!HAS_OPENSSL)(`serves HTTPS with TLS_CERT/TLS_KEY: did:web names the https origin; plain HTTP fails${SKIP_REASON}`, async () => {
    const certFile = path.join(tmp, 'cert.pem');
    const keyFile = path.join(tmp, 'key.pem');
    const gen = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'ed25519', '-keyout', keyFile, '-out', certFile, '-days', '1', '-nodes',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    const cert = readFileSync(certFile);

    const port = await freePort();
    const server = startServer({
      ISSUER_DEMO: '1',
      ISSUER_PORT: String(port),
      ISSUER_DATA_DIR: path.join(tmp, 'data'),
      TLS_CERT: certFile,
      TLS_KEY: keyFile,
    });
    const url = `https://127.0.0.1:${port}/.well-known/did.json`;
    // Trust exactly this certificate (no rejectUnauthorized: false).
    const res = await waitFor(async () => {
      if (server.proc.exitCode !== null) throw new Error(`server exited ${server.proc.exitCode}: ${server.output()}`);
      try {
        return await get(https, url, { ca: cert });
      } catch {
        return undefined;
      }
    }, 45_000, 200);
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.body) as { id: string };
    expect(doc.id).toBe(`did:web:127.0.0.1%3A${port}`);

    // Without the certificate as trust anchor the handshake is refused.
    await expect(get(https, url)).rejects.toThrow(/self[- ]signed|certificate/i);
    // Plain HTTP to the TLS port gets no answer.
    await expect(get(http, `http://127.0.0.1:${port}/.well-known/did.json`)).rejects.toThrow();

    await stop(server.proc);
  }, 60_000);

  it('TLS_CERT without TLS_KEY: exits non-zero with CONFIG_INVALID naming both variables, no secret values', async () => {
    const adminToken = 'admin-token-that-must-not-be-printed-42';
    const masterKey = Buffer.alloc(32, 5).toString('base64');
    const certPath = path.join(tmp, 'only-cert.pem');
    const server = startServer({
      ISSUER_DEMO: '1',
      ISSUER_PORT: String(await freePort()),
      ISSUER_DATA_DIR: path.join(tmp, 'data-bad'),
      ISSUER_ADMIN_TOKEN: adminToken,
      ISSUER_MASTER_KEY: masterKey,
      TLS_CERT: certPath,
    });
    const code = await server.exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    const out = server.output();
    expect(out).toContain('CONFIG_INVALID');
    expect(out).toContain('TLS_CERT');
    expect(out).toContain('TLS_KEY');
    expect(out).not.toContain(adminToken);
    expect(out).not.toContain(masterKey);
    expect(out).not.toContain(certPath);
  }, 60_000);

  it('a master key that cannot open the data folder: exits non-zero with MASTER_KEY_WRONG, the key not printed', async () => {
    const dataDir = path.join(tmp, 'data-master-key');
    // Seals LAN's key under MASTER_KEY, in the data the server will open (its own database).
    const ownDb = databaseUrl ? await freshDatabase() : undefined;
    const first = await startIssuer({ dataDir, ...(ownDb ? { store: await openPgStore(ownDb) } : {}) });
    await first.close({ keepData: true });
    const wrongKey = Buffer.alloc(32, 8).toString('base64');
    const server = startServer({
      ISSUER_DEMO: '1',
      ISSUER_PORT: String(await freePort()),
      ISSUER_DATA_DIR: dataDir,
      ...(ownDb ? { DATABASE_URL: ownDb } : {}),
      ISSUER_ADMIN_TOKEN: 'admin-token-that-must-not-be-printed-43',
      ISSUER_MASTER_KEY: wrongKey,
    });
    const code = await server.exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(server.output()).toContain('MASTER_KEY_WRONG');
    expect(server.output()).not.toContain(wrongKey);
  }, 60_000);
});
