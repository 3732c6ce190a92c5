import type { UpdatePolicy } from '../../../shared/policy/schema';
import type { UpdateFeed } from './feed';
import { inRollout } from './rollout';
import { compareVersions, parseVersion } from './version';

export type UpdateDecision = { action: 'download'; version: string } | { action: 'skip'; reason: string };

/**
 * Whether to take the release the feed offers. Pure: the Electron wiring (main/updater.ts) feeds
 * it the installed version, the parsed feed, this workstation's rollout bucket and the versions
 * that failed verification before; every "no" carries a reason for the log.
 */
export function decideUpdate(o: { current: string; feed: UpdateFeed; policy: UpdatePolicy | undefined; bucket: number; blocked: readonly string[] }): UpdateDecision {
  if (!o.policy) return { action: 'skip', reason: 'no update policy' };
  if (!o.policy.enabled) return { action: 'skip', reason: 'updates disabled by policy' };
  const current = parseVersion(o.current);
  const offered = parseVersion(o.feed.version);
  if (!current || !offered) return { action: 'skip', reason: 'unparseable version' };
  if (compareVersions(offered, current) <= 0) return { action: 'skip', reason: 'not newer (no downgrades)' };
  if (offered.pre.length > 0 && o.policy.channel !== 'beta') return { action: 'skip', reason: 'pre-release on the stable channel' };
  if (o.blocked.includes(o.feed.version)) return { action: 'skip', reason: 'version failed verification before' };
  if (!inRollout(o.bucket, o.feed.stagingPercentage)) return { action: 'skip', reason: `outside staged rollout (${o.feed.stagingPercentage}%)` };
  return { action: 'download', version: o.feed.version };
}

/** A downloaded, verified update is installed only when no case is open at the counter. */
export const mayInstallNow = (caseOpen: boolean): boolean => !caseOpen;
