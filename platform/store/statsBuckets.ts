/**
 * Log-scale buckets for turnaround spans (ms), so a percentile over millions of notifications is
 * read from a histogram (platform/store/statsRollup.ts) instead of sorting every span.
 *
 * Bucket 0 holds spans under 1 s (and negative ones, a clock step); bucket b ≥ 1 holds
 * [1000·R^(b−1), 1000·R^b) ms with R = 1.02. The value reported for a bucket is its geometric middle,
 * 1000·R^(b−½): every span in the bucket is within a factor √R of it, a relative error ≤ 0.995 %
 * (bucket 0 is reported as 0.5 s, off by < 0.5 s). The expression is computed by the database, the
 * same double arithmetic (libm's log) in the write path, the back-fill and the edge reads, so a span
 * always lands in the same bucket. Migration 14 (migrations/statsRollups.ts) carries a frozen copy.
 */
export const BUCKET_RATIO = 1.02;
export const MAX_RELATIVE_ERROR = Math.sqrt(BUCKET_RATIO) - 1;

/** ln(1.02) as the literal both engines parse to the same double. */
const LN_RATIO = '0.01980262729617973';

export const spanBucketSql = (span: string): string =>
  `CASE WHEN ${span} < 1000 THEN 0 ELSE 1 + CAST(floor(ln(CAST(${span} AS DOUBLE PRECISION) / 1000) / CAST(${LN_RATIO} AS DOUBLE PRECISION)) AS INTEGER) END`;

/** The span a bucket stands for, in seconds (rounded to the ms, like the exact figures). */
export const bucketSeconds = (bucket: number): number => (bucket <= 0 ? 0.5 : Math.round(1000 * BUCKET_RATIO ** (bucket - 0.5)) / 1000);
