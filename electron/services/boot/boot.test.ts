import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecoveryStatus } from '../../../shared/contract/adminApi';
import { backupDatabase } from '../backup/backup';
import { fixedClock } from '../clock';
import { seedDemo } from '../demo/seedDemo';
import { silentLogger } from '../logging/logger';
import { TEST_NOW, tempDir } from '../testing/fixtures';
import { bootCounter } from './boot';

const tmp = tempDir('nin1-boot-');
afterAll(() => tmp.cleanup());

const boot = (dbFile: string, policyFile: string) =>
  bootCounter({ dbFile, create: true, shell: 'cli', logger: silentLogger(), clock: fixedClock(TEST_NOW), env: { NIN1_POLICY_FILE: policyFile } });

type Value<T> = { ok: true; value: T };

describe('start-up with a bad policy file', () => {
  it('does not run: every call answers CONFIG_INVALID naming the field, until the file is fixed', async () => {
    const policy = tmp.file('policy.json');
    writeFileSync(policy, JSON.stringify({ workstationId: 'FS01 W01', idleLockMinutes: 10 }));
    const counter = boot(tmp.file('a.sqlite'), policy);
    expect(counter.state().mode).toBe('config-invalid');

    const info = await counter.call('system.info', {}, null);
    expect(info).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', path: 'workstationId' } });
    expect(!info.ok && info.error.message).toContain('workstationId：工作站代號須為 1–32 個英數字或連字號');
    const login = await counter.call('session.login', { username: 'clerk', password: 'demo1234' }, null);
    expect(login).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });

    const status = (await counter.call('recovery.status', {}, null)) as Value<RecoveryStatus>;
    expect(status.value).toMatchObject({ mode: 'config-invalid', policyFile: policy, issues: [{ path: 'workstationId' }] });

    writeFileSync(policy, JSON.stringify({ workstationId: 'FS01-W01', idleLockMinutes: 10 }));
    const retried = (await counter.call('recovery.retry', {}, null)) as Value<RecoveryStatus>;
    expect(retried.value.mode).toBe('running');
    expect(await counter.call('system.info', {}, null)).toMatchObject({ ok: true, value: { workstationId: 'FS01-W01', demo: false } });
    counter.close();
  });
});

describe('start-up with a corrupt database', () => {
  it('says so in zh-TW, offers the newest good backup, restores it and keeps the corrupt file untouched', async () => {
    const dbFile = tmp.file('counter.sqlite');
    const backupDir = tmp.file('backups');
    const policy = tmp.file('p2.json');
    writeFileSync(policy, JSON.stringify({ backup: { dir: backupDir, keep: 3 } }));

    const first = boot(dbFile, policy);
    const s = first.state();
    if (s.mode !== 'running') throw new Error(`expected running, got ${s.mode}`);
    seedDemo(s.app.ctx, { cases: 5 });
    await backupDatabase(s.app.ctx.db, { dir: backupDir, keep: 3, now: new Date(TEST_NOW), appVersion: '0.1.0' });
    first.close();

    // Damage the file the way a failing disk does: garbage over the middle pages.
    const bytes = readFileSync(dbFile);
    bytes.fill(0x5a, 4096 * 2, bytes.length - 4096);
    writeFileSync(dbFile, bytes);

    const second = boot(dbFile, policy);
    expect(second.state().mode).toBe('db-corrupt');
    const info = await second.call('system.info', {}, null);
    expect(info).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } });
    expect(!info.ok && info.error.message).toMatch(/資料庫檔案已損毀/);
    const status = (await second.call('recovery.status', {}, null)) as Value<RecoveryStatus>;
    expect(status.value.mode).toBe('db-corrupt');
    expect(status.value.latestBackup?.file).toMatch(/counter-20261126T023000000Z\.sqlite$/);
    expect(readFileSync(dbFile).equals(bytes)).toBe(true); // opening it did not write to it

    expect(await second.call('recovery.restoreLatest', {}, null)).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
    const restored = (await second.call('recovery.restoreLatest', { confirm: true }, null)) as Value<{ keptAs: string }>;
    expect(restored.ok).toBe(true);
    expect(readFileSync(restored.value.keptAs).equals(bytes)).toBe(true);
    expect(second.state().mode).toBe('running');
    const login = await second.call('session.login', { username: 'clerk', password: 'demo1234' }, null);
    expect(login.ok).toBe(true);
    second.close();
  });

  it('without any backup it says so instead of guessing', async () => {
    const dbFile = tmp.file('lonely.sqlite');
    writeFileSync(dbFile, Buffer.alloc(16384, 0x41));
    const policy = tmp.file('p3.json');
    writeFileSync(policy, JSON.stringify({ backup: { dir: tmp.file('empty-backups') } }));
    const counter = boot(dbFile, policy);
    expect(counter.state().mode).toBe('db-corrupt');
    const r = await counter.call('recovery.restoreLatest', { confirm: true }, null);
    expect(r).toMatchObject({ ok: false, error: { code: 'RESTORE_NO_BACKUP' } });
    expect(readFileSync(dbFile).equals(Buffer.alloc(16384, 0x41))).toBe(true);
  });
});
