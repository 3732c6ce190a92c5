import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseEvidence } from '../../consent/status';
import type { Actor, ServiceContext } from '../../context';
import { makeContext, moveDraft, seedClerk, tempDir } from '../../testing/fixtures';
import { until } from '../../testing/syncFixtures';
import type { ScannedPage, ScanSink } from '../backend';
import { createScanningRuntime } from '../runtime';
import { startEsclResponder, type EsclResponder, type ResponderPage } from '../testing/esclResponder';
import { blankPage, degrade, hasBinary, printedCases, rasterizePdf, scanningClerk } from '../testing/scanFixtures';
import { createEsclBackend } from './esclBackend';
import { createEsclClient } from './esclClient';

const POPPLER = hasBinary('pdftoppm');
if (!POPPLER) console.warn('escl.test: poppler-utils (pdftoppm) not found: skipping (the responder serves rasterised forms)');
const withPoppler = POPPLER ? describe : describe.skip;

const tmp = tempDir('nin1-escl-');
afterAll(() => tmp.cleanup());

let ctx: ServiceContext;
let scanner: Actor;
let forms: { caseNo: string; jpeg: Buffer[] }[] = [];
let responder: EsclResponder | null = null;
afterEach(async () => {
  await responder?.close();
  responder = null;
});

/** Waits are recorded, not slept: backoff without slowing the suite. */
const fastClient = (waits: number[]) => ({ sleep: async (ms: number) => void waits.push(ms), random: () => 0.5, maxBusyWaitMs: 20_000 });

const collect = (): ScanSink & { pages: ScannedPage[] } => {
  const pages: ScannedPage[] = [];
  return { pages, page: async (p) => void pages.push(p), progress: () => undefined, problem: () => undefined, settle: async () => undefined };
};
const request = (source: 'adf' | 'flatbed', n: number) => ({ source, resolution: 200, colorMode: 'gray' as const, duplex: false, expectedPages: null, workDir: tmp.file(`work-${n}`), batchId: n });
const jpegPage = (bytes: Buffer): ResponderPage => ({ bytes, contentType: 'image/jpeg' });

beforeAll(async () => {
  ctx = makeContext(tmp.file('counter.sqlite'));
  scanner = await scanningClerk(ctx);
  if (!POPPLER) return;
  const printed = await printedCases(ctx, seedClerk(ctx), [moveDraft(), moveDraft()]);
  forms = await Promise.all(printed.map(async (c) => ({ caseNo: c.caseNo, jpeg: await Promise.all(rasterizePdf(c.pdf, 200).map((p) => degrade(p, { format: 'jpeg', noise: 6 }))) })));
});

describe('eSCL client against the in-suite responder', () => {
  it('reads capabilities and status', async () => {
    responder = await startEsclResponder({ pages: [jpegPage(await blankPage(100))], makeAndModel: 'Brother ADS-4300N' });
    const client = createEsclClient({ baseUrl: responder.url });
    const caps = await client.capabilities();
    expect(caps.makeAndModel).toBe('Brother ADS-4300N');
    expect(caps.adfDuplex?.resolutions).toEqual([150, 200, 300]);
    expect(caps.platen?.colorModes).toContain('Grayscale8');
    expect(await client.status()).toEqual({ state: 'Idle', adfState: 'ScannerAdfLoaded' });
  });

  it('retries a busy scanner (503, then 409 while another job runs) with growing waits, then scans', async () => {
    responder = await startEsclResponder({ pages: [jpegPage(await blankPage(100)), jpegPage(await blankPage(100))], busyOnCreate: 2, conflictOnCreate: 1, notReadyPerPage: 2 });
    const waits: number[] = [];
    const sink = collect();
    const backend = createEsclBackend({ urls: () => [responder!.url], client: fastClient(waits) });
    const outcome = await backend.scan(`escl:${responder.url}`, request('adf', 1), sink, new AbortController().signal);
    expect(outcome.pages).toBe(2);
    expect(responder.log.filter((l) => l.startsWith('POST'))).toEqual(['POST /eSCL/ScanJobs → 503', 'POST /eSCL/ScanJobs → 503', 'POST /eSCL/ScanJobs → 409', 'POST /eSCL/ScanJobs → 201']);
    // Three waits before the job, two per page while not ready; capped exponential with jitter.
    expect(waits.slice(0, 3)).toEqual([375, 750, 1500]);
    expect(waits).toHaveLength(3 + 2 * 2);
    // End of job is the 404 after the last page.
    expect(responder.log.filter((l) => l.includes('NextDocument')).at(-1)).toMatch(/→ 404$/);
    expect(responder.jobSettings[0]).toMatch(/<pwg:InputSource>Feeder<\/pwg:InputSource>[\s\S]*<scan:ColorMode>Grayscale8<\/scan:ColorMode>[\s\S]*<scan:XResolution>200</);
  });

  it('gives up on a scanner that stays busy, with the clerk’s sentence', async () => {
    responder = await startEsclResponder({ pages: [jpegPage(await blankPage(100))], busyOnCreate: 100 });
    const backend = createEsclBackend({ urls: () => [responder!.url], client: { ...fastClient([]), maxBusyWaitMs: 5000 } });
    await expect(backend.scan(`escl:${responder.url}`, request('flatbed', 2), collect(), new AbortController().signal)).rejects.toMatchObject({
      error: { code: 'SCANNER_BUSY', message: expect.stringContaining('掃描器忙碌中') },
    });
  });

  it('an empty feeder (409 + AdfEmpty) and a jam (status after the job) are told apart; pages before a jam are kept', async () => {
    const page = jpegPage(await blankPage(100));
    responder = await startEsclResponder({ pages: [page, page, page], jamAfter: 2 });
    const sink = collect();
    const backend = createEsclBackend({ urls: () => [responder!.url], client: fastClient([]) });
    await expect(backend.scan(`escl:${responder.url}`, request('adf', 3), sink, new AbortController().signal)).rejects.toMatchObject({ error: { code: 'PAPER_JAM' } });
    expect(sink.pages).toHaveLength(2);
    await responder.close();
    responder = await startEsclResponder({ pages: [] });
    await expect(backend.scan(`escl:${responder.url}`, request('adf', 4), collect(), new AbortController().signal)).rejects.toMatchObject({ error: { code: 'ADF_EMPTY' } });
  });

  it('a scanner that is not there is "no scanner"; listing skips it', async () => {
    const url = 'http://127.0.0.1:9/eSCL';
    expect(await createEsclBackend({ urls: () => [url] }).listDevices()).toEqual([]);
    await expect(createEsclClient({ baseUrl: url }).capabilities()).rejects.toMatchObject({ error: { code: 'SCANNER_NOT_FOUND' } });
  });

  it('cancel deletes the job on the scanner', async () => {
    const page = jpegPage(await blankPage(100));
    responder = await startEsclResponder({ pages: [page, page, page], notReadyPerPage: 1 });
    const abort = new AbortController();
    const sink: ScanSink = { ...collect(), page: async () => abort.abort() };
    const backend = createEsclBackend({ urls: () => [responder!.url], client: fastClient([]) });
    await backend.scan(`escl:${responder.url}`, request('adf', 5), sink, abort.signal);
    expect(responder.log.some((l) => l.startsWith('DELETE /eSCL/ScanJobs/') && l.endsWith('→ 200'))).toBe(true);
  });
});

withPoppler('eSCL scanner feeding real forms', () => {
  it('a stack scanned over eSCL lands on its cases by QR', async () => {
    const [a, b] = forms;
    responder = await startEsclResponder({ pages: [...a!.jpeg, jpegPage(await blankPage(200)).bytes, ...b!.jpeg].map(jpegPage), notReadyPerPage: 1 });
    const runtime = createScanningRuntime(ctx, { settings: () => ({ hotFolders: [], esclUrls: [responder!.url] }), overrides: { escl: { client: fastClient([]) } } });
    const devices = await runtime.devices();
    expect(devices.find((d) => d.backend === 'escl')).toMatchObject({ id: `escl:${responder.url}`, label: expect.stringContaining('Test eSCL Scanner') });
    const session = await runtime.start(scanner, { deviceId: `escl:${responder.url}`, profileId: 'consent-simplex' });
    await until(() => ['done', 'failed'].includes(runtime.session(session.id).state), 60_000, 'eSCL scan');
    const view = runtime.session(session.id);
    expect(view.error).toBeNull();
    expect(view.pages.map((p) => [p.state, p.caseNo, p.formPage])).toEqual([
      ['attached', a!.caseNo, 1],
      ['unmatched', null, null],
      ['attached', b!.caseNo, 1],
    ]);
    expect(caseEvidence(ctx, a!.caseNo).consents.every((c) => c.state === 'satisfied')).toBe(true);
    await runtime.close();
  });
});
