import { NotificationStatus } from '../cases/schema';
import { z } from '../zod';

/** One row of the supervisor's 逾時未回報 list: case numbers and dates only, no personal data. */
export const OverdueRow = z.object({
  notificationId: z.string(),
  caseNo: z.string(),
  itemCode: z.string(),
  itemTitle: z.string(),
  receiverAgency: z.string(),
  receiverName: z.string(),
  status: NotificationStatus,
  statusLabel: z.string(),
  deliveredAt: z.string(),
  dueAt: z.string(),
  /** Taipei calendar days past the last day (1 on the day after it). */
  daysOverdue: z.number().int().positive(),
});
export type OverdueRow = z.infer<typeof OverdueRow>;

export const OverdueList = z.object({
  /** All overdue notifications of the office (the list may be cut at `limit`). */
  total: z.number().int().nonnegative(),
  rows: z.array(OverdueRow),
  asOf: z.string(),
});
export type OverdueList = z.infer<typeof OverdueList>;

export const OverdueListInput = z.strictObject({
  limit: z.number().int().min(1).max(1000).default(500),
});
