/** The real issuer server (`issuer/server.ts`) as a child process, and a hard kill for it. */
import type { ChildProcess } from 'node:child_process';
import { killTree, startServerProcess } from '../helpers/server-process.js';
import { ADMIN_TOKEN } from './helpers.js';

export { killTree };

export const PROCESS_MASTER_KEY = Buffer.alloc(32, 3).toString('base64');

/** Starts the server on `port` and waits for /health; `env` adds to (or overrides) the defaults. */
export function startIssuerProcess(port: number, env: Record<string, string>): Promise<ChildProcess> {
  return startServerProcess('issuer/server.ts', `http://127.0.0.1:${port}`, {
    ISSUER_PORT: String(port),
    ISSUER_MASTER_KEY: PROCESS_MASTER_KEY,
    ISSUER_ADMIN_TOKEN: ADMIN_TOKEN,
    ISSUER_LOG_LEVEL: 'warn',
    ...env,
  });
}
