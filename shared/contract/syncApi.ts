import { NotificationStatus } from '../cases/schema';
import { AgencyAction, VerificationAnswer } from '../platform/wire';
import { z } from '../zod';
import { CASE_READERS, CASE_WRITERS, type Role } from '../auth/roles';
import { call } from './define';

const Empty = z.strictObject({});
const CaseNo = z.string().regex(/^[A-Z0-9]{2,12}-\d{7}-\d{4,6}$/, '案件編號格式不正確');
const NotificationId = z.uuid({ message: '通報編號格式不正確' });

/** Who may push the queue by hand (retry, paper fallback): the people at the counter and IT. */
export const SYNC_OPERATORS: readonly Role[] = [...CASE_WRITERS, 'system_admin'];
/** Receiving-agency staff working their agency's inbox through this app. */
export const INBOX_USERS: readonly Role[] = ['agency_clerk', 'agency_admin'];

export const FailedItem = z.object({
  notificationId: z.string(),
  caseNo: z.string(),
  itemCode: z.string(),
  receiverAgency: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type FailedItem = z.infer<typeof FailedItem>;

/** What the status strip shows at all times (DESIGN.md §4): no personal data, only codes and counts. */
export const SyncStatus = z.object({
  /** This workstation has a platform credential. */
  enrolled: z.boolean(),
  platformUrl: z.string().nullable(),
  /** null until the first call has answered or failed. */
  online: z.boolean().nullable(),
  /** The push channel (SSE) is connected; otherwise the engine polls. */
  pushConnected: z.boolean(),
  lastSyncAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
  /** Outbox rows waiting to go (pending). */
  queued: z.number().int().nonnegative(),
  /** Items sent on paper instead (held, skipped by the outbox). */
  held: z.number().int().nonnegative(),
  /** Items waiting for the citizen's signed consent to be attached (not for the platform). */
  consentHeld: z.number().int().nonnegative(),
  failedCount: z.number().int().nonnegative(),
  /** The most recent failed items (rejected by the platform), with reasons. */
  failed: z.array(FailedItem),
  /** When the engine will try the head of the queue again (backoff); null when due now or empty. */
  nextAttemptAt: z.string().nullable(),
  /** Progress of the current drain; null when not draining. */
  draining: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Grows whenever any notification event is written: the screens' cue to refresh. */
  changeSeq: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const NotificationProgress = z.object({
  id: z.string(),
  itemCode: z.string(),
  kind: z.enum(['notification', 'verification']),
  status: NotificationStatus,
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  events: z.array(z.object({ status: NotificationStatus, at: z.string(), reason: z.string().nullable() })),
  /** Outbox state: pending, done, failed, or held (sent on paper). */
  outbox: z.enum(['pending', 'done', 'failed', 'held']).nullable(),
  /** Latest verification answer (檢證回覆), if any. */
  answer: VerificationAnswer.extend({ actor: z.string(), at: z.string() }).nullable(),
});
export type NotificationProgress = z.infer<typeof NotificationProgress>;

/** A case's notification statuses without the person's data: safe to poll, not a record view. */
export const CaseProgress = z.object({ caseNo: z.string(), changeSeq: z.number().int(), notifications: z.array(NotificationProgress) });
export type CaseProgress = z.infer<typeof CaseProgress>;

/** An inbox row as the agency clerk sees it in the list (ID masked; opening shows it in full). */
export const InboxItem = z.object({
  id: z.string(),
  caseNo: z.string(),
  officeCode: z.string(),
  officeName: z.string(),
  itemCode: z.string(),
  itemTitle: z.string(),
  /** The life event the envelope came from (absent from older counters). */
  lifeEventName: z.string().nullable().default(null),
  kind: z.enum(['notification', 'verification']),
  status: NotificationStatus,
  statusLabel: z.string(),
  payload: z.array(z.object({ label: z.string(), value: z.string() })),
  person: z.object({ id: z.string(), name: z.string() }),
  deliveredAt: z.string(),
  updatedAt: z.string(),
  reason: z.string().nullable(),
  answer: VerificationAnswer.nullable(),
  /** The platform's processing deadline and whether it passed unclosed (逾時未回報, issue 7). */
  dueAt: z.string().nullable().default(null),
  overdue: z.boolean().default(false),
});
export type InboxItem = z.infer<typeof InboxItem>;

const InboxListInput = z.strictObject({
  status: NotificationStatus.optional(),
  item: z.string().max(32).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Only notifications past their deadline and not closed (逾時未回報). */
  overdue: z.boolean().optional(),
  /** The newest `limit` entries matching the filters, newest first. */
  limit: z.number().int().min(1).max(200).default(50),
});
const InboxPage = z.object({ agencyCode: z.string(), agencyName: z.string(), entries: z.array(InboxItem), nextCursor: z.number().int().nullable() });

const PdfFile = z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() });

export const syncApi = {
  'sync.status': call({ input: Empty, output: SyncStatus, access: 'signed-in', passive: true, summary: '與平台的同步狀態（連線、最後同步、待送、失敗、進度）' }),
  'sync.retryNow': call({
    input: z.strictObject({ includeFailed: z.boolean().default(false) }),
    output: z.object({ requeued: z.number().int() }),
    access: SYNC_OPERATORS,
    summary: '立即重試送出（可一併重送失敗項目）',
  }),
  'sync.paperForm': call({
    input: z.strictObject({ notificationId: NotificationId }),
    output: PdfFile,
    access: CASE_WRITERS,
    summary: '單項紙本通報單 PDF（平台長時間無法連線時郵寄／傳真）',
  }),
  'sync.markSentOnPaper': call({
    input: z.strictObject({ notificationId: NotificationId, note: z.string().trim().max(200).optional() }),
    output: z.object({ notificationId: z.string(), status: NotificationStatus }),
    access: CASE_WRITERS,
    summary: '標記此項已改以紙本寄送，待送佇列不再送出',
  }),
  'cases.progress': call({
    input: z.strictObject({ caseNo: CaseNo }),
    output: CaseProgress,
    access: CASE_READERS,
    passive: true,
    summary: '案件各項通報的即時狀態與檢證回覆（不含個人資料）',
  }),
  'inbox.list': call({ input: InboxListInput, output: InboxPage, access: INBOX_USERS, summary: '本機關收件匣（經平台；記錄稽核）' }),
  'inbox.refresh': call({
    input: InboxListInput,
    output: InboxPage,
    access: INBOX_USERS,
    passive: true,
    summary: '收件匣自動更新（同一畫面的背景重新整理，不另記稽核、不延長登入）',
  }),
  'inbox.open': call({
    input: z.strictObject({ id: NotificationId }),
    output: InboxItem,
    access: INBOX_USERS,
    summary: '開啟通報（簽收並顯示完整資料，記錄稽核）',
  }),
  'inbox.act': call({
    input: z.strictObject({ id: NotificationId, action: AgencyAction }),
    output: InboxItem,
    access: INBOX_USERS,
    summary: '處理通報：完成、退回（附理由）或回覆檢證',
  }),
};
