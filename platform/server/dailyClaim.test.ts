import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../electron/services/catalogue/loadCatalogue';
import { silentLogger } from '../../electron/services/logging/logger';
import { resourcePath } from '../../electron/services/resources';
import { scheduleOverdueReminders } from '../overdue/schedule';
import { runRetentionPurge } from '../retention/run';
import { scheduleRetentionPurge } from '../retention/schedule';
import { openStore, type StorageConfig } from '../store/open';
import type { PlatformStore } from '../store/repository';
import { manualClock } from '../testing/clock';
import { freshDatabase, pgServer } from '../testing/pg';
import { dailyClaim } from './dailyClaim';

/** Two nodes = two stores (two pools, two SQLite connections) on one database, each with its own schedule. */
const server = await pgServer();
const tmp = mkdtempSync(join(tmpdir(), 'nin1-daily-'));
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if ('url' in server) await server.stop();
});
const databases: { name: string; open(): Promise<{ cfg: StorageConfig; drop(): Promise<void> }> }[] = [
  { name: 'sqlite', open: async () => ({ cfg: { kind: 'sqlite', file: join(tmp, `${Date.now()}-${Math.random()}.sqlite`) }, drop: async () => undefined }) },
];
if ('url' in server) {
  databases.push({
    name: 'postgres',
    async open() {
      const db = await freshDatabase(server.url);
      return { cfg: { kind: 'postgres', url: db.url }, drop: () => db.drop() };
    },
  });
} else {
  describe('daily claims on PostgreSQL', () => it.skip(`skipped: ${server.skip}`, () => undefined));
}

const catalogue = loadCatalogue(resourcePath('catalogue'));
const purges = async (store: PlatformStore) => Number((await store.counts()).audit);

describe.each(databases)('daily jobs over two nodes on $name', (database) => {
  it('finding 3: each daily job runs once per day in total, and only the node that purged writes the retention audit row', async () => {
    const db = await database.open();
    const first = await openStore(db.cfg);
    const second = await openStore(db.cfg);
    const clock = manualClock('2026-12-03T19:30:00.000Z'); // 03:30 Taipei, 12-04: past both jobs' times
    const at = { hour: 3, minute: 0 };
    const runs = { retention: [] as string[], reminders: [] as string[] };
    const nodes = [first, second].map((store, i) => {
      const name = `node-${i}`;
      const logger = silentLogger();
      return {
        retention: scheduleRetentionPurge({
          at, clock, logger, checkMs: 3_600_000, claim: dailyClaim(store, 'retention-purge', name),
          run: async () => {
            runs.retention.push(name);
            return runRetentionPurge({ store, catalogue, now: clock.now() });
          },
        }),
        reminders: scheduleOverdueReminders({
          at, clock, logger, checkMs: 3_600_000, claim: dailyClaim(store, 'overdue-reminders', name),
          run: async () => {
            runs.reminders.push(name);
            return { agencies: 0, notifications: 0, mails: 0, skippedNoEmail: 0 };
          },
        }),
      };
    });
    try {
      const auditBefore = await purges(first);
      // Both nodes check at once, then again later the same day (a second check, or a restarted node).
      await Promise.all(nodes.flatMap((n) => [n.retention.tick(), n.reminders.tick()]));
      await Promise.all(nodes.flatMap((n) => [n.retention.tick(), n.reminders.tick()]));
      expect(runs.retention).toHaveLength(1);
      expect(runs.reminders).toHaveLength(1);
      expect(await purges(second)).toBe(auditBefore + 1);

      // The next day: once more in total.
      clock.advance(86_400_000);
      await Promise.all(nodes.flatMap((n) => [n.retention.tick(), n.reminders.tick()]));
      expect(runs.retention).toHaveLength(2);
      expect(runs.reminders).toHaveLength(2);
      expect(await purges(first)).toBe(auditBefore + 2);
    } finally {
      for (const n of nodes) {
        n.retention.stop();
        n.reminders.stop();
      }
      await first.close();
      await second.close();
      await db.drop();
    }
  }, 60_000);
});
