import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../electron/services/catalogue/loadCatalogue';
import { silentLogger } from '../../electron/services/logging/logger';
import { loadOfficeCalendar } from '../../electron/services/overdue/calendarFile';
import { resourcePath } from '../../electron/services/resources';
import type { NotificationEnvelope } from '../../shared/platform/wire';
import { InboxQuery } from '../../shared/platform/wire';
import type { AuditDraft, PlatformStore } from '../store/repository';
import { createSqlStore } from '../store/sqlStore';
import { n04LandEnvelope, notificationEnvelope } from '../testing/envelopes';
import { driverEngines, type DriverEngine } from '../testing/driverEngines';
import { platformDeadlines } from './deadline';

/** The platform's overdue SQL (migration 2) on SQLite always and on PostgreSQL when a server is available. */
const engines = await driverEngines('overdue store');

const catalogue = loadCatalogue(resourcePath('catalogue'));
const deadlines = platformDeadlines(catalogue, loadOfficeCalendar(), silentLogger());
const audit = (action: string): AuditDraft => ({ at: new Date().toISOString(), actor: 'test', action });
const items = (envs: NotificationEnvelope[]) => envs.map((envelope) => ({ envelope, bodySha256: 'f'.repeat(64) }));
/** Thu 2026-11-26 10:30 Taipei: N01 (14 days) is due 12-10, N04 (14 days) too, V01 (1 day) 11-27. */
const DELIVERED = new Date('2026-11-26T02:30:00.000Z');
const q = (over: Record<string, unknown>) => InboxQuery.parse(over);

async function withStore(engine: DriverEngine, fn: (s: PlatformStore) => Promise<void>): Promise<void> {
  const h = await engine.open();
  const s = createSqlStore(h.driver);
  try {
    await fn(s);
  } finally {
    await s.close();
    await h.dispose();
  }
}

describe.each(engines)('overdue store on $name', (engine) => {
  it('fills due_ms of open rows once, filters the inbox to overdue rows, and closing takes a row out', async () => {
    await withStore(engine, async (s) => {
      const [a, b] = [notificationEnvelope(), notificationEnvelope()];
      await s.submit('FS01', items([a!, b!, n04LandEnvelope()]), [], 'ws', DELIVERED, audit('submit'));
      expect(await s.fillDueDates(deadlines.dueMs)).toBe(3);
      expect(await s.fillDueDates(deadlines.dueMs)).toBe(0); // idempotent

      const before = Date.parse('2026-12-10T15:59:59.999Z');
      const after = before + 1;
      expect((await s.inbox('KH-TAX', q({ overdue: 'true' }), before)).entries).toEqual([]);
      expect((await s.inbox('KH-TAX', q({ overdue: 'true' }), after)).entries.map((e) => e.id)).toEqual([a!.id, b!.id]);
      expect((await s.inbox('KH-TAX', q({ overdue: 'false' }), after)).entries).toHaveLength(2);

      await s.transition(a!.id, () => ({ ok: true, changes: [{ status: 'completed', reason: null, answer: null }] }), 'agency', new Date(after), audit('done'));
      expect((await s.inbox('KH-TAX', q({ overdue: 'true' }), after)).entries.map((e) => e.id)).toEqual([b!.id]);
    });
  });

  it('recomputes open deadlines when the basis (calendar days, limits) changes; closed ones keep theirs', async () => {
    await withStore(engine, async (s) => {
      const [a, b] = [notificationEnvelope(), notificationEnvelope()];
      await s.submit('FS01', items([a!, b!]), [], 'ws', DELIVERED, audit('submit'));
      expect(await s.fillDueDates(deadlines.dueMs, 'basis-1')).toBe(2);
      await s.transition(b!.id, () => ({ ok: true, changes: [{ status: 'completed', reason: null, answer: null }] }), 'agency', DELIVERED, audit('done'));
      const plusDay = (item: string, ms: number) => (deadlines.dueMs(item, ms) ?? 0) + 86_400_000;
      expect(await s.fillDueDates(plusDay, 'basis-1')).toBe(0); // same basis: nothing recomputed
      expect(await s.fillDueDates(plusDay, 'basis-2')).toBe(1); // the open one only
      const after = Date.parse('2026-12-11T15:59:59.999Z') + 1;
      expect((await s.inbox('KH-TAX', q({ overdue: 'true' }), after - 1)).entries).toEqual([]);
      expect((await s.inbox('KH-TAX', q({ overdue: 'true' }), after)).entries.map((e) => e.id)).toEqual([a!.id]);
    });
  });

  it('a county day at once: 1,200 deadlines filled over pages and parts, claims across parts, a second claim gets only the rest', async () => {
    await withStore(engine, async (s) => {
      const envs = Array.from({ length: 1200 }, () => notificationEnvelope());
      for (let i = 0; i < envs.length; i += 500) await s.submit('FS01', items(envs.slice(i, i + 500)), [], 'ws', DELIVERED, audit('submit'));
      expect(await s.fillDueDates(deadlines.dueMs)).toBe(1200);
      expect(await s.fillDueDates(deadlines.dueMs)).toBe(0);
      const now = Date.parse('2026-12-11T01:00:00.000Z');
      const due = await s.overdueToRemind(now, '2026-12-11');
      expect(due).toHaveLength(1200);
      const build = (claimed: typeof due) => ({ notificationId: `overdue:${claimed.length}`, to: 'x@example.gov.tw', subject: 's', body: '' });
      const at = new Date(now).toISOString();
      expect(await s.queueOverdueReminders('2026-12-11', at, now, 'KH-TAX', due.slice(300, 900), build)).toEqual({ notifications: 600, mail: true });
      const rest = await s.queueOverdueReminders('2026-12-11', at, now, 'KH-TAX', [...due, due[0]!], build);
      expect(rest).toEqual({ notifications: 600, mail: true });
      expect((await s.dueMails(now, 10)).map((m) => m.notificationId)).toEqual(['overdue:600', 'overdue:600']);
      expect(await s.overdueToRemind(now, '2026-12-11')).toEqual([]);
    });
  });

  it('claims each overdue notification at most once per Taipei day, with one mail per agency', async () => {
    await withStore(engine, async (s) => {
      const envs = [notificationEnvelope(), notificationEnvelope(), n04LandEnvelope()];
      await s.submit('FS01', items(envs), [], 'ws', DELIVERED, audit('submit'));
      await s.fillDueDates(deadlines.dueMs);
      const now = Date.parse('2026-12-11T01:00:00.000Z'); // 12-11 09:00 Taipei
      const due = await s.overdueToRemind(now, '2026-12-11');
      expect(due.map((r) => r.receiverAgency).sort()).toEqual(['KH-LAND-FS', 'KH-TAX', 'KH-TAX']);
      expect(due[0]).toMatchObject({ dueMs: Date.parse('2026-12-10T15:59:59.999Z'), deliveredMs: DELIVERED.getTime() });

      const tax = due.filter((r) => r.receiverAgency === 'KH-TAX');
      const build = (claimed: typeof due) => ({ notificationId: 'overdue:KH-TAX:2026-12-11', to: 'x@example.gov.tw', subject: 's', body: claimed.map((c) => c.caseNo).join(',') });
      expect(await s.queueOverdueReminders('2026-12-11', new Date(now).toISOString(), now, 'KH-TAX', tax, build)).toEqual({ notifications: 2, mail: true });
      // The same day again (a rerun, a restart, a second node): nothing claimed, no mail.
      expect(await s.queueOverdueReminders('2026-12-11', new Date(now).toISOString(), now, 'KH-TAX', tax, build)).toEqual({ notifications: 0, mail: false });
      expect((await s.overdueToRemind(now, '2026-12-11')).map((r) => r.receiverAgency)).toEqual(['KH-LAND-FS']);
      expect((await s.dueMails(now, 10)).map((m) => m.notificationId)).toEqual(['overdue:KH-TAX:2026-12-11']);
      // The next day they are due again.
      expect(await s.overdueToRemind(now + 86_400_000, '2026-12-12')).toHaveLength(3);
    });
  });
});
