import type { AppError } from '../../../shared/result';
import type { WritableDb } from '../db/open';
import type { BackendId } from './backend';

export type BatchState = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export function createBatch(
  db: WritableDb,
  b: { source: BackendId; device: string; actor: string; at: string; targetCaseId?: number | null; targetFormPage?: number | null; expected?: number | null },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO scan_batches (source, device, target_case_id, target_form_page, state, pages_expected, actor, started_at)
         VALUES (?, ?, ?, ?, 'running', ?, ?, ?)`,
      )
      .run(b.source, b.device, b.targetCaseId ?? null, b.targetFormPage ?? null, b.expected ?? null, b.actor, b.at).lastInsertRowid,
  );
}

export function finishBatch(db: WritableDb, id: number, state: Exclude<BatchState, 'running'>, at: string, error?: AppError | null): void {
  db.prepare('UPDATE scan_batches SET state = ?, finished_at = ?, error_code = ?, error_message = ? WHERE id = ?').run(state, at, error?.code ?? null, error?.message ?? null, id);
}

/** Batches a crash left 'running' (their spool folders may still hold pages). */
export const runningBatches = (db: WritableDb): { id: number; source: BackendId; target_case_id: number | null; target_form_page: number | null }[] =>
  db.prepare("SELECT id, source, target_case_id, target_form_page FROM scan_batches WHERE state = 'running' ORDER BY id").all() as {
    id: number;
    source: BackendId;
    target_case_id: number | null;
    target_form_page: number | null;
  }[];
