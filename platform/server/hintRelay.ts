import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { SseChanged } from '../../shared/platform/events';
import { z } from '../../shared/zod';
import type { Hub } from './hub';

/** The PostgreSQL channel every node of one database listens on. */
export const HINT_CHANNEL = 'nin1_hints';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; keys are split over several below that. */
const MAX_PAYLOAD = 7000;

/** What travels between nodes: the raising node (so it skips its own), the hub keys and the hint. */
const RelayedHint = z.object({ o: z.string(), k: z.array(z.string()).min(1), h: SseChanged });
type RelayedHint = z.infer<typeof RelayedHint>;

export type HintRelay = {
  /** Resolves once this node listens (again): for tests and for the start, which must not hang on it. */
  listening(): Promise<void>;
  close(): Promise<void>;
};

/** One hint as one or more NOTIFY payloads, each under PostgreSQL's size limit. */
export function relayPayloads(origin: string, keys: readonly string[], hint: SseChanged): string[] {
  const out: string[] = [];
  let chunk: string[] = [];
  const encode = (k: string[]) => JSON.stringify({ o: origin, k, h: hint } satisfies RelayedHint);
  for (const key of keys) {
    if (chunk.length > 0 && encode([...chunk, key]).length > MAX_PAYLOAD) {
      out.push(encode(chunk));
      chunk = [];
    }
    chunk.push(key);
  }
  if (chunk.length > 0) out.push(encode(chunk));
  return out;
}

/**
 * Relays SSE hints between the nodes of one PostgreSQL database (issue 14 §4): every hint this
 * node publishes is NOTIFYed on HINT_CHANNEL, and every hint another node NOTIFYs is delivered to
 * this node's streams. One dedicated connection (not a pool client: LISTEN belongs to a session),
 * reconnected with a doubling delay when it drops; hints raised meanwhile are lost, which costs
 * clients nothing but a poll interval (they are hints, never data). NOTIFY is sent after the
 * writer's commit (the routes publish after the store returns), so a client that pulls on the hint
 * finds the change.
 */
export function startPgHintRelay(opts: { url: string; hub: Hub; logger: Logger; maxBackoffMs?: number }): HintRelay {
  const origin = randomUUID();
  const maxBackoff = opts.maxBackoffMs ?? 5000;
  let client: pg.Client | null = null;
  let closed = false;
  let backoff = 100;
  let retry: NodeJS.Timeout | null = null;
  let ready!: Promise<void>;
  let markReady!: () => void;
  const resetReady = () => {
    ready = new Promise<void>((r) => (markReady = r));
  };
  resetReady();

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== HINT_CHANNEL || !msg.payload) return;
    let parsed: RelayedHint;
    try {
      parsed = RelayedHint.parse(JSON.parse(msg.payload));
    } catch {
      opts.logger.warn('malformed hint on the relay channel ignored');
      return;
    }
    if (parsed.o !== origin) opts.hub.deliver(parsed.k, parsed.h);
  };

  const lost = (c: pg.Client, why: string) => {
    if (client !== c) return; // an old connection's late event
    client = null;
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    if (closed) return;
    resetReady();
    opts.logger.warn({ why, retryMs: backoff }, 'hint relay connection lost; reconnecting');
    schedule();
  };

  const connect = async () => {
    retry = null;
    const c = new pg.Client({ connectionString: opts.url });
    // Without an 'error' listener a dropped connection would be an uncaught exception (the node would exit).
    c.on('error', (e) => lost(c, e.message));
    c.on('end', () => lost(c, 'connection ended'));
    c.on('notification', onNotification);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${HINT_CHANNEL}`);
      if (closed) return void (await c.end());
      backoff = 100;
      markReady();
    } catch (e) {
      lost(c, (e as Error).message);
    }
  };

  const schedule = () => {
    retry = setTimeout(() => void connect(), backoff);
    retry.unref();
    backoff = Math.min(maxBackoff, backoff * 2);
  };

  opts.hub.relayTo((keys, hint) => {
    const c = client;
    if (!c) return; // reconnecting: the other nodes' clients poll
    for (const payload of relayPayloads(origin, keys, hint)) {
      c.query('SELECT pg_notify($1, $2)', [HINT_CHANNEL, payload]).catch((e: Error) => opts.logger.warn({ err: e.message }, 'hint not relayed'));
    }
  });
  void connect();

  return {
    listening: () => ready,
    async close() {
      closed = true;
      opts.hub.relayTo(null);
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
