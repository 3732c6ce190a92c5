import { EVIDENCE_CHUNK_BYTES, formatContentRange, type EvidenceRef } from '../../../shared/platform/evidence';
import { AppFailure } from '../../../shared/result';
import type { WritableDb } from '../db/open';
import type { Logger } from '../logging/logger';
import type { PlatformClient } from '../platform-client/client';
import { isPlatformError } from '../platform-client/errors';
import type { FileStore } from '../scanning/store';
import { cutConsentPages, type ConsentCut } from './consentCut';

/**
 * What the sync engine asks before it sends a batch (issue 14 §2): for each notification that goes
 * with its signed consent, the evidence its envelope must name, uploaded to the platform first.
 * `failed`: notifications that can never go as they are (the platform refused the file, or the local
 * scan no longer matches its hash), with the reason for the clerk. Transport trouble, 5xx and 401
 * are thrown as PlatformError: the engine backs off for the whole batch, as for any other call.
 */
export type EvidenceAttacher = (notificationIds: readonly string[], signal: AbortSignal) => Promise<{ refs: Map<string, EvidenceRef[]>; failed: Map<string, string> }>;

/**
 * The notifications (of these) that travel with consent evidence: consent required for the case, a
 * notification (檢證 carry none), and no exception recorded for its agency. The consent_holds view
 * keeps such a notification in the outbox until its pages are attached, so every one of them asked
 * here has its pages.
 */
export function needingEvidence(db: WritableDb, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id
       WHERE n.id IN (SELECT value FROM json_each(?)) AND c.consent_required = 1 AND n.kind = 'notification'
         AND NOT EXISTS (SELECT 1 FROM consent_exceptions e WHERE e.case_id = n.case_id AND e.receiver_agency = n.receiver_agency)`,
    )
    .pluck()
    .all(JSON.stringify(ids)) as string[];
}

/** At most this many "someone else moved the offset" restarts per file before giving up for this run. */
const OFFSET_RETRIES = 3;

/**
 * Puts one file on the platform unless it is there: asks how much it holds, then sends the rest in
 * chunks from that offset (a cut connection costs at most the chunk on the wire). Content-addressed,
 * so the same pages for several notifications go once.
 */
export async function uploadEvidence(client: PlatformClient, pdf: Uint8Array, sha256: string, signal: AbortSignal, timeoutMs?: number): Promise<void> {
  const opts = { signal, ...(timeoutMs ? { timeoutMs } : {}) };
  for (let round = 0; ; round++) {
    const held = await client.call('evidenceStatus', { params: { sha256 }, query: {} }, opts);
    if (held.complete) return;
    let at = held.length === pdf.byteLength ? held.received : 0;
    try {
      while (at < pdf.byteLength) {
        const end = Math.min(pdf.byteLength, at + EVIDENCE_CHUNK_BYTES);
        const range = formatContentRange({ first: at, last: end - 1, total: pdf.byteLength });
        const s = await client.call('evidenceUpload', { params: { sha256 } }, { ...opts, raw: { bytes: pdf.subarray(at, end), headers: { 'content-range': range } } });
        if (s.complete) return;
        at = s.received;
      }
      return;
    } catch (e) {
      // Another node or counter moved the platform's copy meanwhile (same bytes): ask again and resume.
      if (isPlatformError(e) && e.error.code === 'EVIDENCE_OFFSET' && round < OFFSET_RETRIES) continue;
      throw e;
    }
  }
}

const refOf = (cut: ConsentCut): EvidenceRef => ({ sha256: cut.sha256, size: cut.pdf.byteLength, pages: cut.pages, formPages: cut.formPages });

/** A refusal no retry can cure: a 4xx about the file, or a local cut that failed (a changed scan). */
function permanent(e: unknown): string | null {
  if (isPlatformError(e)) return e.kind === 'http' && e.status !== null && e.status < 500 && e.status !== 408 && e.status !== 429 ? `同意書上傳遭平台拒收：${e.error.message}` : null;
  if (e instanceof AppFailure) return `無法取出此機關的同意書頁：${e.error.message}`;
  return null;
}

/** `store` may be a getter: the file store (a folder beside the database) is opened on first need, not when sync starts. */
export function createEvidenceAttacher(deps: { db: WritableDb; store: FileStore | (() => FileStore); client: PlatformClient; logger: Logger; timeoutMs?: number }): EvidenceAttacher {
  const log = deps.logger.child({ module: 'evidence-upload' });
  let opened: FileStore | null = null;
  const files = (): FileStore => (opened ??= typeof deps.store === 'function' ? deps.store() : deps.store);
  return async (ids, signal) => {
    const refs = new Map<string, EvidenceRef[]>();
    const failed = new Map<string, string>();
    // One cut and one upload per (case, agency): several items to the same agency share their pages.
    const byKey = new Map<string, EvidenceRef | string>();
    for (const id of needingEvidence(deps.db, ids)) {
      const key = deps.db.prepare("SELECT case_id || ':' || receiver_agency FROM notifications WHERE id = ?").pluck().get(id) as string;
      let done = byKey.get(key);
      if (done === undefined) {
        try {
          const cut = await cutConsentPages(deps.db, files(), id);
          await uploadEvidence(deps.client, cut.pdf, cut.sha256, signal, deps.timeoutMs);
          done = refOf(cut);
          log.debug({ action: 'upload', sha256: cut.sha256, bytes: cut.pdf.byteLength, pages: cut.pages }, 'consent evidence on the platform');
        } catch (e) {
          const reason = permanent(e);
          if (reason === null) throw e;
          log.warn({ action: 'fail', reason: isPlatformError(e) || e instanceof AppFailure ? e.error.code : 'unknown', notificationId: id }, 'consent evidence refused');
          done = reason;
        }
        byKey.set(key, done);
      }
      if (typeof done === 'string') failed.set(id, done);
      else refs.set(id, [done]);
    }
    return { refs, failed };
  };
}
