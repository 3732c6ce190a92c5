import type { SmtpConfig } from '../config';

/**
 * The SMTP TLS mode from the environment: NIN1_SMTP_TLS `opportunistic` (default) or `required`,
 * NIN1_SMTP_CA a PEM file to verify the relay with. Anything else stops the start in zh-TW rather
 * than silently sending in clear text.
 */
export function smtpTlsFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<SmtpConfig, 'tls'> & { caFile?: string } {
  const raw = env.NIN1_SMTP_TLS?.trim() || 'opportunistic';
  if (raw !== 'opportunistic' && raw !== 'required') throw new Error(`環境變數 NIN1_SMTP_TLS「${raw}」不正確，應為 opportunistic 或 required`);
  const ca = env.NIN1_SMTP_CA?.trim();
  return { tls: raw, ...(ca ? { caFile: ca } : {}) };
}
