import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpConfig } from '../config';
import { createSmtpMailer } from './mailer';
import { smtpTlsFromEnv } from './smtpTls';

/** A real SMTP server on loopback with a throwaway certificate for `localhost`; records whether each mail came over TLS. */
const dir = mkdtempSync(join(tmpdir(), 'nin1-smtp-tls-'));
let key: Buffer;
let cert: Buffer;
beforeAll(() => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  key = readFileSync(join(dir, 'key.pem'));
  cert = readFileSync(join(dir, 'cert.pem'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sink(opts: { starttls: boolean }): Promise<{ port: number; received: { secure: boolean }[]; close(): Promise<void> }> {
  const received: { secure: boolean }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: !opts.starttls,
    key,
    cert,
    onData(stream, session, done) {
      stream.resume();
      stream.on('end', () => {
        received.push({ secure: session.secure });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as { port: number }).port;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const mail = { to: 'verify@kh-tax.example.gov.tw', subject: '【檢證請求】測試', text: '測試' };

describe('alert mail TLS', () => {
  it('finding 7: STARTTLS is used whenever the server offers it (opportunistic by default, self-signed relay accepted)', async () => {
    const s = await sink({ starttls: true });
    const m = createSmtpMailer(SmtpConfig.parse({ host: 'localhost', port: s.port }));
    await m.send(mail);
    m.close();
    await s.close();
    expect(s.received).toEqual([{ secure: true }]);
  });

  it('finding 7: opportunistic still delivers through a plain relay that offers no TLS', async () => {
    const s = await sink({ starttls: false });
    const m = createSmtpMailer(SmtpConfig.parse({ host: 'localhost', port: s.port }));
    await m.send(mail);
    m.close();
    await s.close();
    expect(s.received).toEqual([{ secure: false }]);
  });

  it('finding 7: required TLS refuses a relay without STARTTLS and one with an unverifiable certificate; sends with the configured CA', async () => {
    const plain = await sink({ starttls: false });
    const noTls = createSmtpMailer(SmtpConfig.parse({ host: 'localhost', port: plain.port, tls: 'required' }));
    await expect(noTls.send(mail)).rejects.toThrow();
    noTls.close();
    await plain.close();
    expect(plain.received).toEqual([]);

    const tls = await sink({ starttls: true });
    const unverified = createSmtpMailer(SmtpConfig.parse({ host: 'localhost', port: tls.port, tls: 'required' }));
    await expect(unverified.send(mail)).rejects.toThrow();
    unverified.close();
    const verified = createSmtpMailer(SmtpConfig.parse({ host: 'localhost', port: tls.port, tls: 'required', caFile: join(dir, 'cert.pem') }));
    await verified.send(mail);
    verified.close();
    await tls.close();
    expect(tls.received).toEqual([{ secure: true }]);
  });

  it('finding 7: NIN1_SMTP_TLS / NIN1_SMTP_CA configure it; anything else stops the start in zh-TW', () => {
    expect(smtpTlsFromEnv({})).toEqual({ tls: 'opportunistic' });
    expect(smtpTlsFromEnv({ NIN1_SMTP_TLS: 'required', NIN1_SMTP_CA: '/etc/ssl/relay.pem' })).toEqual({ tls: 'required', caFile: '/etc/ssl/relay.pem' });
    expect(() => smtpTlsFromEnv({ NIN1_SMTP_TLS: 'none' })).toThrow(/NIN1_SMTP_TLS.*不正確/);
  });
});
