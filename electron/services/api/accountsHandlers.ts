import type { accountsApi } from '../../../shared/contract/accountsApi';
import type { Handler } from './handlers';

/** Handlers for shared/contract/accountsApi.ts. */
export const accountsHandlers: { [K in keyof typeof accountsApi]: Handler<K> } = {};
