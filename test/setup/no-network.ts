/**
 * Tests never touch the internet: any connection to a host other than the
 * loopback interface throws, so a stray network call fails the test that made it.
 */
import net from 'node:net';
import dns from 'node:dns';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;

export class StrayNetworkCallError extends Error {
  constructor(target: string) {
    super(`Test tried to reach ${target}; tests may only use 127.0.0.1`);
    this.name = 'StrayNetworkCallError';
  }
}

function hostOf(args: unknown[]): string | undefined {
  const [first, second] = args;
  if (first && typeof first === 'object') {
    const opts = first as { host?: string; path?: string };
    if (opts.path) return undefined; // unix socket (IPC), not the network
    return opts.host ?? 'localhost';
  }
  if (typeof first === 'number') return typeof second === 'string' ? second : 'localhost';
  return undefined;
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(Array.isArray(args[0]) ? (args[0] as unknown[]) : args);
  if (host !== undefined && !LOOPBACK.test(host)) throw new StrayNetworkCallError(host);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalLookup = dns.lookup;
(dns as { lookup: unknown }).lookup = function patchedLookup(hostname: string, ...rest: unknown[]) {
  if (!LOOPBACK.test(hostname)) throw new StrayNetworkCallError(hostname);
  return (originalLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
};

const originalFetch = globalThis.fetch;
globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  if (!LOOPBACK.test(url.hostname.replace(/^\[|\]$/g, ''))) throw new StrayNetworkCallError(url.href);
  return originalFetch(input, init);
};
