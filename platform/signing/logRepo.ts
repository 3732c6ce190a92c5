import { GENESIS_HASH, type LogEntry } from '../../shared/signing/schema';
import { entryHashOf } from '../../electron/services/signing/hashes';
import type { SqlDriver } from '../store/sql';

/**
 * The platform's append-only, hash-chained message log (issue 15 §2): one entry per message it
 * holds, with the signed message itself for evidence. Appending is idempotent by message id, so a
 * duplicate (a resend) gets its original entry back, and a message stored without its entry (a
 * crash between the two transactions) gets one on its resend.
 */
export type EvidenceLog = {
  appendOrGet(messages: readonly { id: string; hash: string; body: string }[], at: string): Promise<Map<string, LogEntry>>;
  head(): Promise<{ seq: number; hash: string }>;
  entryOf(messageId: string): Promise<(LogEntry & { body: string }) | null>;
  /** Entries with fromSeq < seq <= toSeq, in order: the chain proof from an entry to a head. */
  range(fromSeq: number, toSeq: number): Promise<LogEntry[]>;
};

type Row = { seq: number; at: string; message_id: string; message_hash: string; prev_hash: string; hash: string; body: string };
const toEntry = (r: Row): LogEntry => ({ seq: Number(r.seq), at: r.at, messageId: r.message_id, messageHash: r.message_hash, prevHash: r.prev_hash, hash: r.hash });

export function evidenceLogOf(db: SqlDriver): EvidenceLog {
  return {
    appendOrGet: (messages, at) =>
      // Serial writers (SqlDriver.tx) give the chain a single head.
      db.tx(async (q) => {
        const out = new Map<string, LogEntry>();
        const last = await q.get<Row>('SELECT * FROM evidence_log ORDER BY seq DESC LIMIT 1');
        let seq = last ? Number(last.seq) : 0;
        let prev = last?.hash ?? GENESIS_HASH;
        for (const m of messages) {
          const known = await q.get<Row>('SELECT * FROM evidence_log WHERE message_id = ?', [m.id]);
          if (known) {
            out.set(m.id, toEntry(known));
            continue;
          }
          const e = { seq: ++seq, at, messageId: m.id, messageHash: m.hash, prevHash: prev };
          const entry = { ...e, hash: entryHashOf(e) };
          await q.run('INSERT INTO evidence_log (seq, at, message_id, message_hash, prev_hash, hash, body) VALUES (?, ?, ?, ?, ?, ?, ?)', [entry.seq, at, m.id, m.hash, prev, entry.hash, m.body]);
          out.set(m.id, entry);
          prev = entry.hash;
        }
        return out;
      }),
    head: async () => {
      const r = await db.get<Row>('SELECT seq, hash FROM evidence_log ORDER BY seq DESC LIMIT 1');
      return r ? { seq: Number(r.seq), hash: r.hash } : { seq: 0, hash: GENESIS_HASH };
    },
    entryOf: async (id) => {
      const r = await db.get<Row>('SELECT * FROM evidence_log WHERE message_id = ?', [id]);
      return r ? { ...toEntry(r), body: r.body } : null;
    },
    range: async (fromSeq, toSeq) => (await db.all<Row>('SELECT * FROM evidence_log WHERE seq > ? AND seq <= ? ORDER BY seq', [fromSeq, toSeq])).map(toEntry),
  };
}
