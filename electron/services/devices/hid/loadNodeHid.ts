import { createRequire } from 'node:module';
import type { HidApi } from './hidApi';

export type NodeHidLoad = { ok: true; api: HidApi } | { ok: false; code: 'HID_UNAVAILABLE'; message: string };

/**
 * Loads the real node-hid binding. Loading can fail on a machine without libusb/libudev (Linux) or
 * with a broken install; that must not stop the counter — typing still works — so it becomes a
 * typed zh-TW error for the status strip instead of a crash.
 */
export function loadNodeHid(): NodeHidLoad {
  try {
    // node-hid is CommonJS with a lazily loaded native binding; require keeps the load synchronous.
    const hid = createRequire(import.meta.url)('node-hid') as HidApi & { devices(): unknown[] };
    hid.devices(); // forces the native binding to load now, so a missing library surfaces here
    return { ok: true, api: hid };
  } catch (e) {
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return {
      ok: false,
      code: 'HID_UNAVAILABLE',
      message: `無法載入 HID 裝置驅動（${detail}），讀卡機與條碼掃描器暫不可用；請資訊人員確認已安裝 libusb 與 libudev。`,
    };
  }
}
