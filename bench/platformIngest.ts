import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../electron/services/clock';
import { silentLogger } from '../electron/services/logging/logger';
import { issueEnrolCode } from '../platform/auth/enrolment';
import { startPlatform } from '../platform/start';
import { openStore, type StorageConfig } from '../platform/store/open';
import type { PlatformStore } from '../platform/store/repository';
import { notificationEnvelope } from '../platform/testing/envelopes';
import { freshDatabase, pgServer } from '../platform/testing/pg';
import type { NotificationEnvelope } from '../shared/platform/wire';
import { entry, type BenchEntry } from './stats';

/**
 * Platform ingest: 10,000 notifications submitted in batches of 500 over loopback HTTP (auth,
 * schema and catalogue checks, idempotency lookup, message log, audit, durable commit), against the
 * same rows written straight into the store in the same run. Then status-pull-10k: a counter pulls
 * those 10,000 `delivered` changes in pages of 1,000, against direct store reads.
 * SQLite always; PostgreSQL (fsync on) when a server is available.
 */
const TOTAL = 10_000;
const BATCH = 500;
const PULL_PAGE = 1000;

const makeBatches = (): NotificationEnvelope[][] =>
  Array.from({ length: TOTAL / BATCH }, () => Array.from({ length: BATCH }, () => notificationEnvelope()));

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

async function directIngest(store: PlatformStore, batches: NotificationEnvelope[][]): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (const b of batches) {
    await store.submit('FS01', b.map((envelope) => ({ envelope, bodySha256: '0'.repeat(64) })), [], 'bench', new Date(), { at: new Date().toISOString(), actor: 'bench', action: 'notifications.submit' });
  }
  return seconds(t0);
}

async function directPull(store: PlatformStore): Promise<number> {
  const t0 = process.hrtime.bigint();
  let cursor = 0;
  let n = 0;
  for (;;) {
    const p = await store.changes('FS01', cursor, PULL_PAGE);
    n += p.changes.length;
    cursor = p.nextCursor;
    if (!p.more) break;
  }
  if (n !== TOTAL) throw new Error(`direct pull saw ${n} changes`);
  return seconds(t0);
}

async function overHttp(cfg: StorageConfig, batches: NotificationEnvelope[][]): Promise<{ ingestS: number; pullS: number }> {
  // A PostgreSQL node refuses to start without the shared token secret (platform/auth/secret.ts).
  if (cfg.kind === 'postgres') process.env.NIN1_PLATFORM_SECRET ??= 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
  const running = await startPlatform({ storage: cfg, logger: silentLogger() });
  const store = running.platform.deps.store;
  try {
    const { url } = running;
    const { code } = await issueEnrolCode(store, systemClock, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01', senderAgency: 'KH-HR-FS' });
    const enrol = await fetch(`${url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, client: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' } }) });
    const { token } = (await enrol.json()) as { token: string };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const bodies = batches.map((b) => JSON.stringify({ notifications: b }));

    const t0 = process.hrtime.bigint();
    for (const body of bodies) {
      const r = await fetch(`${url}/v1/notifications:batch`, { method: 'POST', headers, body });
      const out = (await r.json()) as { results: { outcome: string }[] };
      if (r.status !== 200 || out.results.some((x) => x.outcome !== 'accepted')) throw new Error(`ingest failed: ${r.status}`);
    }
    const ingestS = seconds(t0);

    const t1 = process.hrtime.bigint();
    let cursor = 0;
    let n = 0;
    for (;;) {
      const r = await fetch(`${url}/v1/offices/FS01/changes?cursor=${cursor}&limit=${PULL_PAGE}`, { headers });
      const p = (await r.json()) as { changes: unknown[]; nextCursor: number; more: boolean };
      n += p.changes.length;
      cursor = p.nextCursor;
      if (!p.more) break;
    }
    const pullS = seconds(t1);
    if (n !== TOTAL) throw new Error(`HTTP pull saw ${n} changes`);
    return { ingestS, pullS };
  } finally {
    await running.close();
  }
}

async function engineEntries(name: 'sqlite' | 'postgres', open: () => Promise<{ cfg: StorageConfig; dispose(): Promise<void> }>, log: (s: string) => void): Promise<BenchEntry[]> {
  const http = await open();
  const direct = await open();
  try {
    log(`  ${name}: ${TOTAL} notifications over HTTP…`);
    const viaHttp = await overHttp(http.cfg, makeBatches());
    log(`  ${name}: the same rows straight into the store…`);
    const store = await openStore(direct.cfg);
    let directIngestS: number;
    let directPullS: number;
    try {
      directIngestS = await directIngest(store, makeBatches());
      directPullS = await directPull(store);
    } finally {
      await store.close();
    }
    const rate = TOTAL / viaHttp.ingestS;
    const baseRate = TOTAL / directIngestS;
    const note = `${TOTAL} in batches of ${BATCH}; HTTP ${Math.round(rate)}/s vs direct ${Math.round(baseRate)}/s`;
    const out = [
      entry(`platform-ingest-${name}`, viaHttp.ingestS * 1000, 'ms', 5000, { baseline: directIngestS * 1000, note }),
      entry(`platform-ingest-${name}-rate`, rate, 'notifications/s', 2000, { baseline: baseRate, higherIsBetter: true, note }),
    ];
    if (name === 'sqlite') {
      out.push(entry('status-pull-10k', viaHttp.pullS * 1000, 'ms', 1000, { baseline: directPullS * 1000, note: `${TOTAL} changes in pages of ${PULL_PAGE} over HTTP vs direct store reads` }));
    } else {
      out.push(entry(`status-pull-10k-${name}`, viaHttp.pullS * 1000, 'ms', 1000, { baseline: directPullS * 1000, note: `${TOTAL} changes in pages of ${PULL_PAGE}` }));
    }
    return out;
  } finally {
    await http.dispose();
    await direct.dispose();
  }
}

export async function benchPlatformIngest(log: (s: string) => void = () => undefined): Promise<BenchEntry[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nin1-bench-platform-'));
  let n = 0;
  try {
    const results = await engineEntries(
      'sqlite',
      async () => ({ cfg: { kind: 'sqlite', file: join(dir, `p${++n}.sqlite`) }, dispose: async () => undefined }),
      log,
    );
    const server = await pgServer({ durable: true });
    if ('skip' in server) {
      log(`  postgres: skipped (${server.skip})`);
      return results;
    }
    try {
      results.push(
        ...(await engineEntries(
          'postgres',
          async () => {
            const db = await freshDatabase(server.url);
            return { cfg: { kind: 'postgres', url: db.url }, dispose: () => db.drop() };
          },
          log,
        )),
      );
    } finally {
      await server.stop();
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
