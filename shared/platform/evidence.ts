import { z } from '../zod';

/**
 * Consent evidence that travels with a notification (issue 14 §2): the pages of the citizen's signed
 * consent form that one receiving agency is entitled to (its items' pages and the personal-data
 * consent page, cut at the counter), as one PDF addressed by its SHA-256. Declared once for the
 * platform, the counter's uploader and the agency inbox.
 *
 * Transport (tus-like, resumable, content-addressed):
 * - `GET /v1/evidence/{sha256}` (also answers HEAD) → how much of that file the platform holds;
 *   headers `Upload-Offset` and `Upload-Length` carry the same numbers.
 * - `PUT /v1/evidence/{sha256}` with `Content-Range: bytes FIRST-LAST/TOTAL` and the chunk as
 *   `application/octet-stream`; FIRST must equal the received length. The last chunk completes the
 *   file: its hash is checked, it must be a PDF, and only then is it stored (once, for everyone).
 */

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 須為 64 位小寫十六進位字串');

/** What an envelope says about one evidence file (signed with the envelope: RFC 8785 canonical form). */
export const EvidenceRef = z.strictObject({
  sha256: Sha256Hex,
  /** Bytes of the file. */
  size: z.number().int().positive(),
  /** Pages in the PDF. */
  pages: z.number().int().positive().max(500),
  /** Which pages of the printed consent form these are (1-based, in the PDF's order). */
  formPages: z.array(z.number().int().positive().max(500)).max(500),
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

/** At most this many evidence files per envelope (today the counter sends one). */
export const MAX_EVIDENCE_PER_ENVELOPE = 10;

/** What the platform holds of one file: `received` bytes of `length` (null before the first chunk). */
export const EvidenceUploadState = z.object({
  sha256: Sha256Hex,
  length: z.number().int().positive().nullable(),
  received: z.number().int().nonnegative(),
  complete: z.boolean(),
});
export type EvidenceUploadState = z.infer<typeof EvidenceUploadState>;

/** The evidence of one notification as its receiving agency sees it. */
export const EvidenceList = z.object({ evidence: z.array(EvidenceRef) });
export type EvidenceList = z.infer<typeof EvidenceList>;

/** Largest chunk the platform takes in one PUT; the counter sends {@link EVIDENCE_CHUNK_BYTES}. */
export const MAX_EVIDENCE_CHUNK_BYTES = 4 * 1024 * 1024;
export const EVIDENCE_CHUNK_BYTES = 1024 * 1024;
/** Default cap on one evidence file (platform: NIN1_EVIDENCE_MAX_MIB). A few scanned A4 pages are far below it. */
export const DEFAULT_EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export type ContentRange = { first: number; last: number; total: number };

/** `bytes 0-1048575/3000000` → numbers, or null when absent or malformed (FIRST ≤ LAST < TOTAL). */
export function parseContentRange(header: string | undefined): ContentRange | null {
  const m = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(header?.trim() ?? '');
  if (!m) return null;
  const [first, last, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return first <= last && last < total ? { first, last, total } : null;
}

export const formatContentRange = (r: ContentRange): string => `bytes ${r.first}-${r.last}/${r.total}`;
