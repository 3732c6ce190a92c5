import { appendAuditIn, verifyAuditIn } from './auditLog';
import { getBatchContentIn, getBatchIn, listBatchesIn, putBatchIn } from './batchesRepo';
import { addEnrolCodeIn, getTokenIn, insertTokenIn, redeemEnrolCodeIn, revokeTokensIn } from './identityRepo';
import { claimMailIn, dueMailsIn, mailFailedIn, mailSentIn } from './mailRepo';
import { logMessageIn, messagesIn, pruneMessagesIn } from './messageLog';
import { changesOf, entryOf, inboxOf, submitIn, threadOf, transitionIn } from './notificationsRepo';
import type { PlatformStore, StoreCounts, TransitionOutcome } from './repository';
import { progressItemsOf, progressRecordOf, registerProgressIn } from '../progress/repo';
import type { SqlDriver } from './sql';
import { fillDueIn, overdueToRemindIn, queueRemindersIn } from '../overdue/repo';
import { statsIn } from './statsRepo';
import { rateWindowsOn } from './rateWindowsRepo';
import { purgeRetentionIn } from '../retention/repo';
import { signingKeysOf } from '../signing/keyRepo';
import { appendOrGetIn, evidenceLogOf, loggedEntriesIn } from '../signing/logRepo';
import { evidenceStoreOf, linkAnswerIn } from '../evidence/repo';

/**
 * The repository over either driver: each method is one read or one serial write transaction; the
 * SQL lives in the *Repo modules, written once for both engines.
 */
export function createSqlStore(db: SqlDriver): PlatformStore {
  return {
    dialect: db.dialect,
    rateWindows: db.dialect === 'postgres' ? rateWindowsOn(db) : null,
    signingKeys: signingKeysOf(db),
    evidenceLog: evidenceLogOf(db),
    evidence: evidenceStoreOf(db),
    close: () => db.close(),
    ping: () => db.ping(),

    metaGetOrSet: (key, value) =>
      db.tx(async (q) => {
        await q.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, value]);
        return (await q.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))!.value;
      }),

    addEnrolCode: (rec, audit) => db.tx((q) => addEnrolCodeIn(q, rec, audit)),
    redeemEnrolCode: (hash, admits, token, audit, signingKey) => db.tx((q) => redeemEnrolCodeIn(q, hash, admits, token, audit, signingKey)),
    addToken: (rec, audit) =>
      db.tx(async (q) => {
        await insertTokenIn(q, rec);
        await appendAuditIn(q, audit);
      }),
    getToken: (jti) => getTokenIn(db, jti),
    revokeTokens: (by, at, audit) => db.tx((q) => revokeTokensIn(q, by, at, audit)),

    submit: (office, items, mails, actor, now, audit) =>
      db.tx(async (q) => {
        const results = await submitIn(q, office, items, mails, actor, now, audit);
        // Held envelopes (accepted or resent) are logged with their rows: both land or neither.
        const held = items.flatMap((item, i) => (item.message && results[i]!.outcome !== 'rejected' ? [item.message] : []));
        if (held.length > 0) await appendOrGetIn(q, held, now.toISOString());
        return results;
      }),
    inbox: (agency, query, nowMs) => inboxOf(db, agency, query, nowMs),
    getEntry: (id) => entryOf(db, id),
    transition: (id, decide, actor, now, audit, record) =>
      db.tx(async (q): Promise<TransitionOutcome> => {
        const known = record?.message ? (await loggedEntriesIn(q, [record.message.id])).get(record.message.id) : undefined;
        if (known) return { ok: false, code: 'REPLAYED', logged: known };
        const r = await transitionIn(q, id, decide, actor, now, audit);
        if (!r.ok || !record) return r;
        if (r.changes.length > 0 && record.answerPages?.length) await linkAnswerIn(q, id, record.answerPages);
        return record.message ? { ...r, logged: (await appendOrGetIn(q, [record.message], now.toISOString())).get(record.message.id)! } : r;
      }),
    thread: (id) => threadOf(db, id),
    changes: (office, cursor, limit) => changesOf(db, office, cursor, limit),
    progressRecord: (caseNo) => progressRecordOf(db, caseNo),
    progressItems: (caseNo) => progressItemsOf(db, caseNo),
    registerProgress: (office, records, at, audit) =>
      db.tx(async (q) => {
        await registerProgressIn(q, office, records, at);
        await appendAuditIn(q, audit);
      }),

    putBatch: (batch, content, audit) => db.tx((q) => putBatchIn(q, batch, content, audit)),
    listBatches: (agency, query) => listBatchesIn(db, agency, query),
    getBatch: (id) => getBatchIn(db, id),
    getBatchContent: (id) => getBatchContentIn(db, id),

    stats: (filter) => statsIn(db, filter),

    logMessage: (entry) => logMessageIn(db, entry),
    pruneMessages: (before, limit) => pruneMessagesIn(db, before, limit),
    messages: (filter) => messagesIn(db, filter),
    // Reads that show personal data record it here: the chain's own lock, never the writers' (a
    // stuck writer must not make an inbox GET hang).
    appendAudit: (draft) => db.auditTx((q) => appendAuditIn(q, draft)),
    verifyAudit: () => verifyAuditIn(db),

    fillDueDates: (compute, basis) => fillDueIn(db, compute, basis),
    overdueToRemind: (nowMs, day) => overdueToRemindIn(db, nowMs, day),
    queueOverdueReminders: (day, at, nowMs, agency, rows, build) => db.tx((q) => queueRemindersIn(q, day, at, nowMs, agency, rows, build)),
    purgeRetention: (steps, opts, audit) => purgeRetentionIn(db, steps, opts, audit),
    dueMails: (nowMs, limit) => dueMailsIn(db, nowMs, limit),
    claimMail: (id, expected, lease) => claimMailIn(db, id, expected, lease),
    mailSent: (id, at) => mailSentIn(db, id, at),
    mailFailed: (id, error, next) => mailFailedIn(db, id, error, next),

    async counts(): Promise<StoreCounts> {
      const n = async (table: string) => Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);
      return {
        notifications: await n('notifications'),
        changes: await n('changes'),
        batches: await n('batch_files'),
        tokens: await n('tokens'),
        enrolCodes: await n('enrol_codes'),
        audit: await n('audit'),
        mails: await n('mail_outbox'),
      };
    },
  };
}
