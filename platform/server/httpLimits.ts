/**
 * Socket-level limits of the platform's HTTP server (issue 13 finding 2). Without them a caller that
 * sends headers and then one body byte every few seconds holds a socket (and a parser) forever; a
 * few thousand such sockets starve the counters. Every value can be set by the operator; a malformed
 * one stops the start with a zh-TW message rather than silently running without the limit.
 *
 *   NIN1_HTTP_HEADERS_TIMEOUT_MS   whole header block must arrive within          (default 10 s)
 *   NIN1_HTTP_REQUEST_TIMEOUT_MS   whole request (headers + body) must arrive     (default 30 s)
 *   NIN1_HTTP_IDLE_TIMEOUT_MS      a socket with no traffic at all is closed      (default 75 s; > the SSE ping, > keep-alive)
 *   NIN1_HTTP_KEEPALIVE_TIMEOUT_MS an idle keep-alive socket between requests    (default 65 s)
 *
 * Keep-alive stays above a reverse proxy's usual 60 s upstream idle time and above a counter's pauses
 * between syncs: a server that closes a pooled socket first makes the next request on it fail with a
 * reset (seen as 連線被中斷 when a client reuses a socket the platform had just closed). Slow clients
 * are cut by the header and request deadlines, not by keep-alive; open sockets are capped.
 *   NIN1_HTTP_MAX_CONNECTIONS      open sockets at once; more are dropped         (default 2000)
 */
export type HttpLimits = {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
};

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 75_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 2000,
};

const ENV: Record<keyof HttpLimits, string> = {
  headersTimeoutMs: 'NIN1_HTTP_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'NIN1_HTTP_REQUEST_TIMEOUT_MS',
  idleTimeoutMs: 'NIN1_HTTP_IDLE_TIMEOUT_MS',
  keepAliveTimeoutMs: 'NIN1_HTTP_KEEPALIVE_TIMEOUT_MS',
  maxConnections: 'NIN1_HTTP_MAX_CONNECTIONS',
};

export function httpLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpLimits {
  const out = { ...DEFAULT_HTTP_LIMITS };
  for (const key of Object.keys(ENV) as (keyof HttpLimits)[]) {
    const raw = env[ENV[key]]?.trim();
    if (!raw) continue;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw new Error(`環境變數 ${ENV[key]}「${raw}」格式不正確，應為正整數`);
    out[key] = Number(raw);
  }
  if (out.headersTimeoutMs > out.requestTimeoutMs) throw new Error(`${ENV.headersTimeoutMs} 不可大於 ${ENV.requestTimeoutMs}`);
  return out;
}

/**
 * The Fastify (and node:http) options these limits become. Node checks the header and request
 * deadlines on a timer (30 s by default), so that timer follows the shortest deadline: otherwise a
 * 2 s deadline would be enforced after up to 30 s.
 */
export function serverOptions(l: HttpLimits) {
  return {
    connectionTimeout: l.idleTimeoutMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    http: {
      headersTimeout: l.headersTimeoutMs,
      requestTimeout: l.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(l.headersTimeoutMs / 4))),
    },
  };
}
