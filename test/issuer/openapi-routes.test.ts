/**
 * Every route the issuer's express app answers is described in /openapi.json, with the same
 * methods, so the document cannot drift from the routers again. The routes are read from the
 * real app's router stack (express 5), not from a list kept by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuer } from '../../issuer/app.js';
import { buildOpenApi } from '../../issuer/openapi.js';
import { openLevelStore } from '../../issuer/store/level-store.js';
import { ADMIN_TOKEN, MASTER_KEY } from './helpers.js';

/** Pages and their files, not API: the portal, the docs page's script, favicons. */
const NOT_API = new Set(['GET /portal', 'GET /portal/assets/app.js', 'GET /portal/assets/app.css', 'GET /docs/init.js', 'GET /favicon.ico', 'GET /favicon.svg']);
/** Where sub-routers are mounted under a path (app.ts); a new mount must be added here. */
const MOUNTS = ['/admin'];

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  slash?: boolean;
  match?: (p: string) => boolean;
}

/** `METHOD /path/{param}` for every route of a router stack, recursing into sub-routers. */
function routesOf(stack: Layer[], prefix: string, out: string[]): string[] {
  for (const layer of stack) {
    if (layer.route) {
      for (const p of Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]) {
        for (const [m, on] of Object.entries(layer.route.methods)) {
          if (on && m !== '_all') out.push(`${m.toUpperCase()} ${prefix}${p.replace(/:(\w+)/g, '{$1}')}`);
        }
      }
    } else if (layer.handle?.stack) {
      let mount = '';
      if (!layer.slash) {
        mount = MOUNTS.find((m) => layer.match?.(`${m}/x`)) ?? '';
        expect(mount, 'a sub-router mounted under an unknown path: add it to MOUNTS').not.toBe('');
      }
      routesOf(layer.handle.stack, prefix + mount, out);
    }
  }
  return out;
}

let dataDir: string;
let store: Awaited<ReturnType<typeof openLevelStore>>;
let routes: string[];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'openapi-routes-'));
  store = await openLevelStore(path.join(dataDir, 'db'));
  const { app } = createIssuer({
    store,
    now: () => new Date(Date.UTC(2026, 0, 1)),
    masterKey: MASTER_KEY,
    adminToken: ADMIN_TOKEN,
    logger: pino({ level: 'silent' }),
    settings: { publicUrl: 'http://127.0.0.1:1', claimOfferTtlSeconds: 3600, statusListLength: 131072 },
  });
  routes = [...new Set(routesOf((app as unknown as { router: { stack: Layer[] } }).router.stack, '', []))];
});
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('OpenAPI document', () => {
  it('describes every route the app registers, with its method', () => {
    expect(routes.length).toBeGreaterThan(40); // the walk found the routers
    const paths = buildOpenApi('http://127.0.0.1:1').paths as Record<string, Record<string, unknown>>;
    const missing = routes.filter((r) => !NOT_API.has(r)).filter((r) => {
      const [method = '', p = ''] = r.split(' ');
      return !paths[p]?.[method.toLowerCase()];
    });
    expect(missing).toEqual([]);
  });

  it('describes no route the app does not have', () => {
    const paths = buildOpenApi('http://127.0.0.1:1').paths as Record<string, Record<string, unknown>>;
    const known = new Set(routes);
    const extra = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).filter((r) => !known.has(r));
    expect(extra).toEqual([]);
  });
});
