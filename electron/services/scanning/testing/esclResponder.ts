// A small eSCL (AirScan) scanner for tests: real HTTP on 127.0.0.1 that serves real image files and
// answers with the status codes of the Mopria eSCL specification — 201 + Location for a new job,
// 503 while busy (or a page is not ready), 409 when a job cannot start, 404 at the end of a job,
// 410 for a cancelled job.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ResponderPage = { bytes: Buffer; contentType: 'image/jpeg' | 'image/png' | 'application/pdf' };

export type ResponderOptions = {
  /** What the feeder (or the glass: first page only) holds. */
  pages: ResponderPage[];
  makeAndModel?: string;
  formats?: string[];
  /** The first N job requests are answered 503 (scanner busy, e.g. warming up). */
  busyOnCreate?: number;
  /** The first N job requests are answered 409 while the status says Processing (another job). */
  conflictOnCreate?: number;
  /** Each NextDocument is answered 503 this many times before the page is ready. */
  notReadyPerPage?: number;
  /** The feeder jams after delivering this many pages: the job ends (404), the status says so. */
  jamAfter?: number;
};

export type EsclResponder = {
  /** The eSCL root, e.g. http://127.0.0.1:PORT/eSCL */
  url: string;
  /** `METHOD path → status`, in order. */
  log: string[];
  /** Settings bodies of the job requests. */
  jobSettings: string[];
  close(): Promise<void>;
};

const NS = 'xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm" xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03"';

const inputCaps = (tag: string, formats: string[]) => `<scan:${tag}>
  <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth><scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>
  <scan:SettingProfiles><scan:SettingProfile>
    <scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
    <scan:DocumentFormats>${formats.map((f) => `<pwg:DocumentFormat>${f}</pwg:DocumentFormat>`).join('')}${formats.map((f) => `<scan:DocumentFormatExt>${f}</scan:DocumentFormatExt>`).join('')}</scan:DocumentFormats>
    <scan:SupportedResolutions><scan:DiscreteResolutions>${[150, 200, 300]
      .map((r) => `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`)
      .join('')}</scan:DiscreteResolutions></scan:SupportedResolutions>
  </scan:SettingProfile></scan:SettingProfiles>
</scan:${tag}>`;

export async function startEsclResponder(o: ResponderOptions): Promise<EsclResponder> {
  const formats = o.formats ?? ['image/jpeg', 'application/pdf'];
  const log: string[] = [];
  const jobSettings: string[] = [];
  let busy = o.busyOnCreate ?? 0;
  let conflict = o.conflictOnCreate ?? 0;
  let fed = 0; // sheets taken from the feeder so far
  let jammed = false;
  const jobs = new Map<string, { pages: ResponderPage[]; next: number; notReady: number; cancelled: boolean }>();

  const capabilities = `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities ${NS}>
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>${o.makeAndModel ?? 'Test eSCL Scanner'}</pwg:MakeAndModel>
  <scan:Platen>${inputCaps('PlatenInputCaps', formats)}</scan:Platen>
  <scan:Adf>${inputCaps('AdfSimplexInputCaps', formats)}${inputCaps('AdfDuplexInputCaps', formats)}<scan:FeederCapacity>50</scan:FeederCapacity></scan:Adf>
</scan:ScannerCapabilities>`;

  const status = () => {
    const adf = jammed ? 'ScannerAdfJam' : fed >= o.pages.length ? 'ScannerAdfEmpty' : 'ScannerAdfLoaded';
    const state = conflict > 0 || [...jobs.values()].some((j) => !j.cancelled && j.next < j.pages.length) ? 'Processing' : 'Idle';
    return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus ${NS}><pwg:Version>2.63</pwg:Version><pwg:State>${state}</pwg:State><scan:AdfState>${adf}</scan:AdfState></scan:ScannerStatus>`;
  };

  const send = (res: ServerResponse, req: IncomingMessage, code: number, body: string | Buffer = '', headers: Record<string, string> = {}) => {
    log.push(`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname} → ${code}`);
    res.writeHead(code, headers);
    res.end(body);
  };

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities') return send(res, req, 200, capabilities, { 'content-type': 'text/xml' });
      if (req.method === 'GET' && path === '/eSCL/ScannerStatus') return send(res, req, 200, status(), { 'content-type': 'text/xml' });
      if (req.method === 'POST' && path === '/eSCL/ScanJobs') {
        jobSettings.push(body);
        if (busy > 0) {
          busy--;
          return send(res, req, 503, '', { 'retry-after': '1' });
        }
        if (conflict > 0) {
          conflict--;
          return send(res, req, 409);
        }
        const feeder = body.includes('<pwg:InputSource>Feeder</pwg:InputSource>');
        if (feeder && fed >= o.pages.length) return send(res, req, 409); // nothing in the feeder
        const limit = o.jamAfter ?? Infinity;
        const pages = feeder ? o.pages.slice(fed, Math.min(o.pages.length, fed + limit)) : o.pages.slice(0, 1);
        if (feeder) {
          fed += pages.length;
          jammed = o.jamAfter !== undefined && fed < o.pages.length;
        }
        const id = randomUUID();
        jobs.set(id, { pages, next: 0, notReady: o.notReadyPerPage ?? 0, cancelled: false });
        return send(res, req, 201, '', { location: `/eSCL/ScanJobs/${id}` });
      }
      const m = /^\/eSCL\/ScanJobs\/([0-9a-f-]+)(\/NextDocument)?$/.exec(path);
      const job = m ? jobs.get(m[1]!) : undefined;
      if (m && !job) return send(res, req, 404);
      if (job && req.method === 'DELETE' && !m![2]) {
        job.cancelled = true;
        return send(res, req, 200);
      }
      if (job && req.method === 'GET' && m![2]) {
        if (job.cancelled) return send(res, req, 410);
        if (job.next >= job.pages.length) return send(res, req, 404); // end of job
        if (job.notReady > 0) {
          job.notReady--;
          return send(res, req, 503, '', { 'retry-after': '1' });
        }
        const page = job.pages[job.next++]!;
        job.notReady = o.notReadyPerPage ?? 0;
        return send(res, req, 200, page.bytes, { 'content-type': page.contentType });
      }
      send(res, req, 404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/eSCL`,
    log,
    jobSettings,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
