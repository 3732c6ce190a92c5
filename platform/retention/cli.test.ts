import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/services/logging/logger';
import { openStore } from '../store/open';
import { notificationEnvelope } from '../testing/envelopes';
import { manualClock } from '../testing/clock';
import { PURGED_PERSON } from './repo';
import { retentionTimeFrom, scheduleRetentionPurge } from './schedule';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'platform', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'nin1-retention-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const platformCli = (...args: string[]) => run(tsx, [cli, ...args], { cwd: root, timeout: 60_000 });

describe('npm run platform -- purge-retention', () => {
  it('dry run counts and changes nothing; a run prints {checked, purged, byItem}; a second purges nothing; the audit chain verifies', async () => {
    const db = join(dir, 'platform.sqlite');
    const store = await openStore({ kind: 'sqlite', file: db });
    const at = new Date('2026-11-26T02:30:00.000Z');
    const audit = { at: at.toISOString(), actor: 'test', action: 't' };
    const [old, open] = [notificationEnvelope(), notificationEnvelope()];
    await store.submit('FS01', [old!, open!].map((envelope) => ({ envelope, bodySha256: 'f'.repeat(64) })), [], 'ws', at, audit);
    await store.transition(old!.id, () => ({ ok: true, changes: [{ status: 'completed', reason: null, answer: null }] }), 'agency', at, audit);
    const before = await store.getEntry(old!.id);
    await store.close();

    const now = ['--now', '2031-11-27T00:00:00.000Z'];
    const dry = await platformCli('purge-retention', '--db', db, '--dry-run', ...now);
    expect(JSON.parse(dry.stdout)).toEqual({ checked: 1, purged: 1, byItem: { N01: 1 }, dryRun: true });
    const reopened = await openStore({ kind: 'sqlite', file: db });
    expect(await reopened.getEntry(old!.id)).toEqual(before);
    await reopened.close();

    expect(JSON.parse((await platformCli('purge-retention', '--db', db, ...now)).stdout)).toEqual({ checked: 1, purged: 1, byItem: { N01: 1 } });
    expect(JSON.parse((await platformCli('purge-retention', '--db', db, ...now)).stdout)).toEqual({ checked: 0, purged: 0, byItem: {} });
    expect((await platformCli('verify-audit', '--db', db)).stdout).toMatch(/稽核鏈完整/);

    const after = await openStore({ kind: 'sqlite', file: db });
    expect((await after.getEntry(old!.id))!.person).toEqual(JSON.parse(PURGED_PERSON));
    expect((await after.getEntry(open!.id))!.person).toEqual(open!.person);
    await after.close();

    await expect(platformCli('purge-retention', '--db', db, '--now', 'yesterday')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--now 須為 ISO 日期時間') });
  }, 120_000);
});

describe('retention schedule', () => {
  it('reads NIN1_RETENTION_AT (default 03:00 Taipei, off), refuses anything else in zh-TW', () => {
    expect(retentionTimeFrom(undefined)).toEqual({ hour: 3, minute: 0 });
    expect(retentionTimeFrom('23:45')).toEqual({ hour: 23, minute: 45 });
    expect(retentionTimeFrom('off')).toBeNull();
    expect(() => retentionTimeFrom('3am')).toThrow(/NIN1_RETENTION_AT 須為 HH:MM/);
  });

  it('runs once a Taipei day after the set time, and retries after a failure', async () => {
    const clock = manualClock('2026-11-26T18:59:00.000Z'); // 11-27 02:59 Taipei
    let runs = 0;
    let fail = false;
    const s = scheduleRetentionPurge({
      at: { hour: 3, minute: 0 }, clock, logger: silentLogger(), checkMs: 3_600_000,
      run: async () => {
        runs++;
        if (fail) throw new Error('db down');
        return { checked: 0, purged: 0, byItem: {} };
      },
    });
    try {
      expect(await s.tick()).toBeNull();
      clock.advance(60_000);
      expect(await s.tick()).toEqual({ checked: 0, purged: 0, byItem: {} });
      clock.advance(3_600_000);
      expect(await s.tick()).toBeNull();
      expect(runs).toBe(1);
      clock.advance(86_400_000); // the next day
      fail = true;
      expect(await s.tick()).toBeNull();
      fail = false;
      expect(await s.tick()).not.toBeNull();
      expect(runs).toBe(3);
    } finally {
      s.stop();
    }
  });
});
