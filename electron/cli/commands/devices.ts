import { AppFailure } from '../../../shared/result';
import { loadNodeHid } from '../../services/devices/hid/loadNodeHid';
import { DeviceManager } from '../../services/devices/manager/deviceManager';
import { loadDeviceProfiles } from '../../services/devices/profiles/loadProfiles';
import { silentLogger } from '../../services/logging/logger';
import type { Command } from '../command';

/** For IT at roll-out: every HID device on this PC, and which profile (if any) claims it. */
export const devicesCommand: Command = {
  name: 'devices',
  usage: 'devices [--profiles 設定檔] [--json]                列出本機 HID 裝置與對應的設備設定（未支援者亦列出）',
  options: { profiles: { type: 'string' }, json: { type: 'boolean' } },
  run: (values) => {
    const loaded = loadNodeHid();
    if (!loaded.ok) throw new AppFailure({ code: loaded.code, message: loaded.message });
    const profiles = loadDeviceProfiles(typeof values.profiles === 'string' ? values.profiles : undefined);
    const manager = new DeviceManager({ hid: loaded.api, profiles, logger: silentLogger(), emit: () => {}, today: () => new Date().toISOString().slice(0, 10) });
    manager.poll();
    const list = manager.inventory();
    manager.stop();
    if (values.json) {
      console.log(JSON.stringify(list));
      return 0;
    }
    if (list.length === 0) console.log('未偵測到任何 HID 裝置。');
    for (const d of list) {
      const what = d.profileId ? `設定 ${d.profileId}${d.state === 'open' ? '' : '（無法開啟）'}` : '未支援（已忽略）';
      console.log(`${d.vendorId}:${d.productId}\tusage page ${d.usagePage ?? '-'}\t介面 ${d.interface}\t${d.manufacturer ?? ''} ${d.product ?? ''}\t${what}`);
    }
    return 0;
  },
};
