import { labelledFields } from '../../../shared/cases/display';
import type { FieldValue } from '../../../shared/cases/schema';
import type { CaseSupplement } from '../../../shared/contract/supplementsApi';
import type { SupplementPage } from '../../../shared/platform/supplementPages';
import { isoFromDate } from '../../../shared/validators';
import type { ServiceContext } from '../context';

type Row = {
  notification_id: string; item_code: string; agency: string; round: number; missing: string; due_date: string; requested_at: string;
  answered_at: string | null; answer: string | null; answer_state: CaseSupplement['state'] | null; refusal: string | null; receiver: string;
};

/**
 * Every 補件 round of one case (issue 14 §3), the ones still to answer first, then by request time:
 * who asks (the agency holding the round), what is missing, by when, and where the answer stands.
 * Only this office's case; no personal data beyond what the clerk entered as answer fields.
 */
export function caseSupplements(ctx: Pick<ServiceContext, 'db' | 'clock' | 'config' | 'catalogue'>, caseNo: string): CaseSupplement[] {
  const rows = ctx.db
    .prepare(
      `SELECT s.notification_id, n.item_code, n.receiver_agency AS receiver, s.agency, s.round, s.missing, s.due_date, s.requested_at, s.answered_at, s.answer, s.answer_state, s.refusal
       FROM supplement_requests s JOIN notifications n ON n.id = s.notification_id JOIN cases c ON c.id = n.case_id
       WHERE c.case_no = ? AND c.office_code = ?
       ORDER BY s.answered_at IS NOT NULL, s.requested_at, s.round`,
    )
    .all(caseNo, ctx.config.officeCode) as Row[];
  const today = isoFromDate(ctx.clock.now());
  return rows.map((r) => {
    const item = ctx.catalogue.items.find((i) => i.code === r.item_code);
    const answered = r.answered_at !== null;
    // The platform closes an open round when the agency transfers the notification (改分): nothing left to answer.
    const moot = !answered && r.receiver !== r.agency;
    const stored = r.answer ? (JSON.parse(r.answer) as { fields: Record<string, FieldValue>; note: string | null; attachments?: SupplementPage[] }) : null;
    return {
      notificationId: r.notification_id,
      itemCode: r.item_code,
      itemTitle: item?.title ?? r.item_code,
      agencyCode: r.agency,
      agencyName: ctx.catalogue.agencies.find((a) => a.code === r.agency)?.name ?? r.agency,
      round: r.round,
      missing: JSON.parse(r.missing) as string[],
      dueDate: r.due_date,
      requestedAt: r.requested_at,
      late: !answered && !moot && r.due_date < today,
      state: answered ? 'answered' : moot ? 'transferred' : r.answer_state === 'queued' || r.answer_state === 'refused' ? r.answer_state : 'open',
      refusal: answered ? null : r.refusal,
      answeredAt: r.answered_at,
      answer: stored && answered ? { fields: labelledFields(item?.fields ?? [], stored.fields).map(({ label, value }) => ({ label, value })), note: stored.note, pages: stored.attachments ?? [] } : null,
    };
  });
}
