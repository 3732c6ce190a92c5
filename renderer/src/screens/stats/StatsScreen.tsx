import { lazy, Suspense, useEffect } from 'react';
import { go } from '../../stores/route';
import { useStats } from '../../stores/stats';
import { CountTable } from './CountTable';
import { ExportButtons } from './ExportButtons';
import { LifeEventTable } from './LifeEventTable';
import { StatsFilters } from './StatsFilters';
import { StatsSummary } from './StatsSummary';
import { TurnaroundTable } from './TurnaroundTable';

// echarts is most of the screen's weight: its own chunk (same origin, so the CSP's script-src 'self' covers it).
const StatsCharts = lazy(() => import('./StatsCharts'));

/**
 * 統計報表 (issue 7, supervisors and administrators): filters, three charts with their text
 * alternatives, the figure tables and the exports — all computed by the services from this
 * workstation's own database, so it works offline.
 */
export function StatsScreen() {
  const data = useStats((s) => s.data);
  const loading = useStats((s) => s.loading);
  const error = useStats((s) => s.error);
  const catalogue = useStats((s) => s.catalogue);
  const open = useStats((s) => s.open);

  useEffect(() => {
    void open();
  }, [open]);

  const agencyName = (code: string): string =>
    catalogue?.agencies.find((a) => a.code === code)?.name ?? data?.byAgency.find((a) => a.agency === code)?.name ?? code;

  return (
    <div className="stats" aria-busy={loading}>
      <div className="home__top">
        <h1 className="page-title">統計報表</h1>
        <button type="button" className="button" onClick={() => go({ screen: 'home' })}>
          回首頁 <kbd>Esc</kbd>
        </button>
      </div>
      <StatsFilters />
      {error && (
        <p className="banner banner--error" role="alert" data-testid="stats-error">
          統計無法產生：{error}
        </p>
      )}
      {!data ? (
        !error && <p className="empty">統計計算中…</p>
      ) : data.total === 0 ? (
        <div className="card" data-testid="stats-empty">
          <p className="empty">此期間與條件下沒有通報或檢證資料。請放寬篩選條件或改選其他期間。</p>
        </div>
      ) : (
        <>
          <StatsSummary data={data} />
          <Suspense fallback={<p className="empty">圖表載入中…</p>}>
            <StatsCharts data={data} />
          </Suspense>
          <div className="stats-tables">
            <LifeEventTable data={data} />
            <TurnaroundTable data={data} agencyName={agencyName} />
            <CountTable caption="各項目件數" what="項目" testId="stats-by-item" rows={data.byItem.map((r) => ({ key: r.item, label: `${r.item} ${r.name}`, count: r.count }))} />
            <CountTable caption="各承辦人件數" what="承辦人" testId="stats-by-clerk" rows={data.byClerk.map((r) => ({ key: String(r.clerkId), label: r.clerk, count: r.count }))} />
            <CountTable caption="各戶所件數" what="戶所" testId="stats-by-office" rows={data.byOffice.map((r) => ({ key: r.office, label: r.office, count: r.count }))} />
            <CountTable
              caption="逾期未回報（依機關）"
              what="機關"
              testId="stats-overdue"
              empty="此期間沒有逾期未回報的通報。"
              rows={data.overdue.byAgency.map((r) => ({ key: r.agency, label: agencyName(r.agency), count: r.count }))}
            />
            <CountTable caption="查詢排行" what="查詢者" testId="stats-query-ranking" empty="此期間沒有查詢紀錄。" rows={data.queryRanking.map((r) => ({ key: r.actor, label: r.actor, count: r.count }))} />
          </div>
        </>
      )}
      <ExportButtons disabled={!data || loading} />
      {data && <p className="field__help stats-computed">計算耗時 {Math.round(data.computedMs)} 毫秒（本工作站資料）。</p>}
    </div>
  );
}
