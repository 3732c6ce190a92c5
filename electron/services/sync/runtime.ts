import type { SyncStatus } from '../../../shared/contract/syncApi';
import type { ServiceContext } from '../context';
import { fillDueDatesSafely } from '../overdue/hooks';
import { createPlatformClient, type PlatformClient } from '../platform-client/client';
import { agencyCredential, workstationCredential } from './credentials';
import { createSyncEngine, type SyncEngine, type SyncOptions } from './engine';
import { createEvidenceAttacher } from '../attachments/evidenceUpload';
import { createFileStore, storeRootFor } from '../scanning/store';
import { queueSnapshot } from './status';
import { signingClient } from '../signing/signingClient';
import { loadSigner } from '../signing/workstationKey';
import { deliverQueuedAnswers, hasQueuedAnswers } from '../supplements/deliverAnswer';

export type SyncRuntimeOptions = {
  sync?: Partial<SyncOptions>;
  /** Use this platform URL instead of the enrolled one (CLI `--platform`). */
  platformUrl?: string;
  fetch?: typeof fetch;
};

/**
 * The sync engine as the app holds it: built from the stored workstation credential (none yet →
 * a "not enrolled" status, cases still queue locally), rebuilt after a re-enrolment, and the
 * source of per-agency platform clients for the inbox screens.
 */
export type SyncRuntime = {
  /** The engine, or null while this workstation is not enrolled. */
  engine(): SyncEngine | null;
  start(): void;
  /** Rebuild from the stored credential (after enrolling), keeping the loop running if it was. */
  reload(): Promise<void>;
  stop(): Promise<void>;
  status(): SyncStatus;
  /** A client carrying an agency's credential, or null when this install has none for it. */
  agencyClient(agencyCode: string): PlatformClient | null;
  /**
   * The engine's own client (the workstation's credential, read at each call), for the office's
   * messages outside the outbox (a 補件 answer); null while not enrolled.
   */
  workstationClient(): PlatformClient | null;
};

export function createSyncRuntime(ctx: ServiceContext, options: SyncRuntimeOptions = {}): SyncRuntime {
  let engine: SyncEngine | null = null;
  let started = false;
  const log = ctx.logger.child({ module: 'sync-runtime' });
  // An explicit URL (CLI --platform) wins, then IT's policy (the platform moved), then where we enrolled.
  const platformUrl = (enrolledAt: string): string => options.platformUrl ?? ctx.config.platform?.url ?? enrolledAt;
  // IT's private CA for the platform's certificate (policy platform.caFile), for every client built here.
  const caFile = ctx.config.platform?.caFile;

  let client: PlatformClient | null = null;
  // 補件 answers given while the platform was out of reach go after each sync run; stop() waits for them.
  let delivering: Promise<unknown> | null = null;
  const deliverAfterRun = () => {
    if (delivering || !client || !hasQueuedAnswers(ctx.db)) return;
    const c = client;
    delivering = deliverQueuedAnswers(ctx.db, c, () => ctx.clock.now(), ctx.logger)
      .catch((e: unknown) => log.error({ err: e }, 'queued 補件 answers failed'))
      .finally(() => {
        delivering = null;
      });
  };

  const build = (): SyncEngine | null => {
    const credential = workstationCredential(ctx.db);
    if (!credential) return null;
    client = signingClient(
      createPlatformClient({
        baseUrl: platformUrl(credential.url),
        // Read at every call: a re-enrolment from the CLI (another process) is picked up at once.
        token: () => workstationCredential(ctx.db)?.token ?? null,
        logger: ctx.logger,
        ...(caFile ? { caFile } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
      // Issue 15: what this workstation sends after its envelopes (補件 answers) is signed with its key.
      () => loadSigner(ctx.db.name),
    );
    const { officeCode, workstationId, agencyCode } = ctx.config;
    const built = createSyncEngine({ db: ctx.db, client, clock: ctx.clock, logger: ctx.logger, identity: { officeCode, workstationId, agencyCode }, catalogue: ctx.catalogue, options: options.sync ?? {}, afterApply: () => fillDueDatesSafely(ctx, 'open'),
      // The signed consent pages go with each notification that needs them (issue 14 §2).
      evidence: createEvidenceAttacher({ db: ctx.db, store: () => createFileStore(storeRootFor(ctx.db)), client, logger: ctx.logger }),
    });
    // After a run that reached the platform (a failed run leaves `online` false: no retry storm meanwhile).
    built.onChange(() => {
      if (built.status().online === true) deliverAfterRun();
    });
    return built;
  };
  engine = build();

  return {
    engine: () => engine,
    start() {
      started = true;
      if (engine) engine.start();
      else log.warn({ action: 'idle', reason: 'not enrolled' }, 'sync not started: workstation has no platform credential');
    },
    async reload() {
      await engine?.stop();
      client = null;
      engine = build();
      if (started) engine?.start();
    },
    async stop() {
      started = false;
      await engine?.stop();
      await delivering;
    },
    status() {
      if (engine) return engine.status();
      return {
        enrolled: false,
        platformUrl: null,
        online: null,
        pushConnected: false,
        lastError: { code: 'SYNC_NOT_ENROLLED', message: '本工作站尚未向平台註冊：案件照常受理，通報暫存於本機待送佇列。', at: ctx.clock.now().toISOString() },
        draining: null,
        ...queueSnapshot(ctx.db),
      };
    },
    workstationClient: () => client,
    agencyClient(agencyCode) {
      const credential = agencyCredential(ctx.db, agencyCode);
      if (!credential) return null;
      return createPlatformClient({
        baseUrl: platformUrl(credential.url),
        token: () => agencyCredential(ctx.db, agencyCode)?.token ?? null,
        logger: ctx.logger,
        ...(caFile ? { caFile } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    },
  };
}
