import type { z } from 'zod';
import type { Api, ApiMethod, SessionUser, SystemInfo } from '../../../shared/contract/api';
import { loginWithPassword } from '../auth/login';
import { auditLogout } from '../auth/logout';
import type { SessionStore } from '../auth/sessions';
import { createCase } from '../cases/createCase';
import { markDocumentArrived } from '../cases/documents';
import { printCaseForm } from '../cases/printForm';
import { getCase, searchCases, todayCases } from '../cases/queries';
import type { Actor, ServiceContext } from '../context';
import type { SyncRuntime } from '../sync/runtime';
import { syncHandlers } from './syncHandlers';
import { devicesHandlers } from './devicesHandlers';
import type { DeviceServices } from '../devices/service';
import { adminHandlers } from './adminHandlers';
import { scanningHandlers } from './scanningHandlers';
import { privacyHandlers } from './privacyHandlers';
import { statsHandlers } from './statsHandlers';
import { overdueHandlers } from './overdueHandlers';
import { progressHandlers } from './progressHandlers';
import { accountsHandlers } from './accountsHandlers';

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

/** The services behind every contract call; the dispatcher has already validated input and access. */
export const handlers: Handlers = {
  'system.info': (call) => call.systemInfo(),
  'session.login': async (call, input) => {
    const user = await loginWithPassword(call.ctx, input.username, input.password, call.origin);
    return { token: call.sessions.open(user), user };
  },
  'session.current': (call) => call.user!,
  'session.logout': (call) => {
    auditLogout(call.ctx, actorOf(call));
    call.sessions.close(call.sessionToken);
    return {};
  },
  'catalogue.get': (call) => call.ctx.catalogue,
  'cases.create': (call, input) => {
    const saved = createCase(call.ctx, actorOf(call), input);
    call.sync.engine()?.kick('case saved'); // new outbox rows: send now, not at the next tick
    return saved;
  },
  'cases.get': (call, input) => getCase(call.ctx, actorOf(call), input.caseNo),
  'cases.documentArrived': (call, input) => markDocumentArrived(call.ctx, actorOf(call), input.caseNo, input.code),
  'cases.today': (call) => todayCases(call.ctx, call.user!.role),
  'cases.search': (call, input) => searchCases(call.ctx, actorOf(call), input.query),
  'cases.formPdf': async (call, input) => {
    const { pdf, pages } = await printCaseForm(call.ctx, actorOf(call), input.caseNo);
    return { fileName: `${input.caseNo}.pdf`, pdfBase64: Buffer.from(pdf).toString('base64'), pages };
  },
  ...syncHandlers,
  ...devicesHandlers,
  ...adminHandlers,
  ...scanningHandlers,
  ...privacyHandlers,
  ...statsHandlers,
  ...overdueHandlers,
  ...progressHandlers,
  ...accountsHandlers,
};
