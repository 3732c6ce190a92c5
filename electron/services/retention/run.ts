import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { storeRootFor } from '../scanning/store';
import { caseVerdicts } from './eligibility';
import { deletePendingFiles } from './pendingFiles';
import { purgeCase } from './purge';

export type RetentionReport = { checked: number; purged: number; skipped: number; dryRun: boolean; runId: string | null; caseNos: string[] };

/**
 * One retention run: looks at every case not yet purged, purges those past their period (one
 * transaction and audit row each, so a crash midway leaves whole cases), then one audit row for the
 * run. Files a purge owes (its own, or an earlier run's that crashed before deleting them) are
 * deleted after each commit. A dry run reports what it would purge and writes nothing at all.
 */
export async function runRetention(ctx: ServiceContext, options: { now?: Date; dryRun?: boolean; actor?: string } = {}): Promise<RetentionReport> {
  const now = options.now ?? ctx.clock.now();
  const verdicts = caseVerdicts(ctx.db, ctx.catalogue, now);
  const due = verdicts.filter((v) => v.eligible);
  const base = { checked: verdicts.length, skipped: verdicts.length - due.length, caseNos: due.map((v) => v.caseNo) };
  if (options.dryRun) return { ...base, purged: due.length, dryRun: true, runId: null };
  const runId = randomUUID();
  const at = ctx.clock.now().toISOString();
  const actor = options.actor ?? 'system:retention';
  const root = storeRootFor(ctx.db);
  const leftOver = await deletePendingFiles(ctx.db, root);
  if (leftOver > 0) ctx.logger.info({ runId, files: leftOver }, 'retention: deleted files an interrupted run still owed');
  for (const v of due) {
    purgeCase({ db: ctx.db, at, runId, actor }, v);
    await deletePendingFiles(ctx.db, root);
  }
  appendAudit(ctx.db, {
    at, actorId: null, actor, action: 'retention.run',
    detail: { runId, asOf: now.toISOString(), checked: base.checked, purged: due.length, skipped: base.skipped },
  });
  ctx.logger.info({ runId, checked: base.checked, purged: due.length }, 'retention run');
  return { ...base, purged: due.length, dryRun: false, runId };
}
