import type { statsApi } from '../../../shared/contract/statsApi';
import { AppFailure } from '../../../shared/result';
import { statsDashboard } from '../stats/dashboard';
import { actorOf, type Handler } from './handlers';

/** Handlers for shared/contract/statsApi.ts. */
export const statsHandlers: { [K in keyof typeof statsApi]: Handler<K> } = {
  'stats.dashboard': (call, input) => statsDashboard(call.ctx, actorOf(call), input),
  'stats.export': () => {
    throw new AppFailure({ code: 'NOT_IMPLEMENTED', message: '統計報表匯出尚未完成' });
  },
};
