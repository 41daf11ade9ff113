/**
 * A real service (`issuer/server.ts`, `verifier/server.ts`) as a child process in its own
 * process group, waited for until /health answers, and a hard kill for it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** Starts `node --import tsx <entry>` with `env` added to this process's, and waits for `<url>/health`. */
export async function startServerProcess(entry: string, url: string, env: Record<string, string>): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true, // its own process group, so the kill reaches every process it started
  });
  const end = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${entry} exited with ${proc.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return proc;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      await killTree(proc);
      throw new Error(`${entry} did not answer ${url}/health within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SIGKILL to the child's own process group: no shutdown handler runs. */
export async function killTree(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  process.kill(-proc.pid, 'SIGKILL');
  await exited;
}
