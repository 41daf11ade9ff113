import net from 'node:net';
import { describe, expect, it } from 'vitest';

describe('the no-network guard', () => {
  it('makes a fetch to the internet fail the test that made it', async () => {
    await expect(fetch('https://www.w3.org/ns/credentials/v2')).rejects.toThrow(/may only use 127\.0\.0\.1/);
  });

  it('refuses raw sockets to non-loopback hosts but allows 127.0.0.1', async () => {
    expect(() => net.connect({ host: '93.184.216.34', port: 443 })).toThrow(/may only use/);
    const server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve, reject) => net.connect({ host: '127.0.0.1', port }).on('connect', function (this: net.Socket) { this.destroy(); resolve(); }).on('error', reject));
    await new Promise((r) => server.close(r));
  });
});
