import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config';

/** The one thing the platform needs from e-mail: send this text to that address, or throw. */
export type OutgoingMail = { to: string; subject: string; text: string };
export type Mailer = { send(mail: OutgoingMail): Promise<void>; close(): void };

/**
 * SMTP through nodemailer. Short timeouts: the worker retries later, so a hanging server costs
 * seconds, never a request (mail is sent off the request path).
 */
/** `tls` may be left out by callers that build the config by hand: opportunistic, as the schema's default. */
export function createSmtpMailer(given: Omit<SmtpConfig, 'tls'> & { tls?: SmtpConfig['tls'] }): Mailer {
  const cfg = { ...given, tls: given.tls ?? 'opportunistic' };
  const required = cfg.secure || cfg.tls === 'required';
  const transport = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    // STARTTLS whenever offered; without it only when TLS is not required (a plain internal relay).
    requireTLS: cfg.tls === 'required',
    // Opportunistic TLS guards against eavesdropping, not impersonation: county relays often carry
    // self-signed certificates, and refusing them would leave the alert unsent rather than sent in
    // clear. Required TLS verifies the certificate (against the configured CA when given).
    tls: required ? { rejectUnauthorized: true, ...(cfg.caFile ? { ca: readFileSync(cfg.caFile) } : {}) } : { rejectUnauthorized: false },
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: cfg.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
