import { loginWithPassword } from '../auth/login';
import { auditLogout } from '../auth/logout';
import { markDocumentArrived } from '../cases/documents';
import { printCaseForm } from '../cases/printForm';
import { getCase, searchCases, todayCases } from '../cases/queries';
import { syncHandlers } from './syncHandlers';
import { devicesHandlers } from './devicesHandlers';
import { adminHandlers } from './adminHandlers';
import { scanningHandlers } from './scanningHandlers';
import { privacyHandlers } from './privacyHandlers';
import { statsHandlers } from './statsHandlers';
import { overdueHandlers } from './overdueHandlers';
import { progressHandlers } from './progressHandlers';
import { accountsHandlers } from './accountsHandlers';
import { supplementsHandlers } from './supplementsHandlers';
import { caseSaveHandlers } from './caseSaveHandlers';
import { actorOf, type Handlers } from './handler';

export type { CallContext, Handler, Handlers } from './handler';

/** The services behind every contract call; the dispatcher has already validated input and access. */
export const handlers: Handlers = {
  'system.info': (call) => call.systemInfo(),
  'session.login': async (call, input) => {
    const user = await loginWithPassword(call.ctx, input.username, input.password, call.origin);
    return { token: call.sessions.open(user), user };
  },
  'session.current': (call) => ({ ...call.user!, cardSession: call.devices.isCardSession(call.sessionToken) }),
  'session.logout': (call) => {
    auditLogout(call.ctx, actorOf(call));
    call.sessions.close(call.sessionToken);
    return {};
  },
  'catalogue.get': (call) => call.ctx.catalogue,
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
  ...supplementsHandlers,
  ...caseSaveHandlers,
};
