import { readFileSync } from 'node:fs';
import { BackupPolicy, DeviceProfile, LogLevel, OfficeCode, Pkcs11KeyStoreSetting, ScanProfile, UpdatePolicy, WorkstationId } from '../../../shared/policy/schema';
import { AppFailure } from '../../../shared/result';
import { z, formatIssuePath } from '../../../shared/zod';

/**
 * The effective workstation settings every service reads (`ctx.config`). Built at start from the
 * defaults below, the user's settings and the machine policy IT writes (policy wins; see
 * resolve.ts). Services add their own fields here; give new fields a default or make them optional
 * so older policy files and DEMO_CONFIG stay valid.
 */
export const CounterConfig = z.strictObject({
  officeCode: OfficeCode,
  officeName: z.string().min(1),
  /** This office's code in the catalogue's agency list (sender of every notification). */
  agencyCode: z.string().min(1),
  workstationId: WorkstationId,
  /** Version printed on every consent form; bump when the consent wording changes. */
  formVersion: z.string().min(1),
  logLevel: LogLevel.default('info'),
  /** The county platform; absent = not configured (demo, or an office still offline). */
  platform: z.strictObject({ url: z.string(), caFile: z.string().optional() }).optional(),
  pkcs11ModulePath: z.string().optional(),
  deviceProfiles: z.array(DeviceProfile).default([]),
  scanProfiles: z.array(ScanProfile).default([]),
  hotFolder: z.string().optional(),
  /** Minutes without activity before the session locks (DESIGN.md §8 idle lock). */
  idleLockMinutes: z.number().int().min(1).max(240).default(30),
  update: UpdatePolicy.optional(),
  backup: BackupPolicy.optional(),
  /** Issue 15 §1: signing keys on a PKCS#11 token (signing/configuredKeyStore.ts); absent = OS key store or 0600 file. */
  pkcs11KeyStore: Pkcs11KeyStoreSetting.optional(),
});
export type CounterConfig = z.infer<typeof CounterConfig>;

export const DEMO_CONFIG: CounterConfig = {
  officeCode: 'FS01',
  officeName: '高雄市鳳山區戶政事務所',
  agencyCode: 'KH-HR-FS',
  workstationId: 'FS01-W01',
  formVersion: 'NIN1-CF-2026.11',
  logLevel: 'info',
  deviceProfiles: [],
  scanProfiles: [],
  idleLockMinutes: 30,
};

/** Reads and validates a full JSON config file (tests, tools); any problem names the file and the exact field. */
export function loadConfigFile(file: string): CounterConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppFailure({ code: 'CONFIG_UNREADABLE', message: `無法讀取設定檔「${file}」：${(e as Error).message}` });
  }
  const parsed = CounterConfig.safeParse({ ...DEMO_CONFIG, ...(raw as object) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppFailure({ code: 'CONFIG_INVALID', message: `設定檔「${file}」欄位 ${formatIssuePath(issue.path)}：${issue.message}`, path: formatIssuePath(issue.path) });
  }
  return parsed.data;
}
