import type { FieldValue } from '../../../shared/cases/schema';
import type { SupplementAnswer } from '../../../shared/platform/wire';
import type { WritableDb } from '../db/open';
import type { Logger } from '../logging/logger';
import type { PlatformClient } from '../platform-client/client';
import { AppFailure } from '../../../shared/result';
import { isPlatformError } from '../platform-client/errors';
import { uploadAnswerFiles } from './uploadAnswerFiles';

/**
 * The one place a 補件 answer goes to the platform (the signing of agency and counter messages
 * wraps the client's call, so it lands here too). Its scanned files are uploaded first (the
 * platform refuses an answer naming a file it does not hold). Returns the platform time of the
 * answer, or null when the round was already answered with this message (a resend: nothing new recorded).
 */
export async function sendAnswer(db: WritableDb, client: PlatformClient, notificationId: string, body: SupplementAnswer): Promise<string | null> {
  await uploadAnswerFiles(db, client, body.attachments ?? []);
  const res = await client.call('supplementAnswer', { params: { id: notificationId }, body });
  return res.changes.at(-1)?.at ?? null;
}

/** Closes the round as answered and merges the new fields into the stored payload; the caller's transaction. */
export function recordDelivered(db: WritableDb, notificationId: string, body: SupplementAnswer, answeredAt: string): void {
  const answer = { fields: body.fields, note: body.note ?? null, attachments: body.attachments ?? [] };
  db.prepare("UPDATE supplement_requests SET answered_at = COALESCE(answered_at, ?), answer = ?, answer_state = 'sent', queued_body = NULL, refusal = NULL WHERE notification_id = ? AND round = ?")
    .run(answeredAt, JSON.stringify(answer), notificationId, body.round);
  const payload = db.prepare('SELECT payload FROM notifications WHERE id = ?').pluck().get(notificationId) as string;
  db.prepare('UPDATE notifications SET payload = ? WHERE id = ?').run(JSON.stringify({ ...(JSON.parse(payload) as Record<string, FieldValue>), ...body.fields }), notificationId);
}

export type DeliveryReport = { sent: number; refused: number; waiting: number };

/**
 * Sends the 補件 answers queued while the platform was out of reach, oldest first (run after each
 * sync). Transport trouble stops the run and leaves the rest queued for the next one; a refusal (the
 * agency closed or transferred the notification meanwhile, another workstation answered the round)
 * marks that answer `refused` with the platform's zh-TW reason for the clerk to see and answer again.
 */
export async function deliverQueuedAnswers(db: WritableDb, client: PlatformClient, clockNow: () => Date, logger: Logger): Promise<DeliveryReport> {
  const log = logger.child({ module: 'supplements' });
  const rows = db
    .prepare("SELECT notification_id, queued_body FROM supplement_requests WHERE answer_state = 'queued' AND answered_at IS NULL ORDER BY queued_at")
    .all() as { notification_id: string; queued_body: string }[];
  const report: DeliveryReport = { sent: 0, refused: 0, waiting: rows.length };
  for (const row of rows) {
    const body = JSON.parse(row.queued_body) as SupplementAnswer;
    try {
      const at = (await sendAnswer(db, client, row.notification_id, body)) ?? clockNow().toISOString();
      db.transaction(() => recordDelivered(db, row.notification_id, body, at)).immediate();
      report.sent++;
    } catch (e) {
      // A local refusal (its scan gone from the file store or changed) is as final as the platform's: shown, not retried forever.
      const final = isPlatformError(e) ? isRefusal(e) : e instanceof AppFailure;
      if (!final) {
        log.warn({ action: 'deliver', reason: isPlatformError(e) ? e.error.code : 'error', notification: row.notification_id }, 'queued 補件 answer not delivered yet');
        break;
      }
      const { code, message } = (e as AppFailure).error;
      db.prepare("UPDATE supplement_requests SET answer_state = 'refused', refusal = ? WHERE notification_id = ? AND round = ?").run(message, row.notification_id, body.round);
      log.warn({ action: 'refused', reason: code, notification: row.notification_id }, 'queued 補件 answer refused');
      report.refused++;
    }
    report.waiting--;
  }
  if (report.sent || report.refused) log.info({ action: 'deliver', ...report }, 'queued 補件 answers delivered');
  return report;
}

/**
 * The platform read the answer and said no (a 4xx other than 401): the clerk must see it. Anything
 * else (no connection, timeout, 5xx, a credential to renew) is the platform being out of reach.
 */
export const isRefusal = (e: unknown): boolean => isPlatformError(e) && e.kind === 'http' && !e.retryable;

/** Whether anything waits to go (a local query: cheap enough to ask after every sync run). */
export const hasQueuedAnswers = (db: WritableDb): boolean =>
  db.prepare("SELECT 1 FROM supplement_requests WHERE answer_state = 'queued' AND answered_at IS NULL LIMIT 1").get() !== undefined;
