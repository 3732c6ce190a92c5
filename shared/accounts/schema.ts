import { Role } from '../auth/roles';
import { OfficeCode } from '../policy/schema';
import { z } from '../zod';

/**
 * Accounts administration (issue 7): the shapes the admin screen, the services and the CLI share.
 * Passwords appear only in inputs, never in an output or an audit row.
 */
export const Username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, '帳號須為 3–32 個小寫英數字（可含 . _ -），並以英文字母開頭');

export const DisplayName = z.string().trim().min(1, '請輸入姓名').max(40, '姓名最多 40 字');

/** At least 10 characters with a letter and a digit; the demo's short password is for demo accounts only. */
export const NewPassword = z
  .string()
  .min(10, '密碼至少 10 個字元')
  .max(128, '密碼最多 128 個字元')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密碼須同時包含英文字母與數字');

export const AccountView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  officeCode: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  groups: z.array(z.string()),
  certificates: z.number().int(),
});
export type AccountView = z.infer<typeof AccountView>;

export const AccountCreate = z.strictObject({
  username: Username,
  displayName: DisplayName,
  role: Role,
  officeCode: OfficeCode,
  password: NewPassword,
});
export type AccountCreate = z.infer<typeof AccountCreate>;

export const AccountUpdate = z.strictObject({
  id: z.number().int().positive(),
  displayName: DisplayName.optional(),
  role: Role.optional(),
  officeCode: OfficeCode.optional(),
  active: z.boolean().optional(),
});
export type AccountUpdate = z.infer<typeof AccountUpdate>;

export const GroupName = z.string().trim().min(1, '請輸入群組名稱').max(40, '群組名稱最多 40 字');
export const GroupDescription = z.string().trim().max(200, '說明最多 200 字');

export const GroupView = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  defaultRole: Role,
  officeCode: z.string(),
  members: z.array(z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), role: Role })),
});
export type GroupView = z.infer<typeof GroupView>;

export const GroupCreate = z.strictObject({ name: GroupName, description: GroupDescription.default(''), defaultRole: Role, officeCode: OfficeCode.optional() });
export const GroupUpdate = z.strictObject({ id: z.number().int().positive(), name: GroupName.optional(), description: GroupDescription.optional(), defaultRole: Role.optional() });
export const GroupMembers = z.strictObject({
  groupId: z.number().int().positive(),
  add: z.array(z.number().int().positive()).max(200).default([]),
  remove: z.array(z.number().int().positive()).max(200).default([]),
});

export const CertificateView = z.object({
  id: z.number().int(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  fingerprint: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  enrolledAt: z.string(),
  enrolledBy: z.string(),
  revokedAt: z.string().nullable(),
});
export type CertificateView = z.infer<typeof CertificateView>;

/** 帳號異動紀錄 (accounts, certificates) and 權限異動紀錄 (roles, groups), both read from the audit chain. */
export const CHANGE_KINDS = ['account', 'permission'] as const;
export const ChangeKind = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKind>;
export const CHANGE_KIND_LABEL: Record<ChangeKind, string> = { account: '帳號異動紀錄', permission: '權限異動紀錄' };

export const ACCOUNT_ACTIONS = ['account.create', 'account.update', 'account.deactivate', 'account.activate', 'account.password-reset', 'certificate.enrol', 'certificate.revoke', 'account.enroll-card'] as const;
export const PERMISSION_ACTIONS = ['permission.role-change', 'group.create', 'group.update', 'group.member-add', 'group.member-remove'] as const;

export const ACTION_LABEL: Record<string, string> = {
  'account.create': '新增帳號',
  'account.update': '修改帳號資料',
  'account.deactivate': '停用帳號',
  'account.activate': '啟用帳號',
  'account.password-reset': '重設密碼',
  'account.enroll-card': '註冊憑證卡（CLI）',
  'certificate.enrol': '註冊憑證',
  'certificate.revoke': '撤銷憑證',
  'permission.role-change': '變更角色',
  'group.create': '新增群組',
  'group.update': '修改群組',
  'group.member-add': '加入群組',
  'group.member-remove': '移出群組',
};

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式須為 YYYY-MM-DD');

export const ChangeLogQuery = z.strictObject({
  kind: ChangeKind.optional(),
  /** Target or acting account. */
  username: z.string().trim().max(32).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type ChangeLogQuery = z.infer<typeof ChangeLogQuery>;

export const ChangeLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: ChangeKind,
  action: z.string(),
  actionLabel: z.string(),
  actor: z.string(),
  /** The account changed (absent for group-only changes). */
  username: z.string().nullable(),
  /** Human-readable summary of the change, e.g. 角色：臨櫃承辦人員 → 主管. */
  summary: z.string(),
  workstation: z.string().nullable(),
  ip: z.string().nullable(),
});
export type ChangeLogEntry = z.infer<typeof ChangeLogEntry>;
