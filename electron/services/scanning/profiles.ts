import { readFileSync } from 'node:fs';
import type { ScanProfile as PolicyScanProfile } from '../../../shared/policy/schema';
import { ScanProfiles, type ScanProfile } from '../../../shared/scanning/profiles';
import { formatIssuePath } from '../../../shared/zod';
import { AppFailure } from '../../../shared/result';
import { resourcePath } from '../resources';
import type { CleanOptions } from './pipeline/cleanPage';
import { policyScanProfiles } from './policyProfiles';

let cached: ScanProfile[] | null = null;

/** Scanning profiles from resources/scanning/profiles.json, validated like the catalogue. */
export function loadScanProfiles(file = resourcePath('scanning', 'profiles.json')): ScanProfile[] {
  if (cached && file === resourcePath('scanning', 'profiles.json')) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppFailure({ code: 'PROFILES_UNREADABLE', message: `無法讀取掃描設定檔「${file}」：${(e as Error).message}` });
  }
  const parsed = ScanProfiles.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppFailure({ code: 'PROFILES_INVALID', message: `掃描設定檔「${file}」欄位 ${formatIssuePath(issue.path)}：${issue.message}` });
  }
  cached = parsed.data.profiles;
  return cached;
}

/** What the clerk may pick: the shipped profiles, then those in IT's policy (`scanProfiles`). */
export function availableScanProfiles(config: { scanProfiles?: readonly PolicyScanProfile[] } = {}): ScanProfile[] {
  const shipped = loadScanProfiles();
  const base = shipped.find((p) => p.id === DEFAULT_PROFILE_ID) ?? shipped[0]!;
  return [...shipped, ...policyScanProfiles(config.scanProfiles ?? [], base)];
}

export function scanProfile(id: string, config: { scanProfiles?: readonly PolicyScanProfile[] } = {}): ScanProfile {
  const p = availableScanProfiles(config).find((x) => x.id === id);
  if (!p) throw new AppFailure({ code: 'PROFILE_UNKNOWN', message: `沒有「${id}」這個掃描設定檔`, path: 'profileId' });
  return p;
}

/** The profile used when files arrive without a choice (hot folder, import-scans). */
export const DEFAULT_PROFILE_ID = 'consent-gray';

export const cleanOptionsOf = (p: ScanProfile): CleanOptions => ({
  encoding: p.output.encoding,
  grayBits: p.output.grayBits,
  maxDpi: p.output.maxDpi,
  jpegQuality: p.output.jpegQuality,
});
