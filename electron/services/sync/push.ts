import { SSE_EVENTS, SSE_PING_MS, SseChanged } from '../../../shared/platform/events';
import type { Logger } from '../logging/logger';
import type { PlatformClient } from '../platform-client/client';
import { isPlatformError } from '../platform-client/errors';
import { readSse } from '../platform-client/sse';
import { backoffDelay, type BackoffPolicy } from './backoff';

export type PushOptions = {
  client: PlatformClient;
  logger: Logger;
  backoff: BackoffPolicy;
  /** "Pull now": a `changed` hint for this office, or a (re)connection (changes may have been missed). */
  onHint(reason: string): void;
  onConnected(connected: boolean): void;
  signal: AbortSignal;
};

/** No byte for this long (the platform pings every 15 s) means the connection is dead though open. */
const SILENCE_MS = SSE_PING_MS * 2 + 5_000;

/**
 * Keeps the push channel (`GET /v1/events`) open while the engine runs. It is only a hint: every
 * message just says "pull now", data never comes from here, and when it is down the engine polls.
 * Reconnects with backoff; a dead-but-open connection is noticed by its silence.
 */
export async function runPushChannel(o: PushOptions): Promise<void> {
  const log = o.logger.child({ module: 'sync-push' });
  let failures = 0;
  while (!o.signal.aborted) {
    const conn = new AbortController();
    const stopConn = () => conn.abort();
    o.signal.addEventListener('abort', stopConn, { once: true });
    let watchdog: NodeJS.Timeout | undefined;
    const feed = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => conn.abort(), SILENCE_MS);
    };
    try {
      const res = await o.client.stream('events', { signal: conn.signal });
      if (!res.body) throw new Error('empty event stream');
      feed();
      for await (const msg of readSse(res.body)) {
        feed();
        if (msg.event === SSE_EVENTS.ready) {
          failures = 0;
          o.onConnected(true);
          o.onHint('push connected');
        } else if (msg.event === SSE_EVENTS.changed) {
          const hint = safeJson(msg.data);
          const parsed = SseChanged.safeParse(hint);
          if (!parsed.success || parsed.data.scope === 'office' || parsed.data.scope === 'all') o.onHint('push changed');
        }
      }
      log.info({ action: 'reconnect', reason: 'stream ended' }, 'push channel closed');
    } catch (e) {
      if (o.signal.aborted) break;
      const why = isPlatformError(e) ? e.error.code : conn.signal.aborted ? 'silence' : 'stream error';
      log.info({ action: 'reconnect', reason: why }, 'push channel down');
    } finally {
      clearTimeout(watchdog);
      o.signal.removeEventListener('abort', stopConn);
      conn.abort();
      o.onConnected(false);
    }
    failures++;
    await sleep(backoffDelay(failures, { ...o.backoff, maxMs: Math.min(o.backoff.maxMs, 60_000) }), o.signal);
  }
}

const safeJson = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
};

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
