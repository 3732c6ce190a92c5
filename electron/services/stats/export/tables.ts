import { NOTIFICATION_STATUS_LABEL, NOTIFICATION_STATUSES } from '../../../../shared/cases/schema';
import type { Granularity, Spread, StatsDashboard } from '../../../../shared/stats/dashboard';
import { formatRocDate, formatRocDateShort } from '../../../../shared/validators/rocDate';

/**
 * The report as plain tables, built once and written three ways (CSV, XLSX, PDF) so the formats
 * can never disagree. Cells are numbers where the value is a count or seconds (spreadsheets sum
 * them), text elsewhere; dates are already ROC text.
 */
export type Cell = string | number | null;
export type ReportTable = { title: string; headers: string[]; rows: Cell[][] };
export type Report = { title: string; period: string; printedOn: string; tables: ReportTable[] };

export const REPORT_TITLE = '統計報表';

const FUNNEL_LABEL = { created: '已建立', delivered: '平台已收', received: '機關已收', closed: '已結案' } as const;

/** Trend periods in ROC: `115/11/26`, `115年第48週（11/23起）`, `115年11月`. */
export function rocPeriodLabel(period: string, granularity: Granularity): string {
  if (granularity === 'day') return formatRocDateShort(period);
  if (granularity === 'month') return `${Number(period.slice(0, 4)) - 1911}年${Number(period.slice(5, 7))}月`;
  const [year, week] = period.split('-W') as [string, string];
  return `${Number(year) - 1911}年第${Number(week)}週`;
}

const spreadCells = (s: Spread): Cell[] => [s.n, s.medianS, s.p90S];

/** The dashboard as report tables; `printedOn` is the ISO Taipei day of printing. */
export function buildReport(d: StatsDashboard, printedOn: string): Report {
  const f = d.filter;
  const statuses = NOTIFICATION_STATUSES.filter((s) => d.byAgency.some((a) => (a.byStatus[s] ?? 0) > 0));
  const g = f.granularity as Granularity;
  return {
    title: REPORT_TITLE,
    period: `${formatRocDate(f.from)}至${formatRocDate(f.to)}`,
    printedOn: formatRocDate(printedOn),
    tables: [
      {
        title: '摘要',
        headers: ['項目', '數值'],
        rows: [
          ['統計期間', `${formatRocDate(f.from)}至${formatRocDate(f.to)}`],
          ['通報件數', d.total],
          ['案件數', d.cases],
          ['免附書證謄本份數', d.documentsSpared],
          ['逾時未結件數', d.overdue.total],
          ['列印日期', formatRocDate(printedOn)],
        ],
      },
      {
        title: '依生活事件',
        headers: ['生活事件代碼', '生活事件', '案件數', '通報件數', '免附書證謄本份數'],
        rows: d.byLifeEvent.map((r) => [r.lifeEvent, r.name, r.cases, r.notifications, r.documentsSpared]),
      },
      { title: '依項目', headers: ['項目代碼', '項目名稱', '件數'], rows: d.byItem.map((r) => [r.item, r.name, r.count]) },
      {
        title: '依機關',
        headers: ['機關代碼', '機關名稱', '合計', ...statuses.map((s) => NOTIFICATION_STATUS_LABEL[s])],
        rows: d.byAgency.map((r) => [r.agency, r.name, r.total, ...statuses.map((s) => r.byStatus[s] ?? 0)]),
      },
      { title: '依戶所', headers: ['戶所代碼', '件數'], rows: d.byOffice.map((r) => [r.office, r.count]) },
      { title: '依承辦人', headers: ['承辦人', '件數'], rows: d.byClerk.map((r) => [r.clerk, r.count]) },
      {
        title: '依狀態',
        headers: ['狀態', '件數'],
        rows: NOTIFICATION_STATUSES.filter((s) => d.byStatus[s] !== undefined).map((s) => [NOTIFICATION_STATUS_LABEL[s], d.byStatus[s]!]),
      },
      { title: '趨勢', headers: [g === 'day' ? '日期' : g === 'week' ? '週' : '月份', '件數'], rows: d.trend.map((t) => [rocPeriodLabel(t.period, g), t.count]) },
      { title: '處理流程', headers: ['階段', '件數'], rows: d.funnel.map((s) => [FUNNEL_LABEL[s.stage], s.count]) },
      {
        title: '處理時間',
        headers: ['機關代碼', '送達件數', '送達中位數（秒）', '送達P90（秒）', '收件件數', '收件中位數（秒）', '收件P90（秒）', '結案件數', '結案中位數（秒）', '結案P90（秒）'],
        rows: d.turnaround.map((t) => [t.agency, ...spreadCells(t.toDelivery), ...spreadCells(t.toReceipt), ...spreadCells(t.toCompletion)]),
      },
      { title: '逾時', headers: ['機關代碼', '逾時未結件數'], rows: d.overdue.byAgency.map((o) => [o.agency, o.count]) },
      { title: '檢證回覆時間', headers: ['件數', '中位數（秒）', 'P90（秒）'], rows: [spreadCells(d.verification)] },
      { title: '查詢排行', headers: ['名次', '帳號', '查詢次數'], rows: d.queryRanking.map((q, i) => [i + 1, q.actor, q.count]) },
    ],
  };
}
