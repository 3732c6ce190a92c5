import { z } from '../zod';
import { platformText } from './text';
import { AgencyCode } from './wire';

/**
 * Periodic data exchange (seed 000 上傳系統介接): a data-providing unit puts a batch file on the
 * platform for the agency that needs it; that agency lists and downloads it. The file travels as
 * base64 inside JSON so one schema (and one OpenAPI entry) describes it; the platform keeps it with
 * its sha256 so the receiver can check what it got.
 */
export const MAX_BATCH_FILE_BYTES = 3 * 1024 * 1024;
/** HTTP body limit of the upload route: the base64 of the largest file plus metadata. */
export const MAX_BATCH_BODY_BYTES = 5 * 1024 * 1024;

export const BatchDataset = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, '資料集代碼須為小寫英數字、點、底線或連字號');

export const BatchUploadRequest = z.strictObject({
  /** Optional client-made id (UUID) so a retried upload is recognised instead of stored twice. */
  id: z.uuid().optional(),
  receiverAgency: AgencyCode,
  dataset: BatchDataset,
  /** Free text period label, e.g. `2026-11` or `1151126`. */
  period: platformText().trim().min(1).max(32).optional(),
  fileName: z.string().trim().min(1, '請提供檔名').max(200).regex(/^[^/\\\0]+$/, '檔名不可包含路徑'),
  mime: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'MIME 類型格式不正確').max(100).default('application/octet-stream'),
  contentBase64: z.base64('檔案內容須為 base64 編碼').max(Math.ceil(MAX_BATCH_FILE_BYTES / 3) * 4 + 4, '批次檔案超過大小上限'),
});
export type BatchUploadRequest = z.input<typeof BatchUploadRequest>;

export const BatchFile = z.object({
  id: z.uuid(),
  receiverAgency: z.string(),
  /** Who uploaded it: `office:FS01/FS01-W01` or `agency:KH-LAND-FS/client`. */
  sender: z.string(),
  dataset: z.string(),
  period: z.string().nullable(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedAt: z.iso.datetime(),
});
export type BatchFile = z.infer<typeof BatchFile>;

export const BatchUploadResponse = z.object({ batch: BatchFile, outcome: z.enum(['accepted', 'duplicate']) });
export type BatchUploadResponse = z.infer<typeof BatchUploadResponse>;

export const BatchListQuery = z.strictObject({
  cursor: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  dataset: BatchDataset.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type BatchListQuery = z.infer<typeof BatchListQuery>;

export const BatchListResponse = z.object({ batches: z.array(BatchFile), nextCursor: z.number().int().nullable() });
export type BatchListResponse = z.infer<typeof BatchListResponse>;
