import { FieldValue, NotificationStatus } from '../cases/schema';
import { ProgressRecord } from '../progress/code';
import { z } from '../zod';
import { platformText } from './text';
import { SupplementPages } from './supplementPages';
import { MessageSignature, PublicKeyB64, Receipt } from '../signing/schema';
import { EvidenceRef, MAX_EVIDENCE_PER_ENVELOPE } from './evidence';

/**
 * Wire shapes between a counter (or an agency client) and the county platform, declared once and
 * used by the platform server, the counter's platform client and the OpenAPI document. Times are
 * ISO strings; ordering never relies on them (counters' clocks may be off by a day) but on the
 * counter's local sequence numbers and the platform's change cursor.
 */

export const NotificationId = z.uuid({ version: 'v7', message: '通報編號須為 UUIDv7' });
export const AgencyCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, '機關代碼格式不正確');
export const OfficeCode = z.string().regex(/^[A-Z0-9]{2,12}$/, '機關（戶所）代碼格式不正確');
export const WorkstationId = z.string().regex(/^[A-Za-z0-9-]{1,32}$/, '工作站代碼格式不正確');

/**
 * What the envelope says about itself, so an agency's inbox shows labelled fields for a life event
 * or item its own catalogue has never seen (a newer counter, a new bundle): the life event, the
 * item's title, and a label for each payload key. Absent from counters before issue 12.
 */
export const EnvelopeContext = z.strictObject({
  lifeEvent: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  lifeEventName: platformText().max(60),
  itemTitle: platformText().max(200),
  labels: z.record(z.string().max(40), platformText().max(200)),
});
export type EnvelopeContext = z.infer<typeof EnvelopeContext>;

/** One notification or verification request as the counter sends it. `id` is the idempotency key. */
export const NotificationEnvelope = z.strictObject({
  id: NotificationId,
  caseNo: z.string().regex(/^[A-Z0-9]{2,12}-\d{7}-\d{4,6}$/),
  officeCode: OfficeCode,
  workstationId: WorkstationId,
  senderAgency: AgencyCode,
  receiverAgency: AgencyCode,
  itemCode: z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/),
  kind: z.enum(['notification', 'verification']),
  payload: z.record(z.string().max(40), FieldValue),
  /** Minimal person data the receiving agency needs to act (per the citizen's consent). */
  person: z.strictObject({ id: z.string().max(12), name: z.string().max(60) }),
  /** Counter's local outbox sequence: FIFO order that survives clock skew. */
  localSeq: z.number().int().nonnegative(),
  /** Counter clock, informational only. */
  createdAt: z.iso.datetime(),
  /** The case's progress-lookup record (a salted hash of the receipt code, never the code); absent from older counters. */
  progress: ProgressRecord.optional(),
  context: EnvelopeContext.optional(),
  /**
   * Issue 14 §2: the signed consent pages this agency is entitled to, uploaded to the platform
   * (by SHA-256) before this envelope; the platform refuses an envelope naming a file it does not hold.
   */
  evidence: z.array(EvidenceRef).min(1).max(MAX_EVIDENCE_PER_ENVELOPE).optional(),
  /** Issue 15: the workstation's Ed25519 signature over this envelope's canonical form (absent from older counters). */
  signature: MessageSignature.optional(),
});
export type NotificationEnvelope = z.infer<typeof NotificationEnvelope>;

export const MAX_BATCH = 500;

export const SubmitBatchRequest = z.strictObject({ notifications: z.array(NotificationEnvelope).min(1).max(MAX_BATCH) });
export type SubmitBatchRequest = z.infer<typeof SubmitBatchRequest>;

export const WireError = z.object({ code: z.string(), message: z.string(), path: z.string().optional() });
export type WireError = z.infer<typeof WireError>;

/**
 * Per-notification outcome. `accepted`: stored now; `duplicate`: already stored earlier (the
 * original result is returned, never a second copy); `rejected`: this one is invalid (4xx-class,
 * never retried) while the rest of the batch goes on.
 */
export const SubmitResult = z.discriminatedUnion('outcome', [
  // receipt: the platform's signed receipt (issue 15); absent from older platforms.
  z.object({ id: NotificationId, outcome: z.literal('accepted'), deliveredAt: z.iso.datetime(), receipt: Receipt.optional() }),
  z.object({ id: NotificationId, outcome: z.literal('duplicate'), deliveredAt: z.iso.datetime(), receipt: Receipt.optional() }),
  z.object({ id: z.string(), outcome: z.literal('rejected'), error: WireError }),
]);
export type SubmitResult = z.infer<typeof SubmitResult>;
export const SubmitBatchResponse = z.object({ results: z.array(SubmitResult) });
export type SubmitBatchResponse = z.infer<typeof SubmitBatchResponse>;

/** The answer to a verification request (檢證), e.g. 稅單查證: found or not, plus a short text. */
export const VerificationAnswer = z.strictObject({
  found: z.boolean(),
  text: platformText().trim().min(1, '請輸入回覆內容').max(500),
});
export type VerificationAnswer = z.infer<typeof VerificationAnswer>;

/**
 * What a change did besides its status (issue 14): 改分 to another agency of the same kind, or a
 * 補件 round (the agency's request: what is missing and by when; the counter's answer: new fields
 * and/or a note). Null on plain status changes and on older platforms.
 */
export const SupplementMissing = z.array(platformText().trim().min(1, '請列出欠缺的文件或資料').max(100)).min(1, '請列出欠缺的文件或資料').max(20);
export const ChangeEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('transfer'), from: AgencyCode, to: AgencyCode }),
  z.strictObject({ type: z.literal('supplement-request'), round: z.number().int().positive(), missing: SupplementMissing, dueDate: z.iso.date() }),
  // attachments: the scanned files answered with, by hash (absent from older counters and platforms).
  z.strictObject({ type: z.literal('supplement-answer'), round: z.number().int().positive(), fields: z.record(z.string().max(40), FieldValue), note: platformText().max(500).nullable(), attachments: SupplementPages.optional() }),
]);
export type ChangeEvent = z.infer<typeof ChangeEvent>;

/** A status change the platform records; counters pull them for their office with a cursor. */
export const StatusChange = z.object({
  /** Platform change cursor: strictly increasing, the only ordering that matters. */
  cursor: z.number().int().positive(),
  notificationId: NotificationId,
  caseNo: z.string(),
  status: NotificationStatus,
  reason: z.string().nullable(),
  answer: VerificationAnswer.nullable(),
  actor: z.string(),
  /** Platform clock. */
  at: z.iso.datetime(),
  event: ChangeEvent.nullable().optional(),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const ChangesResponse = z.object({ changes: z.array(StatusChange), nextCursor: z.number().int().nonnegative(), more: z.boolean() });
export type ChangesResponse = z.infer<typeof ChangesResponse>;

/** One row of an agency's inbox. */
export const InboxEntry = z.object({
  id: NotificationId,
  caseNo: z.string(),
  officeCode: z.string(),
  senderAgency: z.string(),
  itemCode: z.string(),
  kind: z.enum(['notification', 'verification']),
  status: NotificationStatus,
  payload: z.record(z.string(), FieldValue),
  person: z.object({ id: z.string(), name: z.string() }),
  deliveredAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  reason: z.string().nullable(),
  answer: VerificationAnswer.nullable(),
  /** The processing deadline (行政程序法 §48, office calendar) and whether it passed unclosed (issue 7); absent from older platforms. */
  dueAt: z.iso.datetime().nullable().optional(),
  overdue: z.boolean().optional(),
  /** The envelope's own description (life event, item title, field labels); null for older counters' rows. */
  context: EnvelopeContext.nullable().optional(),
  /** The open 補件 request, if any (issue 14): the counter's answer resumes the notification. */
  supplement: z.object({ round: z.number().int().positive(), missing: z.array(z.string()), dueDate: z.iso.date() }).nullable().optional(),
});
export type InboxEntry = z.infer<typeof InboxEntry>;

export const InboxQuery = z.strictObject({
  cursor: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  item: platformText().max(32).optional(),
  status: NotificationStatus.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** `true`: only notifications past their deadline and not closed (逾時未回報). */
  overdue: z.stringbool().optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;
export const InboxResponse = z.object({ entries: z.array(InboxEntry), nextCursor: z.number().int().nullable() });
export type InboxResponse = z.infer<typeof InboxResponse>;

/**
 * Issue 15: an agency action or a 補件 answer signed by the sending client's key (see
 * shared/signing/signedActions.ts for what the signature covers); `messageId` (a UUID the sender
 * makes) lets the platform answer a replay `duplicate` without applying it again.
 */
const Signed = { messageId: z.uuid().optional(), signature: MessageSignature.optional() };

/** What a receiving agency does with a notification. Each is one new status event. */
export const AgencyAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('receive'), ...Signed }),
  z.strictObject({ action: z.literal('complete'), note: platformText().max(500).optional(), ...Signed }),
  z.strictObject({ action: z.literal('reject'), reason: platformText().trim().min(1, '退回須填寫理由').max(500), ...Signed }),
  z.strictObject({ action: z.literal('answer'), answer: VerificationAnswer, ...Signed }),
  /** 改分: not competent; hand it to another agency of the same kind, with the reason (issue 14). */
  z.strictObject({ action: z.literal('transfer'), to: AgencyCode, reason: platformText().trim().min(2, '改分須填寫理由').max(500), ...Signed }),
  /** 補件: ask the counter for what is missing, by a due date, instead of rejecting (issue 14). */
  z.strictObject({ action: z.literal('request-supplement'), missing: SupplementMissing, dueDate: z.iso.date(), ...Signed }),
]);
export type AgencyAction = z.infer<typeof AgencyAction>;

/** Enrolment: a workstation or agency client exchanges a one-time code for a signed credential. */
export const EnrollRequest = z.strictObject({
  code: z.string().min(8).max(64),
  client: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('workstation'), officeCode: OfficeCode, workstationId: WorkstationId }),
    z.strictObject({ kind: z.literal('agency'), agencyCode: AgencyCode, clientId: WorkstationId }),
  ]),
  /** Issue 15: the client's signing public key (SPKI DER, base64), registered with the credential. */
  publicKey: PublicKeyB64.optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;
export const EnrollResponse = z.object({ token: z.string(), expiresAt: z.iso.datetime() });
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** Every error body the platform sends: a stable code and a zh-TW message. */
export const ErrorBody = z.object({ error: WireError });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const HealthResponse = z.object({ status: z.literal('ok'), version: z.string(), storage: z.enum(['sqlite', 'postgres']), time: z.iso.datetime() });
export type HealthResponse = z.infer<typeof HealthResponse>;

/**
 * What an agency action returns: the entry as it now stands and the change rows it recorded (0 when
 * repeated). A signed message (issue 15) also gets `outcome` (`duplicate`: this message id was
 * applied before and is not applied again) and the platform's signed receipt.
 */
export const ActionResponse = z.object({ entry: InboxEntry, changes: z.array(StatusChange), outcome: z.enum(['accepted', 'duplicate']).optional(), receipt: Receipt.optional() });
export type ActionResponse = z.infer<typeof ActionResponse>;

export const ChangesQuery = z.strictObject({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export type ChangesQuery = z.infer<typeof ChangesQuery>;

/** The counter's answer to an open 補件 round: new payload fields (checked against the item) and/or a note. */
export const SupplementAnswer = z
  .strictObject({
    round: z.number().int().positive(),
    fields: z.record(z.string().max(40), FieldValue).default({}),
    note: platformText().trim().max(500).optional(),
    /** Scanned files of the case answering the round, by SHA-256 (the bytes go by the evidence upload). */
    attachments: SupplementPages.optional(),
    ...Signed,
  })
  .refine((a) => Object.keys(a.fields).length > 0 || (a.note ?? '') !== '' || (a.attachments ?? []).length > 0, { message: '補件須補正欄位、附上掃描文件或填寫說明', path: ['fields'] });
export type SupplementAnswer = z.infer<typeof SupplementAnswer>;

/** One notification's thread: its transfers and 補件 rounds, oldest first (the agency and the sending office see the same). */
export const NotificationThread = z.object({
  id: NotificationId,
  receiverAgency: AgencyCode,
  events: z.array(z.object({ cursor: z.number().int().positive(), status: NotificationStatus, reason: z.string().nullable(), actor: z.string(), at: z.iso.datetime(), event: ChangeEvent })),
});
export type NotificationThread = z.infer<typeof NotificationThread>;
