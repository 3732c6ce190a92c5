import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/services/logging/logger';
import { createSmtpMailer } from '../mail/mailer';
import { openStore } from '../store/open';
import { n04LandEnvelope, notificationEnvelope } from '../testing/envelopes';
import { startTestPlatform, type TestPlatform } from '../testing/harness';
import { manualClock } from '../testing/clock';
import { startSmtpSink } from '../testing/smtpSink';
import { deadlinesFor } from './deadline';
import { runOverdueReminders } from './reminders';
import { scheduleOverdueReminders } from './schedule';

const dir = mkdtempSync(join(tmpdir(), 'nin1-overdue-'));
const dbFile = join(dir, 'platform.sqlite');
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
const clock = manualClock('2026-11-26T02:30:00.000Z'); // Thu 10:30 Taipei
const mailer = () => createSmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false, from: 'platform@test.example' });
const start = async (): Promise<TestPlatform> => startTestPlatform({ store: await openStore({ kind: 'sqlite', file: dbFile }), mailer: mailer(), clock });
const remind = (t: TestPlatform) =>
  runOverdueReminders({ store: t.store, catalogue: t.platform.deps.config.catalogue, deadlines: deadlinesFor(t.platform.deps.config.catalogue, silentLogger()), clock, logger: silentLogger(), publicUrl: null });

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('逾時未回報 on the platform', () => {
  const n01 = notificationEnvelope();
  const n04 = n04LandEnvelope();
  const n01b = notificationEnvelope();

  it('the agency inbox carries each row\'s deadline and overdue flag, and filters overdue only', async () => {
    const t = await start();
    try {
      const ws = await t.workstationToken();
      const tax = await t.agencyToken('KH-TAX');
      expect((await t.http.call('submitNotifications', { body: { notifications: [n01, n04, n01b] } }, ws)).status).toBe(200);
      const inbox = async (query: Record<string, string> = {}) => (await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: query as never }, tax)).body;

      expect((await inbox()).entries[0]).toMatchObject({ id: n01.id, dueAt: '2026-12-10T15:59:59.999Z', overdue: false });
      expect((await inbox({ overdue: 'true' })).entries).toEqual([]);

      clock.set('2026-12-11T00:30:00.000Z'); // Fri 12-11 08:30 Taipei
      const all = await inbox();
      expect(all.entries.map((e) => [e.id, e.overdue])).toEqual([[n01.id, true], [n01b.id, true]]);
      // Closing one (answered) takes it off the overdue list; the action's answer carries the flag too.
      const done = await t.http.call('notificationAction', { params: { id: n01b.id }, body: { action: 'complete' } }, tax);
      expect(done.status).toBe(200);
      expect(done.body.entry).toMatchObject({ status: 'completed', overdue: false, dueAt: '2026-12-10T15:59:59.999Z' });
      expect((await inbox({ overdue: 'true' })).entries.map((e) => e.id)).toEqual([n01.id]);
      expect((await t.http.call('agencyInbox', { params: { agency: 'KH-TAX' }, query: { overdue: 'maybe' as never } }, tax)).status).toBe(400);
    } finally {
      await t.close();
    }
  });

  it('mails each agency once a day its overdue list (case no, item, dates; no personal data), also across a restart', async () => {
    let t = await start();
    try {
      expect(await remind(t)).toEqual({ agencies: 2, notifications: 2, mails: 2, skippedNoEmail: 0 });
      await t.platform.deps.mail.drain();
      const mails = await sink.waitFor(2);
      const tax = mails.find((m) => m.to[0] === 'verify@kh-tax.example.gov.tw')!;
      expect(tax.subject).toContain('逾時未回報');
      expect(tax.text).toContain(n01.caseNo);
      expect(tax.text).toContain('115/11/26'); // delivered
      expect(tax.text).toContain('115/12/10'); // deadline
      expect(tax.text).toContain('1 日');
      expect(tax.text).not.toContain(n01b.caseNo); // completed: not overdue
      for (const m of mails) {
        for (const secret of ['A123456789', '王小明', '光復路']) expect(m.raw + m.text + m.subject).not.toContain(secret);
      }
      expect(mails.find((m) => m.to[0] === 'service@kh-land-fs.example.gov.tw')!.text).toContain(n04.caseNo);

      // Later the same day: nothing new.
      clock.advance(3 * 3600_000);
      expect(await remind(t)).toMatchObject({ notifications: 0, mails: 0 });
      // A restart the same day (new process, same database): still nothing.
      await t.close();
      t = await start();
      expect(await remind(t)).toMatchObject({ notifications: 0, mails: 0 });
      await t.platform.deps.mail.drain();
      expect(sink.mails).toHaveLength(2);

      // The next day they are reminded again, with the count of days grown.
      clock.set('2026-12-12T00:30:00.000Z');
      expect(await remind(t)).toMatchObject({ agencies: 2, notifications: 2, mails: 2 });
      await t.platform.deps.mail.drain();
      expect((await sink.waitFor(4))[2]!.text).toMatch(/2 日/);
    } finally {
      await t.close();
    }
  });

  it('the daily schedule runs once a day after the set Taipei time', async () => {
    const c = manualClock('2026-12-14T00:00:00.000Z'); // 08:00 Taipei
    let runs = 0;
    const s = scheduleOverdueReminders({ at: { hour: 8, minute: 30 }, clock: c, logger: silentLogger(), checkMs: 3600_000, run: async () => ({ agencies: 0, notifications: ++runs, mails: 0, skippedNoEmail: 0 }) });
    try {
      expect(await s.tick()).toBeNull();
      c.advance(30 * 60_000); // 08:30
      expect(await s.tick()).toMatchObject({ notifications: 1 });
      c.advance(8 * 3600_000);
      expect(await s.tick()).toBeNull();
      c.advance(16 * 3600_000); // the next day, 08:30
      expect(await s.tick()).toMatchObject({ notifications: 2 });
    } finally {
      s.stop();
    }
  });
});

describe('npm run platform -- remind-overdue', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const file = join(dir, 'cli.sqlite');

  it('runs once, prints {agencies, notifications, mails}, sends through SMTP, and a second run sends nothing', async () => {
    // A delivery 40 days ago (real clock: the CLI runs on the system clock): overdue whatever today is.
    const store = await openStore({ kind: 'sqlite', file });
    const e = notificationEnvelope();
    await store.submit('FS01', [{ envelope: e, bodySha256: 'f'.repeat(64) }], [], 'ws', new Date(Date.now() - 40 * 86_400_000), { at: new Date().toISOString(), actor: 't', action: 'submit' });
    await store.close();
    const before = sink.mails.length;
    const run = () =>
      promisify(execFile)(tsx, [join(root, 'platform', 'cli.ts'), 'remind-overdue', '--db', file, '--smtp-host', '127.0.0.1', '--smtp-port', String(sink.port)], {
        cwd: root, timeout: 60_000,
      });
    const first = await run();
    expect(JSON.parse(first.stdout)).toEqual({ agencies: 1, notifications: 1, mails: 1 });
    const mails = await sink.waitFor(before + 1);
    expect(mails[before]!.text).toContain(e.caseNo);
    expect(JSON.parse((await run()).stdout)).toEqual({ agencies: 0, notifications: 0, mails: 0 });
    expect(sink.mails).toHaveLength(before + 1);
  }, 120_000);
});
