import type { Device } from 'node-hid';

/**
 * The part of node-hid the device layer uses, and exactly what the simulator implements: the
 * module-level `devices()` enumeration and the `HID` class (opened by path, emitting `data` with one
 * input report and `error` when a read fails — which is how an unplugged device shows up).
 */
export type HidDeviceInfo = Device;

export interface HidHandle {
  on(event: 'data', listener: (report: Buffer) => void): this;
  on(event: 'error', listener: (error: unknown) => void): this;
  removeAllListeners(): this;
  close(): void;
}

export type HidApi = {
  devices(): HidDeviceInfo[];
  HID: new (path: string, options?: { nonExclusive?: boolean }) => HidHandle;
};

export const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;

/** `0x0c2e:0x0b87` (usage page 0x008c): how devices are named in logs and for IT. */
export const describeHid = (d: HidDeviceInfo): string =>
  `${hex4(d.vendorId)}:${hex4(d.productId)}${d.usagePage !== undefined ? ` (usage page ${hex4(d.usagePage)})` : ''}`;

