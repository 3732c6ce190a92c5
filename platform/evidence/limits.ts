import { DEFAULT_EVIDENCE_MAX_BYTES } from '../../shared/platform/evidence';

/**
 * Limits on consent evidence files (issue 14 §2).
 *
 *   NIN1_EVIDENCE_MAX_MIB   largest evidence file the platform takes, in MiB (default 20)
 *
 * A file no retained notification names is deleted by the daily retention purge once it is older
 * than `orphanGraceMs` (room for a counter that uploaded and has not sent its envelope yet); an
 * upload left unfinished is deleted once idle for `staleUploadMs` (the counter starts it again).
 */
export type EvidenceLimits = { maxBytes: number; orphanGraceMs: number; staleUploadMs: number };

const DAY = 86_400_000;
export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = { maxBytes: DEFAULT_EVIDENCE_MAX_BYTES, orphanGraceMs: 7 * DAY, staleUploadMs: 2 * DAY };

export function evidenceLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): EvidenceLimits {
  const raw = env.NIN1_EVIDENCE_MAX_MIB?.trim();
  if (!raw) return DEFAULT_EVIDENCE_LIMITS;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1) throw new Error(`環境變數 NIN1_EVIDENCE_MAX_MIB「${raw}」格式不正確，應為正整數（MiB）`);
  return { ...DEFAULT_EVIDENCE_LIMITS, maxBytes: Number(raw) * 1024 * 1024 };
}
