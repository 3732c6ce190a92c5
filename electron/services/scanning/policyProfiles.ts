import type { ScanProfile as PolicyScanProfile } from '../../../shared/policy/schema';
import type { ColorMode, ScanProfile } from '../../../shared/scanning/profiles';

/**
 * IT's `scanProfiles` (policy.json) on this machine (issue 17 finding 11: the key used to be read by
 * nothing). IT names two things there that the app cannot find alone, and both are used:
 * - WHICH scanners: an eSCL address (there is no mDNS discovery, and office MFPs sit on other
 *   subnets) and a hot folder a network scanner drops into; SANE and WIA devices are enumerated
 *   anyway, so their `device` only labels the profile;
 * - HOW to scan with them (source, dpi, colour): each entry becomes a profile the clerk can pick,
 *   next to the shipped ones (resources/scanning/profiles.json). How pages are stored (encoding,
 *   gray levels, density: measured choices, not IT's) comes from the shipped default profile.
 */
export type PolicyScanners = { esclUrls: string[]; hotFolders: string[] };

export function policyScanners(profiles: readonly PolicyScanProfile[]): PolicyScanners {
  const devicesOf = (backend: PolicyScanProfile['backend']) => profiles.filter((p) => p.backend === backend && p.device).map((p) => p.device!);
  return { esclUrls: devicesOf('escl'), hotFolders: devicesOf('hot-folder') };
}

const BACKEND_LABEL: Record<PolicyScanProfile['backend'], string> = { sane: 'SANE', wia: 'WIA', escl: '網路掃描器 eSCL', 'hot-folder': '掃描監看資料夾' };
const COLOR: Record<PolicyScanProfile['mode'], ColorMode> = { color: 'color', gray: 'gray', lineart: 'bw' };

/** The scanning profile id for a policy entry: `it-` keeps IT's ids apart from the shipped ones. */
export const policyProfileId = (id: string): string => `it-${id.toLowerCase().replace(/_/g, '-')}`.slice(0, 32);

export function policyScanProfiles(profiles: readonly PolicyScanProfile[], base: ScanProfile): ScanProfile[] {
  const out = new Map<string, ScanProfile>();
  for (const p of profiles) {
    const id = policyProfileId(p.id);
    if (out.has(id)) continue; // two ids equal once lower-cased: the first one IT listed wins
    const colorMode = COLOR[p.mode];
    const where = `${BACKEND_LABEL[p.backend]}${p.device ? `：${p.device}` : ''}`;
    out.set(id, {
      id,
      name: p.label.slice(0, 40),
      description: `資訊人員政策設定（${where}）`.slice(0, 200),
      source: p.source === 'flatbed' ? 'flatbed' : 'adf',
      duplex: p.source === 'adf-duplex',
      resolution: p.dpi,
      colorMode,
      // Colour is for photos and ID copies (JPEG); line art is one bit; gray keeps the measured default.
      output: colorMode === 'color' ? { ...base.output, encoding: 'jpeg' } : colorMode === 'bw' ? { ...base.output, encoding: 'png', grayBits: 1 } : base.output,
    });
  }
  return [...out.values()];
}
