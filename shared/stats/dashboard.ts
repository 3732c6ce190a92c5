import { NotificationStatus } from '../cases/schema';
import { isIsoDate } from '../dates/isoDate';
import { z } from '../zod';

/**
 * 統計交叉分析 at the counter (issue 7): one filter, one dashboard answer. Computed from the
 * workstation's own SQLite file, so it works offline; county-wide figures come from the platform.
 * Days are Asia/Taipei calendar days of the notification's creation at the counter.
 */
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export const Granularity = z.enum(GRANULARITIES);
export type Granularity = z.infer<typeof Granularity>;

const IsoDay = z.string().refine(isIsoDate, '日期格式應為 YYYY-MM-DD');

export const StatsFilter = z
  .strictObject({
    from: IsoDay,
    to: IsoDay,
    item: z.string().max(32).optional(),
    agency: z.string().max(32).optional(),
    office: z.string().max(12).optional(),
    clerkId: z.number().int().positive().optional(),
    status: NotificationStatus.optional(),
    kind: z.enum(['notification', 'verification']).optional(),
    /** A life event code of the catalogue (move, death, birth, assistance …). */
    lifeEvent: z.string().max(32).optional(),
    granularity: Granularity.default('day'),
  })
  .refine((f) => f.from <= f.to, { message: '起日不可晚於迄日', path: ['to'] });
export type StatsFilter = z.output<typeof StatsFilter>;
export type StatsFilterInput = z.input<typeof StatsFilter>;

/** Seconds; null when nothing in the sample reached that milestone. */
export const Spread = z.object({ n: z.number().int().nonnegative(), medianS: z.number().nullable(), p90S: z.number().nullable() });
export type Spread = z.infer<typeof Spread>;

/** Lifecycle stages in order, for the funnel: each counts notifications that reached at least it. */
export const FUNNEL_STAGES = ['created', 'delivered', 'received', 'closed'] as const;
export const FunnelStage = z.enum(FUNNEL_STAGES);

export const StatsDashboard = z.object({
  filter: z.object({ from: z.string(), to: z.string(), granularity: Granularity }).passthrough(),
  total: z.number().int().nonnegative(),
  cases: z.number().int().nonnegative(),
  byItem: z.array(z.object({ item: z.string(), name: z.string(), count: z.number().int() })),
  byAgency: z.array(
    z.object({ agency: z.string(), name: z.string(), total: z.number().int(), byStatus: z.partialRecord(NotificationStatus, z.number().int()) }),
  ),
  byOffice: z.array(z.object({ office: z.string(), count: z.number().int() })),
  /**
   * Per life event: the cases with a notification in the filter, their notifications, and the
   * documents those cases spared the citizen (免附書證謄本: what the bundle and the checklist spared).
   */
  byLifeEvent: z.array(
    z.object({ lifeEvent: z.string(), name: z.string(), cases: z.number().int(), notifications: z.number().int(), documentsSpared: z.number().int() }),
  ),
  documentsSpared: z.number().int().nonnegative(),
  byClerk: z.array(z.object({ clerkId: z.number().int(), clerk: z.string(), count: z.number().int() })),
  byStatus: z.partialRecord(NotificationStatus, z.number().int()),
  /** One point per day / ISO week (YYYY-Www) / month (YYYY-MM), gaps filled with zero. */
  trend: z.array(z.object({ period: z.string(), count: z.number().int() })),
  funnel: z.array(z.object({ stage: FunnelStage, count: z.number().int() })),
  /** Per receiving agency: created→delivered, delivered→received, delivered→closed. */
  turnaround: z.array(z.object({ agency: z.string(), toDelivery: Spread, toReceipt: Spread, toCompletion: Spread })),
  overdue: z.object({ total: z.number().int(), byAgency: z.array(z.object({ agency: z.string(), count: z.number().int() })) }),
  /** 雙向檢證: delivered → answered. */
  verification: Spread,
  /** 查詢排行: who looked people up most (audit rows of views and searches) in the period. */
  queryRanking: z.array(z.object({ actor: z.string(), count: z.number().int() })),
  computedMs: z.number(),
});
export type StatsDashboard = z.infer<typeof StatsDashboard>;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;
