/**
 * Issue 7 item 5: "the full NIP is recovered from a printed certificate in 0.2 s". The
 * attacker below is the audit's: read the NIP digits printed on the PDF, follow the QR
 * link anonymously, and enumerate the NIPs that fit the printed digits and the NIP's
 * structure against the credential's salted hash. It must find nothing now: the PDF prints
 * no digit, the link serves no hash without the NIP, and online guesses are counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesIdentity } from '../../shared/model/index.js';
import { call, learningInput, pdfText, setupProvider, startIssuer } from './helpers.js';
import type { Loose, TestIssuer } from './helpers.js';

const NIP = '198609262015052001';
let issuer: TestIssuer;
let apiKey: string;
let did: string;

beforeAll(async () => {
  issuer = await startIssuer();
  ({ apiKey, provider: { did } } = await setupProvider(issuer.url, 'cert-prov'));
});
afterAll(async () => {
  await issuer.close();
});

/** Every NIP that fits the printed digits: birth date, appointment month, gender, sequence. */
function* candidates(pattern: string): Generator<string> {
  const fits = (nip: string) => [...pattern].every((c, i) => c === '*' || c === nip[i]);
  const birthYear = Number(pattern.slice(0, 4));
  if (!Number.isInteger(birthYear)) return; // without the year the audit's search is out of reach
  for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) {
    const birth = `${birthYear}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
    for (let y = birthYear + 18; y <= 2025; y++) for (let am = 1; am <= 12; am++) for (const g of ['1', '2']) {
      const prefix = `${birth}${y}${String(am).padStart(2, '0')}${g}`;
      const nip = `${prefix}${pattern.slice(15)}`;
      if (/^[0-9]{18}$/.test(nip) && fits(nip)) yield nip;
    }
  }
}

/** The audit's attack from a printed certificate; returns the NIP when it finds it. */
async function attack(pdf: Buffer, qrTarget: string): Promise<string | undefined> {
  const printed = /NIP\s+([0-9*]{18})/.exec(pdfText(pdf))?.[1];
  const res = await fetch(qrTarget); // anonymous, as anyone who picks up the paper
  const body = (await res.json().catch(() => undefined)) as Loose;
  const identity = body?.credentialSubject?.identifier?.find((i: Loose) => i.hashed === true);
  if (!printed || !identity) return undefined;
  for (const nip of candidates(printed)) if (matchesIdentity(identity, nip)) return nip;
  return undefined;
}

async function issueOne(): Promise<Loose> {
  const issued = await call(issuer.url, 'POST', '/learning-credentials', { token: apiKey, body: learningInput() });
  expect(issued.status).toBe(201);
  return issued.body;
}

describe('printed certificate and the NIP', () => {
  it('the brute-force attack from the printed certificate finds nothing', async () => {
    const issued = await issueOne();
    const pdf = Buffer.from(await (await fetch(`${issuer.url}${issued.certificate.pdf}`, { headers: { authorization: `Bearer ${apiKey}` } })).arrayBuffer());
    const text = pdfText(pdf);
    expect(text).toContain('Siti Rahmawati'); // the extraction reads the PDF
    expect(text).not.toMatch(/NIP\s+[0-9*]/);
    expect(text).not.toContain(NIP.slice(0, 4));
    expect(text).not.toContain(NIP.slice(15));
    const anonymous = await call(issuer.url, 'GET', new URL(issued.certificate.verificationUrl).pathname);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('CERTIFICATE_NIP_REQUIRED');
    expect(JSON.stringify(anonymous.body)).not.toMatch(/identityHash|salt/);
    expect(await attack(pdf, issued.certificate.verificationUrl)).toBeUndefined();
  });

  it('HR opens the link with the holder\'s NIP; a wrong NIP is refused without the hash', async () => {
    const issued = await issueOne();
    const path = new URL(issued.certificate.verificationUrl).pathname;
    const ok = await call(issuer.url, 'POST', path, { body: { nip: '19860926 201505 2 001' } });
    expect(ok.status).toBe(200);
    expect(ok.body.id).toBe(issued.verifiableCredential.id);
    expect(ok.body.proof).toBeDefined();
    const wrong = await call(issuer.url, 'POST', path, { body: { nip: '198609262015052002' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('CERTIFICATE_NIP_MISMATCH');
    expect(JSON.stringify(wrong.body)).not.toMatch(/identityHash|salt|19860926/);
    expect((await call(issuer.url, 'POST', path, { body: { nip: '12' } })).status).toBe(400);
    expect((await call(issuer.url, 'POST', path, { body: { other: 1 } })).status).toBe(422);
  });

  it('online guessing is capped: parallel wrong guesses are counted atomically, then even the right NIP waits', async () => {
    const issued = await issueOne();
    const path = new URL(issued.certificate.verificationUrl).pathname;
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => call(issuer.url, 'POST', path, { body: { nip: `1986092620150520${String(10 + i)}` } })));
    expect(guesses.filter((g) => g.status === 403)).toHaveLength(5);
    expect(guesses.filter((g) => g.status === 429)).toHaveLength(15);
    const right = await call(issuer.url, 'POST', path, { body: { nip: NIP } });
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('CERTIFICATE_LOCKED');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // The window passes: the holder's NIP opens it again.
    const saved = issuer.clock.now;
    issuer.clock.now = new Date(saved.getTime() + 25 * 3600 * 1000);
    try {
      expect((await call(issuer.url, 'POST', path, { body: { nip: NIP } })).status).toBe(200);
    } finally {
      issuer.clock.now = saved;
    }
  });

  it('a credential without a hashed identifier opens with a plain GET', async () => {
    const issued = await call(issuer.url, 'POST', '/credentials/issue', {
      token: apiKey,
      body: { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: did, credentialSubject: { id: 'did:example:learner' } } },
    });
    expect(issued.status).toBe(201);
    const res = await call(issuer.url, 'GET', new URL(issued.body.certificate.verificationUrl).pathname);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(issued.body.verifiableCredential.id);
  });
});
