import type { Role } from '../auth/roles';
import { ExportFormat, StatsDashboard, StatsFilter } from '../stats/dashboard';
import { z } from '../zod';
import { call } from './define';

/** Supervisors and the administrators of seed 000 read statistics; clerks do not. */
export const STATS_READERS: readonly Role[] = ['supervisor', 'system_admin', 'agency_admin', 'provider_admin'];

export const statsApi = {
  'stats.dashboard': call({ input: StatsFilter, output: StatsDashboard, access: STATS_READERS, summary: '統計交叉分析（本工作站資料，離線可用）' }),
  'stats.export': call({
    input: z.strictObject({ filter: StatsFilter, format: ExportFormat }),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
    access: STATS_READERS,
    summary: '匯出統計報表（CSV、XLSX 或民國日期的 PDF 報表；記錄於稽核）',
  }),
};
