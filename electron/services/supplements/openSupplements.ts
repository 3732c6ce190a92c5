import type { OpenSupplement } from '../../../shared/overdue/view';
import { isoFromDate } from '../../../shared/validators';
import type { ServiceContext } from '../context';

/**
 * The office's 補件 requests not yet answered (issue 14), earliest due date first: what the
 * supervisor's overdue view and a case's detail list. Only this office's cases; no personal data.
 * A round of an agency that has since transferred the notification is moot (the platform closed it
 * with the transfer), so it is not listed.
 */
export function openSupplements(ctx: Pick<ServiceContext, 'db' | 'clock' | 'config' | 'catalogue'>, caseNo?: string): OpenSupplement[] {
  const rows = ctx.db
    .prepare(
      `SELECT s.notification_id, c.case_no, n.item_code, s.agency, s.round, s.missing, s.due_date, s.requested_at
       FROM supplement_requests s JOIN notifications n ON n.id = s.notification_id JOIN cases c ON c.id = n.case_id
       WHERE s.answered_at IS NULL AND s.agency = n.receiver_agency AND c.office_code = ? AND (? IS NULL OR c.case_no = ?)
       ORDER BY s.due_date, s.requested_at`,
    )
    .all(ctx.config.officeCode, caseNo ?? null, caseNo ?? null) as {
    notification_id: string; case_no: string; item_code: string; agency: string; round: number; missing: string; due_date: string; requested_at: string;
  }[];
  const today = isoFromDate(ctx.clock.now());
  const items = new Map(ctx.catalogue.items.map((i) => [i.code, i.title]));
  const agencies = new Map(ctx.catalogue.agencies.map((a) => [a.code, a.name]));
  return rows.map((r) => ({
    notificationId: r.notification_id,
    caseNo: r.case_no,
    itemTitle: items.get(r.item_code) ?? r.item_code,
    receiverName: agencies.get(r.agency) ?? r.agency,
    round: r.round,
    missing: JSON.parse(r.missing) as string[],
    dueDate: r.due_date,
    requestedAt: r.requested_at,
    late: r.due_date < today,
  }));
}
