import type { progressApi } from '../../../shared/contract/progressApi';
import type { Handler } from './handlers';

/** Handlers for shared/contract/progressApi.ts. */
export const progressHandlers: { [K in keyof typeof progressApi]: Handler<K> } = {};
