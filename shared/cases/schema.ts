import { z } from '../zod';
import { LANGUAGES } from '../language/languages';

/** One value of a field: text, a yes/no, a number (money, counts), or a list (parcels, plates). */
export const FieldValue = z.union([z.string().max(500), z.boolean(), z.number(), z.array(z.string().max(100)).max(50)]);
export type FieldValue = z.infer<typeof FieldValue>;

export const PersonInput = z.strictObject({
  id: z.string().max(20),
  name: z.string().max(60),
  /** ISO date (YYYY-MM-DD); the UI accepts ROC input and converts. */
  birthDate: z.string().max(10),
  phone: z.string().max(20).optional(),
});
export type PersonInput = z.infer<typeof PersonInput>;

/** One person taking part in the visit, in the role the life event names (申請人, 亡者, 新生兒, 戶內人口 …). */
export const ParticipantInput = z.strictObject({
  role: z.string().max(32),
  /** 身分證統一編號 or 統一證號; may be empty where the role needs none (a newborn before registration). */
  id: z.string().max(20).optional(),
  name: z.string().max(60),
  birthDate: z.string().max(10).optional(),
  phone: z.string().max(20).optional(),
  address: z.string().max(200).optional(),
  /** Relation to the applicant, a code of shared/household/relations.ts (spouse, child …). */
  relation: z.string().max(20).optional(),
  /** 稱謂 as the family says it (長子, 外孫女 …). */
  title: z.string().max(20).optional(),
});
export type ParticipantInput = z.infer<typeof ParticipantInput>;

export const DOCUMENT_STATUSES = ['present', 'spared', 'missing'] as const;
export const DOCUMENT_STATUS_LABEL: Record<(typeof DOCUMENT_STATUSES)[number], string> = { present: '已備', spared: '免附（機關查調）', missing: '欠缺' };


/**
 * A visit as the wizard, the CLI (`create-case --draft`) and the demo submit it: the life event, its
 * participants by role, the event's own fields, the chosen items with their payloads, and (where the
 * event keeps a checklist) each document's state. Keys follow the catalogue's definitions.
 */
export const GeneralDraft = z.strictObject({
  lifeEvent: z.string().max(32),
  participants: z.array(ParticipantInput).max(30),
  fields: z.record(z.string().max(40), FieldValue).default({}),
  items: z
    .array(z.strictObject({
      code: z.string().max(32),
      fields: z.record(z.string().max(40), FieldValue),
      /** The clerk's choice of another office of the same kind than the routed one, with the reason (issue 14, shared/routing). */
      agency: z.string().max(32).optional(),
      agencyReason: z.string().max(200).optional(),
    }))
    .max(32),
  documents: z.array(z.strictObject({ code: z.string().max(40), status: z.enum(DOCUMENT_STATUSES) })).max(40).default([]),
  /** The citizen's preferred language for printouts (the Traditional Chinese text stays the legal original). */
  language: z.enum(LANGUAGES).optional(),
});

/**
 * Drafts written before every life event had its own fields (release 0.1: `person`, `oldAddress`,
 * `newAddress`, `moveDate`, `hasHouseTaxBill`) are read as the 遷徙 draft they always meant, so
 * older callers and saved drafts keep working.
 */
export const fromLegacyMoveDraft = (raw: unknown): unknown => {
  if (typeof raw !== 'object' || raw === null || !('person' in raw) || 'participants' in raw) return raw;
  const { person, oldAddress, newAddress, moveDate, hasHouseTaxBill, ...rest } = raw as Record<string, unknown>;
  return {
    ...rest,
    participants: [{ role: 'applicant', ...(person as object) }],
    fields: { oldAddress, newAddress, moveDate, hasHouseTaxBill },
  };
};

export const CaseDraft = z.preprocess(fromLegacyMoveDraft, GeneralDraft);
export type GeneralDraftValue = z.output<typeof GeneralDraft>;

/** The release-0.1 遷徙 draft, still accepted (read as the general draft above). */
export type LegacyMoveDraft = {
  lifeEvent: string;
  person: PersonInput;
  oldAddress: string;
  newAddress: string;
  moveDate: string;
  hasHouseTaxBill: boolean;
  items: { code: string; fields: Record<string, FieldValue> }[];
};
export type CaseDraft = z.input<typeof GeneralDraft> | LegacyMoveDraft;

/** What a save answers: the case number and, per item, its agency and the legal due date where the law sets one. */
export const CreatedCase = z.object({
  caseNo: z.string(),
  items: z.array(z.object({ item: z.string(), agency: z.string(), dueDate: z.string().optional() })),
});
export type CreatedCase = z.infer<typeof CreatedCase>;

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
  /** The citizen's legal deadline for this matter (e.g. 遺產稅申報 6 months from the death), where the law sets one. */
  legalDueDate: z.string().nullable().default(null),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const ParticipantView = z.object({
  role: z.string(),
  roleLabel: z.string(),
  idMasked: z.string(),
  name: z.string(),
  birthDate: z.string(),
  phoneMasked: z.string().nullable(),
  address: z.string(),
  relation: z.string().nullable(),
  relationLabel: z.string().nullable(),
  title: z.string().nullable(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const CASE_STATUS_LABEL: Record<string, string> = { submitted: '已受理', 'awaiting-documents': '待補件', closed: '已結案' };

export const CaseDetail = z.object({
  caseNo: z.string(),
  createdAt: z.string(),
  officeCode: z.string(),
  lifeEvent: z.string(),
  lifeEventName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  clerkName: z.string(),
  /** The primary participant (the applicant), as the case list names the case. */
  person: z.object({ idMasked: z.string(), name: z.string(), birthDate: z.string(), phoneMasked: z.string().nullable() }),
  participants: z.array(ParticipantView),
  /** The life event's fields with their catalogue labels, as printed (ROC dates, 是／否). */
  fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
  documents: z.array(z.object({ code: z.string(), name: z.string(), status: z.enum(DOCUMENT_STATUSES), statusLabel: z.string(), arrivedOn: z.string().nullable() })),
  /** 證件備齊日: the day the last missing document arrived (null while any is missing or the event keeps no checklist). */
  documentsCompleteOn: z.string().nullable(),
  /** 救生圈: the month the subsidy takes effect, from the 證件備齊日 (null until complete, or for other events). */
  effectiveMonth: z.string().nullable().default(null),
  documentsSpared: z.number().int(),
  language: z.string().nullable(),
  notifications: z.array(NotificationView),
});
export type CaseDetail = z.infer<typeof CaseDetail>;
