import type { accountsApi } from '../../../shared/contract/accountsApi';
import { createAccount, listAccounts, resetPassword, updateAccount } from '../accounts/accounts';
import { adminActorOf } from '../accounts/actor';
import { enrolCertificates, listCertificates, revokeCertificate } from '../accounts/certificates';
import { changeLog } from '../accounts/changeLog';
import { createGroup, listGroups, setGroupMembers, updateGroup } from '../accounts/groups';
import { actorOf, type CallContext, type Handler } from './handler';

const admin = (call: CallContext) => adminActorOf(actorOf(call));
/** A changed role or a deactivation ends that user's open sessions at once. */
const ender = (call: CallContext) => (userId: number) => call.sessions.closeUser(userId);

/** Handlers for shared/contract/accountsApi.ts. */
export const accountsHandlers: { [K in keyof typeof accountsApi]: Handler<K> } = {
  'accounts.list': (call) => listAccounts(call.ctx, admin(call)),
  'accounts.create': (call, input) => createAccount(call.ctx, admin(call), input),
  'accounts.update': (call, input) => updateAccount(call.ctx, admin(call), input, ender(call)),
  'accounts.resetPassword': (call, input) => {
    resetPassword(call.ctx, admin(call), input);
    return {};
  },
  'accounts.changeLog': (call, input) => changeLog(call.ctx, admin(call), input),
  'accounts.certificates': (call, input) => listCertificates(call.ctx, admin(call), input.userId),
  'accounts.enrolCertificate': (call, input) => enrolCertificates(call.ctx, admin(call), input),
  'accounts.revokeCertificate': (call, input) => revokeCertificate(call.ctx, admin(call), input.certificateId),
  'groups.list': (call) => listGroups(call.ctx, admin(call)),
  'groups.create': (call, input) => createGroup(call.ctx, admin(call), input),
  'groups.update': (call, input) => updateGroup(call.ctx, admin(call), input),
  'groups.members': (call, input) => setGroupMembers(call.ctx, admin(call), input, ender(call)),
};
