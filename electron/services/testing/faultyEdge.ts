// TEST DOUBLE AT THE NETWORK EDGE (not a mock of our code): a loopback HTTP proxy in front of a real
// platform. Every request is forwarded unchanged to the real platform, except the submit batches a
// test's rule chooses to answer itself — e.g. a 500 for any batch holding a poison row, or the
// batch-level 403 that platform release 0.1.0 gave for a row of another office. The sync engine under
// test talks real HTTP to it and cannot tell it from a platform with that fault.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationEnvelope } from '../../../shared/platform/wire';

/** null: forward to the real platform; otherwise the status and JSON body to answer with. */
export type EdgeRule = (envelopes: NotificationEnvelope[]) => { status: number; body: unknown } | null;

export type FaultyEdge = {
  url: string;
  /** Every submit batch that reached the edge: its ids and the status it was answered with. */
  submits: { ids: string[]; status: number }[];
  close(): Promise<void>;
};

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export async function startFaultyEdge(platformUrl: string, rule: EdgeRule): Promise<FaultyEdge> {
  const submits: FaultyEdge['submits'] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const isSubmit = req.method === 'POST' && req.url === '/v1/notifications:batch';
      const envelopes = isSubmit ? ((JSON.parse(body.toString()) as { notifications: NotificationEnvelope[] }).notifications ?? []) : [];
      const own = isSubmit ? rule(envelopes) : null;
      if (own) {
        submits.push({ ids: envelopes.map((e) => e.id), status: own.status });
        res.writeHead(own.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(own.body));
        return;
      }
      const headers: Record<string, string> = {};
      for (const h of ['authorization', 'content-type', 'accept', 'x-request-id']) {
        const v = req.headers[h];
        if (typeof v === 'string') headers[h] = v;
      }
      const upstream = await fetch(platformUrl + (req.url ?? '/'), { method: req.method ?? 'GET', headers, ...(body.length > 0 ? { body: new Uint8Array(body) } : {}) });
      const answer = Buffer.from(await upstream.arrayBuffer());
      if (isSubmit) submits.push({ ids: envelopes.map((e) => e.id), status: upstream.status });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(answer);
    })().catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    submits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
