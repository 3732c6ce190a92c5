import {
  AccountCreate, AccountUpdate, AccountView, CertificateView, ChangeLogEntry, ChangeLogQuery, GroupCreate, GroupMembers, GroupUpdate, GroupView, NewPassword,
} from '../accounts/schema';
import { ACCOUNT_ADMINS } from '../accounts/scope';
import { z } from '../zod';
import { call } from './define';

const Id = z.number().int().positive();
const SYSTEM_ADMIN = ['system_admin'] as const;

/**
 * Accounts, groups, roles and certificate enrolment for administrators (issue 7). system_admin
 * manages everything; agency_admin / provider_admin manage the accounts of their own office in the
 * roles they administer (shared/accounts/scope.ts, enforced in electron/services/accounts).
 * Groups and certificates are system_admin only.
 */
export const accountsApi = {
  'accounts.list': call({
    input: z.strictObject({}),
    output: z.object({ accounts: z.array(AccountView), offices: z.array(z.object({ code: z.string(), name: z.string() })) }),
    access: ACCOUNT_ADMINS,
    summary: '帳號清單（依管理範圍）',
  }),
  'accounts.create': call({ input: AccountCreate, output: AccountView, access: ACCOUNT_ADMINS, summary: '新增帳號（記錄帳號異動）' }),
  'accounts.update': call({
    input: AccountUpdate,
    output: z.object({ account: AccountView, sessionsEnded: z.number().int() }),
    access: ACCOUNT_ADMINS,
    summary: '修改帳號：姓名、角色、機關、啟用（記錄帳號與權限異動；變更角色或停用即登出該使用者）',
  }),
  'accounts.resetPassword': call({ input: z.strictObject({ id: Id, password: NewPassword }), output: z.object({}), access: ACCOUNT_ADMINS, summary: '重設密碼（記錄帳號異動）' }),
  'accounts.changeLog': call({ input: ChangeLogQuery, output: z.array(ChangeLogEntry), access: ACCOUNT_ADMINS, summary: '帳號異動紀錄與權限異動紀錄' }),
  'accounts.certificates': call({ input: z.strictObject({ userId: Id }), output: z.array(CertificateView), access: SYSTEM_ADMIN, summary: '使用者已註冊的登入憑證' }),
  'accounts.enrolCertificate': call({
    input: z.strictObject({ userId: Id, certificate: z.string().min(1, '請選擇憑證檔').max(65_536, '憑證檔過大') }),
    output: z.array(CertificateView),
    access: SYSTEM_ADMIN,
    summary: '註冊登入憑證（PEM 或 DER；記錄帳號異動）',
  }),
  'accounts.revokeCertificate': call({ input: z.strictObject({ certificateId: Id }), output: z.array(CertificateView), access: SYSTEM_ADMIN, summary: '撤銷登入憑證（記錄帳號異動）' }),
  'groups.list': call({ input: z.strictObject({}), output: z.array(GroupView), access: ACCOUNT_ADMINS, summary: '使用者群組' }),
  'groups.create': call({ input: GroupCreate, output: GroupView, access: SYSTEM_ADMIN, summary: '新增使用者群組（記錄權限異動）' }),
  'groups.update': call({ input: GroupUpdate, output: GroupView, access: SYSTEM_ADMIN, summary: '修改使用者群組（記錄權限異動）' }),
  'groups.members': call({ input: GroupMembers, output: GroupView, access: SYSTEM_ADMIN, summary: '加入或移出群組成員（成員取得群組預設角色）' }),
};
