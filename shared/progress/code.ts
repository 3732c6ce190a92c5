import { z } from '../zod';

/**
 * The verification code printed on the citizen's receipt (案件進度查詢碼).
 *
 * 8 characters from 31 letters and digits that survive handwriting, bad printers and reading aloud:
 * no 0/O, 1/I/L (and so no lower case either). 31^8 ≈ 8.5 × 10^11 (≈ 39.6 bits): with the
 * platform's rate limits (a handful of tries per case per quarter hour) guessing one case's code
 * online takes longer than the case exists by many orders of magnitude. Shown as `ABCD-EFGH`;
 * input accepts lower case, spaces and dashes.
 */
export const PROGRESS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PROGRESS_CODE_LENGTH = 8;

const CODE_RE = new RegExp(`^[${PROGRESS_CODE_ALPHABET}]{${PROGRESS_CODE_LENGTH}}$`);

/** `abcd-efgh`, `ABCD EFGH` → `ABCDEFGH`; anything that is then not a well-formed code → null. */
export function normalizeProgressCode(input: string): string | null {
  const s = input.replace(/[\s-]/g, '').toUpperCase();
  return CODE_RE.test(s) ? s : null;
}

/** `ABCDEFGH` → `ABCD-EFGH` (receipt and screen). */
export const formatProgressCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

export const isProgressCode = (s: string): boolean => CODE_RE.test(s);

export const CASE_NO_RE = /^[A-Z0-9]{2,12}-\d{7}-\d{4,6}$/;

/** A typed code: normalised before the check so `abcd efgh` is accepted. */
export const ProgressCodeInput = z
  .string()
  .max(32, '查詢碼格式不正確')
  .transform((s, ctx) => {
    const code = normalizeProgressCode(s);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: `查詢碼為 ${PROGRESS_CODE_LENGTH} 碼英數字（不含 0、O、1、I、L）` });
      return z.NEVER;
    }
    return code;
  });

export const ProgressCaseNoInput = z
  .string()
  .max(40, '案件編號格式不正確')
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(CASE_NO_RE, '案件編號格式不正確（例：FS01-1151127-0001）'));

/**
 * What the counter sends the platform in place of the code: a keyed hash with a per-case random
 * salt (see electron/services/progress/hash.ts for why HMAC and not a slow KDF). `issue` counts
 * reissues: the platform keeps the record with the highest issue for a case.
 */
export const ProgressRecord = z.strictObject({
  alg: z.literal('hmac-sha256-v1'),
  /** 16 random bytes, base64url. */
  salt: z.string().regex(/^[A-Za-z0-9_-]{22}$/, '查詢碼雜湊鹽值格式不正確'),
  /** 32 bytes, base64url. */
  hash: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '查詢碼雜湊格式不正確'),
  issue: z.number().int().min(1).max(1000),
});
export type ProgressRecord = z.infer<typeof ProgressRecord>;
