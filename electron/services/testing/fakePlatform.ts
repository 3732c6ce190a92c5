// A small stand-in for the county platform, for sync-engine tests: real HTTP on 127.0.0.1, the
// wire shapes of shared/platform, in-memory state, and switchable misbehaviour (500, hang, cut
// connection, invalid JSON, valid JSON of the wrong shape). Fault tests against the real platform
// process live in electron/services/sync/*.fault.test.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationStatus } from '../../../shared/cases/schema';
import type { NotificationEnvelope, StatusChange, SubmitResult, VerificationAnswer } from '../../../shared/platform/wire';

export type Misbehaviour = 'none' | '500' | 'hang' | 'close' | 'invalid-json' | 'wrong-shape' | 'drop-ack';

export type FakePlatform = {
  url: string;
  /** Applies to the next requests of submit and changes until set back to 'none'. */
  misbehave(mode: Misbehaviour): void;
  /** Item codes answered `rejected` (per item) instead of accepted. */
  rejectItems: Set<string>;
  /** Ids that make the whole batch answer 400 (a batch-level refusal). */
  poisonIds: Set<string>;
  stored: Map<string, NotificationEnvelope>;
  /** Every submit request's ids, in arrival order. */
  submits: string[][];
  changes: StatusChange[];
  requests: { path: string; requestId: string | undefined; auth: string | undefined }[];
  /** An agency acts: appends a status change and pushes an SSE hint. */
  act(id: string, status: NotificationStatus, extra?: { reason?: string; answer?: VerificationAnswer; at?: string }): StatusChange;
  close(): Promise<void>;
};

export async function startFakePlatform(options: { token?: string; now?: () => Date } = {}): Promise<FakePlatform> {
  const token = options.token ?? 'test-token';
  const now = options.now ?? (() => new Date());
  let mode: Misbehaviour = 'none';
  const sse = new Set<ServerResponse>();
  const hanging = new Set<ServerResponse>();
  const state = {
    rejectItems: new Set<string>(),
    poisonIds: new Set<string>(),
    stored: new Map<string, NotificationEnvelope>(),
    submits: [] as string[][],
    changes: [] as StatusChange[],
    requests: [] as FakePlatform['requests'],
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (d: Buffer) => (s += d.toString()));
      req.on('end', () => resolve(s));
    });

  /** Misbehaves if a mode is set; returns true when the request has been dealt with. */
  const misbehaved = (res: ServerResponse): boolean => {
    switch (mode) {
      case '500':
        json(res, 500, { error: { code: 'INTERNAL', message: '平台發生未預期的錯誤，請稍後再試' } });
        return true;
      case 'hang':
        hanging.add(res);
        return true;
      case 'close':
        res.socket?.destroy();
        return true;
      case 'invalid-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"results": [ oops');
        return true;
      case 'wrong-shape':
        json(res, 200, { results: 'all good', changes: 7 });
        return true;
      default:
        return false;
    }
  };

  const change = (id: string, status: NotificationStatus, extra: { reason?: string; answer?: VerificationAnswer; at?: string } = {}): StatusChange => {
    const env = state.stored.get(id);
    if (!env) throw new Error(`fake platform: unknown notification ${id}`);
    const c: StatusChange = {
      cursor: state.changes.length + 1,
      notificationId: id,
      caseNo: env.caseNo,
      status,
      reason: extra.reason ?? null,
      answer: extra.answer ?? null,
      actor: `${env.receiverAgency}/clerk`,
      at: extra.at ?? now().toISOString(),
    };
    state.changes.push(c);
    for (const s of sse) s.write(`event: changed\ndata: ${JSON.stringify({ scope: 'office', cursor: c.cursor })}\n\n`);
    return c;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      state.requests.push({ path: url.pathname, requestId: req.headers['x-request-id'] as string | undefined, auth: req.headers.authorization });
      if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { error: { code: 'AUTH_INVALID', message: '平台憑證無效，請重新註冊' } });
      if (url.pathname === '/v1/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.write(`event: ready\ndata: {"scope":"office","cursor":null}\n\n`);
        sse.add(res);
        req.on('close', () => sse.delete(res));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/v1/notifications:batch') {
        const body = JSON.parse(await readBody(req)) as { notifications: NotificationEnvelope[] };
        if (misbehaved(res)) return;
        const ids = body.notifications.map((n) => n.id);
        state.submits.push(ids);
        if (ids.some((id) => state.poisonIds.has(id))) return json(res, 400, { error: { code: 'INPUT_INVALID', message: '請求資料格式不正確' } });
        const results: SubmitResult[] = body.notifications.map((n) => {
          if (state.rejectItems.has(n.itemCode)) return { id: n.id, outcome: 'rejected', error: { code: 'ITEM_UNKNOWN', message: '未知的通報／檢證項目代碼' } };
          if (state.stored.has(n.id)) return { id: n.id, outcome: 'duplicate', deliveredAt: now().toISOString() };
          state.stored.set(n.id, n);
          change(n.id, 'delivered');
          return { id: n.id, outcome: 'accepted', deliveredAt: now().toISOString() };
        });
        // Stored, but the answer is lost on the way back (the crash-between-send-and-ack case).
        if (mode === 'drop-ack') return void res.socket?.destroy();
        return json(res, 200, { results });
      }
      const m = /^\/v1\/offices\/([A-Z0-9]+)\/changes$/.exec(url.pathname);
      if (req.method === 'GET' && m) {
        if (misbehaved(res)) return;
        const cursor = Number(url.searchParams.get('cursor') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 1000);
        const page = state.changes.filter((c) => c.cursor > cursor).slice(0, limit);
        const nextCursor = page.length ? page[page.length - 1]!.cursor : cursor;
        return json(res, 200, { changes: page, nextCursor, more: state.changes.some((c) => c.cursor > nextCursor) });
      }
      json(res, 404, { error: { code: 'ROUTE_NOT_FOUND', message: '平台沒有這個服務路徑' } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    misbehave: (m) => {
      mode = m;
      if (m === 'none') for (const h of hanging) h.socket?.destroy();
    },
    ...state,
    act: change,
    close: async () => {
      for (const s of [...sse, ...hanging]) s.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
