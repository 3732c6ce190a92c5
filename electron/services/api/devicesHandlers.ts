import { CASE_WRITERS } from '../../../shared/auth/roles';
import type { DeviceEvent } from '../../../shared/devices/schema';
import type { CallContext, Handler } from './handler';

type DevicesMethods = 'devices.status' | 'devices.events' | 'devices.inventory' | 'session.cardLogin' | 'session.cardUnlock';

/**
 * Only people who take cases see what a citizen's card said: for everyone else a card-inserted event
 * keeps its place in the stream (the status strip still blinks) but loses the person.
 */
const redactFor = (call: CallContext, e: DeviceEvent): DeviceEvent =>
  e.type === 'card-inserted' && !CASE_WRITERS.includes(call.user!.role)
    ? { ...e, person: { ...e.person, id: null, name: '', birthDate: '', cardSerial: null, document: null } }
    : e;

export const devicesHandlers: { [K in DevicesMethods]: Handler<K> } = {
  'devices.status': (call) => call.devices.status(),
  'devices.events': (call, input) => {
    const { cursor, events } = call.devices.events.since(input.after);
    return { cursor, events: events.map((e) => redactFor(call, e)) };
  },
  'devices.inventory': (call) => call.devices.inventory(),
  'session.cardLogin': (call, input) => ({ token: call.devices.cardLogin(input.pin, call.origin) }),
  'session.cardUnlock': (call, input) => {
    call.devices.cardUnlock(call.sessionToken, input.pin, call.origin);
    return {};
  },
};
