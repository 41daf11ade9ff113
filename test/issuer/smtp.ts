/**
 * A real SMTP server in the test process (smtp-server on 127.0.0.1, port 0) that keeps every
 * message it accepts, and the issuer's mail settings pointing at it (nodemailer): claim-link
 * emails are tested end to end, no mock transport.
 */
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { MailTransport } from '../../issuer/services/claim-mail.js';

export interface Received { to: string[]; raw: string }

export interface TestSmtp {
  received: Received[];
  mail: MailTransport;
  close(): Promise<void>;
}

/** `refuse`: addresses the server refuses at RCPT TO with 550, as a real one does for a missing mailbox. */
export async function startSmtp(opts: { refuse?: (address: string) => boolean } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.refuse?.(address.address)) cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    received,
    mail: { transporter: nodemailer.createTransport(`smtp://127.0.0.1:${port}`), from: '"Kredensial ASN" <no-reply@kredensial.test>' },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
