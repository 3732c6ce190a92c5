import { scanFailure } from '../failure';
import { parseCapabilities, parseStatus, scanSettingsXml, type EsclCapabilities, type EsclSettings, type EsclStatus } from './esclXml';

export type EsclClientOptions = {
  /** The scanner's eSCL root, e.g. `http://192.168.1.20/eSCL`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Injected for tests: waits and jitter. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Give up on a busy scanner (503/409) after waiting this long in total. */
  maxBusyWaitMs?: number;
  /** One HTTP request may take this long (a page at 600 dpi over Wi-Fi takes seconds). */
  requestTimeoutMs?: number;
};

export type EsclDocument = { bytes: Buffer; contentType: string };

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A small eSCL client (HTTP + XML, no driver): ScannerCapabilities, ScannerStatus, ScanJobs POST
 * → Location, NextDocument until 404, DELETE to cancel. A busy scanner (503, or 409 while another
 * job runs) is retried here, in one layer, with capped exponential backoff and jitter; everything
 * else maps to a scanning error code with the clerk's sentence.
 */
export function createEsclClient(o: EsclClientOptions) {
  const base = o.baseUrl.replace(/\/+$/, '');
  const doFetch = o.fetch ?? fetch;
  const sleep = o.sleep ?? defaultSleep;
  const random = o.random ?? Math.random;
  const maxBusyWait = o.maxBusyWaitMs ?? 60_000;

  const request = async (url: string, init: RequestInit = {}, signal?: AbortSignal): Promise<Response> => {
    const timeout = AbortSignal.timeout(o.requestTimeoutMs ?? 60_000);
    try {
      return await doFetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (e) {
      if (signal?.aborted) throw e;
      if ((e as Error).name === 'TimeoutError') throw scanFailure('SCAN_TIMEOUT', new URL(url).host);
      throw scanFailure('SCANNER_NOT_FOUND', new URL(url).host);
    }
  };

  /** Retries while `busy(res)` says so, waiting 0.5 s, 1 s, 2 s … (max 8 s) ± jitter, up to maxBusyWait. */
  const whileBusy = async (attempt: () => Promise<Response>, busy: (r: Response) => Promise<boolean>): Promise<Response> => {
    let waited = 0;
    for (let i = 0; ; i++) {
      const res = await attempt();
      if (!(await busy(res))) return res;
      await res.body?.cancel().catch(() => undefined);
      const step = Math.min(8000, 500 * 2 ** i);
      const delay = Math.round(step / 2 + random() * (step / 2));
      if (waited + delay > maxBusyWait) throw scanFailure('SCANNER_BUSY');
      waited += delay;
      await sleep(delay);
    }
  };

  const client = {
    async capabilities(signal?: AbortSignal): Promise<EsclCapabilities> {
      const res = await request(`${base}/ScannerCapabilities`, {}, signal);
      if (!res.ok) throw scanFailure('SCANNER_NOT_FOUND', `HTTP ${res.status}`);
      try {
        return parseCapabilities(await res.text());
      } catch {
        throw scanFailure('SCANNER_IO', '掃描器回應格式不正確');
      }
    },

    async status(signal?: AbortSignal): Promise<EsclStatus> {
      const res = await request(`${base}/ScannerStatus`, {}, signal);
      if (!res.ok) throw scanFailure('SCANNER_IO', `HTTP ${res.status}`);
      try {
        return parseStatus(await res.text());
      } catch {
        throw scanFailure('SCANNER_IO', '掃描器回應格式不正確');
      }
    },

    /** Starts a job; resolves with its absolute URL (from the Location header). */
    async createJob(settings: EsclSettings, signal?: AbortSignal): Promise<string> {
      const body = scanSettingsXml(settings);
      const res = await whileBusy(
        () => request(`${base}/ScanJobs`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body }, signal),
        async (r) => {
          if (r.status === 503) return true;
          if (r.status !== 409) return false;
          // 409 means "not now": an empty feeder will not fix itself, a running job will.
          const s = await client.status(signal).catch(() => null);
          if (s?.adfState === 'ScannerAdfEmpty' && settings.source === 'Feeder') throw scanFailure('ADF_EMPTY');
          if (s?.adfState === 'ScannerAdfJam') throw scanFailure('PAPER_JAM');
          return true;
        },
      );
      if (res.status !== 201) {
        await res.body?.cancel().catch(() => undefined);
        if (res.status === 400) throw scanFailure('SCANNER_OPTION_UNSUPPORTED', `HTTP ${res.status}`);
        throw scanFailure('SCANNER_IO', `HTTP ${res.status}`);
      }
      const location = res.headers.get('location');
      if (!location) throw scanFailure('SCANNER_IO', '掃描器沒有回傳工作位址');
      return new URL(location, `${base}/`).toString().replace(/\/+$/, '');
    },

    /** The next page of a job, or null at the end of the job (404). 503 = not ready yet: wait. */
    async nextDocument(jobUrl: string, signal?: AbortSignal): Promise<EsclDocument | null> {
      const res = await whileBusy(
        () => request(`${jobUrl}/NextDocument`, {}, signal),
        async (r) => r.status === 503,
      );
      if (res.status === 404) {
        await res.body?.cancel().catch(() => undefined);
        return null;
      }
      if (res.status === 410) throw scanFailure('SCANNER_IO', '掃描工作已被掃描器中止');
      if (!res.ok) throw scanFailure('SCANNER_IO', `HTTP ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      return { bytes, contentType: res.headers.get('content-type') ?? '' };
    },

    async cancelJob(jobUrl: string): Promise<void> {
      await request(jobUrl, { method: 'DELETE' }).then((r) => r.body?.cancel(), () => undefined);
    },
  };
  return client;
}
export type EsclClient = ReturnType<typeof createEsclClient>;
