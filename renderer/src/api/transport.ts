import type { Transport } from '../../../shared/contract/define';
import type { Result } from '../../../shared/result';
import { takeLaunchToken } from './launchToken';

export type TransportKind = 'electron' | 'browser-host';

const networkError = (message: string): Result<never> => ({ ok: false, error: { code: 'NETWORK', message } });

/** Loopback HTTP to the browser host: POST /api/<method>, launch token + session in headers. */
export function browserHostTransport(launchToken: string | null): Transport {
  return async (method, input, session) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (launchToken) headers.Authorization = `Bearer ${launchToken}`;
    if (session) headers['X-Session'] = session;
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(method)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    } catch {
      return networkError('無法連線到臨櫃服務，請確認程式仍在執行後再試一次。');
    }
    try {
      const body = (await response.json()) as Result<unknown>;
      if (body && typeof body === 'object' && 'ok' in body) return body;
    } catch {
      // fall through: not our JSON
    }
    return networkError(`臨櫃服務回應異常（HTTP ${response.status}），請稍後再試或聯絡資訊人員。`);
  };
}

/** Electron (preload bridge) when present, else the browser host. Decided once at startup. */
export function pickTransport(): { kind: TransportKind; transport: Transport } {
  const bridge = window.nin1;
  if (bridge && typeof bridge.invoke === 'function') {
    return { kind: 'electron', transport: (method, input, session) => bridge.invoke(method, input, session) };
  }
  return { kind: 'browser-host', transport: browserHostTransport(takeLaunchToken()) };
}
