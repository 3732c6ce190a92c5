import type { Role } from '../auth/roles';
import { OverdueList, OverdueListInput } from '../overdue/view';
import { z } from '../zod';
import { call } from './define';

/**
 * 逾時未回報檢核 calls (issue 7). The office's list is for its supervisor (and IT's system admin);
 * receiving agencies see their own overdue rows in the platform inbox instead.
 */
export const OVERDUE_READERS: readonly Role[] = ['supervisor', 'system_admin'];

export const overdueApi = {
  'overdue.list': call({ input: OverdueListInput, output: OverdueList, access: OVERDUE_READERS, summary: '逾時未回報的通報（本所，依逾期日數排序）' }),
  'overdue.count': call({
    input: z.strictObject({}),
    output: z.object({ total: z.number().int().nonnegative() }),
    access: OVERDUE_READERS,
    summary: '逾時未回報的通報筆數（首頁按鈕）',
    passive: true,
  }),
};
