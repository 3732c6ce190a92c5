import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/services/clock';
import { issueEnrolCode } from '../auth/enrolment';
import { TEST_SECRET, startTestPlatform } from '../testing/harness';
import { notificationEnvelope } from '../testing/envelopes';
import { spawnPlatformNode } from '../testing/node';
import { freshDatabase, pgServer } from '../testing/pg';
import { openStore } from './open';
import { PG_LOCKS, PostgresDriver } from './postgresDriver';
import { createSqlStore } from './sqlStore';

/**
 * Issue 14 §5, the PostgreSQL review's faults, against a real cluster and real HTTP: a connection
 * dropped under a write, and a writers' lock held by another session.
 */
const server = await pgServer();
afterAll(async () => {
  if ('url' in server) await server.stop();
});

/** A second session, as a stuck node or an admin's psql would hold it. */
async function session(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

/** The backend of the platform node that waits for the writers' advisory lock. */
async function waitingWriter(c: pg.Client): Promise<number> {
  for (let i = 0; i < 400; i++) {
    const r = await c.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid()",
    );
    if (r.rows[0]) return r.rows[0].pid;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('no platform backend ever waited for the write lock');
}

const post = (url: string, path: string, token: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
const get = (url: string, path: string, token?: string) =>
  fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(30_000) });

if (!('url' in server)) {
  describe('PostgreSQL faults', () => it.skip(`skipped: ${server.skip}`, () => undefined));
} else {
  describe('PostgreSQL faults (issue 14 §5)', () => {
    it('finding a: pg_terminate_backend of the node during a write fails that request with 503, the process lives, the next request works', async () => {
      const db = await freshDatabase(server.url);
      const setup = await openStore({ kind: 'postgres', url: db.url });
      const env = notificationEnvelope();
      await setup.submit('FS01', [{ envelope: env, bodySha256: 'f'.repeat(64) }], [], 'workstation:FS01/FS01-W01', new Date(), { at: new Date().toISOString(), actor: 'test', action: 'submit' });
      const { code } = await issueEnrolCode(setup, systemClock, { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'desk-1' });
      await setup.close();

      const node = await spawnPlatformNode(['--pg', db.url], { NIN1_PLATFORM_SECRET: TEST_SECRET });
      const locker = await session(db.url);
      try {
        const enrol = await fetch(`${node.url}/v1/enroll`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, client: { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'desk-1' } }),
        });
        expect(enrol.status).toBe(201);
        const { token } = (await enrol.json()) as { token: string };

        await locker.query('SELECT pg_advisory_lock($1)', [PG_LOCKS.write]);
        const write = post(node.url, `/v1/notifications/${env.id}/actions`, token, { action: 'receive' });
        const pid = await waitingWriter(locker);
        await locker.query('SELECT pg_terminate_backend($1)', [pid]);
        const failed = await write;
        expect(failed.status).toBe(503);
        expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
        await locker.query('SELECT pg_advisory_unlock($1)', [PG_LOCKS.write]);

        expect(node.child.exitCode).toBeNull();
        expect((await get(node.url, '/v1/health')).status).toBe(200);
        const retried = await post(node.url, `/v1/notifications/${env.id}/actions`, token, { action: 'receive' });
        expect(retried.status).toBe(200);
        expect(((await retried.json()) as { entry: { status: string } }).entry.status).toBe('received');
        expect(await node.stop()).toBe(0); // a clean SIGTERM exit, not a crash earlier
      } finally {
        await locker.end();
        await node.stop();
        await db.drop();
      }
    }, 120_000);

    it('finding b: with the writers lock held by another session, inbox GET and progress answer, health says 503, a write fails with 503 instead of hanging', async () => {
      const db = await freshDatabase(server.url);
      const driver = await PostgresDriver.open(db.url, { timeouts: { lockMs: 500, pingLockMs: 200 } });
      const t = await startTestPlatform({ store: createSqlStore(driver) });
      const locker = await session(db.url);
      try {
        const ws = await t.workstationToken();
        const agency = await t.agencyToken('KH-TAX');
        const env = notificationEnvelope();
        expect((await post(t.url, '/v1/notifications:batch', ws, { notifications: [env] })).status).toBe(200);
        const auditBefore = (await t.store.counts()).audit;

        await locker.query('SELECT pg_advisory_lock($1)', [PG_LOCKS.write]);
        const inbox = await get(t.url, '/v1/agencies/KH-TAX/inbox', agency);
        expect(inbox.status).toBe(200);
        expect(((await inbox.json()) as { entries: { id: string }[] }).entries.map((e) => e.id)).toEqual([env.id]);
        expect((await t.store.counts()).audit).toBe(auditBefore + 1); // the read is still audited

        const health = await get(t.url, '/v1/health');
        expect(health.status).toBe(503);
        expect(((await health.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');

        const progress = await fetch(`${t.url}/v1/progress`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ caseNo: env.caseNo, code: 'ABCD-EFGH-JKLM' }), signal: AbortSignal.timeout(30_000),
        });
        expect(progress.status).toBeLessThan(500);

        const write = await post(t.url, `/v1/notifications/${env.id}/actions`, agency, { action: 'receive' });
        expect(write.status).toBe(503);

        await locker.query('SELECT pg_advisory_unlock($1)', [PG_LOCKS.write]);
        expect((await get(t.url, '/v1/health')).status).toBe(200);
        expect((await post(t.url, `/v1/notifications/${env.id}/actions`, agency, { action: 'receive' })).status).toBe(200);
        expect(await t.store.verifyAudit()).toEqual({ ok: true, rows: expect.any(Number) });
      } finally {
        await locker.end();
        await t.close();
        await db.drop();
      }
    }, 120_000);

    it('finding c: on a database whose default is REPEATABLE READ, 40 concurrent receive actions keep one audit chain', async () => {
      const db = await freshDatabase(server.url);
      const admin = await session(server.url);
      await admin.query(`ALTER DATABASE ${new URL(db.url).pathname.slice(1)} SET default_transaction_isolation = 'repeatable read'`);
      await admin.end();
      const t = await startTestPlatform({ store: createSqlStore(await PostgresDriver.open(db.url)) });
      try {
        const probe = await session(db.url);
        expect((await probe.query<{ default_transaction_isolation: string }>('SHOW default_transaction_isolation')).rows[0]!.default_transaction_isolation).toBe('repeatable read');
        await probe.end();
        const ws = await t.workstationToken();
        const agency = await t.agencyToken('KH-TAX');
        const envs = Array.from({ length: 40 }, () => notificationEnvelope());
        expect((await post(t.url, '/v1/notifications:batch', ws, { notifications: envs })).status).toBe(200);
        const before = (await t.store.counts()).audit;

        const answers = await Promise.all(envs.map((e) => post(t.url, `/v1/notifications/${e.id}/actions`, agency, { action: 'receive' })));
        expect(answers.map((a) => a.status)).toEqual(envs.map(() => 200));
        expect((await t.store.counts()).audit).toBe(before + 40);
        expect(await t.store.verifyAudit()).toEqual({ ok: true, rows: before + 40 });
      } finally {
        await t.close();
        await db.drop();
      }
    }, 120_000);
  });
}
