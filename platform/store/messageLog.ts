import type { MessageLogEntry } from './repository';
import type { SqlExec } from './sql';

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
