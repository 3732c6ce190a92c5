import { z } from '../zod';

/** What the clerk submits from the new-case wizard (and what the CLI/seed use): one visit. */
export const FieldValue = z.union([z.string().max(500), z.boolean(), z.number()]);
export type FieldValue = z.infer<typeof FieldValue>;

export const PersonInput = z.strictObject({
  id: z.string().max(20),
  name: z.string().max(60),
  /** ISO date (YYYY-MM-DD); the UI accepts ROC input and converts. */
  birthDate: z.string().max(10),
  phone: z.string().max(20).optional(),
});
export type PersonInput = z.infer<typeof PersonInput>;

export const CaseDraft = z.strictObject({
  lifeEvent: z.string().max(32),
  person: PersonInput,
  oldAddress: z.string().max(200),
  newAddress: z.string().max(200),
  /** ISO date of the move (遷入日期). */
  moveDate: z.string().max(10),
  /** Did the citizen bring the house-tax bill? If not, the life event adds the 稅單查證 verification. */
  hasHouseTaxBill: z.boolean(),
  items: z
    .array(z.strictObject({ code: z.string().max(32), fields: z.record(z.string().max(40), FieldValue) }))
    .max(32),
});
export type CaseDraft = z.infer<typeof CaseDraft>;

export const NOTIFICATION_STATUSES = ['queued', 'sent', 'delivered', 'received', 'completed', 'rejected', 'failed'] as const;
export const NotificationStatus = z.enum(NOTIFICATION_STATUSES);
export type NotificationStatus = z.infer<typeof NotificationStatus>;

export const NOTIFICATION_STATUS_LABEL: Record<NotificationStatus, string> = {
  queued: '待送出',
  sent: '已送出',
  delivered: '平台已收',
  received: '機關已收',
  completed: '已完成',
  rejected: '已退回',
  failed: '送出失敗',
};

export const CaseSummary = z.object({
  caseNo: z.string(),
  createdAt: z.string(),
  lifeEventName: z.string(),
  personName: z.string(),
  personIdMasked: z.string(),
  itemCount: z.number().int(),
  status: z.string(),
  clerkName: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const NotificationView = z.object({
  id: z.string(),
  itemCode: z.string(),
  itemTitle: z.string(),
  kind: z.enum(['notification', 'verification']),
  receiverAgency: z.string(),
  receiverName: z.string(),
  status: NotificationStatus,
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  payload: z.record(z.string(), FieldValue),
  events: z.array(z.object({ status: NotificationStatus, at: z.string(), reason: z.string().nullable() })),
  /** The receiving agency's deadline (逾時未回報檢核, issue 7); null until delivered. */
  dueAt: z.string().nullable().default(null),
  /** Deadline passed and not closed (completed/rejected). */
  overdue: z.boolean().default(false),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const CaseDetail = z.object({
  caseNo: z.string(),
  createdAt: z.string(),
  officeCode: z.string(),
  lifeEvent: z.string(),
  lifeEventName: z.string(),
  status: z.string(),
  clerkName: z.string(),
  person: z.object({ idMasked: z.string(), name: z.string(), birthDate: z.string(), phoneMasked: z.string().nullable() }),
  oldAddress: z.string(),
  newAddress: z.string(),
  moveDate: z.string(),
  hasHouseTaxBill: z.boolean(),
  notifications: z.array(NotificationView),
});
export type CaseDetail = z.infer<typeof CaseDetail>;
