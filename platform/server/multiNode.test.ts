import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/services/clock';
import { issueEnrolCode } from '../auth/enrolment';
import { notificationEnvelope } from '../testing/envelopes';
import { TEST_SECRET } from '../testing/harness';
import { httpClient } from '../testing/http';
import { spawnPlatformNode, type PlatformNode } from '../testing/node';
import { freshDatabase, pgServer } from '../testing/pg';
import { openSse } from '../testing/sse';
import { openStore } from '../store/open';

/**
 * Issue 14 §4: two `npm run platform` processes on one PostgreSQL database serve as one platform.
 * Real child processes, a throwaway cluster, real HTTP on loopback.
 */
const server = await pgServer();
afterAll(async () => {
  if ('url' in server) await server.stop();
});

type Cluster = { a: PlatformNode; b: PlatformNode; url: string; stop(): Promise<void> };

async function twoNodes(): Promise<Cluster> {
  if (!('url' in server)) throw new Error('no PostgreSQL');
  const db = await freshDatabase(server.url);
  // Migrate once before the nodes start (they would wait for each other on the migration lock anyway).
  await (await openStore({ kind: 'postgres', url: db.url })).close();
  const env = { NIN1_PLATFORM_SECRET: TEST_SECRET };
  const [a, b] = await Promise.all([spawnPlatformNode(['--pg', db.url], env), spawnPlatformNode(['--pg', db.url], env)]);
  return {
    a,
    b,
    url: db.url,
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await db.drop();
    },
  };
}

/** A one-time code written to the shared database, redeemed over HTTP on `nodeUrl`. */
async function enrol(dbUrl: string, nodeUrl: string, client: { kind: 'workstation'; officeCode: string; workstationId: string } | { kind: 'agency'; agencyCode: string; clientId: string }): Promise<string> {
  const store = await openStore({ kind: 'postgres', url: dbUrl });
  try {
    const { code } = await issueEnrolCode(store, systemClock, client.kind === 'workstation' ? { ...client, senderAgency: 'KH-HR-FS' } : client);
    const r = await httpClient(nodeUrl).call('enroll', { body: { code, client } as never });
    if (r.status !== 201) throw new Error(`enrol failed: ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body as { token: string }).token;
  } finally {
    await store.close();
  }
}

if (!('url' in server)) {
  describe('several platform nodes on one PostgreSQL', () => it.skip(`skipped: ${server.skip}`, () => undefined));
} else {
  describe('several platform nodes on one PostgreSQL (issue 14 §4)', () => {
    it('finding 1: a hint raised on node A reaches an SSE client of node B, and back', async () => {
      const c = await twoNodes();
      try {
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
      } finally {
        await c.stop();
      }
    }, 120_000);

    it('finding 2: the progress lookup limit holds over both nodes, not once per node', async () => {
      const db = await freshDatabase(server.url);
      await (await openStore({ kind: 'postgres', url: db.url })).close();
      const env = { NIN1_PLATFORM_SECRET: TEST_SECRET, NIN1_PROGRESS_PER_CASE: '3/15m' };
      const [a, b] = await Promise.all([spawnPlatformNode(['--pg', db.url], env), spawnPlatformNode(['--pg', db.url], env)]);
      try {
        const guess = async (node: PlatformNode) =>
          (await fetch(`${node.url}/v1/progress`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ caseNo: 'FS01-1151126-0001', code: 'K7PX3QMY' }) })).status;
        // Three tries per (case, client) in all: A, B, A answer; the fourth, on B, is refused.
        expect([await guess(a), await guess(b), await guess(a)]).toEqual([404, 404, 404]);
        expect(await guess(b)).toBe(429);
        expect(await guess(a)).toBe(429);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
        await db.drop();
      }
    }, 120_000);
  });
}
