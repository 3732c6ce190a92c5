import type { ExportFormat, StatsFilter } from '../../../shared/stats/dashboard';
import { isoFromDate, toRocCompact } from '../../../shared/validators/rocDate';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import { auditedFilter, computeDashboard } from './dashboard';
import { reportCsv } from './export/csv';
import { reportPdf } from './export/pdf';
import { buildReport } from './export/tables';
import { reportXlsx } from './export/xlsx';

export const EXPORT_MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** `統計報表_1151101-1151127.xlsx`: ROC compact dates, the form clerks file reports under. */
export const exportFileName = (f: StatsFilter, format: ExportFormat): string => `統計報表_${toRocCompact(f.from)}-${toRocCompact(f.to)}.${format}`;

/**
 * `stats.export`: the same figures as the dashboard, written as CSV, XLSX or a PDF report, and
 * one `stats.export` audit row (filter and format; the figures hold no personal data, but who took
 * a copy of them out of the system is still worth knowing). Refused filters write nothing.
 */
export async function exportStats(ctx: ServiceContext, actor: Actor, filter: StatsFilter, format: ExportFormat): Promise<{ fileName: string; mime: string; base64: string }> {
  const dashboard = computeDashboard(ctx, filter);
  const now = ctx.clock.now();
  const report = buildReport(dashboard, isoFromDate(now));
  const bytes = format === 'csv' ? reportCsv(report) : format === 'xlsx' ? await reportXlsx(report) : await reportPdf(report, now);
  const fileName = exportFileName(filter, format);
  appendAudit(ctx.db, {
    at: now.toISOString(), actorId: actor.user.id, actor: actor.user.username, action: 'stats.export',
    detail: { filter: auditedFilter(filter), format, fileName, bytes: bytes.length }, workstation: actor.workstation, ip: actor.ip,
  });
  return { fileName, mime: EXPORT_MIME[format], base64: Buffer.from(bytes).toString('base64') };
}
