import { readFileSync } from 'node:fs';
import { z, formatIssuePath } from '../../../shared/zod';
import { AppFailure } from '../../../shared/result';

/**
 * Workstation settings. A real office gets them from the machine policy file IT writes; the demo
 * uses the defaults below (鳳山區戶政事務所, the seed's pilot office 鳳一).
 */
export const CounterConfig = z.strictObject({
  officeCode: z.string().regex(/^[A-Z0-9]{2,12}$/, '機關代碼須為 2–12 個大寫英數字'),
  officeName: z.string().min(1),
  /** This office's code in the catalogue's agency list (sender of every notification). */
  agencyCode: z.string().min(1),
  workstationId: z.string().regex(/^[A-Za-z0-9-]{1,32}$/),
  /** Version printed on every consent form; bump when the consent wording changes. */
  formVersion: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type CounterConfig = z.infer<typeof CounterConfig>;

export const DEMO_CONFIG: CounterConfig = {
  officeCode: 'FS01',
  officeName: '高雄市鳳山區戶政事務所',
  agencyCode: 'KH-HR-FS',
  workstationId: 'FS01-W01',
  formVersion: 'NIN1-CF-2026.11',
  logLevel: 'info',
};

/** Reads and validates a JSON config file; any problem names the file and the exact field. */
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
