import type { ScanDevice } from '../../../../shared/contract/scanningApi';

/**
 * The source the list shows is the source F9 starts: the chosen one, else the first listed. A
 * <select> whose value matches no option shows its first option, so an empty or stale choice used to
 * look like 收件資料夾 while F9 answered 請先選擇掃描來源 (issue 13, new user).
 */
export const selectedDevice = (s: { devices: ScanDevice[] | null; deviceId: string }): ScanDevice | null =>
  s.devices?.find((d) => d.id === s.deviceId) ?? s.devices?.[0] ?? null;
