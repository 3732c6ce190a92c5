import type { FastifyInstance } from 'fastify';
import { SSE_EVENTS, type SseChanged, type SseScope } from '../../shared/platform/events';
import { PLATFORM_ERRORS } from '../../shared/platform/errors';
import type { PlatformDeps } from '../server/deps';
import { PlatformFailure } from '../server/failure';
import { writeMessageLog } from '../server/messageLog';
import { registerEndpoint, SENT } from '../server/register';
import { SharedStreamCap } from '../server/sharedStreamCap';
import { LocalStreamCap, type StreamCap } from '../server/streamCap';

/**
 * Server-Sent Events: a hint channel only ("pull now"); it never carries data, so losing it loses
 * nothing. A workstation hears about its office, an agency about its inbox and batches, an admin
 * about everything.
 */
export function eventRoutes(app: FastifyInstance, deps: PlatformDeps): void {
  // Each stream holds a socket and a listener: one token may keep only a few open (issue 13 finding 5),
  // counted over every node sharing the database (issue 14 §4), in memory on SQLite (one process).
  const max = deps.config.resources.ssePerToken;
  const windows = deps.store.rateWindows;
  const streams: StreamCap = windows ? new SharedStreamCap(windows.leases, max, deps.clock, deps.logger.child({ module: 'sse' })) : new LocalStreamCap(max);
  app.addHook('onClose', async () => streams.stop());
  registerEndpoint(app, deps, 'events', async (_input, ctx) => {
    const p = ctx.principal!;
    const release = await streams.acquire(p.jti);
    if (!release) throw new PlatformFailure('TOO_MANY_STREAMS', `${PLATFORM_ERRORS.TOO_MANY_STREAMS.message}（上限 ${max} 條）`);
    // A client gone while the slot was being claimed (a database round trip) must not keep it.
    if (ctx.req.raw.destroyed) {
      release();
      ctx.reply.hijack();
      return SENT;
    }
    const [keys, scope]: [string[], SseScope] =
      p.kind === 'workstation' ? [[`office:${p.officeCode}`], 'office'] : p.kind === 'agency' ? [[`agency:${p.agencyCode}`], 'inbox'] : [['all'], 'all'];
    ctx.note({ target: keys[0]! });
    const res = ctx.reply.raw;
    ctx.reply.hijack();
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      'X-Request-Id': ctx.requestId,
    });
    // A hint racing the client's disconnect must not write to a closed socket.
    const write = (chunk: string) => {
      if (!res.destroyed && !res.writableEnded) res.write(chunk);
    };
    res.on('error', () => undefined);
    const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send(SSE_EVENTS.ready, { scope });
    const unsubscribe = deps.hub.subscribe(keys, (hint: SseChanged) => send(SSE_EVENTS.changed, hint));
    const ping = setInterval(() => write(': ping\n\n'), deps.config.sseHeartbeatMs);
    ping.unref();
    ctx.req.raw.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      release();
    });
    // The reply was hijacked, so onResponse never runs: log the subscription now.
    await writeMessageLog(deps, ctx.req, 200);
    return SENT;
  });
}
