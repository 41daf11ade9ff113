/** `drained`: the wait behind the cohort downloads' backpressure (issuer/services/backpressure.ts). */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { drained } from '../../issuer/services/backpressure.js';

function heldStream(): { out: Writable; release: () => void } {
  const held: Array<() => void> = [];
  const out = new Writable({ highWaterMark: 4, write(_chunk, _enc, done) { held.push(done); } });
  return { out, release: () => { for (const done of held.splice(0)) done(); } };
}

describe('drained', () => {
  it('resolves at once while the stream wants data', async () => {
    await expect(drained(heldStream().out)).resolves.toBeUndefined();
  });

  it('waits for the drain once the buffer is full', async () => {
    const { out, release } = heldStream();
    expect(out.write(Buffer.alloc(8))).toBe(false);
    let done = false;
    const waiting = drained(out).then(() => void (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    release();
    await waiting;
    expect(done).toBe(true);
    expect(out.listenerCount('close')).toBe(0); // no listener left behind per wait
  });

  it('rejects with DOWNLOAD_CLOSED when the stream closes instead, or is already closed', async () => {
    const { out } = heldStream();
    out.write(Buffer.alloc(8));
    const waiting = drained(out);
    out.destroy();
    await expect(waiting).rejects.toMatchObject({ code: 'DOWNLOAD_CLOSED' });
    expect(out.listenerCount('drain')).toBe(0);
    await expect(drained(out)).rejects.toMatchObject({ code: 'DOWNLOAD_CLOSED' });
    const ended = new Writable({ write(_c, _e, done) { done(); } });
    ended.end();
    await expect(drained(ended)).rejects.toMatchObject({ code: 'DOWNLOAD_CLOSED' });
  });
});
