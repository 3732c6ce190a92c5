import { systemClock } from '../electron/services/clock';
import type { ServiceContext } from '../electron/services/context';
import { silentLogger } from '../electron/services/logging/logger';
import { createPlatformClient } from '../electron/services/platform-client/client';
import { workstationCredential } from '../electron/services/sync/credentials';
import { createSyncEngine, type SyncEngine, type SyncOptions } from '../electron/services/sync/engine';
import { enroll } from '../electron/services/sync/enroll';
import { makeContext, tempDir } from '../electron/services/testing/fixtures';
import { freePort, startPlatformProcess } from '../electron/services/testing/processes';
import { queueCases } from '../electron/services/testing/syncFixtures';
import { entry, round, type BenchEntry } from './stats';

const NOTIFICATIONS = 10_000;
/** One request per notification is slow by design: it is timed on this many and scaled (cost is per request). */
const BASELINE_SAMPLE = 2_000;

async function counterAt(platform: { url: string }, file: string, cases: number): Promise<ServiceContext> {
  const ctx = makeContext(file, systemClock);
  queueCases(ctx, cases);
  await enroll(ctx.db, { url: platform.url, code: 'DEMO-FS01-W01', target: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, clock: systemClock });
  return ctx;
}

function engineOf(ctx: ServiceContext, options: Partial<SyncOptions>): SyncEngine {
  const credential = workstationCredential(ctx.db)!;
  return createSyncEngine({
    db: ctx.db,
    client: createPlatformClient({ baseUrl: credential.url, token: credential.token, timeoutMs: 30_000 }),
    clock: systemClock,
    logger: silentLogger(),
    identity: { officeCode: 'FS01', workstationId: 'FS01-W01', agencyCode: 'KH-HR-FS' },
    options: { push: false, requestTimeoutMs: 30_000, ...options },
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * outbox-drain-10k: 10,000 queued notifications (2,000 real 遷徙 cases) drained by the sync engine
 * to a real platform (its own process and SQLite file, over loopback HTTP) in batches of 500, against
 * the same engine sending one request per notification (batch size 1) in the same run.
 * status-pull-10k: the counter then pulls the 10,000 `delivered` changes with its cursor.
 */
export async function benchOutboxDrain(log: (s: string) => void = () => undefined): Promise<BenchEntry[]> {
  const tmp = tempDir('nin1-bench-drain-');
  // The platform in its own process, as deployed: its CPU is not the counter's.
  const platform = await startPlatformProcess(await freePort(), tmp.file('platform.sqlite'));
  try {
    log(`  queueing ${NOTIFICATIONS} notifications…`);
    const ctx = await counterAt(platform, tmp.file('batched.sqlite'), NOTIFICATIONS / 5);
    const engine = engineOf(ctx, { batchSize: 500 });
    let report;
    const drainMs = await timed(async () => {
      report = await engine.syncOnce('bench', { force: true, pull: false });
    });
    if (report!.delivered !== NOTIFICATIONS || report!.remaining !== 0) throw new Error(`drain incomplete: ${JSON.stringify(report)}`);
    const pullMs = await timed(() => engine.syncOnce('bench pull', { force: true }));
    ctx.db.close();

    log(`  baseline: one request per notification on ${BASELINE_SAMPLE}…`);
    const single = await counterAt(platform, tmp.file('single.sqlite'), BASELINE_SAMPLE / 5);
    const singleEngine = engineOf(single, { batchSize: 1 });
    const sampleMs = await timed(async () => {
      const r = await singleEngine.syncOnce('bench baseline', { force: true, pull: false });
      if (r.delivered !== BASELINE_SAMPLE) throw new Error(`baseline incomplete: ${JSON.stringify(r)}`);
    });
    single.db.close();
    const baselineMs = (sampleMs * NOTIFICATIONS) / BASELINE_SAMPLE;

    const speedup = baselineMs / drainMs;
    return [
      entry('outbox-drain-10k', drainMs, 'ms', 3000, {
        baseline: baselineMs,
        note: `batches of 500 vs one request per notification (timed on ${BASELINE_SAMPLE}, scaled): ${round(speedup, 1)}x faster (goal ≥ 20x)`,
      }),
      { ...entry('outbox-drain-10k-speedup', speedup, 'x', 20, { note: 'baseline ms / batched ms; higher is better, goal ≥ 20' }), ok: speedup >= 20 },
      { ...entry('outbox-drain-10k-rate', (NOTIFICATIONS / drainMs) * 1000, 'notifications/s', 3334, { note: 'higher is better; 3,334/s = 10,000 in 3 s' }), ok: (NOTIFICATIONS / drainMs) * 1000 >= 3334 },
      entry('counter-pull-10k', pullMs, 'ms', 3000, { note: '10,000 delivered changes pulled by cursor (pages of 1,000) and checked against local history' }),
    ];
  } finally {
    await platform.kill9();
    tmp.cleanup();
  }
}
