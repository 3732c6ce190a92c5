import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/services/clock';
import { issueEnrolCode } from '../auth/enrolment';
import { notificationEnvelope } from '../testing/envelopes';
import { TEST_SECRET } from '../testing/harness';
import { httpClient } from '../testing/http';
import { enrolOnNode, twoNodes as startTwoNodes, type Cluster } from '../testing/cluster';
import type { PlatformNode } from '../testing/node';
import { pgServer } from '../testing/pg';
import { openSse } from '../testing/sse';
import { openStore } from '../store/open';
import { PG_LOCKS } from '../store/postgresDriver';
import type { NotificationEnvelope } from '../../shared/platform/wire';

/**
 * Issue 14 §4: two `npm run platform` processes on one PostgreSQL database serve as one platform.
 * Real child processes, a throwaway cluster, real HTTP on loopback.
 */
const server = await pgServer();
afterAll(async () => {
  await (await sharedCluster)?.stop();
  if ('url' in server) await server.stop();
});

const enrol = enrolOnNode;

// One cluster for all the tests (starting two nodes and migrating a database is seconds on a loaded
// machine); the limits some of them check are set for all. The kill -9 test runs on it LAST, since
// it leaves node A dead, and counts what it adds to the rows the tests before it left.
let sharedCluster: Promise<Cluster> | null = null;
const shared = (): Promise<Cluster> => {
  if (!('url' in server)) throw new Error('no PostgreSQL');
  return (sharedCluster ??= startTwoNodes(server.url, { NIN1_PLATFORM_SECRET: TEST_SECRET, NIN1_PROGRESS_PER_CASE: '3/15m', NIN1_BATCH_FILES_PER_DAY: '2' }));
};

/** The node's child processes; none, since the node runs as `node --import tsx` (no launcher in between). */
const childrenOf = (pid: number): string => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();

if (!('url' in server)) {
  describe('several platform nodes on one PostgreSQL', () => it.skip(`skipped: ${server.skip}`, () => undefined));
} else {
  describe('several platform nodes on one PostgreSQL (issue 14 §4)', () => {
    // First on the shared cluster: it finds the relays' connections by their last query, LISTEN (a
    // hint NOTIFYs on the same connection afterwards).
    it('finding 1: the relay survives its connection being terminated: both nodes live, listen again, and hints flow', async () => {
      const c = await shared();
      const admin = new pg.Client({ connectionString: c.url });
      await admin.connect();
      try {
        const listeners = async () =>
          (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN nin1_hints'")).rows.map((r) => r.pid);
        const waitFor = async (want: (pids: number[]) => boolean) => {
          for (let i = 0; i < 600; i++) {
            const pids = await listeners();
            if (want(pids)) return pids;
            await new Promise((r) => setTimeout(r, 25));
          }
          throw new Error('the relay never listened again');
        };
        const before = await waitFor((p) => p.length === 2);
        await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
        await waitFor((p) => p.length === 2 && p.every((pid) => !before.includes(pid)));
        expect(c.a.child.exitCode).toBeNull();
        expect(c.b.child.exitCode).toBeNull();

        const ws = await enrol(c.url, c.a.url, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' });
        const tax = await enrol(c.url, c.b.url, { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'desk-1' });
        const stream = await openSse(`${c.b.url}/v1/events`, tax);
        try {
          await stream.next('ready');
          expect((await httpClient(c.a.url).call('submitNotifications', { body: { notifications: [notificationEnvelope()] } }, ws)).status).toBe(200);
          expect(await stream.next('changed', 1000)).toEqual({ scope: 'inbox', cursor: null });
        } finally {
          stream.close();
        }
      } finally {
        await admin.end();
      }
    }, 120_000);

    it('finding 1: a hint raised on node A reaches an SSE client of node B, and back', async () => {
      const c = await shared();
      const ws = await enrol(c.url, c.a.url, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' });
      const tax = await enrol(c.url, c.b.url, { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'desk-1' });
      const agencyStream = await openSse(`${c.b.url}/v1/events`, tax);
      const officeStream = await openSse(`${c.a.url}/v1/events`, ws);
      try {
        expect(await agencyStream.next('ready')).toEqual({ scope: 'inbox' });
        expect(await officeStream.next('ready')).toEqual({ scope: 'office' });

        // The counter submits on A: the agency's stream on B hears of it (within the reader's 1 s, not a timing claim).
        const env = notificationEnvelope();
        const sent = await httpClient(c.a.url).call('submitNotifications', { body: { notifications: [env] } }, ws);
        expect(sent.status).toBe(200);
        expect(await agencyStream.next('changed', 1000)).toEqual({ scope: 'inbox', cursor: null });
        expect(await officeStream.next('changed', 1000)).toEqual({ scope: 'office', cursor: null }); // A's own, raised locally

        // The agency acts on B: the counter's stream on A hears of it.
        const acted = await httpClient(c.b.url).call('notificationAction', { params: { id: env.id }, body: { action: 'receive' } as never }, tax);
        expect(acted.status).toBe(200);
        const hint = (await officeStream.next('changed', 1000)) as { scope: string; cursor: number };
        expect(hint.scope).toBe('office');
        const changes = await httpClient(c.a.url).call('officeChanges', { params: { office: 'FS01' }, query: {} as never }, ws);
        expect(changes.status).toBe(200);
        expect((changes.body as { changes: { status: string; cursor: number }[] }).changes.map((x) => [x.status, x.cursor])).toContainEqual(['received', hint.cursor]);
      } finally {
        agencyStream.close();
        officeStream.close();
      }
      expect(c.a.child.exitCode).toBeNull();
      expect(c.b.child.exitCode).toBeNull();
    }, 120_000);

    it('finding 2: the progress lookup limit holds over both nodes, not once per node', async () => {
      const c = await shared();
      const { a, b } = c;
      const guess = async (node: PlatformNode) =>
        (await fetch(`${node.url}/v1/progress`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ caseNo: 'FS01-1151126-0001', code: 'K7PX3QMY' }) })).status;
      // Three tries per (case, client) in all: A, B, A answer; the fourth, on B, is refused.
      expect([await guess(a), await guess(b), await guess(a)]).toEqual([404, 404, 404]);
      expect(await guess(b)).toBe(429);
      expect(await guess(a)).toBe(429);
    }, 120_000);

    it('finding 2: a sender\'s batch quota, a one-time enrolment code and a revocation hold over both nodes', async () => {
      const c = await shared();
      const { a, b } = c;
      const db = { url: c.url };
      const ws = await enrol(db.url, a.url, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W01' });
      const upload = async (node: PlatformNode) =>
        (await httpClient(node.url).call('uploadBatch', { body: { receiverAgency: 'KH-TAX', dataset: 'doorplate-cancel', fileName: 'a.csv', mime: 'text/csv', contentBase64: Buffer.from(`${Math.random()}`).toString('base64') } }, ws)).status;
      // Two files a day in all: one on A, one on B, the third (on either) is refused.
      expect([await upload(a), await upload(b)]).toEqual([201, 201]);
      expect(await upload(a)).toBe(429);
      expect(await upload(b)).toBe(429);

      // A code redeemed on A is spent on B.
      const store = await openStore({ kind: 'postgres', url: db.url });
      try {
        const client = { kind: 'agency' as const, agencyCode: 'KH-TAX', clientId: 'desk-9' };
        const { code } = await issueEnrolCode(store, systemClock, client);
        expect((await httpClient(a.url).call('enroll', { body: { code, client } as never })).status).toBe(201);
        expect((await httpClient(b.url).call('enroll', { body: { code, client } as never })).status).toBe(401);
        // A token revoked in the shared database is refused by both nodes at once.
        await store.revokeTokens({ subject: 'workstation:FS01/FS01-W01' }, new Date().toISOString(), { at: new Date().toISOString(), actor: 'admin:test', action: 'token.revoke' });
      } finally {
        await store.close();
      }
      for (const node of [a, b]) expect((await httpClient(node.url).call('officeChanges', { params: { office: 'FS01' }, query: {} as never }, ws)).status).toBe(401);
    }, 120_000);

    it('kill -9 of one node during a 5,000-notification drain: the client fails over to the other node, nothing is lost or duplicated', async () => {
      const c = await shared();
      // A workstation of its own: the one the tests before used has its tokens revoked.
      const ws = await enrol(c.url, c.a.url, { kind: 'workstation', officeCode: 'FS01', workstationId: 'FS01-W02' });
      const all: NotificationEnvelope[] = Array.from({ length: 5000 }, () => notificationEnvelope({ workstationId: 'FS01-W02' }));
      const counts = async () => {
        const db = new pg.Client({ connectionString: c.url });
        await db.connect();
        try {
          return (
            await db.query<{ rows: number; ids: number; delivered: number; ours: number }>(
              `SELECT (SELECT count(*)::int FROM notifications) AS rows, (SELECT count(DISTINCT id)::int FROM notifications) AS ids,
                      (SELECT count(*)::int FROM changes WHERE status = 'delivered') AS delivered,
                      (SELECT count(*)::int FROM notifications WHERE id = ANY($1::text[])) AS ours`,
              [all.map((e) => e.id)],
            )
          ).rows[0]!;
        } finally {
          await db.end();
        }
      };
      const before = await counts();
      expect(before.ours).toBe(0);
      const batches = Array.from({ length: 10 }, (_, i) => all.slice(i * 500, (i + 1) * 500));
      const nodes = [c.a, c.b];
      // The pid we hold is the process that serves A: no launcher above it, no child under it.
      expect(childrenOf(c.a.pid)).toBe('');
      expect(childrenOf(c.b.pid)).toBe('');
      const admin = new pg.Client({ connectionString: c.url });
      await admin.connect();
      // A writer of A holds the writers' advisory lock: A is mid-transaction on a batch.
      const aIsWriting = async () =>
        (await admin.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted", [PG_LOCKS.write])).rowCount! > 0;
      let current = 0;
      let failovers = 0;
      let killedAt = -1;
      let killedBy: NodeJS.Signals | null = null;
      const outcomes = new Map<string, string>();
      // The counter's drain in miniature: FIFO batches to the current node; on a network error or a
      // 5xx, the next node URL and the same batch again (the platform de-duplicates by id).
      try {
        for (const [i, batch] of batches.entries()) {
          for (;;) {
            let answered = false;
            const sending = fetch(`${nodes[current]!.url}/v1/notifications:batch`, {
              method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ws}` }, body: JSON.stringify({ notifications: batch }),
            })
              .catch(() => null) // a network error: A died under the request
              .finally(() => (answered = true));
            // From the fifth batch on, kill -9 A the moment it is seen inside a write transaction
            // (a batch that commits before it is seen just goes on; the next one is tried).
            if (i >= 4 && current === 0 && killedAt < 0) {
              while (!answered && !(await aIsWriting())) await new Promise((r) => setTimeout(r, 2));
              if (!answered) {
                killedAt = i;
                killedBy = await c.a.killHard();
              }
            }
            const res = await sending;
            if (res?.status === 200) {
              for (const r of ((await res.json()) as { results: { id: string; outcome: string }[] }).results) outcomes.set(r.id, r.outcome);
              break;
            }
            failovers++;
            current = (current + 1) % nodes.length;
          }
        }
      } finally {
        await admin.end();
      }
      expect(killedAt).toBeGreaterThanOrEqual(4);
      expect(killedBy).toBe('SIGKILL');
      // Nothing answers on A's address any more: the serving process is gone, not just its launcher.
      await expect(fetch(`${c.a.url}/v1/health`)).rejects.toThrow();
      expect(failovers).toBe(1);
      // A batch A committed before it died answers `duplicate` on B: the same effect, once.
      expect([...outcomes.values()].every((o) => o === 'accepted' || o === 'duplicate')).toBe(true);
      expect(outcomes.size).toBe(5000);

      // Every one of the 5,000 stored once and delivered once, and nothing else added.
      const after = await counts();
      expect(after).toEqual({ rows: before.rows + 5000, ids: before.ids + 5000, delivered: before.delivered + 5000, ours: 5000 });
    }, 300_000);
  });
}
