import type { overdueApi } from '../../../shared/contract/overdueApi';
import { countOverdue, listOverdue } from '../overdue/listOverdue';
import type { Handler } from './handler';

/** Handlers for shared/contract/overdueApi.ts. */
export const overdueHandlers: { [K in keyof typeof overdueApi]: Handler<K> } = {
  'overdue.list': (call, input) => listOverdue(call.ctx, input.limit),
  'overdue.count': (call) => ({ total: countOverdue(call.ctx) }),
};
