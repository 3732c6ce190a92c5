import type { overdueApi } from '../../../shared/contract/overdueApi';
import type { Handler } from './handlers';

/** Handlers for shared/contract/overdueApi.ts. */
export const overdueHandlers: { [K in keyof typeof overdueApi]: Handler<K> } = {};
