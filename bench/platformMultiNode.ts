import { systemClock } from '../electron/services/clock';
import { issueEnrolCode } from '../platform/auth/enrolment';
import { openStore } from '../platform/store/open';
import { notificationEnvelope } from '../platform/testing/envelopes';
import { spawnPlatformNode, type PlatformNode } from '../platform/testing/node';
import { freshDatabase, pgServer } from '../platform/testing/pg';
import { openSse } from '../platform/testing/sse';
import { entry, percentile, type BenchEntry } from './stats';

/**
 * Several platform nodes on one PostgreSQL (issue 14 §4), real child processes as operators run them:
 * - platform-ingest-2-nodes: 10,000 notifications from two workstations at once (batches of 500),
 *   each sending to its own node, against the same two workstations both sending to one node in the
 *   same run (the ratio says what a second node buys while writers share one advisory lock);
 * - hint-latency-cross-node: a one-notification submit on node A until the agency's SSE stream on
 *   node B says `changed` (LISTEN/NOTIFY relay), p95 of 100, against the same with the stream on A.
 */
const TOTAL = 10_000;
const BATCH = 500;
const HINTS = 100;
const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

type Client = { kind: 'workstation'; officeCode: string; workstationId: string } | { kind: 'agency'; agencyCode: string; clientId: string };

async function tokenFor(dbUrl: string, nodeUrl: string, client: Client): Promise<string> {
  const store = await openStore({ kind: 'postgres', url: dbUrl });
  try {
    const { code } = await issueEnrolCode(store, systemClock, client.kind === 'workstation' ? { ...client, senderAgency: 'KH-HR-FS' } : client);
    const r = await fetch(`${nodeUrl}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, client }) });
    if (r.status !== 201) throw new Error(`enrol failed: ${r.status}`);
    return ((await r.json()) as { token: string }).token;
  } finally {
    await store.close();
  }
}

const submit = async (nodeUrl: string, token: string, body: string): Promise<void> => {
  const r = await fetch(`${nodeUrl}/v1/notifications:batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  if (r.status !== 200) throw new Error(`ingest failed: ${r.status}`);
  await r.arrayBuffer();
};

/** Two workstations drain TOTAL/2 each at once; `targets[i]` is the node workstation i sends to. Returns ms. */
async function ingest(dbUrl: string, targets: [PlatformNode, PlatformNode], wsPrefix: string): Promise<number> {
  const tokens = await Promise.all(targets.map((n, i) => tokenFor(dbUrl, n.url, { kind: 'workstation', officeCode: 'FS01', workstationId: `FS01-${wsPrefix}${i}` })));
  const bodies = targets.map((_, i) =>
    Array.from({ length: TOTAL / BATCH / 2 }, () => JSON.stringify({ notifications: Array.from({ length: BATCH }, () => notificationEnvelope({ workstationId: `FS01-${wsPrefix}${i}` })) })),
  );
  const t0 = performance.now();
  await Promise.all(targets.map(async (n, i) => {
    for (const body of bodies[i]!) await submit(n.url, tokens[i]!, body);
  }));
  return performance.now() - t0;
}

/** Submit on `from`, wait for the agency stream on `to`; HINTS samples in ms. */
async function hintLatencies(dbUrl: string, from: PlatformNode, to: PlatformNode, client: string): Promise<number[]> {
  const ws = await tokenFor(dbUrl, from.url, { kind: 'workstation', officeCode: 'FS01', workstationId: `FS01-${client}` });
  const tax = await tokenFor(dbUrl, to.url, { kind: 'agency', agencyCode: 'KH-TAX', clientId: client });
  const stream = await openSse(`${to.url}/v1/events`, tax);
  try {
    await stream.next('ready');
    const out: number[] = [];
    for (let i = 0; i < HINTS; i++) {
      const body = JSON.stringify({ notifications: [notificationEnvelope({ workstationId: `FS01-${client}` })] });
      const t0 = performance.now();
      await Promise.all([submit(from.url, ws, body), stream.next('changed', 5000)]);
      out.push(performance.now() - t0);
    }
    return out;
  } finally {
    stream.close();
  }
}

export async function benchPlatformMultiNode(log: (s: string) => void = () => undefined): Promise<BenchEntry[]> {
  const server = await pgServer({ durable: true });
  if ('skip' in server) {
    log(`  platform multi-node: skipped (${server.skip})`);
    return [];
  }
  const db = await freshDatabase(server.url);
  const nodes: PlatformNode[] = [];
  try {
    await (await openStore({ kind: 'postgres', url: db.url })).close(); // migrate once, before the nodes race for it
    nodes.push(...(await Promise.all([0, 1].map(() => spawnPlatformNode(['--pg', db.url], { NIN1_PLATFORM_SECRET: SECRET })))));
    const [a, b] = nodes as [PlatformNode, PlatformNode];
    log(`  ${TOTAL} notifications from two workstations, one node…`);
    const oneNodeMs = await ingest(db.url, [a, a], 'S');
    log(`  ${TOTAL} notifications from two workstations, two nodes…`);
    const twoNodesMs = await ingest(db.url, [a, b], 'T');
    log(`  ${HINTS} hints on the same node, then across nodes…`);
    const same = await hintLatencies(db.url, a, a, 'H1');
    const cross = await hintLatencies(db.url, a, b, 'H2');
    return [
      // Same budget as one node's platform-ingest, and a second node must not make the county slower.
      entry('platform-ingest-2-nodes', twoNodesMs, 'ms', 5000, {
        baseline: oneNodeMs,
        maxRatio: 1.1,
        note: `${TOTAL} in batches of ${BATCH} from 2 workstations: 2 nodes ${Math.round(TOTAL / (twoNodesMs / 1000))}/s vs 1 node ${Math.round(TOTAL / (oneNodeMs / 1000))}/s (ratio < 1: the second node helps)`,
      }),
      entry('hint-latency-cross-node', percentile(cross, 95), 'ms', 200, {
        baseline: percentile(same, 95),
        note: `p95 of ${HINTS}: submit on A until changed on B's stream, vs the stream on A; p50 ${Math.round(percentile(cross, 50))} vs ${Math.round(percentile(same, 50))} ms`,
      }),
    ];
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await db.drop();
    await server.stop();
  }
}
