import { CASE_READERS, CASE_WRITERS } from '../auth/roles';
import { FieldValue } from '../cases/schema';
import { SupplementPage } from '../platform/supplementPages';
import { z } from '../zod';
import { call } from './define';

const CaseNo = z.string().regex(/^[A-Z0-9]{2,12}-\d{7}-\d{4,6}$/, '案件編號格式不正確');
const NotificationId = z.uuid({ message: '通報編號格式不正確' });
const Labelled = z.array(z.object({ label: z.string(), value: z.string() }));

/**
 * One 補件 round of a case as the counter shows it (issue 14 §3): who asks for what by when, and
 * where the answer stands: `open` (to answer), `queued` (answered, waiting for the platform),
 * `refused` (the platform said no, `refusal` says why: answer again), `answered`, `transferred`
 * (the asking agency transferred the notification (改分), which closed the round unanswered).
 */
export const CaseSupplement = z.object({
  notificationId: z.string(),
  itemCode: z.string(),
  itemTitle: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  round: z.number().int().positive(),
  missing: z.array(z.string()),
  dueDate: z.string(),
  requestedAt: z.string(),
  late: z.boolean(),
  state: z.enum(['open', 'queued', 'refused', 'answered', 'transferred']),
  refusal: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answer: z.object({ fields: Labelled, note: z.string().nullable(), pages: z.array(SupplementPage) }).nullable(),
});
export type CaseSupplement = z.infer<typeof CaseSupplement>;

export const SupplementAnswerInput = z.strictObject({
  notificationId: NotificationId,
  round: z.number().int().positive(),
  /** New values of the item's own fields (checked against the item as at the save). */
  fields: z.record(z.string().max(40), FieldValue).default({}),
  note: z.string().trim().max(500, '說明最多 500 字').optional(),
  /** Scanned files of this case (attachment ids from attachments.forCase). */
  attachmentIds: z.array(z.number().int().positive()).max(20, '一次最多附 20 個掃描檔').default([]),
});

/** 補件 at the counter: the case's rounds and the clerk's answer. */
export const supplementsApi = {
  'supplements.forCase': call({
    input: z.strictObject({ caseNo: CaseNo }),
    output: z.array(CaseSupplement),
    access: CASE_READERS,
    passive: true,
    summary: '案件的補件要求（機關、欠缺項目、期限）與回覆狀態（不含個人資料）',
  }),
  'supplements.answer': call({
    input: SupplementAnswerInput,
    output: z.object({ state: z.enum(['sent', 'queued']), answeredAt: z.string().nullable() }),
    access: CASE_WRITERS,
    summary: '回覆補件：補正欄位、附掃描文件或說明；平台無法連線時暫存，下次同步送出（記錄稽核）',
  }),
};
