import type { MessageLogEntry } from './repository';
import { Where, type SqlExec } from './sql';

/** One line per HTTP message: ids, parties, route, outcome and a body hash — never the body itself (it holds personal data). */
export async function logMessageIn(q: SqlExec, e: MessageLogEntry): Promise<void> {
  await q.run(
    `INSERT INTO message_log (at, request_id, message_ids, client, client_kind, ip, method, route, target, status, error_code, body_sha256, body_bytes, duration_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      e.at, e.requestId, e.messageIds ? JSON.stringify(e.messageIds) : null, e.client, e.clientKind, e.ip, e.method, e.route, e.target, e.status,
      e.errorCode, e.bodySha256, e.bodyBytes, e.durationMs,
    ],
  );
}

type MessageRow = {
  at: string; request_id: string; message_ids: string | null; client: string | null; client_kind: string | null; ip: string | null; method: string;
  route: string; target: string | null; status: number; error_code: string | null; body_sha256: string | null; body_bytes: number; duration_ms: number;
};

export async function messagesIn(q: SqlExec, f: { requestId?: string; client?: string; limit: number }): Promise<MessageLogEntry[]> {
  const w = new Where().opt('request_id = ?', f.requestId).opt('client = ?', f.client);
  const rows = await q.all<MessageRow>(`SELECT * FROM message_log ${w.sql} ORDER BY id DESC LIMIT ?`, [...w.params, f.limit]);
  return rows.map((r) => ({
    at: r.at, requestId: r.request_id, messageIds: r.message_ids ? (JSON.parse(r.message_ids) as string[]) : null, client: r.client, clientKind: r.client_kind,
    ip: r.ip, method: r.method, route: r.route, target: r.target, status: r.status, errorCode: r.error_code, bodySha256: r.body_sha256, bodyBytes: r.body_bytes,
    durationMs: r.duration_ms,
  }));
}

/** Deletes up to `limit` rows written before `before` (oldest first); returns how many. Rows are appended in time order, so the oldest ids go first. */
export async function pruneMessagesIn(q: SqlExec, before: string, limit: number): Promise<number> {
  return q.run('DELETE FROM message_log WHERE id IN (SELECT id FROM message_log WHERE at < ? ORDER BY id LIMIT ?)', [before, limit]);
}
