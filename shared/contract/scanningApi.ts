import { CASE_READERS, CASE_WRITERS, type Role } from '../auth/roles';
import { ColorMode, ScanProfile, ScanSource } from '../scanning/profiles';
import { z } from '../zod';
import { call } from './define';

const Empty = z.strictObject({});
const CaseNo = z.string().trim().toUpperCase().pipe(z.string().regex(/^[A-Z0-9]{2,12}-\d{7}-\d{4,6}$/, '案件編號格式不正確'));
const Id = z.number().int().positive();

/** Who feeds stacks and works the unmatched tray: the scanning clerk, and the counter staff for a single re-scan. */
export const SCANNING_USERS: readonly Role[] = ['scanning_clerk', 'counter_clerk', 'supervisor'];
/** Receiving-agency staff (same roles as the inbox): they may see the signed consent of what they received. */
export const AGENCY_READERS: readonly Role[] = ['agency_clerk', 'agency_admin'];

export const ScanBackend = z.enum(['sane', 'escl', 'wia', 'folder']);

export const ScanDevice = z.object({
  id: z.string(),
  backend: ScanBackend,
  label: z.string(),
  capabilities: z.object({
    sources: z.array(ScanSource),
    resolutions: z.array(z.number().int()),
    colorModes: z.array(ColorMode),
    duplex: z.boolean(),
  }),
});
export type ScanDevice = z.infer<typeof ScanDevice>;

export const ScanPageState = z.enum(['routed', 'unmatched', 'attached', 'dismissed']);

/** A scanned page as the clerk sees it on the strip or in the tray: where it went, never its content. */
export const ScanPageView = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  name: z.string(),
  state: ScanPageState,
  route: z.enum(['qr', 'continuation', 'target', 'unmatched', 'manual']),
  caseNo: z.string().nullable(),
  formPage: z.number().int().nullable(),
  formPages: z.number().int().nullable(),
  /** Why it is in the tray (or why it was set aside). */
  reason: z.string().nullable(),
  blank: z.boolean(),
  rotation: z.number(),
  attachmentId: z.number().int().nullable(),
  createdAt: z.string(),
});
export type ScanPageView = z.infer<typeof ScanPageView>;

export const ScanProblem = z.object({ source: z.string(), code: z.string(), message: z.string() });

export const ScanSessionView = z.object({
  id: z.string(),
  deviceId: z.string(),
  deviceLabel: z.string(),
  profileId: z.string(),
  state: z.enum(['scanning', 'finishing', 'done', 'failed', 'cancelled']),
  /** A hot-folder session keeps watching until the clerk ends it. */
  watching: z.boolean(),
  done: z.number().int(),
  expected: z.number().int().nullable(),
  pages: z.array(ScanPageView),
  problems: z.array(ScanProblem),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  startedAt: z.string(),
});
export type ScanSessionView = z.infer<typeof ScanSessionView>;

export const AttachmentView = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  kind: z.string(),
  fileName: z.string(),
  pageCount: z.number().int(),
  byteSize: z.number().int(),
  sha256: z.string(),
  source: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** Consent-form pages it shows (from the QR codes or as the clerk said). */
  formPages: z.array(z.number().int()),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const ConsentState = z.enum(['satisfied', 'missing', 'exception', 'not-required']);

/** Consent per receiving agency of a case (DESIGN.md §3 Consent). */
export const AgencyConsent = z.object({
  agencyCode: z.string(),
  agencyName: z.string(),
  itemCodes: z.array(z.string()),
  state: ConsentState,
  /** Form pages that must be attached: the pages with its items and the personal-data consent. */
  requiredPages: z.array(z.number().int()),
  missingPages: z.array(z.number().int()),
  exception: z.object({ reason: z.string(), actor: z.string(), at: z.string() }).nullable(),
  /** Notifications to this agency held in the outbox for want of consent. */
  held: z.number().int(),
});
export type AgencyConsent = z.infer<typeof AgencyConsent>;

export const CaseEvidence = z.object({
  caseNo: z.string(),
  consentRequired: z.boolean(),
  formPages: z.number().int().nullable(),
  consents: z.array(AgencyConsent),
  attachments: z.array(AttachmentView),
});
export type CaseEvidence = z.infer<typeof CaseEvidence>;

const PdfFile = z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int(), sha256: z.string() });

export const scanningApi = {
  'scanning.devices': call({
    /** Devices are remembered for half a minute (probing the network takes seconds); `refresh` looks again. */
    input: z.strictObject({ refresh: z.boolean().optional() }),
    output: z.object({ devices: z.array(ScanDevice), profiles: z.array(ScanProfile) }),
    access: SCANNING_USERS,
    summary: '可用的掃描來源（掃描器、收件資料夾）與掃描設定檔',
  }),
  'scanning.start': call({
    input: z.strictObject({
      deviceId: z.string().min(1).max(300),
      profileId: z.string().min(1).max(32),
      source: ScanSource.optional(),
      duplex: z.boolean().optional(),
      expectedPages: z.number().int().min(1).max(500).optional(),
      /** Re-scan for a known case: pages without a readable code go there. */
      target: z.strictObject({ caseNo: CaseNo, formPage: z.number().int().min(1).max(50).optional() }).optional(),
    }),
    output: ScanSessionView,
    access: SCANNING_USERS,
    summary: '開始掃描一疊文件（或開始監看收件資料夾）',
  }),
  'scanning.session': call({ input: z.strictObject({ sessionId: z.string().max(64) }), output: ScanSessionView, access: SCANNING_USERS, passive: true, summary: '掃描進度與各頁歸案結果' }),
  'scanning.current': call({ input: Empty, output: ScanSessionView.nullable(), access: SCANNING_USERS, passive: true, summary: '目前（或最近一批）的掃描' }),
  'scanning.cancel': call({ input: z.strictObject({ sessionId: z.string().max(64) }), output: ScanSessionView, access: SCANNING_USERS, summary: '取消掃描或結束監看；已完成的頁面均保留' }),
  'scanning.thumbnail': call({
    input: z.strictObject({ pageId: Id }),
    output: z.object({ pageId: z.number().int(), dataUrl: z.string() }),
    access: SCANNING_USERS,
    passive: true,
    summary: '掃描頁縮圖',
  }),
  'scanning.pageImage': call({
    input: z.strictObject({ pageId: Id }),
    output: z.object({ pageId: z.number().int(), dataUrl: z.string(), width: z.number().int(), height: z.number().int() }),
    access: SCANNING_USERS,
    summary: '檢視掃描頁（記錄稽核）',
  }),
  'scanning.tray': call({ input: Empty, output: z.object({ pages: z.array(ScanPageView) }), access: SCANNING_USERS, summary: '未歸案區：讀不到條碼或查無案件的頁面' }),
  'scanning.attachPages': call({
    input: z.strictObject({ pageIds: z.array(Id).min(1, '請選擇頁面').max(50), caseNo: CaseNo, firstFormPage: z.number().int().min(1).max(50).optional() }),
    output: AttachmentView,
    access: SCANNING_USERS,
    summary: '把未歸案的頁面歸入案件（依序組成一份附件）',
  }),
  'scanning.dismissPage': call({
    input: z.strictObject({ pageId: Id, reason: z.string().trim().min(2, '請說明原因').max(200) }),
    output: ScanPageView,
    access: SCANNING_USERS,
    summary: '標記未歸案頁面不需歸檔（如空白背面）；頁面仍保留',
  }),
  'attachments.forCase': call({ input: z.strictObject({ caseNo: CaseNo }), output: CaseEvidence, access: CASE_READERS, summary: '案件附件與各受理機關同意書狀態' }),
  'attachments.pdf': call({ input: z.strictObject({ attachmentId: Id }), output: PdfFile, access: CASE_READERS, summary: '檢視附件 PDF（驗證雜湊，記錄稽核）' }),
  'attachments.forNotification': call({
    input: z.strictObject({ notificationId: z.uuid({ message: '通報編號格式不正確' }) }),
    output: PdfFile.extend({ sourceSha256: z.array(z.string()), formPages: z.array(z.number().int()) }),
    access: AGENCY_READERS,
    summary: '接收機關調閱所收通報的民眾簽名同意書（僅相關頁面）',
  }),
  'consent.recordException': call({
    input: z.strictObject({ caseNo: CaseNo, agencyCode: z.string().min(1).max(32), reason: z.string().trim().min(4, '請具體說明例外原因（至少 4 字）').max(200) }),
    output: CaseEvidence,
    access: CASE_WRITERS,
    summary: '記錄同意書例外（附理由），該機關的通報不再暫緩',
  }),
};
