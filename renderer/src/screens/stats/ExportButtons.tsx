import type { ExportFormat } from '../../../../shared/stats/dashboard';
import { saveFile } from '../../lib/saveFile';
import { useStats, type StatsExport } from '../../stores/stats';

const FORMATS: { format: ExportFormat; label: string; help: string }[] = [
  { format: 'csv', label: '匯出 CSV', help: '逗號分隔，Excel 與試算表可開' },
  { format: 'xlsx', label: '匯出 XLSX', help: 'Excel 活頁簿' },
  { format: 'pdf', label: 'PDF 報表', help: '民國日期，可列印' },
];

const save = (file: StatsExport): void => saveFile(file.url, file.fileName);

const size = (bytes: number): string => (bytes < 1024 ? `${bytes} 位元組` : `${(bytes / 1024).toFixed(1)} KB`);

/** CSV, XLSX and the printable PDF of exactly the figures on screen (the applied filter). */
export function ExportButtons({ disabled }: { disabled: boolean }) {
  const exporting = useStats((s) => s.exporting);
  const exportError = useStats((s) => s.exportError);
  const lastExport = useStats((s) => s.lastExport);
  const exportAs = useStats((s) => s.exportAs);

  const run = async (format: ExportFormat) => {
    const file = await exportAs(format);
    if (file) save(file);
  };

  return (
    <section className="card stats-export" aria-label="匯出">
      <div className="stats-export__buttons">
        {FORMATS.map((f) => (
          <button key={f.format} type="button" className="button" title={f.help} disabled={disabled || exporting !== null} onClick={() => void run(f.format)}>
            {exporting === f.format ? '匯出中…' : f.label}
          </button>
        ))}
      </div>
      <div role="status" className="stats-export__status">
        {lastExport && !exportError && (
          <p>
            已匯出 <span className="mono">{lastExport.fileName}</span>（{size(lastExport.bytes)}）。
            <a href={lastExport.url} download={lastExport.fileName}>
              再次下載
            </a>
          </p>
        )}
      </div>
      {exportError && (
        <p className="banner banner--error" role="alert">
          匯出失敗：{exportError}
        </p>
      )}
    </section>
  );
}
