import type { PlatformStore } from '../store/repository';

/** Says whether this node runs `day`'s run of a daily job (true) or another node has it (false). */
export type DailyClaim = (day: string) => Promise<boolean>;

/**
 * Once per day in total over every node of one database (issue 14 §4): the first node to ask
 * writes its id under `daily-run:<job>:<day>` in the shared `meta` table (first writer wins, in a
 * write transaction) and only that node runs the job that day. A failed run is retried by the same
 * node at its next check (it still holds the day). A node that dies mid-run leaves the day to
 * nobody: both daily jobs catch up the next day by themselves (the purge works on cutoffs, the
 * reminder lists everything still overdue), which is cheaper than leases that could run a day twice.
 */
export function dailyClaim(store: Pick<PlatformStore, 'metaGetOrSet'>, job: string, nodeId: string): DailyClaim {
  return async (day) => (await store.metaGetOrSet(`daily-run:${job}:${day}`, nodeId)) === nodeId;
}
