import type { privacyApi } from '../../../shared/contract/privacyApi';
import { unmaskPerson } from '../privacy/unmask';
import { actorOf, type Handler } from './handler';

/** Handlers for shared/contract/privacyApi.ts. */
export const privacyHandlers: { [K in keyof typeof privacyApi]: Handler<K> } = {
  'person.unmask': (call, input) => unmaskPerson(call.ctx, actorOf(call), input),
};
