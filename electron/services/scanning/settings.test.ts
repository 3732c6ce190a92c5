import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../config/config';
import { makeContext, tempDir } from '../testing/fixtures';
import { createScanningRuntime } from './runtime';
import { scanningSettings } from './settings';

const tmp = tempDir('nin1-scan-settings-');
afterAll(() => tmp.cleanup());

describe('scanning settings', () => {
  it('finding 17-11: the hotFolder of the policy is the folder scanning lists (and imports from), before NIN1_HOT_FOLDER', async () => {
    const itFolder = tmp.file('it-scans');
    const ctx = { ...makeContext(tmp.file('c.sqlite')), config: { ...DEMO_CONFIG, hotFolder: itFolder } };
    const runtime = createScanningRuntime(ctx);
    const folders = (await runtime.devices()).filter((d) => d.backend === 'folder').map((d) => d.id);
    expect(folders).toEqual([`folder:${itFolder}`]);
    await runtime.close();
    ctx.db.close();

    expect(scanningSettings('/store', { NIN1_HOT_FOLDER: '/env/a' }, { hotFolder: '/it' }).hotFolders).toEqual(['/it', '/env/a']);
    expect(scanningSettings('/store', { NIN1_HOT_FOLDER: '/it' }, { hotFolder: '/it' }).hotFolders).toEqual(['/it']);
    expect(scanningSettings('/store', {}, {}).hotFolders).toEqual([join('/store', 'hot-folder')]);
  });
});
