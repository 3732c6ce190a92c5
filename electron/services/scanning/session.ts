import { randomUUID } from 'node:crypto';
import type { ScanSessionView } from '../../../shared/contract/scanningApi';
import type { ScanProfile, ScanSource } from '../../../shared/scanning/profiles';
import { AppFailure, type AppError } from '../../../shared/result';
import { appendAudit } from '../audit/audit';
import type { Actor, ServiceContext } from '../context';
import type { DeviceInfo, ScannerBackend } from './backend';
import { createBatch, finishBatch } from './batches';
import { createPageSink, type PageSink } from './pageSink';
import { pagesByIds, toPageView } from './pages';
import { cleanOptionsOf } from './profiles';
import type { ScanTarget } from './route';
import type { FileStore } from './store';

export type SessionRequest = {
  device: Pick<DeviceInfo, 'id' | 'label' | 'backend'>;
  profile: ScanProfile;
  source?: ScanSource;
  duplex?: boolean;
  expectedPages?: number;
  target: (ScanTarget & { caseNo: string }) | null;
  onAttached?: () => void;
};

export type ScanSession = {
  readonly id: string;
  readonly batchId: number;
  view(): ScanSessionView;
  /** Stop the device (or end watching); pages already delivered are kept and attached. */
  cancel(): void;
  /** Resolves when the session has ended (never rejects: failures are in the view). */
  readonly finished: Promise<void>;
};

/**
 * One run of a back-end into a page sink: a batch row, the pages it delivers (stored and routed
 * as they come), attachment of complete documents at the end, and a view for the polling screen.
 * Whatever goes wrong, pages delivered before it stay stored and are attached.
 */
export function startSession(ctx: ServiceContext, store: FileStore, backend: ScannerBackend, actor: Actor, req: SessionRequest): ScanSession {
  const at = () => ctx.clock.now().toISOString();
  const startedAt = at();
  const batchId = createBatch(ctx.db, {
    source: backend.id, device: req.device.id, actor: actor.user.username, at: startedAt,
    targetCaseId: req.target?.caseId ?? null, targetFormPage: req.target?.formPage ?? null, expected: req.expectedPages ?? null,
  });
  const id = randomUUID();
  const abort = new AbortController();
  const problems: { source: string; code: string; message: string }[] = [];
  let state: ScanSessionView['state'] = 'scanning';
  let error: AppError | null = null;
  const log = ctx.logger.child({ module: 'scan-session', batch: batchId, backend: backend.id });
  const sink: PageSink = createPageSink({
    ctx, store, batchId, target: req.target, clean: cleanOptionsOf(req.profile), actor: actor.user.username,
    events: { problem: (source, e) => problems.push({ source, code: e.code, message: e.message }), attached: () => req.onAttached?.() },
  });
  const watching = backend.id === 'folder';

  appendAudit(ctx.db, {
    at: startedAt, actorId: actor.user.id, actor: actor.user.username, action: 'scan.start', caseNo: req.target?.caseNo ?? null,
    detail: { batch: batchId, device: req.device.id, profile: req.profile.id }, workstation: actor.workstation, ip: actor.ip,
  });
  log.info({ device: req.device.id, profile: req.profile.id }, 'scan started');

  const run = async (): Promise<void> => {
    try {
      await backend.scan(
        req.device.id,
        {
          source: req.source ?? req.profile.source,
          resolution: req.profile.resolution,
          colorMode: req.profile.colorMode,
          duplex: req.duplex ?? req.profile.duplex,
          expectedPages: req.expectedPages ?? null,
          workDir: store.spoolDir(batchId),
          batchId,
        },
        sink,
        abort.signal,
      );
    } catch (e) {
      error = e instanceof AppFailure ? e.error : { code: 'INTERNAL', message: '掃描時發生未預期的錯誤，已保存的頁面不受影響。' };
      if (!(e instanceof AppFailure)) log.error({ err: e }, 'scan failed unexpectedly');
    }
    state = 'finishing';
    try {
      await sink.drain();
      await sink.settle();
    } catch (e) {
      error ??= e instanceof AppFailure ? e.error : { code: 'INTERNAL', message: '歸檔時發生未預期的錯誤，頁面已保存於未歸案區或稍後自動歸檔。' };
      if (!(e instanceof AppFailure)) log.error({ err: e }, 'attaching scanned pages failed');
    }
    const final = error ? 'failed' : abort.signal.aborted && !watching ? 'cancelled' : 'done';
    finishBatch(ctx.db, batchId, final, at(), error);
    // The raw pages are stored and routed now; keep the work folder only if something failed.
    if (!error) await store.removeSpool(batchId).catch(() => undefined);
    state = final;
    log.info({ state, pages: sink.done, code: (error as AppError | null)?.code }, 'scan ended');
  };
  const finished = run();

  return {
    id,
    batchId,
    finished,
    cancel: () => abort.abort(),
    view: () => ({
      id,
      deviceId: req.device.id,
      deviceLabel: req.device.label,
      profileId: req.profile.id,
      state,
      watching: watching && state === 'scanning',
      done: sink.done,
      expected: sink.expected,
      pages: pagesByIds(ctx.db, sink.pageIds).map(toPageView),
      problems: [...problems],
      error: error ? { code: error.code, message: error.message } : null,
      startedAt,
    }),
  };
}
