import { GENESIS_HASH, type LogEntry } from '../../shared/signing/schema';
import { entryHashOf } from '../../electron/services/signing/hashes';
import { chunked, placeholders, valuesList, type SqlDriver, type SqlExec, type SqlValue } from '../store/sql';

/**
 * The platform's append-only, hash-chained message log (issue 15 §2): one entry per message it
 * holds, with the signed message itself for evidence. Appending is idempotent by message id, so a
 * duplicate (a resend) gets its original entry back. An agency action or 補件 answer is logged in
 * the transaction that applies it (PlatformStore.transition).
 */
/** A message to log; `notificationId` names the notification it concerns (retention reaches it by that). */
export type LoggedMessage = { id: string; hash: string; body: string; notificationId?: string };

export type EvidenceLog = {
  appendOrGet(messages: readonly LoggedMessage[], at: string): Promise<Map<string, LogEntry>>;
  head(): Promise<{ seq: number; hash: string }>;
  entryOf(messageId: string): Promise<(LogEntry & { body: string }) | null>;
  /** Entries with fromSeq < seq <= toSeq, in order: the chain proof from an entry to a head. */
  range(fromSeq: number, toSeq: number): Promise<LogEntry[]>;
  /**
   * Logs a workstation's audit-chain head (its entry, new or the one a resend already has) and, in
   * the same transaction, raises the subject's anchored head when this one has more entries.
   */
  appendAnchor(subject: string, message: { id: string; hash: string; body: string }, head: { count: number; hash: string }, at: string): Promise<LogEntry>;
  /** The highest head anchored for the subject, or null. */
  anchorOf(subject: string): Promise<AnchorRecord | null>;
};

/** The highest audit head a workstation anchored: its count and hash, its log entry and when. */
export type AnchorRecord = { count: number; hash: string; seq: number; at: string };

/**
 * Kept in the shared meta table under `audit-anchor:<subject>` (no schema change: the log itself
 * holds every anchor; this only points at the highest). Only a head with MORE entries replaces it:
 * a shorter one (a cut chain syncing again) or another hash at the same count (a rewritten chain)
 * stays in the log as evidence, but cannot lower what verify-audit checks against.
 */
const anchorKey = (subject: string) => `audit-anchor:${subject}`;

type Row = { seq: number; at: string; message_id: string; message_hash: string; prev_hash: string; hash: string; body: string };
const toEntry = (r: Row): LogEntry => ({ seq: Number(r.seq), at: r.at, messageId: r.message_id, messageHash: r.message_hash, prevHash: r.prev_hash, hash: r.hash });

export function evidenceLogOf(db: SqlDriver): EvidenceLog {
  return {
    // Serial writers (SqlDriver.tx) give the chain a single head. Messages logged already (a
    // submit logs its envelopes in its own transaction) are only read: no writer's turn, no commit.
    appendOrGet: async (messages, at) => {
      const known = await loggedEntriesIn(db, messages.map((m) => m.id));
      return messages.every((m) => known.has(m.id)) ? known : db.tx((q) => appendOrGetIn(q, messages, at));
    },
    appendAnchor: (subject, message, head, at) =>
      db.tx(async (q) => {
        const entry = (await appendOrGetIn(q, [message], at)).get(message.id)!;
        const known = await q.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [anchorKey(subject)]);
        if (!known || (JSON.parse(known.value) as AnchorRecord).count < head.count) {
          const record: AnchorRecord = { count: head.count, hash: head.hash, seq: entry.seq, at: entry.at };
          await q.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [anchorKey(subject), JSON.stringify(record)]);
        }
        return entry;
      }),
    anchorOf: async (subject) => {
      const r = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [anchorKey(subject)]);
      return r ? (JSON.parse(r.value) as AnchorRecord) : null;
    },
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

/** The entries of these message ids that the log holds, read in one query per 500 (in a transaction: a replay check that races nothing). */
export async function loggedEntriesIn(q: SqlExec, ids: readonly string[]): Promise<Map<string, LogEntry>> {
  const out = new Map<string, LogEntry>();
  for (const part of chunked([...new Set(ids)], 500)) {
    const known = await q.all<Row>(`SELECT seq, at, message_id, message_hash, prev_hash, hash FROM evidence_log WHERE message_id IN (${placeholders(part.length)})`, part);
    for (const r of known) out.set(r.message_id, toEntry(r));
  }
  return out;
}

/** Rows per multi-row INSERT of log entries (a whole batch of 500: 4,000 parameters, far below SQLite's 32,766). */
const APPEND_CHUNK = 500;

/**
 * Set-based, not one look-up and one insert per message: a batch of 500 envelopes took ~1,000
 * round trips here (~300 ms a batch on PostgreSQL, most of platform-ingest-postgres). The ids
 * already logged are read in one query per 500, the new entries are chained in Node (the head
 * cannot move: writers are serial) and written in one INSERT per APPEND_CHUNK. A message id twice in
 * one call is logged once, as before (the second one finds the first).
 */
export async function appendOrGetIn(q: SqlExec, messages: readonly LoggedMessage[], at: string): Promise<Map<string, LogEntry>> {
  const out = await loggedEntriesIn(q, messages.map((m) => m.id));
  const last = await q.get<Row>('SELECT seq, hash FROM evidence_log ORDER BY seq DESC LIMIT 1');
  let seq = last ? Number(last.seq) : 0;
  let prev = last?.hash ?? GENESIS_HASH;
  const values: SqlValue[][] = [];
  for (const m of messages) {
    if (out.has(m.id)) continue;
    const e = { seq: ++seq, at, messageId: m.id, messageHash: m.hash, prevHash: prev };
    const entry = { ...e, hash: entryHashOf(e) };
    values.push([entry.seq, at, m.id, m.hash, prev, entry.hash, m.body, m.notificationId ?? null]);
    out.set(m.id, entry);
    prev = entry.hash;
  }
  for (const part of chunked(values, APPEND_CHUNK)) {
    await q.run(`INSERT INTO evidence_log (seq, at, message_id, message_hash, prev_hash, hash, body, notification_id) VALUES ${valuesList(part.length, 8)}`, part.flat());
  }
  return out;
}
