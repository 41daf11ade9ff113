import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** An http server on 127.0.0.1:0 whose handler is set later (its URL is needed to build the app). */
export async function listenLater(): Promise<{ server: http.Server; url: string; handle(app: Express): void; close(): Promise<void> }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    url,
    handle: (app) => void server.on('request', app),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
