/**
 * The README's start command works: scripts/start-demo.ts (what `npm start` runs after
 * installing) brings up issuer, verifier and wallet with demo data on LevelDB, and the
 * printed links lead somewhere real. Runs the script as its own process on free ports.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';


let child: ChildProcess;
let output = '';
let dataDir: string;
const ports = { issuer: 0, verifier: 0, wallet: 0 };

beforeAll(async () => {
  ports.issuer = await freePort();
  ports.verifier = await freePort();
  ports.wallet = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'demo-'));
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start-demo.ts'], {
    env: { ...process.env, DEMO_DATA_DIR: dataDir, ISSUER_PORT: String(ports.issuer), VERIFIER_PORT: String(ports.verifier), WALLET_PORT: String(ports.wallet) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const deadline = Date.now() + 120_000;
  while (!output.includes('Ctrl+C')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`demo did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 150_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start (demo)', () => {
  it('prints the three URLs, provider API keys, claim links and certificate links', () => {
    expect(output).toContain(`http://127.0.0.1:${ports.wallet}`);
    expect(output).toContain(`http://127.0.0.1:${ports.verifier}`);
    expect(output).toContain(`http://127.0.0.1:${ports.verifier}/lan`);
    expect(output).toMatch(/ik_[A-Za-z0-9_-]+/);
    expect(output).toContain('#/claim?offer=');
    // Each fictional demo learner's NIP next to their claim link (the tour matches it on the
    // HR page); no other NIP is ever printed.
    expect(output).toMatch(/Siti Rahmawati\s+NIP 198609262015052001\s+http\S+#\/claim\?offer=/);
    expect(output).toMatch(/Budi Santoso\s+NIP 199001152019031002\s+http\S+#\/claim\?offer=/);
    expect(output).toMatch(/Dewi Lestari\s+NIP 198812032014022003\s+http\S+#\/claim\?offer=/);
    const nips = new Set(output.match(/\b\d{18}\b/g));
    expect([...nips].sort()).toEqual(['198609262015052001', '198812032014022003', '199001152019031002']);
  });

  it('serves LAN\'s registry with the demo providers, the HR page and the wallet', async () => {
    const registry = await (await fetch(`http://127.0.0.1:${ports.issuer}/registry`)).json() as { accreditations: unknown[] };
    expect(registry.accreditations.length).toBeGreaterThanOrEqual(3);
    expect((await fetch(`http://127.0.0.1:${ports.verifier}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.wallet}/`)).status).toBe(200);
  });

  it('a printed certificate link verifies on the HR side', async () => {
    const link = /\?url=(\S+)/.exec(output)?.[1];
    expect(link).toBeDefined();
    const res = await fetch(`http://127.0.0.1:${ports.verifier}/credentials/verify-url`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: decodeURIComponent(link!), nip: '198609262015052001' }), // the first demo learner's NIP
    });
    const body = await res.json() as { result: { verified: boolean; error?: unknown } };
    expect(body.result.error).toBeUndefined();
    expect(res.status).toBe(200);
  });
});
