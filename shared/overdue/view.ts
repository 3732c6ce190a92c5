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

/** An open 補件 request an agency made (issue 14): what is missing and by when; no personal data. */
export const OpenSupplement = z.object({
  notificationId: z.string(),
  caseNo: z.string(),
  itemTitle: z.string(),
  receiverName: z.string(),
  round: z.number().int().positive(),
  missing: z.array(z.string()),
  dueDate: z.string(),
  requestedAt: z.string(),
  /** The due date has passed without an answer. */
  late: z.boolean(),
});
export type OpenSupplement = z.infer<typeof OpenSupplement>;

export const OverdueList = z.object({
  /** All overdue notifications of the office (the list may be cut at `limit`). */
  total: z.number().int().nonnegative(),
  rows: z.array(OverdueRow),
  asOf: z.string(),
  /** 補件 requests not yet answered, earliest due date first. */
  supplements: z.array(OpenSupplement).default([]),
});
export type OverdueList = z.infer<typeof OverdueList>;

export const OverdueListInput = z.strictObject({
  limit: z.number().int().min(1).max(1000).default(500),
});
