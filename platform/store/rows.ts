import type { InboxEntry, StatusChange, VerificationAnswer } from '../../shared/platform/wire';
import type { NotificationStatus } from '../../shared/cases/schema';
import type { EnrolCodeRecord, StoredBatch, TokenRecord } from './repository';

/** Row ↔ wire mapping, in one place for both engines (JSON columns are TEXT in both). */
export type NotificationRow = {
  seq: number; id: string; case_no: string; office_code: string; sender_agency: string; receiver_agency: string; item_code: string;
  kind: 'notification' | 'verification'; payload: string; person: string; status: NotificationStatus; reason: string | null; answer: string | null;
  delivered_at: string; updated_at: string; context: string | null; supplement: string | null;
};

export const INBOX_COLUMNS =
  'seq, id, case_no, office_code, sender_agency, receiver_agency, item_code, kind, payload, person, status, reason, answer, delivered_at, updated_at, context, supplement';

const answerOf = (s: string | null): VerificationAnswer | null => (s === null ? null : (JSON.parse(s) as VerificationAnswer));

export const toInboxEntry = (r: NotificationRow): InboxEntry => ({
  id: r.id,
  caseNo: r.case_no,
  officeCode: r.office_code,
  senderAgency: r.sender_agency,
  itemCode: r.item_code,
  kind: r.kind,
  status: r.status,
  payload: JSON.parse(r.payload) as InboxEntry['payload'],
  person: JSON.parse(r.person) as InboxEntry['person'],
  deliveredAt: r.delivered_at,
  updatedAt: r.updated_at,
  reason: r.reason,
  answer: answerOf(r.answer),
  context: r.context === null ? null : (JSON.parse(r.context) as InboxEntry['context']),
  supplement: r.supplement === null ? null : (JSON.parse(r.supplement) as InboxEntry['supplement']),
});

export type ChangeRow = { cursor: number; notification_id: string; case_no: string; status: NotificationStatus; reason: string | null; answer: string | null; actor: string; at: string; event: string | null };
export const CHANGE_COLUMNS = 'cursor, notification_id, case_no, status, reason, answer, actor, at, event';

export const toStatusChange = (r: ChangeRow): StatusChange => ({
  cursor: r.cursor,
  notificationId: r.notification_id,
  caseNo: r.case_no,
  status: r.status,
  reason: r.reason,
  answer: answerOf(r.answer),
  actor: r.actor,
  at: r.at,
  event: r.event === null ? null : (JSON.parse(r.event) as StatusChange['event']),
});

export type TokenRow = {
  jti: string; kind: TokenRecord['kind']; subject: string; office_code: string | null; workstation_id: string | null; agency_code: string | null;
  client_id: string | null; issued_at: string; expires_at: string; revoked_at: string | null;
};
export const toToken = (r: TokenRow): TokenRecord => ({
  jti: r.jti, kind: r.kind, subject: r.subject, officeCode: r.office_code, workstationId: r.workstation_id, agencyCode: r.agency_code,
  clientId: r.client_id, issuedAt: r.issued_at, expiresAt: r.expires_at, revokedAt: r.revoked_at,
});

export type EnrolCodeRow = {
  code_hash: string; kind: EnrolCodeRecord['kind']; office_code: string | null; workstation_id: string | null; agency_code: string | null;
  client_id: string | null; reusable: number; created_at: string; expires_at: string; used_at: string | null;
};
export const toEnrolCode = (r: EnrolCodeRow): EnrolCodeRecord => ({
  codeHash: r.code_hash, kind: r.kind, officeCode: r.office_code, workstationId: r.workstation_id, agencyCode: r.agency_code,
  clientId: r.client_id, reusable: r.reusable === 1, createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at,
});

export type BatchRow = {
  seq: number; id: string; receiver_agency: string; sender: string; dataset: string; period: string | null; file_name: string; mime: string;
  size: number; sha256: string; uploaded_at: string;
};
export const BATCH_COLUMNS = 'seq, id, receiver_agency, sender, dataset, period, file_name, mime, size, sha256, uploaded_at';
export const toBatch = (r: BatchRow): StoredBatch => ({
  id: r.id, receiverAgency: r.receiver_agency, sender: r.sender, dataset: r.dataset, period: r.period, fileName: r.file_name, mime: r.mime,
  size: r.size, sha256: r.sha256, uploadedAt: r.uploaded_at,
});
