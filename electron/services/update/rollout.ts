import { createHash } from 'node:crypto';

/**
 * A workstation's place in a staged rollout, 0 ≤ bucket < 100, from a hash of its office and
 * workstation id. Stable across releases on purpose: the same pilot counters get every release
 * first, which IT can plan around (electron-updater's default is a random id per install).
 */
export function rolloutBucket(officeCode: string, workstationId: string): number {
  const digest = createHash('sha256').update(`n-in-1/rollout/${officeCode}/${workstationId}`).digest();
  return (digest.readUInt32BE(0) / 0x1_0000_0000) * 100;
}

/** No percentage in the feed means everyone; 0 means nobody yet. */
export const inRollout = (bucket: number, stagingPercentage: number | undefined): boolean =>
  stagingPercentage === undefined ? true : bucket < stagingPercentage;
