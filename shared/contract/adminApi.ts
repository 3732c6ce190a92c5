import { PolicyIssue, POLICY_KEYS, type PolicyKey } from '../policy/schema';
import { z } from '../zod';
import { call } from './define';

const Empty = z.strictObject({});

/**
 * Why the app is not running normally, for the admin error screen: a wrong policy file (every
 * bad field listed) or a corrupt database (with the newest backup that can replace it).
 */
export const RecoveryStatus = z.object({
  mode: z.enum(['running', 'config-invalid', 'db-corrupt', 'failed']),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  policyFile: z.string().nullable(),
  issues: z.array(PolicyIssue),
  dbFile: z.string().nullable(),
  latestBackup: z.object({ file: z.string(), createdAt: z.string(), bytes: z.number().int() }).nullable(),
});
export type RecoveryStatus = z.infer<typeof RecoveryStatus>;

export const ConfigView = z.object({
  policyFile: z.string().nullable(),
  policyPresent: z.boolean(),
  /** Settings fixed by IT's policy: shown with a lock, not editable. */
  locked: z.array(z.enum(POLICY_KEYS as [PolicyKey, ...PolicyKey[]])),
  /** The effective settings, secrets redacted. */
  values: z.record(z.string(), z.unknown()),
});
export type ConfigView = z.infer<typeof ConfigView>;

/** The audit chain check for the admin screen: the first broken link, if any, with what it claims to be. */
export const AuditCheck = z.object({
  ok: z.boolean(),
  /** Entries that verified (all of them when ok; those before the broken link otherwise). */
  rows: z.number().int(),
  broken: z.object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string() }).nullable(),
  checkedAt: z.string(),
});
export type AuditCheck = z.infer<typeof AuditCheck>;

export const adminApi = {
  'recovery.status': call({ input: Empty, output: RecoveryStatus, access: 'public', passive: true, summary: '啟動狀態（設定檔錯誤或資料庫損毀時的說明）' }),
  'recovery.retry': call({ input: Empty, output: RecoveryStatus, access: 'public', summary: '修正設定檔後重新檢查並啟動' }),
  'recovery.restoreLatest': call({
    input: z.strictObject({ confirm: z.literal(true, { message: '請確認要由備份還原' }) }),
    output: z.object({ restoredFrom: z.string(), keptAs: z.string().nullable() }),
    access: 'public',
    summary: '資料庫損毀時由最近一份完好備份還原（損毀檔另存，不覆寫）',
  }),
  'admin.config': call({ input: Empty, output: ConfigView, access: ['system_admin'], summary: '工作站設定與政策鎖定狀態' }),
  'admin.diagnostics': call({
    input: Empty,
    output: z.object({ fileName: z.string(), json: z.string() }),
    access: ['system_admin'],
    summary: '匯出診斷資料（版本、設定〔已遮蔽機密〕、近期日誌、佇列狀態、設備清單）',
  }),
  'audit.verify': call({ input: Empty, output: AuditCheck, access: ['system_admin', 'supervisor'], summary: '驗證稽核紀錄雜湊鏈，指出第一個斷裂處' }),
  'workstation.caseOpen': call({
    input: z.strictObject({ open: z.boolean() }),
    output: z.object({}),
    access: 'signed-in',
    passive: true,
    summary: '回報是否有案件正在辦理（有案件時不安裝更新）',
  }),
};
