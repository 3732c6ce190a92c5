import { NotificationStatus } from '../cases/schema';
import { z } from '../zod';
import { platformText } from './text';

/**
 * 統計交叉分析: counts of notifications grouped by any of item / agency / office / day / status
 * (a cross-tab the supervisor rolls up), plus per-agency turnaround times. `day` is the platform's
 * Asia/Taipei calendar day of delivery, never a counter's clock.
 */
export const STAT_DIMENSIONS = ['item', 'agency', 'office', 'day', 'status'] as const;
export const StatDimension = z.enum(STAT_DIMENSIONS);
export type StatDimension = z.infer<typeof StatDimension>;

export const StatsQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  item: platformText().max(32).optional(),
  agency: platformText().max(32).optional(),
  office: platformText().max(12).optional(),
  kind: z.enum(['notification', 'verification']).optional(),
  /** Comma-separated dimensions, e.g. `item,agency`; default all five. */
  groupBy: z
    .string()
    .max(64)
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return [...STAT_DIMENSIONS];
      const dims = [...new Set(s.split(',').map((d) => d.trim()))];
      for (const d of dims) {
        if (!StatDimension.safeParse(d).success) {
          ctx.addIssue({ code: 'custom', message: `未知的統計維度「${d}」（可用：${STAT_DIMENSIONS.join(', ')}）` });
          return z.NEVER;
        }
      }
      return dims as StatDimension[];
    }),
});
export type StatsQuery = z.input<typeof StatsQuery>;

export const StatsRow = z.object({
  item: z.string().optional(),
  agency: z.string().optional(),
  office: z.string().optional(),
  day: z.string().optional(),
  status: NotificationStatus.optional(),
  count: z.number().int().nonnegative(),
});
export type StatsRow = z.infer<typeof StatsRow>;

/** Seconds from delivery to the first `received` / to the closing `completed|rejected`. */
export const AgencyTimings = z.object({
  agency: z.string(),
  received: z.object({ n: z.number().int(), medianS: z.number().nullable(), p90S: z.number().nullable() }),
  closed: z.object({ n: z.number().int(), medianS: z.number().nullable(), p90S: z.number().nullable() }),
});
export type AgencyTimings = z.infer<typeof AgencyTimings>;

/**
 * 改分 and 補件 per agency (issue 14): transfers it made and received, 補件 rounds it asked, how many
 * are still open, and the mean days the answered rounds waited for the counter's answer.
 */
export const AgencyReferrals = z.object({
  agency: z.string(),
  transfersOut: z.number().int().nonnegative(),
  transfersIn: z.number().int().nonnegative(),
  supplementRounds: z.number().int().nonnegative(),
  supplementsOpen: z.number().int().nonnegative(),
  supplementWaitDays: z.number().nonnegative().nullable(),
});
export type AgencyReferrals = z.infer<typeof AgencyReferrals>;

export const StatsResponse = z.object({
  groupBy: z.array(StatDimension),
  total: z.number().int().nonnegative(),
  rows: z.array(StatsRow),
  timings: z.array(AgencyTimings),
  /**
   * Present when the timings of a large population (over 100,000 notifications, no item or office
   * filter) come from the platform's log-scale histograms instead of sorting every span: each median
   * and p90 is within this relative error (0.00995) of the exact nearest-rank value (spans under 1 s
   * are reported as 0.5 s). Absent: exact.
   */
  timingsMaxRelativeError: z.number().positive().optional(),
  referrals: z.array(AgencyReferrals).optional(),
});
export type StatsResponse = z.infer<typeof StatsResponse>;
