import type { Catalogue } from '../shared/catalogue/schema';
import { z } from '../shared/zod';
import { progressLimitsFromEnv, type ProgressLimits } from './progress/limits';
import { httpLimitsFromEnv, type HttpLimits } from './server/httpLimits';
import { resourceLimitsFromEnv, type ResourceLimits } from './server/resourceLimits';
import { trustProxyFromEnv } from './server/trustProxy';
import { evidenceLimitsFromEnv, type EvidenceLimits } from './evidence/limits';

/**
 * Platform settings as the server runs with them. The CLI builds them from flags/env; tests build
 * them directly. The token secret comes from NIN1_PLATFORM_SECRET (several nodes must share it) or,
 * for a single node, is generated once and kept in the database's meta table.
 */
export const SmtpConfig = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  /** Implicit TLS from the first byte (port 465). */
  secure: z.boolean().default(false),
  /**
   * STARTTLS on a plain port (issue 13 finding 7): `opportunistic` (default) upgrades whenever the
   * server offers it, so alerts never cross the network in clear text when TLS is possible;
   * `required` refuses to send without TLS and verifies the server's certificate (against `caFile`
   * when given). NIN1_SMTP_TLS, NIN1_SMTP_CA.
   */
  tls: z.enum(['opportunistic', 'required']).default('opportunistic'),
  caFile: z.string().min(1).optional(),
  from: z.string().min(3).default('N合一跨機關通報平台 <no-reply@platform.example.gov.tw>'),
});
export type SmtpConfig = z.infer<typeof SmtpConfig>;

export type PlatformConfig = {
  version: string;
  catalogue: Catalogue;
  /** HMAC key for bearer tokens; ≥ 32 characters. */
  secret: string;
  tokenTtlDays: number;
  /** First retry delay for a failed alert mail; doubles per attempt up to an hour. */
  mailRetryBaseMs: number;
  /** Where the platform tells mail readers to go (the agency inbox lives in the N-in-1 app). */
  publicUrl: string | null;
  /** Validate every JSON answer against the endpoint table (tests; costs a little time). */
  checkResponses: boolean;
  sseHeartbeatMs: number;
  /** Public progress lookup rate limits (platform/progress/limits.ts). */
  progressLimits: ProgressLimits;
  /** Reverse proxies whose X-Forwarded-For names the client (platform/server/trustProxy.ts); false: none. */
  trustProxy: string | false;
  /** Socket timeouts and connection cap of the HTTP server (platform/server/httpLimits.ts). */
  http: HttpLimits;
  /** Per-client caps: SSE streams, batch quota, message-log retention (platform/server/resourceLimits.ts). */
  resources: ResourceLimits;
  /** Consent evidence files: size cap, orphan grace, stale uploads (platform/evidence/limits.ts). */
  evidence: EvidenceLimits;
};

export const DEFAULT_TOKEN_TTL_DAYS = 365;
export const PLATFORM_VERSION = '0.1.0';

export function platformConfig(catalogue: Catalogue, secret: string, over: Partial<PlatformConfig> = {}): PlatformConfig {
  if (secret.length < 32) throw new Error('platform secret must be at least 32 characters');
  return {
    version: PLATFORM_VERSION,
    catalogue,
    secret,
    tokenTtlDays: DEFAULT_TOKEN_TTL_DAYS,
    mailRetryBaseMs: 30_000,
    publicUrl: null,
    checkResponses: false,
    sseHeartbeatMs: 15_000,
    progressLimits: progressLimitsFromEnv(),
    trustProxy: trustProxyFromEnv(),
    http: httpLimitsFromEnv(),
    resources: resourceLimitsFromEnv(),
    evidence: evidenceLimitsFromEnv(),
    ...over,
  };
}
