import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ProgressRecord } from '../../../shared/progress/code';

/**
 * The progress code as the platform keeps it: HMAC-SHA256 keyed with a per-case random 16-byte salt
 * over (version, case number, code). Shared by the counter (which makes the record) and the
 * platform (which checks typed codes against it).
 *
 * Why a keyed fast hash and not scrypt:
 * - The code only unlocks a list of agency statuses that sits, in clear, in the same platform
 *   database as the record. Someone who can read the record can already read the statuses, so a
 *   slow KDF would protect nothing extra; what matters is that the code itself (a credential on
 *   the citizen's paper) is never in the platform's tables, dumps, logs or backups. The per-case
 *   salt means no precomputed table and no way to see that two cases share a code.
 * - Online guessing is what actually threatens the code, and the endpoint's rate limits stop it
 *   (5 tries per case per 15 minutes against 31^8 codes).
 * - Cost: a case save has a 2 ms budget (bench case-save) and the drain bench sends 2,000 cases;
 *   scrypt at a meaningful cost is ~40 ms each on this hardware. On the public endpoint a slow KDF
 *   is also a CPU lever for anyone sending requests. HMAC costs microseconds on both sides.
 * `alg` is versioned in the record so a different scheme can be introduced per case later.
 */
export const PROGRESS_ALG = 'hmac-sha256-v1' as const;

const b64url = (b: Buffer): string => b.toString('base64url');

export function progressDigest(caseNo: string, code: string, saltB64: string): Buffer {
  return createHmac('sha256', Buffer.from(saltB64, 'base64url')).update(`nin1-progress-v1\n${caseNo}\n${code}`, 'utf8').digest();
}

/** A fresh record for a (case, code): new random salt. */
export function makeProgressRecord(caseNo: string, code: string, issue: number): ProgressRecord {
  const salt = b64url(randomBytes(16));
  return { alg: PROGRESS_ALG, salt, hash: b64url(progressDigest(caseNo, code, salt)), issue };
}

/**
 * Constant-work check: always one HMAC and one timingSafeEqual over 32 bytes, whatever the input
 * (callers pass a dummy record when the case is unknown, so that path does the same work).
 */
export function verifyProgressCode(record: Pick<ProgressRecord, 'salt' | 'hash'>, caseNo: string, code: string): boolean {
  const want = Buffer.alloc(32);
  Buffer.from(record.hash, 'base64url').copy(want, 0, 0, 32);
  const got = progressDigest(caseNo, code, record.salt);
  return timingSafeEqual(got, want);
}
