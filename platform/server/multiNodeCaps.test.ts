import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolOnNode, twoNodes, type Cluster } from '../testing/cluster';
import { TEST_SECRET } from '../testing/harness';
import { pgServer } from '../testing/pg';
import { openSse } from '../testing/sse';

/**
 * Issue 14 §4: caps that were per node hold over two `npm run platform` processes on one PostgreSQL
 * (real child processes, a throwaway cluster, real HTTP on loopback): open event streams per token,
 * and the anonymous message-log rows per client and in total. One cluster for the file.
 */
const server = await pgServer();
let c: Cluster | null = null;
beforeAll(async () => {
  if ('url' in server)
    c = await twoNodes(server.url, {
      NIN1_PLATFORM_SECRET: TEST_SECRET,
      NIN1_SSE_PER_TOKEN: '2',
      NIN1_UNAUTH_LOG_PER_MIN: '3',
      NIN1_UNAUTH_LOG_TOTAL_PER_MIN: '5',
      NIN1_TRUST_PROXY: '127.0.0.1',
    });
}, 120_000);
afterAll(async () => {
  await c?.stop();
  if ('url' in server) await server.stop();
});

if (!('url' in server)) {
  describe('caps over several platform nodes', () => it.skip(`skipped: ${server.skip}`, () => undefined));
} else {
  describe('caps over several platform nodes on one PostgreSQL (issue 14 §4)', () => {
    it('a token holds at most NIN1_SSE_PER_TOKEN streams over both nodes; a stream closed on A frees a place on B', async () => {
      const { a, b, url } = c!;
      const tax = await enrolOnNode(url, a.url, { kind: 'agency', agencyCode: 'KH-TAX', clientId: 'desk-1' });
      const onA = await openSse(`${a.url}/v1/events`, tax);
      const onB = await openSse(`${b.url}/v1/events`, tax);
      expect([onA.status, onB.status]).toEqual([200, 200]);
      for (const node of [a, b]) {
        const refused = await fetch(`${node.url}/v1/events`, { headers: { authorization: `Bearer ${tax}` } });
        expect(refused.status).toBe(429);
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_STREAMS');
      }
      onA.close();
      // A sees the close and gives the slot back asynchronously: B retries until it has it (no timing assumed).
      let again = await openSse(`${b.url}/v1/events`, tax);
      while (again.status !== 200) {
        again.close();
        await new Promise((r) => setTimeout(r, 20));
        again = await openSse(`${b.url}/v1/events`, tax);
      }
      expect(await again.next('ready')).toEqual({ scope: 'inbox' });
      onB.close();
      again.close();
    }, 60_000);

    it('anonymous refusals write at most NIN1_UNAUTH_LOG_PER_MIN rows per client and NIN1_UNAUTH_LOG_TOTAL_PER_MIN in all, over both nodes', async () => {
      const { a, b, url } = c!;
      const refuse = (node: typeof a, ip: string) => fetch(`${node.url}/v1/agencies/KH-TAX/inbox`, { headers: { 'x-forwarded-for': ip } }).then((r) => r.status);
      // One client, four refusals on each node: 3 rows in all, not 3 per node.
      for (let i = 0; i < 4; i++) expect([await refuse(a, '203.0.113.7'), await refuse(b, '203.0.113.7')]).toEqual([401, 401]);
      // Three more clients, two refusals each, split over the nodes: the total of 5 leaves room for 2.
      for (const ip of ['203.0.113.8', '203.0.113.9', '203.0.113.10']) expect([await refuse(a, ip), await refuse(b, ip)]).toEqual([401, 401]);
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const rows = await db.query<{ ip: string; n: number }>("SELECT ip, count(*)::int AS n FROM message_log WHERE client IS NULL AND status >= 400 AND route LIKE '%inbox' GROUP BY ip ORDER BY ip");
        expect(rows.rows.reduce((s, r) => s + r.n, 0)).toBe(5);
        expect(rows.rows.find((r) => r.ip === '203.0.113.7')?.n).toBe(3);
      } finally {
        await db.end();
      }
    }, 60_000);
  });
}
