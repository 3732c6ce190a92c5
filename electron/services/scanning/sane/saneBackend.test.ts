import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvidence } from '../../consent/status';
import type { Actor, ServiceContext } from '../../context';
import { makeContext, moveDraft, seedClerk, tempDir } from '../../testing/fixtures';
import { until } from '../../testing/syncFixtures';
import type { ScanSink } from '../backend';
import { createScanningRuntime } from '../runtime';
import { startEsclResponder } from '../testing/esclResponder';
import { degrade, hasBinary, printedCases, rasterizePdf, scanningClerk } from '../testing/scanFixtures';
import { createSaneBackend } from './saneBackend';
import { saneErrorCode } from './saneErrors';
import { parseSaneOptions, saneCapabilities } from './saneOptions';

const SANE = hasBinary('scanimage', '--version');
if (!SANE) console.warn('saneBackend.test: sane-utils (scanimage) not found: skipping the real SANE test-backend scans');
const withSane = SANE ? describe : describe.skip;

const tmp = tempDir('nin1-sane-');
afterAll(() => tmp.cleanup());

/**
 * SANE's `test` backend in a private configuration (MACHINE-NOTES): dll.conf with `test`, and
 * test.conf with geometry_max 300 so an A4 page is not cut at 200 mm. System files untouched.
 */
function saneConfigDir(): string {
  const dir = tmp.file('sane.d');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dll.conf'), 'test\n');
  const system = '/etc/sane.d/test.conf';
  const conf = existsSync(system) ? readFileSync(system, 'utf8') : 'number_of_devices 2\n';
  writeFileSync(join(dir, 'test.conf'), `${conf.replace(/^\s*#?\s*geometry_max.*$/m, '')}\ngeometry_max 300.0\n`);
  return dir;
}

describe('scanimage output parsing', () => {
  const A = `All options specific to device \`test:0':
  Scan Mode:
    --mode Gray|Color [Gray]
    --depth 1|8|16 [8]
    --resolution 1..1200dpi (in steps of 1) [50]
    --source Flatbed|Automatic Document Feeder [Flatbed]
  Geometry:
    -x 0..300mm (in steps of 1) [80]
    -y 0..300mm (in steps of 1) [100]
    --three-pass[=(yes|no)] [inactive]
`;
  it('reads sources, modes, resolutions and the scan area', () => {
    const opts = parseSaneOptions(A);
    expect(opts.has('--three-pass')).toBe(false);
    expect(saneCapabilities(opts)).toEqual({ sources: ['flatbed', 'adf'], resolutions: [100, 150, 200, 300, 400, 600], colorModes: ['gray', 'color'], duplex: false });
    const duplex = parseSaneOptions('    --source Flatbed|ADF Front|ADF Duplex [Flatbed]\n    --mode Lineart|Gray|Color [Color]\n    --resolution 75|150|300|600dpi [150]\n');
    expect(saneCapabilities(duplex)).toEqual({ sources: ['flatbed', 'adf'], resolutions: [75, 150, 300, 600], colorModes: ['gray', 'color', 'bw'], duplex: true });
  });

  it('maps scanimage messages to the clerk’s errors', () => {
    expect(saneErrorCode('scanimage: sane_read: Document feeder jammed\n', 6)).toBe('PAPER_JAM');
    expect(saneErrorCode('scanimage: sane_start: Document feeder out of documents\n', 0)).toBe('ADF_EMPTY');
    expect(saneErrorCode('scanimage: sane_read: Device busy\n', 3)).toBe('SCANNER_BUSY');
    expect(saneErrorCode('scanimage: open of device nosuch failed: Invalid argument\n', 1)).toBe('SCANNER_NOT_FOUND');
    expect(saneErrorCode('scanimage: sane_read: Scanner cover is open\n', 8)).toBe('COVER_OPEN');
    expect(saneErrorCode('', 9)).toBe('SCANNER_IO');
    expect(saneErrorCode('Scanned page 1. (scanner status = 5)\n', 0)).toBeNull();
  });
});

withSane('SANE test backend through scanimage (real)', () => {
  let ctx: ServiceContext;
  let scanner: Actor;
  let caseNo: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = { SANE_CONFIG_DIR: saneConfigDir() };
    ctx = makeContext(tmp.file('counter.sqlite'));
    const clerk = seedClerk(ctx);
    scanner = await scanningClerk(ctx);
    // No QR on SANE's test pictures: print the case's form so the layout is known, scan "for" the case.
    caseNo = (await printedCases(ctx, clerk, [moveDraft()]))[0]!.caseNo;
  });

  const collect = (): ScanSink & { pages: { name: string; size: number; dpi?: number }[] } => {
    const pages: { name: string; size: number; dpi?: number }[] = [];
    return {
      pages,
      page: async (p) => {
        pages.push({ name: p.name, size: p.bytes.length, ...(p.dpi ? { dpi: p.dpi } : {}) });
      },
      progress: () => undefined,
      problem: () => undefined,
      settle: async () => undefined,
    };
  };

  it('lists the test devices with what they can do', async () => {
    const devices = await createSaneBackend({ env }).listDevices();
    expect(devices.map((d) => d.id)).toEqual(['sane:test:0', 'sane:test:1']);
    expect(devices[0]!.capabilities).toMatchObject({ sources: ['flatbed', 'adf'], colorModes: ['gray', 'color'] });
  });

  it('a batch from the feeder is read page by page, as PNG, until the feeder is empty', async () => {
    const sink = collect();
    const request = { source: 'adf' as const, resolution: 100, colorMode: 'gray' as const, duplex: false, expectedPages: null, workDir: tmp.file('work1'), batchId: 1 };
    const outcome = await createSaneBackend({ env, extraArgs: ['--test-picture', 'Grid'] }).scan('sane:test:0', request, sink, new AbortController().signal);
    expect(outcome.pages).toBe(10); // the test feeder holds 10 sheets
    expect(sink.pages.map((p) => p.name)).toEqual(Array.from({ length: 10 }, (_, i) => `第 ${i + 1} 頁`));
    const first = readFileSync(join(request.workDir, 'p0001.png'));
    expect(first.subarray(1, 4).toString()).toBe('PNG'); // --format=png really is PNG
  });

  it.each([
    ['SANE_STATUS_JAMMED', 'PAPER_JAM', 'flatbed'],
    ['SANE_STATUS_DEVICE_BUSY', 'SCANNER_BUSY', 'flatbed'],
    ['SANE_STATUS_COVER_OPEN', 'COVER_OPEN', 'flatbed'],
    ['SANE_STATUS_NO_DOCS', 'ADF_EMPTY', 'adf'],
  ] as const)('%s from the device → %s in zh-TW', async (status, code, source) => {
    const backend = createSaneBackend({ env, extraArgs: ['--read-return-value', status] });
    const request = { source, resolution: 75, colorMode: 'gray' as const, duplex: false, expectedPages: null, workDir: tmp.file(`work-${status}`), batchId: 2 };
    await expect(backend.scan('sane:test:0', request, collect(), new AbortController().signal)).rejects.toMatchObject({ error: { code, message: expect.stringMatching(/[\u4e00-\u9fff]/) } });
  });

  it('an unknown device is "no scanner", not a crash', async () => {
    const request = { source: 'flatbed' as const, resolution: 75, colorMode: 'gray' as const, duplex: false, expectedPages: null, workDir: tmp.file('work-x'), batchId: 3 };
    await expect(createSaneBackend({ env }).scan('sane:nosuch:9', request, collect(), new AbortController().signal)).rejects.toMatchObject({ error: { code: 'SCANNER_NOT_FOUND' } });
  });

  it('a real batch of several pages becomes ONE PDF on the case it was scanned for', async () => {
    const runtime = createScanningRuntime(ctx, { overrides: { sane: { env, extraArgs: ['--test-picture', 'Grid'] } }, settings: () => ({ hotFolders: [], esclUrls: [] }) });
    const devices = await runtime.devices();
    expect(devices.some((d) => d.id === 'sane:test:0')).toBe(true);
    const session = await runtime.start(scanner, { deviceId: 'sane:test:0', profileId: 'consent-simplex', expectedPages: 10, target: { caseNo, formPage: 1 } });
    await until(() => ['done', 'failed'].includes(runtime.session(session.id).state), 60_000, 'scan to finish');
    const view = runtime.session(session.id);
    expect(view).toMatchObject({ state: 'done', done: 10, expected: 10, error: null });
    expect(new Set(view.pages.map((p) => p.state))).toEqual(new Set(['attached']));
    expect(view.pages.map((p) => p.caseNo)).toEqual(Array(10).fill(caseNo));
    const evidence = caseEvidence(ctx, caseNo);
    expect(evidence.attachments).toHaveLength(1);
    expect(evidence.attachments[0]).toMatchObject({ pageCount: 10, formPages: [1], kind: 'signed-consent' });
    // The PDF is on disk, byte for byte what the hash says.
    const row = ctx.db.prepare('SELECT storage_key, sha256, byte_size FROM attachments').get() as { storage_key: string; sha256: string; byte_size: number };
    const pdf = await runtime.store.readVerified(row.storage_key, row.sha256);
    expect(pdf.length).toBe(row.byte_size);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The batch's work folder is gone once everything is stored.
    expect(existsSync(runtime.store.spoolDir(view.pages[0] ? (ctx.db.prepare('SELECT batch_id FROM scan_pages LIMIT 1').pluck().get() as number) : 0))).toBe(false);
    await runtime.close();
  });
});

/** sane-airscan (Debian's driverless eSCL/WSD backend) in a private config, pointed at our responder. */
const AIRSCAN = SANE && ['/usr/lib/x86_64-linux-gnu/sane', '/usr/lib/aarch64-linux-gnu/sane', '/usr/lib/sane'].some((d) => existsSync(join(d, 'libsane-airscan.so.1')));
const withAirscan = AIRSCAN && hasBinary('pdftoppm') ? describe : describe.skip;
if (!AIRSCAN) console.warn('saneBackend.test: sane-airscan not installed: skipping SANE scans of printed forms');

withAirscan('SANE with the airscan backend: printed forms through scanimage (real), served by the eSCL responder', () => {
  it('a stack of printed forms scanned through SANE lands on its cases by QR', async () => {
    const ctx = makeContext(tmp.file('airscan.sqlite'));
    const clerk = seedClerk(ctx);
    const scanner = await scanningClerk(ctx);
    const printed = await printedCases(ctx, clerk, [moveDraft(), moveDraft(), moveDraft()]);
    const pages = await Promise.all(printed.map(async (c, i) => ({ bytes: await degrade(rasterizePdf(c.pdf, 200)[0]!, { format: 'jpeg', noise: 8, rotate: i === 1 ? 180 : 0, seed: i }), contentType: 'image/jpeg' as const })));
    const responder = await startEsclResponder({ pages, makeAndModel: 'NIN1 Test' });
    try {
      const dir = tmp.file('airscan.d');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'dll.conf'), 'airscan\n');
      writeFileSync(join(dir, 'airscan.conf'), `[devices]\n"NIN1 Test" = ${responder.url}, eSCL\n[options]\ndiscovery = disable\n`);
      const runtime = createScanningRuntime(ctx, { overrides: { sane: { env: { SANE_CONFIG_DIR: dir } } }, settings: () => ({ hotFolders: [], esclUrls: [] }) });
      const device = (await runtime.devices()).find((d) => d.backend === 'sane');
      expect(device).toMatchObject({ id: 'sane:airscan:e0:NIN1 Test', capabilities: { sources: ['flatbed', 'adf'], duplex: true } });
      const session = await runtime.start(scanner, { deviceId: device!.id, profileId: 'consent-simplex' });
      await until(() => ['done', 'failed'].includes(runtime.session(session.id).state), 60_000, 'airscan scan');
      const view = runtime.session(session.id);
      expect(view.error).toBeNull();
      expect(view.pages.map((p) => [p.state, p.caseNo, p.formPage])).toEqual(printed.map((c) => ['attached', c.caseNo, 1]));
      expect(responder.log).toContain('POST /eSCL/ScanJobs → 201');
      await runtime.close();
    } finally {
      await responder.close();
      ctx.db.close();
    }
  });
});
