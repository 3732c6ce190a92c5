import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config';

/** The one thing the platform needs from e-mail: send this text to that address, or throw. */
export type OutgoingMail = { to: string; subject: string; text: string };
export type Mailer = { send(mail: OutgoingMail): Promise<void>; close(): void };

/**
 * SMTP through nodemailer. Short timeouts: the worker retries later, so a hanging server costs
 * seconds, never a request (mail is sent off the request path).
 */
export function createSmtpMailer(cfg: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    // Loopback sinks and internal relays often speak plain SMTP; require TLS only when configured.
    ignoreTLS: !cfg.secure,
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
