import type { BatchListQuery } from '../../shared/platform/batches';
import { taipeiDay } from '../time';
import { appendAuditIn } from './auditLog';
import type { AuditDraft, StoredBatch } from './repository';
import { BATCH_COLUMNS, toBatch, type BatchRow } from './rows';
import { Where, type SqlExec } from './sql';

/** A retried upload with the same id and the same bytes is a duplicate; different bytes under a used id is a conflict. */
export async function putBatchIn(q: SqlExec, b: StoredBatch, content: Buffer, audit: AuditDraft): Promise<{ outcome: 'accepted' | 'duplicate'; batch: StoredBatch } | { outcome: 'conflict' }> {
  const prior = await q.get<BatchRow>(`SELECT ${BATCH_COLUMNS} FROM batch_files WHERE id = ?`, [b.id]);
  if (prior) {
    return prior.sha256 === b.sha256 && prior.receiver_agency === b.receiverAgency && prior.sender === b.sender
      ? { outcome: 'duplicate', batch: toBatch(prior) }
      : { outcome: 'conflict' };
  }
  await q.run(
    `INSERT INTO batch_files (id, receiver_agency, sender, dataset, period, file_name, mime, size, sha256, content, uploaded_at, uploaded_day)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [b.id, b.receiverAgency, b.sender, b.dataset, b.period, b.fileName, b.mime, b.size, b.sha256, content, b.uploadedAt, taipeiDay(new Date(b.uploadedAt))],
  );
  await appendAuditIn(q, audit);
  return { outcome: 'accepted', batch: b };
}

export async function listBatchesIn(q: SqlExec, agency: string, query: BatchListQuery): Promise<{ batches: StoredBatch[]; nextCursor: number | null }> {
  const w = new Where()
    .add('receiver_agency = ?', agency)
    .add('seq > ?', query.cursor ?? 0)
    .opt('dataset = ?', query.dataset)
    .opt('uploaded_day >= ?', query.from)
    .opt('uploaded_day <= ?', query.to);
  const rows = await q.all<BatchRow>(`SELECT ${BATCH_COLUMNS} FROM batch_files ${w.sql} ORDER BY seq LIMIT ?`, [...w.params, query.limit + 1]);
  const page = rows.slice(0, query.limit);
  return { batches: page.map(toBatch), nextCursor: rows.length > query.limit ? page[page.length - 1]!.seq : null };
}

export async function getBatchIn(q: SqlExec, id: string): Promise<StoredBatch | null> {
  const row = await q.get<BatchRow>(`SELECT ${BATCH_COLUMNS} FROM batch_files WHERE id = ?`, [id]);
  return row ? toBatch(row) : null;
}

export async function getBatchContentIn(q: SqlExec, id: string): Promise<Buffer | null> {
  const row = await q.get<{ content: Buffer }>('SELECT content FROM batch_files WHERE id = ?', [id]);
  return row ? Buffer.from(row.content) : null;
}
