import { readFileSync } from 'node:fs';
import { AppFailure } from '../../../../shared/result';
import { formatIssuePath } from '../../../../shared/zod';
import { resourcePath } from '../../resources';
import { DeviceProfilesFile, type DeviceProfile } from './schema';

export const DEFAULT_PROFILES_FILE = (): string => resourcePath('devices', 'profiles.json');

/** Reads and validates the vendor profiles; any problem names the file and the JSON path. */
export function loadDeviceProfiles(file = DEFAULT_PROFILES_FILE()): DeviceProfile[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppFailure({ code: 'DEVICE_PROFILES_UNREADABLE', message: `無法讀取裝置設定檔「${file}」：${(e as Error).message}` });
  }
  const parsed = DeviceProfilesFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatIssuePath(issue.path);
    throw new AppFailure({ code: 'DEVICE_PROFILES_INVALID', message: `裝置設定檔「${file}」欄位 ${path || '（根）'}：${issue.message}`, path });
  }
  return parsed.data.profiles;
}
