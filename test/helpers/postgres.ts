/**
 * A throw-away PostgreSQL cluster for tests, from Debian's `postgresql` package: `initdb`
 * into a temp dir, a free port on 127.0.0.1, the unix socket in the same temp dir, no
 * system service; stopped (and deleted) at the end. PostgreSQL refuses to run as root, so
 * as root the cluster runs as `nobody`.
 *
 * Started once per `vitest run` by test/setup/postgres.ts, which hands the URL to the test
 * files (`pgUrl()` in pg-run.ts; this file must not import vitest: global setup loads it). Where PostgreSQL is absent the PostgreSQL suites say so and skip; in CI
 * (CI=true) a missing PostgreSQL fails the run instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

export interface PgCluster {
  url: string;
  stop(): void;
}

/** The newest Debian PostgreSQL bin dir, or undefined. */
export function findPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** Starts a cluster; undefined (with the reason) when PostgreSQL is not installed. */
export async function startPgCluster(opts: { durable?: boolean } = {}): Promise<PgCluster | { missing: string }> {
  const bin = findPgBin();
  if (!bin) return { missing: 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql)' };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-test-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'nobody', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    chownSync(dir, 65534, 65534);
    chmodSync(dir, 0o700);
  }
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  // Durability is not what the tests prove; fsync off keeps a 2-core machine usable. The
  // benchmark asks for a durable cluster (default settings), as production would run.
  const fast = opts.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const serverOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=${opts.durable ? '128MB' : '32MB'}${fast}`;
  run('pg_ctl', ['-D', data, '-o', serverOpts, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** `pg_dump` / `psql` of the run's PostgreSQL (backup and restore tests). */
export function pgTool(tool: string, args: string[]): string {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL is not installed.');
  return execFileSync(path.join(bin, tool), args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}
