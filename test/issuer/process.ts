/** The real issuer server (`npx tsx issuer/server.ts`) as a child process, and a hard kill for it. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { ADMIN_TOKEN, waitFor } from './helpers.js';

export const PROCESS_MASTER_KEY = Buffer.alloc(32, 3).toString('base64');

/** Starts the server on `port` and waits for /health; `env` adds to (or overrides) the defaults. */
export async function startIssuerProcess(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const proc = spawn('npx', ['tsx', 'issuer/server.ts'], {
    env: {
      ...process.env,
      ISSUER_PORT: String(port),
      ISSUER_MASTER_KEY: PROCESS_MASTER_KEY,
      ISSUER_ADMIN_TOKEN: ADMIN_TOKEN,
      ISSUER_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true, // its own process group, so the kill reaches tsx's node child too
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (proc.exitCode !== null) throw new Error(`issuer exited with ${proc.exitCode}`);
    try {
      return (await fetch(`${url}/health`)).ok ? true : undefined;
    } catch {
      return undefined;
    }
  }, 30_000, 200);
  return proc;
}

/** SIGKILL to the child's own process group (npx → tsx → node): no shutdown handler runs. */
export async function killTree(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.pid === undefined) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  process.kill(-proc.pid, 'SIGKILL');
  await exited;
}
