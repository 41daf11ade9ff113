/**
 * Claim links by email through a real SMTP server in this process (smtp-server on
 * 127.0.0.1, port 0) and nodemailer — no mock transport: the message the learner would get
 * (Indonesian, then English, with the claim link), a refused address failing its row only,
 * rows without an email or already claimed skipped, and an issuer without SMTP saying that
 * links must be handed out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, learningInput, setupProvider, startIssuer, waitFor } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';
import { startSmtp } from './smtp.js';
import type { Received, TestSmtp } from './smtp.js';

let smtp: TestSmtp;
let received: Received[];
let issuer: TestIssuer;
let plain: TestIssuer;
let apiKey: string;

beforeAll(async () => {
  // A mailbox that does not exist: the server refuses it at RCPT TO, as a real one would.
  smtp = await startSmtp({ refuse: (address) => address.startsWith('hilang@') });
  received = smtp.received;
  issuer = await startIssuer({ mail: smtp.mail });
  plain = await startIssuer();
  apiKey = (await setupProvider(issuer.url, 'mail-prov', { name: 'Pusdiklat Surel' })).apiKey;
});
afterAll(async () => {
  await issuer?.close();
  await plain?.close();
  await smtp.close();
});

/** The decoded text body of a received message (quoted-printable soft breaks undone). */
function bodyOf(m: Received): string {
  return m.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe('claim links by email', () => {
  it('sends a cohort its claim links (Indonesian, then English); a refused address and a missing one show per row', async () => {
    const rows = [
      learningInput({ learner: { name: 'Siti Rahmawati', nip: '198609262015052001', email: 'siti@instansi.test' } }),
      learningInput({ learner: { name: 'Budi Santoso', nip: '199001152019031002', email: 'hilang@instansi.test' } }),
      learningInput({ learner: { name: 'Dewi Lestari', nip: '198812032014022003' } }),
    ];
    const job = await call(issuer.url, 'POST', '/batches', { token: apiKey, body: rows });
    await waitFor(async () => ((await call(issuer.url, 'GET', `/batches/${job.body.id}`, { token: apiKey })).body.state === 'completed' ? true : undefined));

    const res = await call(issuer.url, 'POST', `/batches/${job.body.id}/send-claim-links`, { token: apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sent: 1, failed: 1, skipped: 1 });
    expect(res.body.results.map((r: Loose) => [r.row, r.state, r.reason])).toEqual([[1, 'sent', undefined], [2, 'failed', 'SMTP_550'], [3, 'skipped', 'NO_EMAIL']]);
    expect(JSON.stringify(res.body)).not.toContain('@instansi.test');

    expect(received).toHaveLength(1);
    const mail = received[0] as Received;
    expect(mail.to).toEqual(['siti@instansi.test']);
    const text = bodyOf(mail);
    const rowsOut = await call(issuer.url, 'GET', `/batches/${job.body.id}/rows?state=issued`, { token: apiKey });
    const link = rowsOut.body.rows[0].claimOffer as string;
    expect(text).toContain(link);
    expect(text).toContain('Yth. Siti Rahmawati');
    expect(text.indexOf('Yth.')).toBeLessThan(text.indexOf('Dear Siti Rahmawati'));
    expect(text).toContain('Pusdiklat Surel menerbitkan kredensial');
    expect(text).not.toContain('198609262015052001');

    // Pressing "send" again mails only those not reached yet: Siti is not mailed twice.
    received.length = 0;
    const again = await call(issuer.url, 'POST', `/batches/${job.body.id}/send-claim-links`, { token: apiKey });
    expect(again.body.results.map((r: Loose) => [r.row, r.state, r.reason])).toEqual([[1, 'skipped', 'ALREADY_SENT'], [2, 'failed', 'SMTP_550'], [3, 'skipped', 'NO_EMAIL']]);
    expect(received).toHaveLength(0);
    // …unless asked to send to all again (the last outcome stays "sent").
    const all = await call(issuer.url, 'POST', `/batches/${job.body.id}/send-claim-links?resend=all`, { token: apiKey });
    expect(all.body).toMatchObject({ sent: 1, failed: 1, skipped: 1 });
    expect(received.map((m) => m.to[0])).toEqual(['siti@instansi.test']);
    const bad = await call(issuer.url, 'POST', `/batches/${job.body.id}/send-claim-links?resend=yes`, { token: apiKey });
    expect([bad.status, bad.body.code]).toEqual([400, 'REQUEST_INVALID']);
  });

  it('one credential: sent to the address given at issuance; none once claimed', async () => {
    received.length = 0;
    const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput({ learner: { name: 'Ayu', nip: '199001152018012003', email: 'ayu@instansi.test' } }) });
    const key = String(issued.body.credentialRecord).split('/').pop();
    const sent = await call(issuer.url, 'POST', `/credentials/${key}/send-claim-link`, { token: apiKey });
    expect(sent.body).toMatchObject({ state: 'sent' });
    expect(received.map((m) => m.to[0])).toEqual(['ayu@instansi.test']);
    await call(issuer.url, 'POST', '/credentials/status', { token: apiKey, body: { credentialId: `urn:uuid:${key}`, credentialStatus: [{ status: 'revoked' }] } });
    expect((await call(issuer.url, 'POST', `/credentials/${key}/send-claim-link`, { token: apiKey })).body).toMatchObject({ state: 'skipped', reason: 'REVOKED' });
    expect(received).toHaveLength(1);
  });

  it('without SMTP_URL: whoami says so and sending is 409 EMAIL_NOT_CONFIGURED (hand the links out)', async () => {
    const key = (await setupProvider(plain.url, 'no-mail')).apiKey;
    expect((await call(plain.url, 'GET', '/portal/api/whoami', { token: key })).body.email).toBe(false);
    expect((await call(issuer.url, 'GET', '/portal/api/whoami', { token: apiKey })).body.email).toBe(true);
    const issued = await call(plain.url, 'POST', '/learning-credentials', { token: key, body: learningInput({ learner: { name: 'Ayu', nip: '199001152018012003', email: 'ayu@instansi.test' } }) });
    const res = await call(plain.url, 'POST', `/credentials/${String(issued.body.credentialRecord).split('/').pop()}/send-claim-link`, { token: key });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EMAIL_NOT_CONFIGURED');
    expect(res.body.messageId).toMatch(/secara manual/);
  });
});
