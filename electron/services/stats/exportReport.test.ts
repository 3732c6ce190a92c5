import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsDashboard } from '../../../shared/stats/dashboard';
import { createCounterApp, type CounterApp } from '../app';
import { createUser } from '../auth/users';
import { fixedClock } from '../clock';
import { silentLogger } from '../logging/logger';
import { fixturePasswordHash, TEST_NOW, tempDir } from '../testing/fixtures';
import { generateRecords, seedStaff } from './statsFixtures';

const tmp = tempDir('nin1-stats-export-');
let app: CounterApp;
const ORIGIN = { workstation: 'FS01-W02', ip: '10.0.0.2' };
const FILTER = { from: '2026-11-01', to: '2026-11-27', granularity: 'week' };
let supervisor: string;
let clerk: string;

const login = async (username: string): Promise<string> => {
  const r = await app.call('session.login', { username, password: 'demo1234' }, null, ORIGIN);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { token: string }).token;
};
const call = async <T>(method: string, input: unknown, token: string): Promise<T> => {
  const r = await app.call(method, input, token, ORIGIN);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
type Exported = { fileName: string; mime: string; base64: string };
const exportAs = async (format: string): Promise<{ file: Exported; bytes: Buffer }> => {
  const file = await call<Exported>('stats.export', { filter: FILTER, format }, supervisor);
  return { file, bytes: Buffer.from(file.base64, 'base64') };
};
const auditCount = (action: string): number => app.ctx.db.prepare('SELECT COUNT(*) FROM audit WHERE action = ?').pluck().get(action) as number;

beforeAll(async () => {
  app = createCounterApp({ dbFile: tmp.file('export.sqlite'), create: true, shell: 'cli', logger: silentLogger(), clock: fixedClock(TEST_NOW) });
  const clerks = seedStaff(app.ctx);
  createUser(app.ctx.db, { username: 'supervisor', displayName: '李主任', role: 'supervisor', officeCode: 'FS01', passwordHash: fixturePasswordHash() }, TEST_NOW);
  generateRecords(app.ctx, clerks, { seed: 11, count: 120, startMs: Date.parse('2026-11-01T00:00:00Z'), endMs: Date.parse('2026-11-26T00:00:00Z'), nowMs: Date.parse(TEST_NOW) });
  supervisor = await login('supervisor');
  clerk = await login('clerk');
});
afterAll(() => {
  app.close();
  tmp.cleanup();
});

/** RFC 4180 reader (quoted fields with doubled quotes, commas and line breaks inside). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else if (ch === '\n') throw new Error(`bare LF at ${i}`);
    else field += ch;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** The rows of one titled section of the CSV: header row then data rows, up to the blank line. */
const section = (rows: string[][], title: string): string[][] => {
  const start = rows.findIndex((r) => r.length === 1 && r[0] === title);
  expect(start, title).toBeGreaterThan(-1);
  const end = rows.findIndex((r, i) => i > start && r.length === 1 && r[0] === '');
  return rows.slice(start + 1, end);
};

describe('stats.export through the dispatcher', () => {
  let dashboard: StatsDashboard;
  beforeAll(async () => {
    dashboard = await call<StatsDashboard>('stats.dashboard', FILTER, supervisor);
  });

  it('CSV: UTF-8 with BOM, CRLF, RFC 4180 quoting, zh-TW headers, the dashboard figures', async () => {
    const before = auditCount('stats.export');
    const { file, bytes } = await exportAs('csv');
    expect(file.fileName).toBe('統計報表_1151101-1151127.csv');
    expect(file.mime).toBe('text/csv; charset=utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['統計報表']);
    expect(rows[1]).toEqual(['統計期間', '民國115年11月1日至民國115年11月27日']);
    expect(rows[2]).toEqual(['列印日期', '民國115年11月26日']);
    const byItem = section(rows, '依項目');
    expect(byItem[0]).toEqual(['項目代碼', '項目名稱', '件數']);
    expect(byItem.slice(1)).toEqual(dashboard.byItem.map((r) => [r.item, r.name, String(r.count)]));
    const byClerk = section(rows, '依承辦人');
    expect(byClerk.slice(1).map((r) => r[0])).toContain('陳"大",文'); // quoted and unquoted back intact
    expect(bytes.toString('utf8')).toContain('"陳""大"",文"');
    const trend = section(rows, '趨勢');
    expect(trend[0]).toEqual(['週', '件數']);
    expect(trend.slice(1).map((r) => Number(r[1]))).toEqual(dashboard.trend.map((t) => t.count));
    expect(trend[1]![0]).toBe('115年第44週');
    const turnaround = section(rows, '處理時間');
    expect(turnaround[0]![2]).toBe('送達中位數（秒）');
    expect(turnaround.slice(1).map((r) => r[0])).toEqual(dashboard.turnaround.map((t) => t.agency));
    expect(auditCount('stats.export')).toBe(before + 1);
  });

  it('finding 2: the CSV and XLSX carry the per-life-event table (cases, notifications, documents spared) and the documents-spared total', async () => {
    expect(dashboard.byLifeEvent.length).toBeGreaterThan(1);
    const csv = parseCsv((await exportAs('csv')).bytes.toString('utf8').slice(1));
    const events = section(csv, '依生活事件');
    expect(events[0]).toEqual(['生活事件代碼', '生活事件', '案件數', '通報件數', '免附書證謄本份數']);
    expect(events.slice(1)).toEqual(dashboard.byLifeEvent.map((r) => [r.lifeEvent, r.name, String(r.cases), String(r.notifications), String(r.documentsSpared)]));
    expect(section(csv, '摘要')).toContainEqual(['免附書證謄本份數', String(dashboard.documentsSpared)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportAs('xlsx')).bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('依生活事件')!;
    expect(sheet.getCell('E2').value).toBe(dashboard.byLifeEvent[0]!.documentsSpared);
    expect(sheet.rowCount).toBe(dashboard.byLifeEvent.length + 1);
  });

  it('XLSX: one sheet per table, styled header row, numbers as numbers, read back with exceljs', async () => {
    const { file, bytes } = await exportAs('xlsx');
    expect(file.fileName).toBe('統計報表_1151101-1151127.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['摘要', '依生活事件', '依項目', '依機關', '依戶所', '依承辦人', '依狀態', '趨勢', '處理流程', '處理時間', '逾時', '檢證回覆時間', '查詢排行']);
    const items = wb.getWorksheet('依項目')!;
    expect(items.getRow(1).values).toEqual([undefined, '項目代碼', '項目名稱', '件數']);
    expect(items.getRow(1).font?.bold).toBe(true);
    expect(items.getCell('C2').value).toBe(dashboard.byItem[0]!.count);
    expect(typeof items.getCell('C2').value).toBe('number');
    expect(items.rowCount).toBe(dashboard.byItem.length + 1);
    const summary = wb.getWorksheet('摘要')!;
    expect(summary.getCell('B2').value).toBe('民國115年11月1日至民國115年11月27日');
    expect(summary.getCell('B3').value).toBe(dashboard.total);
    const overdue = wb.getWorksheet('逾時')!;
    expect(overdue.getRow(1).values).toEqual([undefined, '機關代碼', '逾時未結件數']);
    const tat = wb.getWorksheet('處理時間')!;
    const first = dashboard.turnaround[0]!;
    expect(tat.getCell('C2').value).toBe(first.toDelivery.medianS);
    const trend = wb.getWorksheet('趨勢')!;
    expect(trend.getColumn(2).values.slice(2)).toEqual(dashboard.trend.map((t) => t.count));
  });

  it('PDF: zh-TW report with ROC period and print date, CJK font embedded as a subset', async () => {
    const { file, bytes } = await exportAs('pdf');
    expect(file.fileName).toBe('統計報表_1151101-1151127.pdf');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = tmp.file('report.pdf');
    writeFileSync(pdf, bytes);
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    const squashed = text.stdout.replace(/\s+/g, '');
    for (const s of ['統計報表', '統計期間：民國115年11月1日至民國115年11月27日', '列印日期：民國115年11月26日', '依生活事件', '家人身後事', '免附書證謄本份數', '依項目', '依機關', '趨勢', '處理時間', '逾時', '查詢排行', '稅單投遞地址變更', '115年第48週']) {
      expect(squashed, s).toContain(s);
    }
    const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts.stdout).toMatch(/[A-Z]{6}\+NotoSansCJKtc-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('each export and dashboard call is audited with the filter; a counter clerk is refused both (ACCESS_DENIED, audited)', async () => {
    const views = auditCount('stats.view');
    await call('stats.dashboard', { ...FILTER, kind: 'verification' }, supervisor);
    expect(auditCount('stats.view')).toBe(views + 1);
    const last = app.ctx.db.prepare("SELECT detail FROM audit WHERE action = 'stats.export' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(last)).toMatchObject({ filter: FILTER, format: 'pdf', fileName: '統計報表_1151101-1151127.pdf' });

    const denied = auditCount('access.denied');
    for (const [method, input] of [['stats.dashboard', FILTER], ['stats.export', { filter: FILTER, format: 'csv' }]] as const) {
      const r = await app.call(method, input, clerk, ORIGIN);
      expect(r.ok ? 'ok' : r.error.code, method).toBe('ACCESS_DENIED');
    }
    expect(auditCount('access.denied')).toBe(denied + 2);
  });

  it('a filter with from after to is refused as INPUT_INVALID (zh-TW) and writes no audit row', async () => {
    const rows = app.ctx.db.prepare('SELECT COUNT(*) FROM audit').pluck().get();
    const r = await app.call('stats.dashboard', { from: '2026-11-27', to: '2026-11-01' }, supervisor, ORIGIN);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INPUT_INVALID', path: 'to' });
    if (!r.ok) expect(r.error.message).toContain('起日不可晚於迄日');
    const x = await app.call('stats.export', { filter: { ...FILTER, item: 'N99' }, format: 'xlsx' }, supervisor, ORIGIN);
    expect(x.ok ? 'ok' : x.error.code).toBe('STATS_ITEM_UNKNOWN');
    expect(app.ctx.db.prepare('SELECT COUNT(*) FROM audit').pluck().get()).toBe(rows);
  });
});
