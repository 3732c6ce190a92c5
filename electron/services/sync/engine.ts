import type { SyncStatus } from '../../../shared/contract/syncApi';
import type { AppError } from '../../../shared/result';
import { MAX_BATCH, type NotificationEnvelope, type SubmitResult } from '../../../shared/platform/wire';
import type { Clock } from '../clock';
import type { WritableDb } from '../db/open';
import type { Logger } from '../logging/logger';
import type { Catalogue } from '../../../shared/catalogue/schema';
import type { PlatformClient } from '../platform-client/client';
import { isPlatformError, type PlatformError } from '../platform-client/errors';
import { applyResults } from './acks';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { applyChanges } from './changes';
import { buildEnvelopes, type CounterIdentity } from './envelope';
import { loadSigner } from '../signing/workstationKey';
import { storeReceipts } from '../signing/receipts';
import { anchorAuditHead } from '../audit/anchor';
import { pinnedPlatformKey } from './credentials';
import { anyDue, anyInBackoff, clearBackoff, headOfQueue, markFailed, pendingCount, requeueFailed, scheduleRetry, withoutFsync, type DueWindow, type QueueRow } from './outbox';
import { createProgressRegistrar } from '../progress/register';
import { runPushChannel } from './push';
import type { EvidenceAttacher } from '../attachments/evidenceUpload';
import { readCursor, STATE, writeState } from './state';
import { queueSnapshot } from './status';

export type SyncOptions = {
  /** Notifications per request (the platform takes at most MAX_BATCH). */
  batchSize: number;
  requestTimeoutMs: number;
  /** Pull interval while the push channel is down. */
  pollMs: number;
  /** Safety-net pull interval while push is up (a lost hint costs at most this). */
  pushPollMs: number;
  /** How often the loop looks at the local outbox for new rows (a local query, no network). */
  tickMs: number;
  changesPageSize: number;
  backoff: BackoffPolicy;
  /** Listen to the SSE push channel (off: poll only). */
  push: boolean;
};

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  batchSize: MAX_BATCH,
  requestTimeoutMs: 15_000,
  pollMs: 5_000,
  pushPollMs: 60_000,
  tickMs: 1_000,
  changesPageSize: 1_000,
  backoff: DEFAULT_BACKOFF,
  push: true,
};

export type SyncDeps = {
  db: WritableDb;
  client: PlatformClient;
  clock: Clock;
  logger: Logger;
  identity: CounterIdentity;
  /** Describes each envelope (life event, item title, field labels) for agencies that do not know the item. */
  catalogue?: Catalogue;
  options?: Partial<SyncOptions>;
  /** After deliveries or pulled changes were recorded (fills the overdue deadlines; must not throw). */
  afterApply?: () => void;
  /** Uploads the consent evidence a batch's notifications travel with, before the batch goes (issue 14 §2). */
  evidence?: EvidenceAttacher;
};

/**
 * A 5xx for the same rows this many times in a row is blamed on their content, not on the platform:
 * the batch is bisected until the row at fault is alone, and that row waits out its own backoff while
 * the rest of the queue flows (issue 17 finding 7). Once is a blip; the second time the rows are
 * already delayed by a backoff, and a platform that fails on everything is told apart in the same run.
 */
const ISOLATE_AFTER_FAILURES = 2;

/** What one drain has learnt so far. */
type DrainRun = {
  /** Bisecting because the platform answers 5xx to these rows (not a 4xx). */
  isolating: boolean;
  /** Rows set aside this run (each with its own backoff); even a forced run does not send them again. */
  aside: number[];
  failedRequests: number;
};

/** One run's outcome; the `counter sync` CLI prints the first four fields as its stable JSON. */
export type SyncReport = { sent: number; delivered: number; failed: number; remaining: number; pulled: number; error: AppError | null };

export type SyncEngine = {
  /**
   * Drain the outbox, then pull status changes (`pull: false`: drain only). A call while a run is
   * going joins that run.
   */
  syncOnce(reason: string, options?: { force?: boolean; pull?: boolean }): Promise<SyncReport>;
  /** Runs the loop (outbox watch, polling, push channel) until stop(). */
  start(): void;
  /** Cancels in-flight requests and waits for the loop to end. */
  stop(): Promise<void>;
  /** Ask the loop to sync now (push hint, new case, button); `force` ignores backoff waits. */
  kick(reason: string, force?: boolean): void;
  /** The 立即重試 button: clears backoff (and requeues failed items if asked) and syncs now. */
  retryNow(actor: string, includeFailed: boolean): number;
  status(): SyncStatus;
  /** Called after anything the status snapshot shows has changed. */
  onChange(listener: () => void): () => void;
};

/**
 * The counter's sync engine, a plain object with everything injected (Joplin's Synchronizer
 * style): the database, the platform client, a clock, a logger. It knows nothing of windows.
 *
 * Drain: the outbox head, FIFO by local seq, in batches, one request on the wire; per-item
 * results are applied in one transaction (idempotent: the notification id is the platform's
 * idempotency key, so a crash before recording an answer costs a `duplicate`); `rejected` fails that row
 * alone; a transient failure (network, timeout, 5xx, invalid or wrong-shaped answer) leaves the
 * rows pending with a persisted `next_attempt_at` (exponential backoff with jitter); a batch-level
 * 4xx (or a 403 naming one envelope) is bisected until the offending row is alone and failed, so it
 * never blocks the queue; a batch that gets a 5xx again is bisected too, and the row at fault waits
 * out its own backoff while the rows behind it go.
 * Pull: status changes since the persisted cursor, applied with the cursor in one transaction.
 * Retries live here only (the client never retries); 401 is never retried blindly.
 */
export function createSyncEngine(deps: SyncDeps): SyncEngine {
  const { db, client, clock, identity } = deps;
  const o: SyncOptions = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
  const batchSize = Math.max(1, Math.min(MAX_BATCH, o.batchSize));
  const log = deps.logger.child({ module: 'sync' });
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());

  let online: boolean | null = null;
  let pushConnected = false;
  let lastError: SyncStatus['lastError'] = null;
  /**
   * The last drain failure (a batch not delivered, a row set aside, the credential refused). Kept
   * apart from `lastError`, which a successful pull clears: it stays on the status strip until a
   * drain ends with nothing failed and no row waiting out a backoff.
   */
  let drainError: SyncStatus['lastError'] = null;
  let draining: SyncStatus['draining'] = null;
  let running: Promise<SyncReport> | null = null;
  let kicked: { reason: string; force: boolean } | null = null;
  let failures = 0;
  /** Monotonic-clock time before which the loop does not call the platform (after a failure). */
  let holdUntil = 0;
  let nextPullAt = 0;
  /** Shrinks when the platform refuses a whole batch with a 4xx, to isolate the row at fault. */
  let batchLimit = batchSize;
  let stopped = false;
  let controller = new AbortController();
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  const nowIso = () => clock.now().toISOString();
  const registrar = createProgressRegistrar({ db, client, logger: deps.logger, backoff: o.backoff });
  const dueWindow = (): DueWindow => {
    const now = clock.now().getTime();
    return { now: new Date(now).toISOString(), horizon: new Date(now + o.backoff.maxMs).toISOString() };
  };

  function succeeded(): void {
    failures = 0;
    holdUntil = 0;
    if (online !== true || lastError) {
      online = true;
      lastError = null;
      emit();
    }
  }

  /** Records a failed call; returns the engine-level wait before the next one. */
  function failed(e: PlatformError): number {
    failures++;
    // Reachable but refusing (401, a 4xx) is online; no answer, 5xx or garbage is not.
    online = e.kind === 'auth' || (e.kind === 'http' && !e.retryable);
    lastError = { code: e.error.code, message: e.error.message, at: nowIso() };
    const delay = backoffDelay(failures, o.backoff);
    holdUntil = performance.now() + delay;
    emit();
    return delay;
  }

  /** `hashes[i]`: the message hash of `envelopes[i]` as sent (buildEnvelopes). */
  type Prepared = { batch: QueueRow[]; envelopes: NotificationEnvelope[]; hashes: string[] };

  /**
   * The next batch after `afterSeq` (rows of a batch still on the wire are not read again), checked
   * envelope by envelope; rows that can never be valid fail here. Rows waiting out their own
   * backoff are passed over (all rows go on a forced run, except those set aside in this one). Null
   * when nothing is ready.
   */
  function prepare(afterSeq: number, force: boolean, report: SyncReport, run: DrainRun): Prepared | null {
    for (;;) {
      const rows = headOfQueue(db, batchLimit, afterSeq, { due: force ? null : dueWindow(), skip: run.aside });
      if (rows.length === 0) return null;
      // The key is read per batch, so a re-enrolment (key rotation) takes effect without a restart.
      const { ready, invalid } = buildEnvelopes(rows, identity, deps.catalogue, loadSigner(db.name));
      if (invalid.length > 0) {
        db.transaction(() => invalid.forEach(({ row, reason }) => markFailed(db, row, reason, nowIso()))).immediate();
        log.warn({ action: 'fail', reason: 'envelope invalid', seqs: invalid.map((i) => i.row.seq) }, 'rows failed before sending');
        report.failed += invalid.length;
      }
      if (ready.length > 0) return { batch: ready.map((r) => r.row), envelopes: ready.map((r) => r.envelope), hashes: ready.map((r) => r.messageHash) };
    }
  }

  /**
   * Issue 14 §2: before a batch goes, the consent evidence of its notifications is put on the
   * platform and named in their envelopes (signed again, so the signature covers the hashes). Rows
   * whose evidence was refused for good fail here with the reason; null when none is left. Transport
   * trouble is thrown (a PlatformError) and handled like a failed request for the whole batch.
   */
  async function attachEvidence(p: Prepared, signal: AbortSignal, report: SyncReport): Promise<Prepared | null> {
    if (!deps.evidence) return p;
    const { refs, failed } = await deps.evidence(p.batch.map((r) => r.id), signal);
    if (refs.size === 0 && failed.size === 0) return p;
    // The whole batch again, so one batch signature covers what goes (rows without pages come out as before).
    const rebuilt = buildEnvelopes(p.batch.filter((r) => !failed.has(r.id)), identity, deps.catalogue, loadSigner(db.name), refs);
    for (const { row, reason } of rebuilt.invalid) failed.set(row.id, reason);
    if (failed.size > 0) {
      db.transaction(() => p.batch.filter((r) => failed.has(r.id)).forEach((r) => markFailed(db, r, failed.get(r.id)!, nowIso()))).immediate();
      report.failed += failed.size;
      log.warn({ action: 'fail', reason: 'consent evidence refused', seqs: p.batch.filter((r) => failed.has(r.id)).map((r) => r.seq) }, 'rows failed before sending');
    }
    const { ready } = rebuilt;
    return ready.length > 0 ? { batch: ready.map((x) => x.row), envelopes: ready.map((x) => x.envelope), hashes: ready.map((x) => x.messageHash) } : null;
  }

  function send(p: Prepared, signal: AbortSignal): Promise<SubmitResult[]> {
    // Each envelope was checked against the wire schema in prepare(); the answer is checked by the client.
    return client
      .call('submitNotifications', { body: { notifications: p.envelopes } }, { signal, timeoutMs: o.requestTimeoutMs, validateRequest: false })
      .then((r) => r.results);
  }

  /** Records one acknowledged batch (one transaction); false when the platform answered for none of it. */
  function settle(p: Prepared, results: SubmitResult[], report: SyncReport): boolean {
    // The platform's receipts (issue 15) land in the same transaction as the acknowledgements.
    const ack = withoutFsync(db, () =>
      db.transaction(() => {
        const applied = applyResults(db, p.batch, results, nowIso());
        storeReceipts(db, p.envelopes, results, log, pinnedPlatformKey(db), p.hashes);
        return applied;
      }).immediate(),
    );
    report.sent += p.batch.length;
    report.delivered += ack.delivered + ack.duplicates;
    report.failed += ack.failed;
    if (ack.missing.length > 0) {
      retryLater(ack.missing, '平台未回覆此筆的處理結果');
      log.warn({ action: 'backoff', reason: 'no result for rows', seqs: ack.missing.map((r) => r.seq) }, 'platform skipped rows');
    }
    log.debug({ action: 'send', firstSeq: p.batch[0]!.seq, rows: p.batch.length, delivered: ack.delivered, duplicates: ack.duplicates, rejected: ack.failed }, 'batch acknowledged');
    // The total is counted once per drain (a count over the outbox is not free with consent holds);
    // rows saved meanwhile join the next drain's total.
    const done = (draining?.done ?? 0) + p.batch.length;
    draining = { done, total: Math.max(done, draining?.total ?? 0) };
    emit();
    return ack.missing.length < p.batch.length;
  }

  /**
   * Strictly one request on the wire at a time (the platform sees batches in local-seq order), but
   * the counter's own work overlaps it: while batch N travels, batch N−1's results are recorded
   * and batch N+1 is read and checked. Returns false when the drain stopped on a failure (the
   * platform is unreachable or failing, or refused the credential), true when it went through.
   */
  /**
   * Before the envelopes: saved cases' progress records (issue 13), so the citizen's lookup works
   * while the notifications still wait for consent. No answer at all (network, timeout, credential)
   * stops the run like a failed batch; an error answer from this endpoint only delays the
   * registrations (their own backoff) and never holds back the envelopes.
   */
  async function registerProgress(signal: AbortSignal, report: SyncReport): Promise<boolean> {
    try {
      await registrar.run(signal, o.requestTimeoutMs);
      return true;
    } catch (e) {
      if (!isPlatformError(e) || e.kind === 'cancelled' || signal.aborted) throw e;
      if (['network', 'timeout', 'auth', 'config'].includes(e.kind)) {
        failed(e);
        report.error = e.error;
        drainFailed(e.error);
        return false;
      }
      registrar.holdOff(e);
      return true;
    }
  }

  async function drain(force: boolean, signal: AbortSignal, report: SyncReport): Promise<boolean> {
    if (!(await registerProgress(signal, report))) return false;
    draining = { done: 0, total: pendingCount(db) };
    const run: DrainRun = { isolating: false, aside: [], failedRequests: 0 };
    let acked: { p: Prepared; results: SubmitResult[] } | null = null;
    try {
      let current = prepare(0, force, report, run);
      while (current && !signal.aborted) {
        let withEvidence: Prepared | null;
        try {
          withEvidence = await attachEvidence(current, signal, report);
        } catch (e) {
          if (!isPlatformError(e) || e.kind === 'cancelled' || signal.aborted) throw e;
          if (acked) settle(acked.p, acked.results, report);
          acked = null;
          if (!handleBatchError(e, current.batch, report, run)) return false;
          current = prepare(0, force, report, run);
          continue;
        }
        if (!withEvidence) {
          current = prepare(current.batch[current.batch.length - 1]!.seq, force, report, run);
          continue;
        }
        current = withEvidence;
        const request = send(current, signal);
        request.catch(() => undefined); // awaited below; local work first
        if (acked && !settle(acked.p, acked.results, report)) {
          acked = null;
          await request.catch(() => undefined);
          return false; // the platform answers for nothing: stop rather than spin
        }
        acked = null;
        const next = prepare(current.batch[current.batch.length - 1]!.seq, force, report, run);
        let results: SubmitResult[];
        try {
          results = await request;
        } catch (e) {
          if (!isPlatformError(e) || e.kind === 'cancelled' || signal.aborted) throw e;
          if (!handleBatchError(e, current.batch, report, run)) return false;
          current = prepare(0, force, report, run); // bisecting: from the head again, smaller batches
          continue;
        }
        if (signal.aborted) return false; // the answer came as we were stopping: the resend will say duplicate
        succeeded();
        batchLimit = Math.min(batchSize, batchLimit * 2);
        acked = { p: current, results };
        current = next;
      }
      if (acked && !signal.aborted) settle(acked.p, acked.results, report);
      if (signal.aborted) return false;
      // The drain's error stays until a drain has gone through with nothing left waiting on a failure.
      if (drainError && run.failedRequests === 0 && !anyInBackoff(db)) {
        drainError = null;
        emit();
      }
      return true;
    } finally {
      draining = null;
    }
  }

  function retryLater(rows: QueueRow[], why: string): number {
    const delay = backoffDelay(Math.max(...rows.map((r) => r.attempts + 1)), o.backoff);
    scheduleRetry(db, rows, new Date(clock.now().getTime() + delay).toISOString(), why);
    return delay;
  }

  /** Puts a failure of the drain on the status strip (see `drainError`). */
  function drainFailed(error: { code: string; message: string }): void {
    drainError = { code: error.code, message: error.message, at: nowIso() };
    emit();
  }

  /** A whole batch failed. Returns true to go on draining (bisecting), false to stop this run. */
  function handleBatchError(e: PlatformError, batch: QueueRow[], report: SyncReport, run: DrainRun): boolean {
    failed(e);
    // A 403 that names an envelope (`notifications[i]…`, e.g. a row of another office) is about that
    // row, like any other 4xx; one that names none is about the credential itself.
    const aboutContent = e.kind === 'http' && !e.retryable && !(e.status === 403 && e.envelopeIndex === null);
    if (aboutContent) return isolateRefused(e, batch, report);
    run.failedRequests++;
    report.error = e.error;
    // The platform answered, with a 5xx, for rows that failed before: suspect a row, not the platform.
    // One row per run at most: a 5xx after one was set aside means the platform fails on everything.
    const serverFault = e.kind === 'http' && e.status !== null && e.status >= 500;
    if (serverFault && run.aside.length === 0 && (run.isolating || batch[0]!.attempts + 1 >= ISOLATE_AFTER_FAILURES)) {
      return isolateFailing(e, batch, report, run);
    }
    if (e.retryable) {
      const delay = retryLater(batch, e.error.message);
      drainFailed(e.error);
      log.warn({ action: 'backoff', reason: e.error.code, firstSeq: batch[0]!.seq, rows: batch.length, delayMs: delay }, 'batch not delivered, will retry');
      return false;
    }
    // 401, a 403 naming no envelope, or anything else not about one row: stop, touch no row.
    drainFailed(e.error);
    log.error({ action: 'stop', reason: e.error.code, kind: e.kind }, e.kind === 'auth' || e.status === 403 ? 'platform refused the credential; enrol again' : 'drain stopped');
    return false;
  }

  /** A 5xx for rows that failed before: halve until the row at fault is alone, then set it aside with its own backoff. */
  function isolateFailing(e: PlatformError, batch: QueueRow[], report: SyncReport, run: DrainRun): boolean {
    holdUntil = 0;
    if (batch.length > 1) {
      run.isolating = true;
      batchLimit = Math.max(1, Math.floor(batch.length / 2));
      log.warn({ action: 'bisect', reason: e.error.code, rows: batch.length, next: batchLimit }, 'batch keeps failing with a server error, isolating the row at fault');
      return true;
    }
    const row = batch[0]!;
    const delay = retryLater([row], `平台屢次對此筆回應錯誤，暫緩重送：${e.error.message}`);
    run.aside.push(row.seq);
    run.isolating = false;
    report.error = { code: e.error.code, message: `案件 ${row.case_no} 的一筆通報屢次使平台回應錯誤，已暫緩該筆（稍後自動重試），其餘照常送出：${e.error.message}` };
    drainFailed(report.error);
    log.warn({ action: 'set-aside', reason: e.error.code, seq: row.seq, attempts: row.attempts + 1, delayMs: delay }, 'row set aside with its own backoff');
    return true;
  }

  /** A 4xx about the content: halve until the row at fault is alone, then fail it. */
  function isolateRefused(e: PlatformError, batch: QueueRow[], report: SyncReport): boolean {
    if (batch.length > 1) {
      batchLimit = Math.max(1, Math.floor(batch.length / 2));
      log.warn({ action: 'bisect', reason: e.error.code, rows: batch.length, next: batchLimit }, 'batch refused, isolating the row at fault');
    } else {
      markFailed(db, batch[0]!, `平台拒收：${e.error.message}`, nowIso());
      report.failed++;
      log.warn({ action: 'fail', reason: e.error.code, seq: batch[0]!.seq }, 'row refused by the platform');
    }
    holdUntil = 0;
    return true;
  }

  async function pull(signal: AbortSignal, report: SyncReport): Promise<void> {
    let cursor = readCursor(db);
    for (;;) {
      const page = await client.call(
        'officeChanges',
        { params: { office: identity.officeCode }, query: { cursor, limit: o.changesPageSize } },
        { signal, timeoutMs: o.requestTimeoutMs },
      );
      if (signal.aborted) return;
      succeeded();
      const s = withoutFsync(db, () => applyChanges(db, page.changes, page.nextCursor, nowIso()));
      report.pulled += s.applied;
      if (s.applied > 0) deps.afterApply?.();
      if (page.changes.length > 0) {
        log.info({ action: 'pull', from: cursor, to: s.cursor, applied: s.applied, answers: s.answers, stale: s.stale, unknown: s.unknown }, 'status changes applied');
        emit();
      }
      if (!page.more || s.cursor <= cursor) return;
      cursor = s.cursor;
    }
  }

  /**
   * Issue 15: anchors the audit chain's head at the platform (verify-audit --against-platform then
   * detects entries cut from its end). Needs the platform key pinned at enrolment to check the
   * receipt. Never fails the run: the drain went through, and the next sync sends the head again.
   */
  async function anchorAudit(signal: AbortSignal): Promise<void> {
    const pinnedKey = pinnedPlatformKey(db);
    if (!pinnedKey) return;
    try {
      const subject = `workstation:${identity.officeCode}/${identity.workstationId}`;
      const head = await anchorAuditHead(db, client, { subject, pinnedKey, at: nowIso(), signal, timeoutMs: o.requestTimeoutMs });
      if (head) log.debug({ action: 'anchor', count: head.count }, 'audit head anchored');
    } catch (e) {
      if (signal.aborted) return;
      const code = isPlatformError(e) ? e.error.code : ((e as { error?: { code?: string } }).error?.code ?? 'UNEXPECTED');
      log.warn({ action: 'anchor-failed', reason: code }, 'audit head not anchored; the next sync tries again');
    }
  }

  async function run(reason: string, force: boolean, withPull: boolean): Promise<SyncReport> {
    const report: SyncReport = { sent: 0, delivered: 0, failed: 0, remaining: 0, pulled: 0, error: null };
    const signal = controller.signal;
    log.debug({ action: 'sync', reason, force }, 'sync run');
    try {
      // A row set aside does not stop the run: the platform is there, so changes are still pulled.
      const wentThrough = await drain(force, signal, report);
      if (report.delivered > 0) deps.afterApply?.();
      if (wentThrough && !signal.aborted) await anchorAudit(signal);
      if (withPull && wentThrough && !signal.aborted) await pull(signal, report);
      if (wentThrough && !signal.aborted) writeState(db, STATE.lastSyncAt, nowIso(), nowIso());
    } catch (e) {
      if (signal.aborted || (isPlatformError(e) && e.kind === 'cancelled')) {
        report.error = { code: 'SYNC_CANCELLED', message: '同步已取消' };
      } else if (isPlatformError(e)) {
        report.error = e.error;
        failed(e);
      } else {
        log.error({ err: e }, 'sync run failed');
        report.error = { code: 'SYNC_INTERNAL', message: '同步時發生未預期的錯誤，已記錄於日誌' };
      }
    }
    if (!stopped) report.remaining = pendingCount(db);
    nextPullAt = performance.now() + (pushConnected ? o.pushPollMs : o.pollMs);
    if (report.sent || report.failed || report.pulled || report.error) {
      log.info({ action: 'sync', reason, sent: report.sent, delivered: report.delivered, failed: report.failed, pulled: report.pulled, remaining: report.remaining, error: report.error?.code }, 'sync run done');
    }
    emit();
    return report;
  }

  function syncOnce(reason: string, options: { force?: boolean; pull?: boolean } = {}): Promise<SyncReport> {
    if (running) {
      // Guard against overlapping runs: join this one and make sure the loop runs again after it.
      kicked = { reason, force: options.force ?? false };
      return running;
    }
    running = run(reason, options.force ?? false, options.pull ?? true).finally(() => {
      running = null;
    });
    return running;
  }

  /** Why the loop should sync now, or null. Local checks only; the network is touched by the run. */
  function dueReason(): { reason: string; force: boolean } | null {
    if (kicked) {
      const k = kicked;
      kicked = null;
      return k;
    }
    const now = performance.now();
    if (now < holdUntil) return null;
    if (anyDue(db, dueWindow())) return { reason: 'outbox has rows due', force: false };
    if (registrar.due()) return { reason: 'progress records to register', force: false };
    if (now >= nextPullAt) return { reason: pushConnected ? 'safety poll' : 'poll', force: false };
    return null;
  }

  async function runLoop(): Promise<void> {
    if (o.push) {
      void runPushChannel({
        client,
        logger: deps.logger,
        backoff: o.backoff,
        signal: controller.signal,
        onHint: (reason) => kick(reason, reason === 'push connected'),
        onConnected: (c) => {
          if (c === pushConnected) return;
          pushConnected = c;
          if (c) online = true;
          emit();
        },
      });
    }
    while (!stopped) {
      const due = dueReason();
      if (due) {
        try {
          await syncOnce(due.reason, { force: due.force });
        } catch (e) {
          log.error({ err: e }, 'sync loop error');
        }
        continue;
      }
      // Until the next tick, a kick, or stop — whichever first; nothing is left behind on the signal.
      const signal = controller.signal;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          wake = null;
          resolve();
        };
        const timer = setTimeout(done, o.tickMs);
        signal.addEventListener('abort', done, { once: true });
        wake = done;
      });
    }
  }

  function kick(reason: string, force = false): void {
    kicked = { reason, force: force || (kicked?.force ?? false) };
    if (force) holdUntil = 0;
    wake?.();
  }

  return {
    syncOnce,
    kick,
    start() {
      if (loop || stopped) return;
      loop = runLoop();
    },
    async stop() {
      stopped = true;
      controller.abort();
      wake?.();
      await loop;
      await running?.catch(() => undefined);
      loop = null;
      controller = new AbortController();
    },
    retryNow(actor, includeFailed) {
      const requeued = includeFailed ? requeueFailed(db, nowIso(), actor) : 0;
      clearBackoff(db);
      batchLimit = batchSize;
      log.info({ action: 'retry', reason: 'requested by user', requeued }, 'manual retry');
      kick('manual retry', true);
      emit();
      return requeued;
    },
    status() {
      return { enrolled: true, platformUrl: client.baseUrl, online, pushConnected, lastError: drainError ?? lastError, draining, ...queueSnapshot(db) };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
