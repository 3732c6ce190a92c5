import { AppFailure } from '../../../shared/result';
import type { ServiceContext } from '../context';
import { createBatch, finishBatch } from './batches';
import { importedFiles } from './folder/importedFiles';
import { importFiles, listScanFiles, type ImportReport } from './folder/importFiles';
import { createPageSink } from './pageSink';
import { cleanOptionsOf, DEFAULT_PROFILE_ID, scanProfile } from './profiles';
import { createFileStore, storeRootFor, type FileStore } from './store';

export type ImportSummary = {
  pages: number;
  attached: { case: string; page: number | null }[];
  unmatched: number;
  alreadyImported: number;
  rejected: ImportReport['rejected'];
};

/**
 * `import-scans`: every scan file in `dir` imported once, exactly as the hot folder does without
 * watching — split, cleaned, routed, stored one transaction per page, grouped into attachments.
 * Safe to run again after a crash: stored pages are recognised, attachments are not duplicated.
 */
export async function importDirectory(
  ctx: ServiceContext,
  dir: string,
  options: { actor?: string; store?: FileStore; profileId?: string; concurrency?: number } = {},
): Promise<ImportSummary> {
  const actor = options.actor ?? 'import-scans';
  const store = options.store ?? createFileStore(storeRootFor(ctx.db));
  const profile = scanProfile(options.profileId ?? DEFAULT_PROFILE_ID, ctx.config);
  const files = await listScanFiles(dir);
  const now = () => ctx.clock.now().toISOString();
  const batchId = createBatch(ctx.db, { source: 'folder', device: `folder:${dir}`, actor, at: now() });
  const sink = createPageSink({ ctx, store, batchId, target: null, clean: cleanOptionsOf(profile), actor, ...(options.concurrency ? { concurrency: options.concurrency } : {}) });
  try {
    const report = await importFiles(files, { sink, memory: importedFiles(ctx.db), batchId, now });
    await sink.settle();
    finishBatch(ctx.db, batchId, 'done', now());
    const rows = ctx.db
      .prepare(
        `SELECT p.state, p.form_page, c.case_no FROM scan_pages p LEFT JOIN cases c ON c.id = p.case_id
         WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY p.batch_id, p.seq`,
      )
      .all(JSON.stringify(sink.pageIds)) as { state: string; form_page: number | null; case_no: string | null }[];
    return {
      pages: sink.pageIds.length,
      attached: rows.filter((r) => r.state === 'attached').map((r) => ({ case: r.case_no!, page: r.form_page })),
      unmatched: rows.filter((r) => r.state === 'unmatched').length,
      alreadyImported: report.alreadyImported,
      rejected: report.rejected,
    };
  } catch (e) {
    finishBatch(ctx.db, batchId, 'failed', now(), e instanceof AppFailure ? e.error : { code: 'INTERNAL', message: (e as Error).message });
    throw e;
  }
}
