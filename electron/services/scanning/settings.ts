import { delimiter, join } from 'node:path';

/**
 * Per-machine scanning settings, set by IT in the workstation's environment (like SANE's own
 * SANE_CONFIG_DIR): where network scanners drop files, and the eSCL scanners on the office LAN
 * (there is no mDNS discovery yet, so they are listed by address).
 *   NIN1_HOT_FOLDER     one or more folders (path-list separator), default <db>.files/hot-folder
 *   NIN1_ESCL_SCANNERS  eSCL roots, comma-separated, e.g. http://10.0.0.20/eSCL
 */
export type ScanningSettings = { hotFolders: string[]; esclUrls: string[] };

export function scanningSettings(storeRoot: string, env: NodeJS.ProcessEnv = process.env): ScanningSettings {
  const folders = (env.NIN1_HOT_FOLDER ?? '').split(delimiter).map((s) => s.trim()).filter(Boolean);
  const urls = (env.NIN1_ESCL_SCANNERS ?? '').split(/[,\s]+/).map((s) => s.trim()).filter((s) => /^https?:\/\//.test(s));
  return { hotFolders: folders.length ? folders : [join(storeRoot, 'hot-folder')], esclUrls: urls };
}
