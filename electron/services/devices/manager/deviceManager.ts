import { createHash } from 'node:crypto';
import type { DeviceRef, HidInventoryEntry } from '../../../../shared/devices/schema';
import type { Logger } from '../../logging/logger';
import { createDriver } from '../drivers/registry';
import type { Driver, DriverOutput } from '../drivers/types';
import { describeHid, hex4, type HidApi, type HidDeviceInfo, type HidHandle } from '../hid/hidApi';
import { matchProfile } from '../profiles/match';
import { kindOfDriver, type DeviceProfile } from '../profiles/schema';
import type { NewDeviceEvent } from './eventLog';

/**
 * Hot-plug by polling `devices()`. node-hid has no arrival notifications; the alternatives
 * (usb-detection, node-usb hot-plug) are a second native module to build and ship for every
 * platform and see USB only (not Bluetooth HID). An enumeration costs a few milliseconds (a sysfs
 * walk on Linux, SetupAPI on Windows), so once a second is negligible, and a clerk who plugs in a
 * reader sees it within a second. Removal of an *open* device does not wait for the poll: its read
 * fails at once and node-hid emits `error`.
 */
export const DEFAULT_HID_POLL_MS = 1000;

export type DeviceManagerOptions = {
  hid: HidApi;
  profiles: readonly DeviceProfile[];
  logger: Logger;
  emit(event: NewDeviceEvent): void;
  /** The counter's date (ISO) for MRZ century inference. */
  today(): string;
  pollMs?: number;
};

type OpenDevice = { ref: DeviceRef; info: HidDeviceInfo; driver: Driver; handle: HidHandle };

/** A stable, opaque id for the UI: the OS path is machine detail and can contain serial numbers. */
const refId = (info: HidDeviceInfo): string =>
  createHash('sha256').update(`${info.path ?? ''}|${info.vendorId}|${info.productId}|${info.interface}`).digest('hex').slice(0, 12);

/**
 * Enumerates HID devices, opens those a profile claims, feeds their input reports to the profile's
 * driver and turns driver output into typed events. Devices no profile claims are listed for IT
 * (inventory) and otherwise left alone. Nothing a device sends can throw out of here.
 */
export class DeviceManager {
  private readonly open = new Map<string, OpenDevice>();
  /** Paths whose open failed, with the message already reported (one error per device, not one per poll). */
  private readonly failed = new Map<string, string>();
  private last: HidDeviceInfo[] = [];
  private timer: NodeJS.Timeout | null = null;
  private enumerationFailed = false;
  private readonly log: Logger;

  constructor(private readonly o: DeviceManagerOptions) {
    this.log = o.logger.child({ module: 'devices' });
  }

  start(): void {
    if (this.timer) return;
    this.poll();
    this.timer = setInterval(() => this.poll(), this.o.pollMs ?? DEFAULT_HID_POLL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const path of [...this.open.keys()]) this.release(path);
  }

  connected(): DeviceRef[] {
    return [...this.open.values()].map((d) => d.ref);
  }

  unknownCount(): number {
    return this.last.filter((d) => !matchProfile(d, this.o.profiles)).length;
  }

  inventory(): HidInventoryEntry[] {
    return this.last.map((d) => {
      const profile = matchProfile(d, this.o.profiles);
      const path = d.path ?? '';
      return {
        vendorId: hex4(d.vendorId),
        productId: hex4(d.productId),
        usagePage: d.usagePage !== undefined ? hex4(d.usagePage) : null,
        usage: d.usage !== undefined ? hex4(d.usage) : null,
        product: d.product ?? null,
        manufacturer: d.manufacturer ?? null,
        interface: d.interface,
        profileId: profile?.id ?? null,
        state: !profile ? 'unknown' : this.open.has(path) ? 'open' : 'error',
      };
    });
  }

  /** One hot-plug pass: detach what left, attach what arrived (or failed to open before). */
  poll(): void {
    let list: HidDeviceInfo[];
    try {
      list = this.o.hid.devices();
      this.enumerationFailed = false;
    } catch (e) {
      if (!this.enumerationFailed) {
        this.enumerationFailed = true;
        this.log.error({ err: e }, 'HID enumeration failed');
        this.o.emit({ type: 'device-error', device: null, code: 'HID_ENUMERATION', message: '無法列出 HID 裝置，讀卡機與條碼掃描器暫不可用；將持續重試。' });
      }
      return;
    }
    this.last = list;
    const present = new Set(list.map((d) => d.path).filter((p): p is string => typeof p === 'string'));
    for (const path of [...this.open.keys()]) if (!present.has(path)) this.detach(path, 'unplugged');
    for (const path of [...this.failed.keys()]) if (!present.has(path)) this.failed.delete(path);
    for (const info of list) {
      if (!info.path || this.open.has(info.path)) continue;
      const profile = matchProfile(info, this.o.profiles);
      if (profile) this.attach(info, info.path, profile);
    }
  }

  private attach(info: HidDeviceInfo, path: string, profile: DeviceProfile): void {
    const ref: DeviceRef = { id: refId(info), kind: kindOfDriver(profile.driver), name: profile.name, profileId: profile.id };
    let handle: HidHandle;
    try {
      handle = new this.o.hid.HID(path);
    } catch (e) {
      if (!this.failed.has(path)) {
        const message = `無法開啟${profile.name}（可能是權限不足或被其他程式占用），請資訊人員確認裝置權限設定；插拔裝置後會自動重試。`;
        this.failed.set(path, message);
        this.log.warn({ device: describeHid(info), profile: profile.id, err: e instanceof Error ? e.message : String(e) }, 'HID open failed');
        this.o.emit({ type: 'device-error', device: ref, code: 'DEVICE_OPEN_FAILED', message });
      }
      return;
    }
    this.failed.delete(path);
    const device: OpenDevice = { ref, info, driver: createDriver(profile, this.o.today), handle };
    this.open.set(path, device);
    handle.on('data', (report) => this.onReport(path, device, report));
    handle.on('error', (e) => this.onReadError(path, device, e));
    this.log.info({ device: describeHid(info), profile: profile.id }, 'device connected');
    this.o.emit({ type: 'reader-connected', device: ref });
  }

  private onReport(path: string, device: OpenDevice, report: Buffer): void {
    if (this.open.get(path) !== device) return; // a late report from a handle we already let go
    let outputs: DriverOutput[];
    try {
      outputs = device.driver.onReport(report);
    } catch (e) {
      // Drivers do not throw by contract; if one does, the report is garbage we could not handle.
      this.log.error({ err: e, profile: device.ref.profileId }, 'driver threw on a report');
      outputs = [{ type: 'error', code: 'DEVICE_DATA_INVALID', message: `${device.ref.name}傳來無法處理的資料，已忽略。` }];
    }
    for (const out of outputs) this.emitOutput(device.ref, out);
  }

  private onReadError(path: string, device: OpenDevice, error: unknown): void {
    if (this.open.get(path) !== device) return;
    const stillThere = this.safeDevices().some((d) => d.path === path);
    this.detach(path, stillThere ? 'read-error' : 'unplugged');
    if (stillThere) {
      this.log.warn({ profile: device.ref.profileId, err: error instanceof Error ? error.message : String(error) }, 'HID read failed; will reopen');
      this.o.emit({ type: 'device-error', device: device.ref, code: 'DEVICE_READ_FAILED', message: `${device.ref.name}讀取失敗，正在重新連線。` });
    }
  }

  private detach(path: string, why: 'unplugged' | 'read-error'): void {
    const device = this.open.get(path);
    if (!device) return;
    const lost = device.driver.onDisconnect();
    this.release(path);
    for (const out of lost) this.emitOutput(device.ref, out);
    this.log.info({ device: describeHid(device.info), why }, 'device disconnected');
    this.o.emit({ type: 'reader-disconnected', device: device.ref });
  }

  private release(path: string): void {
    const device = this.open.get(path);
    if (!device) return;
    this.open.delete(path);
    device.handle.removeAllListeners();
    // A read error can leave the native handle half-closed; closing it again must not take us down.
    device.handle.on('error', () => {});
    try {
      device.handle.close();
    } catch {
      // already closed by the failed read
    }
  }

  private safeDevices(): HidDeviceInfo[] {
    try {
      return this.o.hid.devices();
    } catch {
      return [];
    }
  }

  /** Driver output → event. Logs carry codes and device ids only, never what a card or barcode said. */
  private emitOutput(device: DeviceRef, out: DriverOutput): void {
    switch (out.type) {
      case 'card-inserted':
        this.log.info({ device: device.id, source: out.person.source }, 'card read');
        this.o.emit({ type: 'card-inserted', device, person: out.person });
        return;
      case 'card-removed':
        this.o.emit({ type: 'card-removed', device });
        return;
      case 'barcode':
        this.log.debug({ device: device.id, length: out.text.length }, 'barcode');
        this.o.emit({ type: 'barcode', device, text: out.text, symbology: out.symbology, typedByOs: out.typedByOs });
        return;
      case 'error':
        this.log.warn({ device: device.id, code: out.code }, 'device data error');
        this.o.emit({ type: 'device-error', device, code: out.code, message: out.message });
        return;
    }
  }
}
