import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../config/config';
import { makeContext, tempDir } from '../testing/fixtures';
import { availableScanProfiles, scanProfile } from './profiles';
import { createScanningRuntime } from './runtime';
import { blankPage } from './testing/scanFixtures';
import { startEsclResponder } from './testing/esclResponder';

const tmp = tempDir('nin1-scan-policy-');
afterAll(() => tmp.cleanup());

describe("IT's scanProfiles in the policy", () => {
  it('finding 17-11: policy scanProfiles are used — its eSCL scanner and hot folder are listed as devices, its entries are profiles the clerk can pick', async () => {
    const responder = await startEsclResponder({ pages: [{ bytes: await blankPage(100), contentType: 'image/png' }], makeAndModel: 'Brother ADS-4300N', formats: ['image/png'] });
    const dropFolder = tmp.file('mfp-drop');
    const scanProfiles = [
      { id: 'Front_Desk_MFP', label: '櫃台複合機（彩色）', backend: 'escl' as const, device: responder.url, source: 'adf-duplex' as const, dpi: 300, mode: 'color' as const },
      { id: 'drop', label: '複合機收件夾', backend: 'hot-folder' as const, device: dropFolder, source: 'adf' as const, dpi: 200, mode: 'lineart' as const },
    ];
    const ctx = { ...makeContext(tmp.file('c.sqlite')), config: { ...DEMO_CONFIG, scanProfiles } };
    const runtime = createScanningRuntime(ctx);
    try {
      const devices = await runtime.devices(true);
      expect(devices.some((d) => d.backend === 'escl' && d.id.includes(new URL(responder.url).host))).toBe(true);
      expect(devices.some((d) => d.id === `folder:${dropFolder}`)).toBe(true);

      const profiles = availableScanProfiles(ctx.config);
      expect(profiles.find((p) => p.id === 'consent-gray')).toBeDefined(); // the shipped ones stay
      expect(scanProfile('it-front-desk-mfp', ctx.config)).toMatchObject({ name: '櫃台複合機（彩色）', source: 'adf', duplex: true, resolution: 300, colorMode: 'color', output: { encoding: 'jpeg' } });
      expect(scanProfile('it-drop', ctx.config)).toMatchObject({ source: 'adf', duplex: false, resolution: 200, colorMode: 'bw', output: { encoding: 'png', grayBits: 1 } });
      // Without the policy those profiles do not exist: a typed zh-TW failure, as for any unknown profile.
      expect(() => scanProfile('it-drop')).toThrow(/沒有「it-drop」這個掃描設定檔/);
    } finally {
      await runtime.close();
      await responder.close();
      ctx.db.close();
    }
  });
});
