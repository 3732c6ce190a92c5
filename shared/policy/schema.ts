import { z } from '../zod';

/**
 * The machine-wide policy IT writes (Windows `%ProgramData%\N-in-1\policy.json`, Linux
 * `/etc/n-in-1/policy.json`). Every key is optional: a key that is present overrides the user's
 * setting and is locked in the UI; an absent key leaves the setting to the workstation. Objects are
 * strict so a misspelt key is an error naming that key, not a silently ignored setting.
 * Pure schema (no Node) so the admin screen can show the same rules and field names.
 */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** HTTPS only; plain http is accepted for loopback so tests and a local platform can run. */
export const SecureUrl = z
  .url({ message: '須為完整網址，例如 https://platform.example.gov.tw/' })
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, '須以 https:// 開頭（僅本機 127.0.0.1 可用 http://）');

/** Absolute Windows (`C:\…`, `\\server\share`) or POSIX (`/…`) path: relative paths depend on the working folder. */
export const AbsolutePath = z
  .string()
  .min(1, '不可空白')
  .max(1024)
  .regex(/^(?:[A-Za-z]:[\\/]|\\\\[^\\]|\/)/, '須為完整路徑，例如 C:\\ProgramData\\N-in-1\\… 或 /etc/n-in-1/…');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LogLevel = z.enum(LOG_LEVELS);

export const OfficeCode = z.string().regex(/^[A-Z0-9]{2,12}$/, '機關代碼須為 2–12 個大寫英數字');
export const WorkstationId = z.string().regex(/^[A-Za-z0-9-]{1,32}$/, '工作站代號須為 1–32 個英數字或連字號');

const HexId = z.union([z.number().int().min(0).max(0xffff), z.string().regex(/^0x[0-9a-fA-F]{1,4}$/, '須為 0x 開頭的 16 進位數字')]);

/** A device the workstation should use (card reader, barcode scanner, certificate token). */
export const DeviceProfile = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '代號須為英數字、底線或連字號'),
  kind: z.enum(['card-reader', 'barcode-scanner', 'certificate-token']),
  vendorId: HexId.optional(),
  productId: HexId.optional(),
  /** Driver name in the device registry; absent = chosen by vendor/product id. */
  driver: z.string().min(1).max(60).optional(),
  label: z.string().max(60).optional(),
});
export type DeviceProfile = z.infer<typeof DeviceProfile>;

/** A saved scan setting (NAPS2-style profile as data). */
export const ScanProfile = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '代號須為英數字、底線或連字號'),
  label: z.string().min(1).max(60),
  backend: z.enum(['sane', 'wia', 'escl', 'hot-folder']),
  /** Backend device name (SANE device, WIA id, eSCL URL); not used by hot-folder. */
  device: z.string().min(1).max(300).optional(),
  source: z.enum(['flatbed', 'adf', 'adf-duplex']).default('adf'),
  dpi: z.number().int().min(75).max(600).default(300),
  mode: z.enum(['color', 'gray', 'lineart']).default('gray'),
});
export type ScanProfile = z.infer<typeof ScanProfile>;

export const UpdatePolicy = z.strictObject({
  /** false: no automatic updates (IT pushes installers with their own tools). */
  enabled: z.boolean().default(true),
  channel: z.enum(['stable', 'beta']).default('stable'),
  /** The generic feed folder holding `latest.yml` / `latest-linux.yml` and the installers. */
  url: SecureUrl,
  /** How often to look, in hours. */
  checkEveryHours: z.number().int().min(1).max(168).default(4),
});
export type UpdatePolicy = z.infer<typeof UpdatePolicy>;

export const BackupPolicy = z.strictObject({
  dir: AbsolutePath,
  /** Generations kept; older ones are deleted after a verified new one exists. */
  keep: z.number().int().min(1).max(365).default(14),
  everyHours: z.number().int().min(1).max(168).default(4),
});
export type BackupPolicy = z.infer<typeof BackupPolicy>;

/**
 * Issue 15 §1: the workstation's signing keys on a PKCS#11 token instead of the OS key store or a
 * 0600 file. The token is chosen by label or by its place among the slots holding a token. The PIN
 * is never written here (policy files are read by many and travel in support tickets), only where to
 * find it: an environment variable of the service account, or a file only its owner can read (0600,
 * checked when the key is first used).
 */
export const Pkcs11KeyStoreSetting = z
  .strictObject({
    modulePath: AbsolutePath,
    tokenLabel: z.string().min(1, '不可空白').max(32, '權杖標籤最多 32 字元').optional(),
    slotIndex: z.number().int().min(0, '不可小於 0').max(63, '不可大於 63').optional(),
    pinEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, '須為環境變數名稱（英數字與底線），例如 NIN1_KEY_PIN').optional(),
    pinFile: AbsolutePath.optional(),
    /** Refused with its own sentence rather than "unknown key": the mistake IT is most likely to make. */
    pin: z.never({ message: '不可在設定中寫入 PIN 碼，請改用 pinEnv（環境變數名稱）或 pinFile（權限 0600 的檔案）' }).optional(),
  })
  .superRefine((s, ctx) => {
    if ('pin' in s) return;
    if ((s.pinEnv === undefined) === (s.pinFile === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['pinEnv'], message: 'PIN 來源須指定一項：pinEnv（環境變數名稱）或 pinFile（權限 0600 的檔案）' });
    }
    if (s.tokenLabel !== undefined && s.slotIndex !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['slotIndex'], message: 'tokenLabel 與 slotIndex 請擇一指定' });
    }
  });
export type Pkcs11KeyStoreSetting = z.infer<typeof Pkcs11KeyStoreSetting>;

export const MachinePolicy = z.strictObject({
  /** Lets editors validate the file against a published JSON schema; ignored by the app. */
  $schema: z.string().optional(),
  platform: z.strictObject({ url: SecureUrl, caFile: AbsolutePath.optional() }).optional(),
  office: z.strictObject({ code: OfficeCode, name: z.string().min(1, '不可空白').max(60), agencyCode: z.string().min(1, '不可空白').max(40) }).optional(),
  workstationId: WorkstationId.optional(),
  pkcs11ModulePath: AbsolutePath.optional(),
  deviceProfiles: z.array(DeviceProfile).max(20).optional(),
  scanProfiles: z.array(ScanProfile).max(20).optional(),
  hotFolder: AbsolutePath.optional(),
  idleLockMinutes: z.number().int().min(1, '至少 1 分鐘').max(240, '最多 240 分鐘').optional(),
  update: UpdatePolicy.optional(),
  logLevel: LogLevel.optional(),
  backup: BackupPolicy.optional(),
  pkcs11KeyStore: Pkcs11KeyStoreSetting.optional(),
});
export type MachinePolicy = z.infer<typeof MachinePolicy>;
export type PolicyKey = Exclude<keyof MachinePolicy, '$schema'>;

/** zh-TW names of the policy keys, for the admin screen and error messages. */
export const POLICY_LABELS: Record<PolicyKey, string> = {
  platform: '縣市平台網址與憑證',
  office: '機關代碼與名稱',
  workstationId: '工作站代號',
  pkcs11ModulePath: 'PKCS#11 模組路徑',
  deviceProfiles: '周邊設備設定',
  scanProfiles: '掃描設定',
  hotFolder: '掃描監看資料夾',
  idleLockMinutes: '閒置鎖定（分鐘）',
  update: '自動更新',
  logLevel: '記錄層級',
  backup: '備份',
  pkcs11KeyStore: 'PKCS#11 簽章金鑰權杖',
};

export const POLICY_KEYS = Object.keys(POLICY_LABELS) as PolicyKey[];

/** One problem in the policy file: the exact field and what is wrong with it (zh-TW). */
export const PolicyIssue = z.object({ path: z.string(), message: z.string() });
export type PolicyIssue = z.infer<typeof PolicyIssue>;
