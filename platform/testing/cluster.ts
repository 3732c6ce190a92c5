import { systemClock } from '../../electron/services/clock';
import { issueEnrolCode } from '../auth/enrolment';
import { openStore } from '../store/open';
import { spawnPlatformNode, type PlatformNode } from './node';
import { freshDatabase } from './pg';

export type Cluster = { a: PlatformNode; b: PlatformNode; url: string; stop(): Promise<void> };

/**
 * Two platform nodes (real processes) on a fresh database of the PostgreSQL server at `serverUrl`,
 * as a county runs them behind a balancer; `env` is given to both (the shared secret is the caller's).
 */
export async function twoNodes(serverUrl: string, env: Record<string, string | undefined>): Promise<Cluster> {
  const db = await freshDatabase(serverUrl);
  // Migrate once before the nodes start (they would wait for each other on the migration lock anyway).
  await (await openStore({ kind: 'postgres', url: db.url })).close();
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

export type NodeClient = { kind: 'workstation'; officeCode: string; workstationId: string } | { kind: 'agency'; agencyCode: string; clientId: string };

/** A one-time code written to the shared database, redeemed over HTTP on `nodeUrl`; returns the bearer token. */
export async function enrolOnNode(dbUrl: string, nodeUrl: string, client: NodeClient): Promise<string> {
  const store = await openStore({ kind: 'postgres', url: dbUrl });
  try {
    const { code } = await issueEnrolCode(store, systemClock, client.kind === 'workstation' ? { ...client, senderAgency: 'KH-HR-FS' } : client);
    const r = await fetch(`${nodeUrl}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, client }) });
    if (r.status !== 201) throw new Error(`enrol failed: ${r.status} ${await r.text()}`);
    return ((await r.json()) as { token: string }).token;
  } finally {
    await store.close();
  }
}
