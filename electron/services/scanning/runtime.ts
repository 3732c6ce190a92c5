import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanSessionView } from '../../../shared/contract/scanningApi';
import type { ScanSource } from '../../../shared/scanning/profiles';
import { loadCaseRow } from '../cases/queries';
import type { Actor, ServiceContext } from '../context';
import type { DeviceInfo, ScannerBackend } from './backend';
import { assemblePending } from './assemble';
import { finishBatch } from './batches';
import { scanFailure } from './failure';
import { createPageSink } from './pageSink';
import { cleanOptionsOf, DEFAULT_PROFILE_ID, scanProfile } from './profiles';
import { backendFor, createBackends, listAllDevices, type BackendOverrides } from './registry';
import { startSession, type ScanSession } from './session';
import { scanningSettings, type ScanningSettings } from './settings';
import { spoolPages } from './spool';
import { createFileStore, storeRootFor, type FileStore } from './store';

export type StartInput = {
  deviceId: string;
  profileId: string;
  source?: ScanSource;
  duplex?: boolean;
  expectedPages?: number;
  target?: { caseNo: string; formPage?: number };
};

export type ScanningRuntime = {
  readonly store: FileStore;
  devices(refresh?: boolean): Promise<DeviceInfo[]>;
  /** `onAttached`: documents were attached (consent may now be complete: the outbox may move). */
  start(actor: Actor, input: StartInput, onAttached?: () => void): Promise<ScanSessionView>;
  session(id: string): ScanSessionView;
  current(): ScanSessionView | null;
  cancel(id: string): Promise<ScanSessionView>;
  /** Pages a crash left in work folders are ingested; routed pages not yet attached are attached. */
  recover(): Promise<void>;
  close(): Promise<void>;
};

export type RuntimeOptions = { backends?: ScannerBackend[]; overrides?: BackendOverrides; settings?: () => ScanningSettings; minFreeBytes?: number };

const DEVICE_CACHE_MS = 30_000;

export function createScanningRuntime(ctx: ServiceContext, options: RuntimeOptions = {}): ScanningRuntime {
  const store = createFileStore(storeRootFor(ctx.db), options.minFreeBytes !== undefined ? { minFreeBytes: options.minFreeBytes } : {});
  const settings = options.settings ?? (() => scanningSettings(store.root, process.env, ctx.config));
  const backends = options.backends ?? createBackends(ctx, settings, options.overrides);
  const sessions = new Map<string, ScanSession>();
  let active: ScanSession | null = null;
  let last: ScanSession | null = null;
  let cache: { at: number; devices: Promise<DeviceInfo[]> } | null = null;
  let recovered: Promise<void> | null = null;

  const recover = async (): Promise<void> => {
    const spoolRoot = join(store.root, 'spool');
    for (const name of await readdir(spoolRoot).catch(() => [] as string[])) {
      const batchId = Number(name);
      const batch = ctx.db.prepare('SELECT id, state, actor, target_case_id, target_form_page FROM scan_batches WHERE id = ?').get(batchId) as
        | { id: number; state: string; actor: string; target_case_id: number | null; target_form_page: number | null }
        | undefined;
      if (!batch) continue;
      const sink = createPageSink({
        ctx, store, batchId, clean: cleanOptionsOf(scanProfile(DEFAULT_PROFILE_ID)), actor: batch.actor,
        target: batch.target_case_id ? { caseId: batch.target_case_id, formPage: batch.target_form_page } : null,
      });
      for (const page of await spoolPages(store.spoolDir(batchId), batchId)) await sink.page(page).catch(() => undefined);
      await sink.settle();
      if (batch.state === 'running') finishBatch(ctx.db, batchId, 'interrupted', ctx.clock.now().toISOString());
      await store.removeSpool(batchId);
      ctx.logger.info({ batch: batchId, pages: sink.done }, 'scan batch recovered after an interruption');
    }
    // Batches a crash left running without a work folder (hot folder, import-scans).
    const stale = ctx.db.prepare("SELECT id FROM scan_batches WHERE state = 'running'").pluck().all() as number[];
    for (const id of stale) if (![...sessions.values()].some((s) => s.batchId === id)) finishBatch(ctx.db, id, 'interrupted', ctx.clock.now().toISOString());
    await assemblePending(ctx, store, 'recovery');
  };
  const ensureRecovered = () => (recovered ??= recover().catch((e: unknown) => ctx.logger.error({ err: e }, 'scan recovery failed')));

  const get = (id: string): ScanSession => {
    const s = sessions.get(id);
    if (!s) throw scanFailure('SESSION_UNKNOWN');
    return s;
  };

  const runtime: ScanningRuntime = {
    store,
    devices(refresh = false) {
      if (!cache || refresh || Date.now() - cache.at > DEVICE_CACHE_MS) cache = { at: Date.now(), devices: listAllDevices(backends) };
      return cache.devices;
    },
    async start(actor, input, onAttached) {
      await ensureRecovered();
      if (active) throw scanFailure('SESSION_ACTIVE');
      const profile = scanProfile(input.profileId, ctx.config);
      const backend = backendFor(backends, input.deviceId);
      const device = (await runtime.devices()).find((d) => d.id === input.deviceId) ?? (await runtime.devices(true)).find((d) => d.id === input.deviceId);
      if (!device) throw scanFailure('SCANNER_NOT_FOUND', input.deviceId);
      const source = input.source ?? profile.source;
      if (!device.capabilities.sources.includes(source)) throw scanFailure('SCANNER_OPTION_UNSUPPORTED', source === 'adf' ? '此來源沒有自動進紙器' : '此來源沒有平台');
      let target = null;
      if (input.target) {
        const row = loadCaseRow(ctx, input.target.caseNo);
        target = { caseId: row.id, caseNo: row.case_no, formPage: input.target.formPage ?? null };
      }
      const session = startSession(ctx, store, backend, actor, {
        device, profile, target, source, ...(onAttached ? { onAttached } : {}),
        ...(input.duplex !== undefined ? { duplex: input.duplex && device.capabilities.duplex } : { duplex: profile.duplex && device.capabilities.duplex }),
        ...(input.expectedPages !== undefined ? { expectedPages: input.expectedPages } : {}),
      });
      sessions.set(session.id, session);
      active = session;
      last = session;
      void session.finished.then(() => {
        if (active === session) active = null;
      });
      return session.view();
    },
    session: (id) => get(id).view(),
    current: () => (active ?? last)?.view() ?? null,
    async cancel(id) {
      const s = get(id);
      s.cancel();
      await Promise.race([s.finished, new Promise((r) => setTimeout(r, 3000))]);
      return s.view();
    },
    recover: ensureRecovered,
    async close() {
      for (const s of sessions.values()) s.cancel();
      await Promise.all([...sessions.values()].map((s) => s.finished));
      await recovered; // a recovery still writing must finish before the database closes
    },
  };
  return runtime;
}

const runtimes = new WeakMap<ServiceContext, ScanningRuntime>();
const pendingOptions = new WeakMap<ServiceContext, RuntimeOptions>();

/** Per-app scanning runtime (sessions live as long as the engine's context). */
export function scanningRuntime(ctx: ServiceContext): ScanningRuntime {
  let r = runtimes.get(ctx);
  if (!r) {
    r = createScanningRuntime(ctx, pendingOptions.get(ctx));
    runtimes.set(ctx, r);
  }
  return r;
}

/**
 * Ends the scanning sessions of an engine (and a recovery in progress) before its database closes;
 * nothing to do if scanning never started. Part of the one shutdown path (electron/host/runCounter.ts).
 */
export async function closeScanningRuntime(ctx: ServiceContext): Promise<void> {
  const r = runtimes.get(ctx);
  runtimes.delete(ctx);
  await r?.close();
}

/** Tests and hosts choose back-ends (e.g. SANE's test device) before the first scanning call. */
export function configureScanning(ctx: ServiceContext, options: RuntimeOptions): void {
  if (runtimes.has(ctx)) throw new Error('scanning runtime already started');
  pendingOptions.set(ctx, options);
}
