import { z } from '../zod';

/**
 * Scanned files a counter answers a 補件 round with (issue 14 §3): each by its SHA-256 and page
 * count, as the case's attachment store keys it. The hash is what the answer (and its signature)
 * commits to; the bytes travel by the content-addressed evidence upload, not in the answer.
 */
export const SupplementPage = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '檔案雜湊須為 64 位十六進位'),
  pages: z.number().int().min(1).max(500),
});
export type SupplementPage = z.infer<typeof SupplementPage>;

export const SupplementPages = z.array(SupplementPage).max(20, '一次最多附 20 個掃描檔');
