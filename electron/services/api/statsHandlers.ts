import type { statsApi } from '../../../shared/contract/statsApi';
import { AppFailure } from '../../../shared/result';
import type { Handler } from './handlers';

const notYet = (): never => {
  throw new AppFailure({ code: 'NOT_IMPLEMENTED', message: '統計功能尚未完成' });
};

/** Handlers for shared/contract/statsApi.ts. */
export const statsHandlers: { [K in keyof typeof statsApi]: Handler<K> } = {
  'stats.dashboard': notYet,
  'stats.export': notYet,
};
