import { describe, expect, it } from 'vitest';
import { createWiaBackend } from './wiaBackend';
import { LIST_SCRIPT, SCAN_SCRIPT, WIA } from './wiaScripts';

/**
 * WIA needs Windows and a WIA driver: on our Linux machines only its off-Windows behaviour and the
 * scripts' shape are checked. It is reported as untested against a real device.
 */
describe('WIA back-end', () => {
  it.skipIf(process.platform === 'win32')('off Windows it lists nothing and refuses to scan with a clear error', async () => {
    const wia = createWiaBackend();
    expect(await wia.listDevices()).toEqual([]);
    const request = { source: 'adf' as const, resolution: 200, colorMode: 'gray' as const, duplex: false, expectedPages: null, workDir: '/tmp/none', batchId: 1 };
    const sink = { page: async () => undefined, progress: () => undefined, problem: () => undefined, settle: async () => undefined };
    await expect(wia.scan('wia:{X}', request, sink, new AbortController().signal)).rejects.toMatchObject({ error: { code: 'SCANNER_UNAVAILABLE', message: expect.stringContaining('Windows') } });
  });

  it('the scripts take parameters from the environment only and save PNG pages under the spool names', () => {
    expect(SCAN_SCRIPT).toContain('$env:NIN1_WIA_DEVICE');
    expect(SCAN_SCRIPT).toContain(WIA.FORMAT_PNG);
    expect(SCAN_SCRIPT).toContain("'p{0:D4}.png'");
    expect(SCAN_SCRIPT).toContain('0x80210003'); // empty feeder after pages = end of stack
    expect(LIST_SCRIPT).toContain('WIA.DeviceManager');
  });
});
