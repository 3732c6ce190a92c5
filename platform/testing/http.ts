import { endpointPath, endpoints, type EndpointName, type EndpointRequest, type EndpointResponse } from '../../shared/platform/endpoints';
import type { ErrorBody } from '../../shared/platform/wire';

export type HttpResult<T = unknown> = { status: number; body: T; headers: Headers };

/**
 * Test-side HTTP calls built from the endpoint table (path, method), over real loopback HTTP.
 * Deliberately minimal: the counter's platform client is its own module; tests must also be able to
 * send what no well-behaved client would (bad JSON, wrong content type, huge bodies).
 */
export function httpClient(baseUrl: string) {
  async function raw(method: string, path: string, init: { token?: string | null; body?: string | Buffer; contentType?: string; headers?: Record<string, string> } = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
    const body = typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body);
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // non-JSON answers (downloads) stay text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async function call<K extends EndpointName>(name: K, req: Partial<EndpointRequest<K>>, token?: string | null, headers?: Record<string, string>): Promise<HttpResult<EndpointResponse<K> & Partial<ErrorBody>>> {
    const e = endpoints[name];
    const path = endpointPath(e.path, (req.params ?? {}) as Record<string, string>, (req.query ?? {}) as Record<string, unknown>);
    return (await raw(e.method, path, { token: token ?? null, ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}), ...(headers ? { headers } : {}) })) as HttpResult<EndpointResponse<K> & Partial<ErrorBody>>;
  }

  return { raw, call };
}
export type HttpClient = ReturnType<typeof httpClient>;
