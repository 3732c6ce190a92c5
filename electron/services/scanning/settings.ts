import { delimiter, join } from 'node:path';
import type { ScanProfile as PolicyScanProfile } from '../../../shared/policy/schema';
import { policyScanners } from './policyProfiles';

/**
 * Per-machine scanning settings: where network scanners drop files, and the eSCL scanners on the
 * office LAN (there is no mDNS discovery yet, so they are listed by address).
 *   hotFolder (policy.json, or the user's settings)  IT's folder, watched first (issue 17 finding 11:
 *                       it used to be read by nothing, so scans dropped there were never imported)
 *   NIN1_HOT_FOLDER     more folders (path-list separator), like SANE's own SANE_CONFIG_DIR
 *   neither             <db>.files/hot-folder
 *   scanProfiles        (policy.json) IT's eSCL scanners and hot folders, before the variables below
 *   NIN1_ESCL_SCANNERS  eSCL roots, comma-separated, e.g. http://10.0.0.20/eSCL
 */
export type ScanningSettings = { hotFolders: string[]; esclUrls: string[] };

export function scanningSettings(
  storeRoot: string,
  env: NodeJS.ProcessEnv = process.env,
  config: { hotFolder?: string | undefined; scanProfiles?: readonly PolicyScanProfile[] | undefined } = {},
): ScanningSettings {
  const fromPolicy = policyScanners(config.scanProfiles ?? []);
  const fromEnv = (env.NIN1_HOT_FOLDER ?? '').split(delimiter).map((s) => s.trim()).filter(Boolean);
  const folders = [...new Set([...(config.hotFolder ? [config.hotFolder] : []), ...fromPolicy.hotFolders, ...fromEnv])];
  const envUrls = (env.NIN1_ESCL_SCANNERS ?? '').split(/[,\s]+/).map((s) => s.trim());
  const urls = [...new Set([...fromPolicy.esclUrls, ...envUrls].filter((s) => /^https?:\/\//.test(s)))];
  return { hotFolders: folders.length ? folders : [join(storeRoot, 'hot-folder')], esclUrls: urls };
}
