import { EvidenceRef, Sha256Hex } from '../platform/evidence';
import { SupplementPage } from '../platform/supplementPages';
import { z } from '../zod';
import { call } from './define';
import { INBOX_USERS } from './syncApi';

const NotificationId = z.uuid({ message: '通報編號格式不正確' });

/** One step of a notification's thread (issue 14): 改分 and each 補件 round with the counter's answer. */
export const ThreadEntry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('transfer'), at: z.string(), actor: z.string(), fromName: z.string(), toName: z.string(), reason: z.string().nullable() }),
  z.object({ type: z.literal('supplement-request'), at: z.string(), actor: z.string(), round: z.number().int(), missing: z.array(z.string()), dueDate: z.string() }),
  z.object({
    type: z.literal('supplement-answer'),
    at: z.string(),
    actor: z.string(),
    round: z.number().int(),
    fields: z.array(z.object({ label: z.string(), value: z.string() })),
    note: z.string().nullable(),
    pages: z.array(SupplementPage),
  }),
]);
export type ThreadEntry = z.infer<typeof ThreadEntry>;

/**
 * One evidence file of a notification as the agency workstation shows it (issue 14 §2): the PDF's
 * bytes, already checked against `sha256` by the platform and again by the workstation.
 */
export const InboxEvidenceFile = z.object({ fileName: z.string(), pdfBase64: z.string(), sha256: z.string() });
export type InboxEvidenceFile = z.infer<typeof InboxEvidenceFile>;
/** One listed file (the platform's EvidenceRef), named here for the renderer, which reads only the contract. */
export type InboxEvidenceRef = EvidenceRef;

/** The agency's side of a notification's thread, its evidence bundle and its consent pages (issues 14 §2–3, 15 §3). */
export const inboxThreadApi = {
  'inbox.thread': call({
    /** itemCode: the opened item's, to label the answered fields. */
    input: z.strictObject({ id: NotificationId, itemCode: z.string().max(32).optional() }),
    output: z.object({ id: z.string(), entries: z.array(ThreadEntry) }),
    access: INBOX_USERS,
    passive: true,
    summary: '通報的改分與補件往返紀錄（含臨櫃端的補件回覆）',
  }),
  'inbox.evidence': call({
    input: z.strictObject({ id: NotificationId }),
    output: z.object({ fileName: z.string(), json: z.string() }),
    access: INBOX_USERS,
    summary: '下載通報的證據包（nin1-evidence/1，與 export-evidence 相同；平台記錄稽核）',
  }),
  /** formPages empty: a scanned file the counter answered a 補件 round with, not a page of the consent form. */
  'inbox.evidenceFiles': call({
    input: z.strictObject({ id: NotificationId }),
    output: z.object({ files: z.array(EvidenceRef) }),
    access: INBOX_USERS,
    passive: true,
    summary: '通報附帶的民眾同意書頁與補件掃描檔清單（頁數、大小、SHA-256）',
  }),
  'inbox.evidenceFile': call({
    input: z.strictObject({ id: NotificationId, sha256: Sha256Hex }),
    output: InboxEvidenceFile,
    access: INBOX_USERS,
    summary: '檢視通報的一份同意書／補件掃描檔 PDF（平台與本機各驗一次雜湊，不符即 EVIDENCE_CORRUPT；記錄稽核）',
  }),
};
