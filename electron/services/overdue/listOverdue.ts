import { NOTIFICATION_STATUS_LABEL, type NotificationStatus } from '../../../shared/cases/schema';
import { daysOverdue } from '../../../shared/overdue/deadline';
import type { OverdueList } from '../../../shared/overdue/view';
import type { ServiceContext } from '../context';
import { openSupplements } from '../supplements/openSupplements';

/**
 * Overdue = due_at < now AND closed_at IS NULL (the same meaning the statistics use). Only this
 * office's cases; oldest deadline first, i.e. most days overdue first. The partial index
 * notifications_due(due_at) WHERE closed_at IS NULL serves both the count and the list.
 */
const FROM = `FROM notifications n JOIN cases c ON c.id = n.case_id
  WHERE n.closed_at IS NULL AND n.due_at IS NOT NULL AND n.due_at < ? AND c.office_code = ?`;

export function countOverdue(ctx: Pick<ServiceContext, 'db' | 'clock' | 'config'>): number {
  return (ctx.db.prepare(`SELECT COUNT(*) AS n ${FROM}`).get(ctx.clock.now().toISOString(), ctx.config.officeCode) as { n: number }).n;
}

export function listOverdue(ctx: Pick<ServiceContext, 'db' | 'clock' | 'config' | 'catalogue'>, limit = 500): OverdueList {
  const now = ctx.clock.now();
  const rows = ctx.db
    .prepare(`SELECT n.id, c.case_no, n.item_code, n.receiver_agency, n.status, n.delivered_at, n.due_at ${FROM} ORDER BY n.due_at, n.rowid LIMIT ?`)
    .all(now.toISOString(), ctx.config.officeCode, limit) as {
    id: string; case_no: string; item_code: string; receiver_agency: string; status: NotificationStatus; delivered_at: string; due_at: string;
  }[];
  const items = new Map(ctx.catalogue.items.map((i) => [i.code, i.title]));
  const agencies = new Map(ctx.catalogue.agencies.map((a) => [a.code, a.name]));
  return {
    total: rows.length < limit ? rows.length : countOverdue(ctx),
    asOf: now.toISOString(),
    rows: rows.map((r) => ({
      notificationId: r.id,
      caseNo: r.case_no,
      itemCode: r.item_code,
      itemTitle: items.get(r.item_code) ?? r.item_code,
      receiverAgency: r.receiver_agency,
      receiverName: agencies.get(r.receiver_agency) ?? r.receiver_agency,
      status: r.status,
      statusLabel: NOTIFICATION_STATUS_LABEL[r.status],
      deliveredAt: r.delivered_at,
      dueAt: r.due_at,
      daysOverdue: Math.max(1, daysOverdue(r.due_at, now)),
    })),
    supplements: openSupplements(ctx),
  };
}
