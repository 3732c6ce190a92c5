import type { Cell, Report } from './tables';

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
export const csvField = (c: Cell): string => {
  const s = c === null ? '' : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * One CSV file with every table in turn: a title line, the header row, the rows, a blank line.
 * UTF-8 with a byte-order mark (Excel on Windows otherwise reads the Chinese as Big5 garbage) and
 * CRLF line ends as RFC 4180 says.
 */
export function reportCsv(report: Report): Buffer {
  const lines: string[] = [csvField(report.title), `${csvField('統計期間')},${csvField(report.period)}`, `${csvField('列印日期')},${csvField(report.printedOn)}`, ''];
  for (const t of report.tables) {
    lines.push(csvField(t.title), t.headers.map(csvField).join(','), ...t.rows.map((r) => r.map(csvField).join(',')), '');
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}`, 'utf8');
}
