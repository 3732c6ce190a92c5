import type { statsApi } from '../../../shared/contract/statsApi';
import { statsDashboard } from '../stats/dashboard';
import { exportStats } from '../stats/exportReport';
import { actorOf, type Handler } from './handler';

/** Handlers for shared/contract/statsApi.ts. */
export const statsHandlers: { [K in keyof typeof statsApi]: Handler<K> } = {
  'stats.dashboard': (call, input) => statsDashboard(call.ctx, actorOf(call), input),
  'stats.export': (call, input) => exportStats(call.ctx, actorOf(call), input.filter, input.format),
};
