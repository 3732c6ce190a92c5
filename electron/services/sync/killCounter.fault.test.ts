import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit';
import { systemClock } from '../clock';
import { makeContext, tempDir } from '../testing/fixtures';
import { freePort, spawnTs, startPlatformProcess, SYNC_LOOP_CHILD, type Child } from '../testing/processes';
import { queueCases } from '../testing/syncFixtures';
import { enroll } from './enroll';

const tmp = tempDir('nin1-kill-counter-');
const children: Child[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.kill9()));
  tmp.cleanup();
});

const TOTAL_CASES = 400; // × 5 items = 2,000 notifications

/** Runs the sync loop child; SIGKILLs it once it has acked `killAt` rows (a random few ms later), or lets it finish. */
function runLoop(file: string, killAt: number | null): Promise<{ signal: NodeJS.Signals | null; acked: number }> {
  let acked = 0;
  const child = spawnTs(SYNC_LOOP_CHILD, [file, '100', ...(killAt === null ? ['--until-empty'] : [])], (line, c) => {
    const m = /^acked (\d+)/.exec(line);
    if (!m) return;
    acked = Number(m[1]);
    // A random moment after an ack: most likely with the next batch on the wire, unacknowledged.
    if (killAt !== null && acked >= killAt) setTimeout(() => void c.kill9(), Math.floor(Math.random() * 15));
  });
  children.push(child);
  return child.exited.then(({ signal }) => ({ signal, acked }));
}

describe('kill -9 the counter during a drain of 2,000 notifications', () => {
  it('after restarts the platform holds exactly 2,000, none twice, and every one is acked locally', async () => {
    const port = await freePort();
    const platformDb = tmp.file('platform.sqlite');
    const platform = await startPlatformProcess(port, platformDb);
    children.push(platform);

    const counterDb = tmp.file('counter.sqlite');
    const ctx = makeContext(counterDb, systemClock);
    queueCases(ctx, TOTAL_CASES);
    await enroll(ctx.db, { url: platform.url, code: 'DEMO-FS01-W01', target: { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' }, clock: systemClock });
    ctx.db.close();

    const first = await runLoop(counterDb, 300);
    expect(first.signal).toBe('SIGKILL');
    const second = await runLoop(counterDb, first.acked + 700);
    expect(second.signal).toBe('SIGKILL');
    expect(second.acked).toBeLessThan(2000);
    const last = await runLoop(counterDb, null);
    expect(last.signal).toBeNull();

    const p = new Database(platformDb, { readonly: true });
    expect(p.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM notifications WHERE office_code = 'FS01'").get()).toEqual({ n: 2000, d: 2000 });
    expect(p.prepare("SELECT COUNT(*) FROM (SELECT notification_id FROM changes WHERE status = 'delivered' GROUP BY notification_id HAVING COUNT(*) > 1)").pluck().get()).toBe(0);
    // The resends after each kill were answered `duplicate` rather than stored again.
    const local = new Database(counterDb, { readonly: true });
    const ids = new Set(p.prepare('SELECT id FROM notifications').pluck().all() as string[]);
    const localIds = local.prepare('SELECT id FROM notifications').pluck().all() as string[];
    expect(localIds.every((id) => ids.has(id))).toBe(true);
    p.close();

    expect(local.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all()).toEqual([{ state: 'done', n: 2000 }]);
    expect(local.prepare('SELECT status, COUNT(*) AS n FROM notifications GROUP BY status').all()).toEqual([{ status: 'delivered', n: 2000 }]);
    // Exactly one `delivered` event per notification: an ack recorded twice would show here.
    expect(local.prepare("SELECT COUNT(*) FROM (SELECT notification_id FROM notification_events WHERE status = 'delivered' GROUP BY notification_id HAVING COUNT(*) <> 1)").pluck().get()).toBe(0);
    expect(local.prepare("SELECT COUNT(*) FROM notification_events WHERE status = 'delivered'").pluck().get()).toBe(2000);
    expect(local.pragma('integrity_check', { simple: true })).toBe('ok');
    local.close();
    const check = makeContext(counterDb);
    expect(verifyAuditChain(check.db).ok).toBe(true);
    check.db.close();
    await platform.kill9();
  }, 180_000);
});
