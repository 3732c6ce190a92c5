import type { Report } from './tables';

/** Excel refuses sheet names with these characters or longer than 31. */
const sheetName = (title: string): string => title.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);

/** One sheet per table, header row bold on a grey fill and frozen; numbers stay numbers. */
export async function reportXlsx(report: Report): Promise<Buffer> {
  // Loaded on first export: exceljs is the heaviest module of the app (seconds of start-up for every CLI run and worker).
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'N合一臨櫃';
  wb.title = `${report.title} ${report.period}`;
  for (const t of report.tables) {
    const ws = wb.addWorksheet(sheetName(t.title), { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = ws.addRow(t.headers);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    for (const r of t.rows) ws.addRow(r);
    ws.columns.forEach((col, i) => {
      const widest = Math.max(...[t.headers[i] ?? '', ...t.rows.map((r) => r[i] ?? '')].map((v) => [...String(v)].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0)));
      col.width = Math.min(60, Math.max(8, widest + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
