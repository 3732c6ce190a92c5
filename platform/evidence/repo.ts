import type { ContentRange, EvidenceRef, EvidenceUploadState } from '../../shared/platform/evidence';
import type { SupplementPage } from '../../shared/platform/supplementPages';
import type { NotificationEnvelope } from '../../shared/platform/wire';
import { appendAuditIn } from '../store/auditLog';
import { PlatformFailure } from '../server/failure';
import type { AuditDraft } from '../store/drafts';
import { valuesList, type SqlDriver, type SqlExec, type SqlValue } from '../store/sql';
import { sha256Hex, looksLikePdf, startsLikePdf } from './checkFile';

/**
 * SQL for consent evidence files (platform migration 13), written once for SQLite and PostgreSQL.
 * Files live in the database (BLOB / BYTEA): a database backup carries them, every node of a
 * PostgreSQL deployment sees them without a shared disk, and the retention purge removes a file in
 * the same transaction as its last reference. Chunks of an upload in progress are rows of their
 * own (appending to one BLOB is not portable: SQLite's `||` makes text of it).
 */

/** What one PUT of a chunk came to. Refusals store nothing (the partial upload is dropped too). */
export type ChunkOutcome =
  | { kind: 'stored'; state: EvidenceUploadState }
  | { kind: 'offset'; state: EvidenceUploadState }
  | { kind: 'not-pdf' }
  | { kind: 'hash-mismatch'; actual: string };

export type EvidenceFileRead = { receiverAgency: string; content: Buffer } | null;

export type EvidencePurge = { files: number; uploads: number };

export type EvidenceStore = {
  state(sha256: string): Promise<EvidenceUploadState>;
  putChunk(sha256: string, range: ContentRange, bytes: Buffer, uploader: string, nowMs: number, audit: AuditDraft): Promise<ChunkOutcome>;
  /** The notification's receiver and its evidence, or null when there is no such notification. */
  listFor(notificationId: string): Promise<{ receiverAgency: string; evidence: EvidenceRef[] } | null>;
  /** The stored bytes of one of the notification's files (not yet checked), or null when it names no such file. */
  read(notificationId: string, sha256: string): Promise<EvidenceFileRead>;
  /** Which of these hashes the platform holds as complete files. */
  held(hashes: readonly string[]): Promise<Set<string>>;
  /** Deletes files no notification references any more (stored before `filesBeforeMs`) and uploads idle since `uploadsBeforeMs`. */
  purgeOrphans(filesBeforeMs: number, uploadsBeforeMs: number): Promise<EvidencePurge>;
};

const complete = (sha256: string, size: number): EvidenceUploadState => ({ sha256, length: size, received: size, complete: true });

export async function stateIn(q: SqlExec, sha256: string): Promise<EvidenceUploadState> {
  const file = await q.get<{ size: number | string }>('SELECT size FROM evidence_files WHERE sha256 = ?', [sha256]);
  if (file) return complete(sha256, Number(file.size));
  const up = await q.get<{ length: number | string; received: number | string }>('SELECT length, received FROM evidence_uploads WHERE sha256 = ?', [sha256]);
  return up ? { sha256, length: Number(up.length), received: Number(up.received), complete: false } : { sha256, length: null, received: 0, complete: false };
}

async function dropUploadIn(q: SqlExec, sha256: string): Promise<void> {
  await q.run('DELETE FROM evidence_chunks WHERE sha256 = ?', [sha256]);
  await q.run('DELETE FROM evidence_uploads WHERE sha256 = ?', [sha256]);
}

/**
 * One chunk, inside a writer transaction (so two nodes appending to the same file take turns). A
 * chunk must start where the platform's copy ends; a chunk at 0 starts the upload afresh (a client
 * that lost its place, or a stale partial with another declared length). The chunk that reaches
 * the declared length completes the file: the whole is hashed and checked as a PDF, then stored
 * once under its hash and the chunks removed; any refusal removes the partial upload as well.
 */
export async function putChunkIn(q: SqlExec, sha256: string, range: ContentRange, bytes: Buffer, uploader: string, nowMs: number, audit: AuditDraft): Promise<ChunkOutcome> {
  const current = await stateIn(q, sha256);
  if (current.complete) return { kind: 'stored', state: current };
  if (range.first === 0) {
    if (!startsLikePdf(bytes)) return { kind: 'not-pdf' };
    await dropUploadIn(q, sha256);
    await q.run('INSERT INTO evidence_uploads (sha256, length, received, uploader, started_ms, updated_ms) VALUES (?, ?, 0, ?, ?, ?)', [sha256, range.total, uploader, nowMs, nowMs]);
  } else if (range.first !== current.received || range.total !== current.length) {
    return { kind: 'offset', state: current };
  }
  const received = range.last + 1;
  await q.run('INSERT INTO evidence_chunks (sha256, first_byte, bytes) VALUES (?, ?, ?)', [sha256, range.first, bytes]);
  await q.run('UPDATE evidence_uploads SET received = ?, updated_ms = ? WHERE sha256 = ?', [received, nowMs, sha256]);
  if (received < range.total) return { kind: 'stored', state: { sha256, length: range.total, received, complete: false } };

  const parts = await q.all<{ bytes: Buffer }>('SELECT bytes FROM evidence_chunks WHERE sha256 = ? ORDER BY first_byte', [sha256]);
  const whole = Buffer.concat(parts.map((p) => Buffer.from(p.bytes)));
  await dropUploadIn(q, sha256);
  const actual = sha256Hex(whole);
  if (actual !== sha256) return { kind: 'hash-mismatch', actual };
  if (!looksLikePdf(whole)) return { kind: 'not-pdf' };
  await q.run('INSERT INTO evidence_files (sha256, size, content, uploader, stored_ms) VALUES (?, ?, ?, ?, ?)', [sha256, whole.length, whole, uploader, nowMs]);
  await appendAuditIn(q, audit);
  return { kind: 'stored', state: complete(sha256, whole.length) };
}

/** Which of these hashes the platform holds as complete files (for the submit check). */
export async function heldEvidenceIn(q: SqlExec, hashes: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return new Set();
  const rows = await q.all<{ sha256: string }>(`SELECT sha256 FROM evidence_files WHERE sha256 IN (${unique.map(() => '?').join(', ')})`, unique);
  return new Set(rows.map((r) => r.sha256));
}

/** The first file an envelope names that the platform does not hold, or null. */
export const missingEvidence = (e: NotificationEnvelope, held: ReadonlySet<string>): string | null => e.evidence?.find((r) => !held.has(r.sha256))?.sha256 ?? null;

/** Links freshly stored notifications to the files their envelopes named (in the submit transaction). */
export async function linkEvidenceIn(q: SqlExec, envelopes: readonly NotificationEnvelope[]): Promise<void> {
  const values: SqlValue[] = [];
  let rows = 0;
  for (const e of envelopes) {
    (e.evidence ?? []).forEach((r, pos) => {
      values.push(e.id, r.sha256, r.pages, JSON.stringify(r.formPages), pos);
      rows++;
    });
  }
  if (rows === 0) return;
  await q.run(`INSERT INTO notification_evidence (notification_id, sha256, pages, form_pages, pos) VALUES ${valuesList(rows, 5)} ON CONFLICT DO NOTHING`, values);
}

/**
 * A 補件 answer's scanned files join the notification's evidence after its consent pages (so the
 * receiving agency lists and reads them with the same endpoints, each read hash-checked and
 * audited). They are not pages of the consent form: `form_pages` is empty. Runs in the answer's own
 * transaction: a file purged since the route checked it refuses the whole answer (EVIDENCE_MISSING,
 * rolled back) rather than recording an answer without its pages.
 */
export async function linkAnswerIn(q: SqlExec, notificationId: string, pages: readonly SupplementPage[]): Promise<void> {
  const held = await heldEvidenceIn(q, pages.map((p) => p.sha256));
  const gone = pages.find((p) => !held.has(p.sha256));
  if (gone) throw new PlatformFailure('EVIDENCE_MISSING', `補件引用的掃描檔已不在平台上（${gone.sha256.slice(0, 12)}…），請重新上傳再回覆`, 'attachments');
  const next = Number((await q.get<{ n: number | string | null }>('SELECT MAX(pos) AS n FROM notification_evidence WHERE notification_id = ?', [notificationId]))?.n ?? -1) + 1;
  for (const [i, p] of pages.entries()) {
    await q.run(
      `INSERT INTO notification_evidence (notification_id, sha256, pages, form_pages, pos)
       SELECT ?, sha256, ?, '[]', ? FROM evidence_files WHERE sha256 = ? ON CONFLICT DO NOTHING`,
      [notificationId, p.pages, next + i, p.sha256],
    );
  }
}

/** The purged notifications' links (retention: their files become orphans unless another retained notification names them). */
export const unlinkEvidenceSql = (ids: number): string => `DELETE FROM notification_evidence WHERE notification_id IN (${Array.from({ length: ids }, () => '?').join(', ')})`;

async function listForIn(q: SqlExec, notificationId: string): Promise<{ receiverAgency: string; evidence: EvidenceRef[] } | null> {
  const n = await q.get<{ receiver_agency: string }>('SELECT receiver_agency FROM notifications WHERE id = ?', [notificationId]);
  if (!n) return null;
  const rows = await q.all<{ sha256: string; size: number | string; pages: number | string; form_pages: string }>(
    `SELECT ne.sha256, f.size, ne.pages, ne.form_pages FROM notification_evidence ne JOIN evidence_files f ON f.sha256 = ne.sha256
     WHERE ne.notification_id = ? ORDER BY ne.pos`,
    [notificationId],
  );
  return {
    receiverAgency: n.receiver_agency,
    evidence: rows.map((r) => ({ sha256: r.sha256, size: Number(r.size), pages: Number(r.pages), formPages: JSON.parse(r.form_pages) as number[] })),
  };
}

async function readIn(q: SqlExec, notificationId: string, sha256: string): Promise<EvidenceFileRead> {
  const row = await q.get<{ receiver_agency: string; content: Buffer }>(
    `SELECT n.receiver_agency, f.content FROM notification_evidence ne JOIN notifications n ON n.id = ne.notification_id JOIN evidence_files f ON f.sha256 = ne.sha256
     WHERE ne.notification_id = ? AND ne.sha256 = ?`,
    [notificationId, sha256],
  );
  return row ? { receiverAgency: row.receiver_agency, content: Buffer.from(row.content) } : null;
}

async function purgeOrphansIn(db: SqlDriver, filesBeforeMs: number, uploadsBeforeMs: number): Promise<EvidencePurge> {
  return db.tx(async (q) => {
    const files = await q.all<{ sha256: string }>(
      `DELETE FROM evidence_files WHERE stored_ms <= ? AND NOT EXISTS (SELECT 1 FROM notification_evidence ne WHERE ne.sha256 = evidence_files.sha256) RETURNING sha256`,
      [filesBeforeMs],
    );
    await q.run('DELETE FROM evidence_chunks WHERE sha256 IN (SELECT sha256 FROM evidence_uploads WHERE updated_ms <= ?)', [uploadsBeforeMs]);
    const uploads = await q.run('DELETE FROM evidence_uploads WHERE updated_ms <= ?', [uploadsBeforeMs]);
    return { files: files.length, uploads };
  });
}

export function evidenceStoreOf(db: SqlDriver): EvidenceStore {
  return {
    state: (sha256) => stateIn(db, sha256),
    putChunk: (sha256, range, bytes, uploader, nowMs, audit) => db.tx((q) => putChunkIn(q, sha256, range, bytes, uploader, nowMs, audit)),
    listFor: (id) => listForIn(db, id),
    read: (id, sha256) => readIn(db, id, sha256),
    held: (hashes) => heldEvidenceIn(db, hashes),
    purgeOrphans: (files, uploads) => purgeOrphansIn(db, files, uploads),
  };
}
