import { v7 as uuidv7 } from 'uuid';
import { endpointPath, endpoints, type EndpointName, type EndpointRequest, type EndpointResponse } from '../../../shared/platform/endpoints';
import { ErrorBody } from '../../../shared/platform/wire';
import { formatIssuePath, type z } from '../../../shared/zod';
import type { Logger } from '../logging/logger';
import { fetchTrustingCaFile } from './caFetch';
import { PlatformError } from './errors';
import { describeNetworkError } from './networkError';
import { platformUrlProblem } from './secureUrl';

export type PlatformClientOptions = {
  /** e.g. `http://127.0.0.1:8787` or `https://nin1.kcg.gov.tw` (no trailing path). */
  baseUrl: string;
  /** Bearer token, or a getter so a re-enrolment is picked up without rebuilding the client. */
  token?: string | null | (() => string | null);
  /** Whole-request budget (connect, headers and body); default 10 s. */
  timeoutMs?: number;
  logger?: Logger;
  /** Injected in tests; the global fetch (undici) otherwise. */
  fetch?: typeof fetch;
  /** PEM file of the CA that signed the platform's certificate (policy `platform.caFile`); trusted instead of the public roots. */
  caFile?: string;
};

export type CallOptions = {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** false: the caller has already checked each part against the table (the sync engine checks every envelope). */
  validateRequest?: boolean;
  /** A raw request body, for endpoints that `consume` bytes (an evidence chunk), with its extra headers (Content-Range). */
  raw?: { bytes: Uint8Array; headers?: Record<string, string> };
};

type Defined<T> = { [P in keyof T as T[P] extends undefined ? never : P]: T[P] };
/** What a call passes: only the parts (params, query, body) endpoint K declares. */
export type CallArgs<K extends EndpointName> = Defined<EndpointRequest<K>>;
/** Endpoints answering JSON (the SSE and download routes are opened as streams instead). */
export type JsonEndpoint = Exclude<EndpointName, 'events' | DownloadEndpoint>;
/** Endpoints answering with file bytes. */
export type DownloadEndpoint = 'downloadBatch' | 'downloadEvidence';

export type PlatformClient = {
  readonly baseUrl: string;
  call<K extends JsonEndpoint>(name: K, args: CallArgs<K>, options?: CallOptions): Promise<EndpointResponse<K>>;
  /** A file download: the bytes as received and the answer's headers (the caller checks X-Content-SHA256). */
  download<K extends DownloadEndpoint>(name: K, args: CallArgs<K>, options?: CallOptions): Promise<{ bytes: Buffer; headers: Headers }>;
  /** Opens a streaming endpoint; the timeout covers the answer's headers only. */
  stream(name: 'events', options: { signal: AbortSignal; timeoutMs?: number }): Promise<Response>;
};

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The counter's typed client for the county platform, built from the shared endpoint table: path,
 * method and schemas come from `endpoints`, so a renamed route or changed shape is a compile error
 * here, not a 404 in production. Every request carries the bearer token and an `X-Request-Id`
 * (UUIDv7, logged on both sides); every answer is checked against the table's schema, so a body of
 * the wrong shape is a typed, retryable error rather than a crash deeper in the engine.
 */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const urlProblem = platformUrlProblem(baseUrl);
  let transport: typeof fetch | null = null;
  /**
   * The transport, or why there is none: a URL that is not https (outside loopback) or an unreadable
   * CA file is refused before any byte leaves, on every call, so the engine shows it and sends nothing.
   */
  const doFetch = (): typeof fetch => {
    if (urlProblem) throw new PlatformError('config', urlProblem.code, urlProblem.message);
    transport ??= options.fetch ?? (options.caFile ? fetchTrustingCaFile(options.caFile) : fetch);
    return transport;
  };
  const log = options.logger?.child({ module: 'platform-client' });
  const tokenOf = (): string | null => (typeof options.token === 'function' ? options.token() : (options.token ?? null));

  /** Runs `work` under a timeout that also ends when the caller's signal does, and says which fired. */
  async function withDeadline<T>(timeoutMs: number, outer: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onOuterAbort = () => controller.abort();
    if (outer?.aborted) controller.abort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      return await work(controller.signal);
    } catch (e) {
      if (e instanceof PlatformError) throw e;
      if (timedOut) throw new PlatformError('timeout', 'PLATFORM_TIMEOUT', `平台在 ${timeoutMs / 1000} 秒內沒有完整回應`);
      if (outer?.aborted) throw new PlatformError('cancelled', 'SYNC_CANCELLED', '同步已取消');
      throw new PlatformError('network', 'PLATFORM_UNREACHABLE', `無法連線到平台（${baseUrl}）：${describeNetworkError(e)}`);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  }

  function headers(requestId: string, json: boolean): Record<string, string> {
    const h: Record<string, string> = { accept: json ? 'application/json' : 'text/event-stream', 'x-request-id': requestId };
    const token = tokenOf();
    if (token) h.authorization = `Bearer ${token}`;
    if (json) h['content-type'] = 'application/json';
    return h;
  }

  /**
   * A redirect is never followed: the token and citizens' data would go wherever the answer says —
   * from an https platform to plain http, or to another host. `manual` (not `error`) so that both
   * transports (fetch, and node:https for platform.caFile, which never follows) end here with the
   * same typed error naming the target, instead of a bare "fetch failed".
   */
  function refuseRedirect(res: Response, requestId: string): void {
    if (res.status < 300 || res.status > 399) return;
    void res.body?.cancel().catch(() => undefined);
    const to = res.headers.get('location') ?? '（未指明）';
    throw new PlatformError('config', 'PLATFORM_REDIRECT_REFUSED',
      `平台位址（${baseUrl}）回應轉址到「${to}」，為保護憑證與個人資料不跟隨轉址；請資訊人員將平台網址設為實際位址`, res.status, requestId);
  }

  /** A non-2xx answer as a typed error: the platform's own code and zh-TW message when it sent one. */
  function httpError(status: number, text: string, requestId: string): PlatformError {
    let body: z.infer<typeof ErrorBody> | null = null;
    try {
      const parsed = ErrorBody.safeParse(JSON.parse(text));
      if (parsed.success) body = parsed.data;
    } catch {
      // not JSON: fall through to the generic message
    }
    const code = body?.error.code ?? `PLATFORM_HTTP_${status}`;
    const message = body ? `${body.error.message}（平台 ${code}）` : `平台回應錯誤（HTTP ${status}）`;
    return new PlatformError(status === 401 ? 'auth' : 'http', code, message, status, requestId, body?.error.path ?? null);
  }

  const checkPart = (name: string, part: string, schema: z.ZodType | undefined, value: unknown): void => {
    if (!schema) return;
    const r = schema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new PlatformError('request-invalid', 'PLATFORM_REQUEST_INVALID', `送往平台的資料不正確（${name} ${part}.${formatIssuePath(issue.path)}：${issue.message}）`);
    }
  };

  return {
    baseUrl,

    async call(name, args, callOptions = {}) {
      const send = doFetch();
      const spec = endpoints[name];
      const a = args as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
      const parts = spec as { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
      if (callOptions.validateRequest !== false) {
        checkPart(name, 'params', parts.params, a.params);
        checkPart(name, 'query', parts.query, a.query ?? {});
        checkPart(name, 'body', parts.body, a.body);
      }
      const url = baseUrl + endpointPath(spec.path, a.params, a.query);
      const requestId = uuidv7();
      const timeoutMs = callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const started = performance.now();
      try {
        const { status, text } = await withDeadline(timeoutMs, callOptions.signal, async (signal) => {
          const raw = callOptions.raw;
          const res = await send(url, {
            method: spec.method,
            headers: raw ? { ...headers(requestId, true), 'content-type': 'application/octet-stream', ...raw.headers } : headers(requestId, true),
            body: raw ? new Uint8Array(raw.bytes) : a.body === undefined ? undefined : JSON.stringify(a.body),
            signal,
            redirect: 'manual',
          });
          refuseRedirect(res, requestId);
          // Read the body inside the deadline: a server that sends headers and then stalls is a timeout too.
          return { status: res.status, text: await res.text() };
        });
        if (status < 200 || status > 299) throw httpError(status, text, requestId);
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw new PlatformError('invalid-json', 'PLATFORM_INVALID_JSON', `平台回應不是有效的 JSON（HTTP ${status}）`, status, requestId);
        }
        const parsed = spec.response.safeParse(json);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new PlatformError('wrong-shape', 'PLATFORM_WRONG_SHAPE',
            `平台回應的資料格式不符（${formatIssuePath(issue.path) || '回應'}：${issue.message}）`, status, requestId);
        }
        log?.debug({ endpoint: name, status, ms: Math.round(performance.now() - started), requestId }, 'platform call');
        return parsed.data as EndpointResponse<typeof name>;
      } catch (e) {
        const pe = e as PlatformError;
        log?.info({ endpoint: name, kind: pe.kind, code: pe.error.code, status: pe.status, ms: Math.round(performance.now() - started), requestId }, 'platform call failed');
        throw e;
      }
    },

    async download(name, args, callOptions = {}) {
      const send = doFetch();
      const spec = endpoints[name];
      const a = args as { params?: Record<string, string>; query?: Record<string, unknown> };
      const url = baseUrl + endpointPath(spec.path, a.params, a.query);
      const requestId = uuidv7();
      const out = await withDeadline(callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS, callOptions.signal, async (signal) => {
        const res = await send(url, { method: spec.method, headers: { ...headers(requestId, false), accept: '*/*' }, signal, redirect: 'manual' });
        refuseRedirect(res, requestId);
        if (!res.ok) throw httpError(res.status, await res.text(), requestId);
        return { bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
      });
      log?.debug({ endpoint: name, bytes: out.bytes.length, requestId }, 'platform download');
      return out;
    },

    async stream(name, streamOptions) {
      const send = doFetch();
      const spec = endpoints[name];
      const requestId = uuidv7();
      const timeoutMs = streamOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      // The deadline covers the headers only; the caller owns the open body and its signal.
      const res = await withDeadline(timeoutMs, streamOptions.signal, async (headerSignal) => {
        const relay = new AbortController();
        const abort = () => relay.abort();
        headerSignal.addEventListener('abort', abort, { once: true });
        streamOptions.signal.addEventListener('abort', abort, { once: true });
        try {
          const res = await send(baseUrl + endpointPath(spec.path), { method: spec.method, headers: headers(requestId, false), signal: relay.signal, redirect: 'manual' });
          refuseRedirect(res, requestId);
          return res;
        } finally {
          headerSignal.removeEventListener('abort', abort);
        }
      });
      if (!res.ok) throw httpError(res.status, await res.text().catch(() => ''), requestId);
      return res;
    },
  };
}
