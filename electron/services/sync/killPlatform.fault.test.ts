import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { createPlatformClient } from '../platform-client/client';
import { makeContext, tempDir } from '../testing/fixtures';
import { freePort, startPlatformProcess, type Child } from '../testing/processes';
import { queueCases, until } from '../testing/syncFixtures';
import { workstationCredential } from './credentials';
import { createSyncEngine } from './engine';
import { enroll } from './enroll';

const tmp = tempDir('nin1-kill-platform-');
const children: Child[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.kill9()));
  tmp.cleanup();
});

describe('kill -9 the platform mid-batch, restart it', () => {
  it('nothing is lost and the counter converges on its own', async () => {
    const port = await freePort();
    const platformDb = tmp.file('platform.sqlite');
    let platform = await startPlatformProcess(port, platformDb);
    children.push(platform);

    const ctx = makeContext(tmp.file('counter.sqlite'), systemClock);
    queueCases(ctx, 400); // 2,000 notifications
    await enroll(ctx.db, { url: platform.url, code: 'DEMO-FS01-W01', target: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, clock: systemClock });
    const engine = createSyncEngine({
      db: ctx.db,
      client: createPlatformClient({ baseUrl: platform.url, token: () => workstationCredential(ctx.db)?.token ?? null }),
      clock: systemClock,
      logger: ctx.logger,
      identity: { officeCode: 'FS01', workstationId: 'FS01-W01', agencyCode: 'KH-HR-FS' },
      options: { batchSize: 250, tickMs: 20, pollMs: 200, requestTimeoutMs: 3000, push: true, backoff: { baseMs: 100, maxMs: 800, random: Math.random } },
    });
    const done = () => ctx.db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'done'").pluck().get() as number;

    // Kill the platform as soon as the first batches are in: the next one is on the wire or in its transaction.
    let killed: Promise<void> | null = null;
    engine.onChange(() => {
      if (!killed && done() >= 500) killed = platform.kill9();
    });
    engine.start();
    try {
      await until(() => killed !== null, 60_000, 'first batches acknowledged');
      await killed;
      const atKill = done();
      expect(atKill).toBeLessThan(2000);
      await until(() => engine.status().online === false, 10_000, 'engine notices the platform is gone');
      expect(engine.status().queued).toBeGreaterThan(0);

      platform = await startPlatformProcess(port, platformDb);
      children.push(platform);
      await until(() => done() === 2000, 60_000, 'counter converges');
      await until(() => engine.status().online === true, 10_000, 'back online');
    } finally {
      await engine.stop();
    }

    const p = new Database(platformDb, { readonly: true });
    expect(p.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM notifications WHERE office_code = 'FS01'").get()).toEqual({ n: 2000, d: 2000 });
    expect(p.pragma('integrity_check', { simple: true })).toBe('ok');
    p.close();
    expect(ctx.db.prepare('SELECT status, COUNT(*) AS n FROM notifications GROUP BY status').all()).toEqual([{ status: 'delivered', n: 2000 }]);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM notification_events WHERE status = 'delivered'").pluck().get()).toBe(2000);
    ctx.db.close();
    await platform.kill9();
  }, 180_000);
});
