import type { z } from 'zod';
import type { Api, ApiMethod, SessionUser, SystemInfo } from '../../../shared/contract/api';
import type { SessionStore } from '../auth/sessions';
import type { Actor, ServiceContext } from '../context';
import type { DeviceServices } from '../devices/service';
import type { SyncRuntime } from '../sync/runtime';

// One handler's shape and the caller it acts for, apart from the table that merges every domain's
// handlers (handlers.ts), so each *Handlers.ts imports this and nothing imports back (Actual's
// per-domain apps).

/** What a handler knows about the call beyond its input. `user` is null only for public calls. */
export type CallContext = {
  ctx: ServiceContext;
  sessions: SessionStore;
  sessionToken: string | null;
  user: SessionUser | null;
  origin: { workstation: string; ip: string | null };
  systemInfo: () => SystemInfo;
  devices: DeviceServices;
  sync: SyncRuntime;
};

export type Handler<K extends ApiMethod> = (call: CallContext, input: z.output<Api[K]['input']>) => Promise<z.input<Api[K]['output']>> | z.input<Api[K]['output']>;
export type Handlers = { [K in ApiMethod]: Handler<K> };

export const actorOf = (call: CallContext): Actor => ({ user: call.user!, workstation: call.origin.workstation, ip: call.origin.ip });
