import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from '../../platform/testing/harness';
import { DEMO_AGENCY_USERS } from '../services/demo/agencyUsers';
import { silentLogger } from '../services/logging/logger';
import { enrolTestWorkstation, queueCases } from '../services/testing/syncFixtures';
import { tempDir } from '../services/testing/fixtures';
import { platformFileFor } from './demoPlatform';
import { runCounter, type RunCounterOptions } from './runCounter';

const tmp = tempDir('nin1-run-');
afterAll(() => tmp.cleanup());

const start = (dbFile: string, policyFile: string, o: Partial<RunCounterOptions> = {}) =>
  runCounter({
    dbFile,
    shell: 'browser-host',
    logger: silentLogger(),
    env: { NIN1_POLICY_FILE: policyFile },
    sync: { counterDb: dbFile, logger: silentLogger(), none: false, started: { demo: null } },
    devices: { hid: null },
    ...o,
  });

const running = (c: ReturnType<typeof runCounter>) => {
  const s = c.booted.state();
  if (s.mode !== 'running') throw new Error(`expected running, got ${s.mode}: ${'error' in s ? s.error.message : ''}`);
  return s.app;
};

describe('demo or office comes from the database, never from a missing policy file', () => {
  it('finding 17-1: a missing policy file does not turn an enrolled database with waiting notifications into the demo office', async () => {
    const county = await startTestPlatform();
    try {
      const dbFile = tmp.file('office.sqlite');
      const policy = tmp.file('office-policy.json');
      writeFileSync(policy, JSON.stringify({ platform: { url: county.url } }));
      // A real office: started under IT's policy, enrolled at the county platform, 20 notifications waiting.
      const office = start(dbFile, policy, { sync: { counterDb: dbFile, logger: silentLogger(), none: true } });
      const app = running(office);
      expect(app.demo).toBe(false);
      enrolTestWorkstation(app.ctx, county.url, await county.workstationToken('FS01', 'FS01-W01'));
      queueCases(app.ctx, 4);
      await office.shutdown();

      // One start without the policy file (deleted, a typo in NIN1_POLICY_FILE, a new image).
      const missing = start(dbFile, tmp.file('no-such-policy.json'));
      expect(missing.booted.state()).toMatchObject({ mode: 'failed', error: { code: 'POLICY_MISSING' } });
      expect(await missing.connected()).toBeNull(); // no demo platform was started
      const info = await missing.booted.call('system.info', {}, null);
      expect(info).toMatchObject({ ok: false, error: { code: 'POLICY_MISSING' } });
      expect(!info.ok && info.error.message).toContain('不會改用示範模式');
      await missing.shutdown();

      const db = new Database(dbFile, { readonly: true });
      expect(db.prepare("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state").all()).toEqual([{ state: 'pending', n: 20 }]);
      expect(db.prepare("SELECT url FROM platform_credentials WHERE client_key = 'workstation'").pluck().get()).toBe(county.url);
      const demoAccounts = db.prepare(`SELECT COUNT(*) FROM users WHERE username IN (${DEMO_AGENCY_USERS.map(() => '?').join(',')})`).pluck().get(...DEMO_AGENCY_USERS.map((u) => u.username));
      expect(demoAccounts).toBe(0);
      expect(db.prepare("SELECT value FROM sync_state WHERE key = 'database-mode'").pluck().get()).toBe('office');
      db.close();
      expect(existsSync(platformFileFor(dbFile))).toBe(false);

      // With the policy back, the same database runs as the office again and is still enrolled at the county.
      const back = start(dbFile, policy, { sync: { counterDb: dbFile, logger: silentLogger(), none: true } });
      expect(running(back).sync.status().enrolled).toBe(true);
      await back.shutdown();
    } finally {
      await county.close();
    }
  });

  it('a brand-new database without a policy is the demo (npm start), with its accounts and a local demo platform', async () => {
    const dbFile = tmp.file('demo.sqlite');
    const demo = start(dbFile, tmp.file('absent.json'));
    const app = running(demo);
    expect(app.demo).toBe(true);
    const platform = await demo.connected();
    expect(platform?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(app.ctx.db.prepare("SELECT COUNT(*) FROM users WHERE username = 'clerk'").pluck().get()).toBe(1);
    expect(await app.call('system.info', {}, null)).toMatchObject({ ok: true, value: { demo: true } });
    await demo.shutdown();

    // The demo database never runs under IT's policy: its fictitious cases must not reach a county.
    const policy = tmp.file('later-policy.json');
    writeFileSync(policy, JSON.stringify({ workstationId: 'FS01-W02' }));
    const underPolicy = start(dbFile, policy);
    expect(underPolicy.booted.state()).toMatchObject({ mode: 'failed', error: { code: 'DEMO_DATABASE_UNDER_POLICY' } });
    await underPolicy.shutdown();
  });
});

describe('one shutdown path and recovery at start', () => {
  it('finding 17-13: a crashed scan batch is recovered at start, and shutdown ends the scan session and sync before the database closes', async () => {
    const dbFile = tmp.file('scan.sqlite');
    const noPolicy = tmp.file('absent-2.json');
    const offline = { counterDb: dbFile, logger: silentLogger(), none: true };
    const first = start(dbFile, noPolicy, { sync: offline });
    running(first).ctx.db
      .prepare("INSERT INTO scan_batches (source, device, state, actor, started_at) VALUES ('folder', 'folder:/x', 'running', 'scanner', '2026-11-26T01:00:00.000Z')")
      .run(); // what a kill -9 during a hot-folder session leaves behind
    await first.shutdown();

    // The next start alone (no scanning screen opened) finishes it.
    await start(dbFile, noPolicy, { sync: offline }).shutdown();
    const state = (id: number) => {
      const db = new Database(dbFile, { readonly: true });
      const row = db.prepare('SELECT state FROM scan_batches WHERE id = ?').pluck().get(id);
      db.close();
      return row;
    };
    expect(state(1)).toBe('interrupted');

    const third = start(dbFile, noPolicy, { sync: offline });
    const app = running(third);
    const login = (await app.call('session.login', { username: 'scanner', password: 'demo1234' }, null)) as { ok: true; value: { token: string } };
    const devices = (await app.call('scanning.devices', {}, login.value.token)) as { ok: true; value: { devices: { id: string }[] } };
    const folder = devices.value.devices.find((d) => d.id.startsWith('folder:'))!;
    const session = await app.call('scanning.start', { deviceId: folder.id, profileId: 'consent-gray' }, login.value.token);
    expect(session).toMatchObject({ ok: true, value: { state: 'scanning' } });
    await third.shutdown();
    await third.shutdown(); // idempotent: quit and update-install may both ask
    expect(app.ctx.db.open).toBe(false);
    // The live hot-folder session was ended (a folder session ends as done) before the database closed,
    // not cut off under it and left 'running'.
    expect(state(2)).toBe('done');
  });
});

