import type { Catalogue } from '../../shared/catalogue/schema';
import type { PlatformStore } from '../store/repository';
import { DEFAULT_EVIDENCE_LIMITS, type EvidenceLimits } from '../evidence/limits';
import type { RetentionCounts, RetentionStep } from './repo';

/** `now` moved back by whole calendar years (UTC), the counter's addYears read backwards. */
export function yearsBefore(now: Date, years: number): number {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.getTime();
}

/**
 * One cutoff per catalogue item (closed at or before `now` minus its `retentionYears`, at least 1 —
 * the counter's rule in electron/services/retention/eligibility.ts), plus one for codes the catalogue
 * no longer lists, which get the longest period there is: never purge early. Unlike the counter,
 * which purges a case once all its notifications are due, each platform row is one agency's copy of
 * one notification and is purged on its own.
 */
export function retentionSteps(catalogue: Catalogue, now: Date): RetentionStep[] {
  const longest = Math.max(1, ...catalogue.items.map((i) => i.retentionYears));
  const steps: RetentionStep[] = catalogue.items.map((i) => ({ rule: { itemCode: i.code }, cutoffMs: yearsBefore(now, Math.max(1, i.retentionYears)) }));
  steps.push({ rule: { otherThan: catalogue.items.map((i) => i.code) }, cutoffMs: yearsBefore(now, longest) });
  return steps;
}

export const RETENTION_ACTOR = 'system:retention';

/**
 * One purge run: strips personal data from closed notifications past retention and writes one
 * platform audit row `retention.purge` with the counts per item (no personal data, no ids). Safe to
 * rerun or to run on two nodes: purged rows are never selected again.
 */
export async function runRetentionPurge(deps: { store: PlatformStore; catalogue: Catalogue; now: Date; dryRun?: boolean; evidence?: EvidenceLimits }): Promise<RetentionCounts> {
  const { store, catalogue, now } = deps;
  const at = now.toISOString();
  const years = Object.fromEntries(catalogue.items.map((i) => [i.code, i.retentionYears]));
  const counts = await store.purgeRetention(retentionSteps(catalogue, now), { dryRun: deps.dryRun ?? false, nowMs: now.getTime() }, (c) => ({
    at, actor: RETENTION_ACTOR, action: 'retention.purge', target: null,
    detail: { checked: c.checked, purged: c.purged, byItem: c.byItem, retentionYears: Object.fromEntries(Object.keys(c.byItem).map((k) => [k, years[k] ?? null])) },
  }));
  if (!deps.dryRun) await purgeEvidenceFiles(store, now, deps.evidence ?? DEFAULT_EVIDENCE_LIMITS);
  return counts;
}

/**
 * Issue 14 §2: consent evidence files go once no retained notification names them (the purge above
 * unlinked the purged ones), and unfinished uploads once idle; one `evidence.purge` audit row when
 * anything went (counts only). Runs after the notifications' purge, so a file goes the same day as its
 * last reference.
 */
async function purgeEvidenceFiles(store: PlatformStore, now: Date, limits: EvidenceLimits): Promise<void> {
  const ms = now.getTime();
  const r = await store.evidence.purgeOrphans(ms - limits.orphanGraceMs, ms - limits.staleUploadMs);
  if (r.files + r.uploads === 0) return;
  await store.appendAudit({ at: now.toISOString(), actor: RETENTION_ACTOR, action: 'evidence.purge', target: null, detail: { files: r.files, uploads: r.uploads } });
}
