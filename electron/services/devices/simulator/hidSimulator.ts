import { EventEmitter } from 'node:events';
import type { HidApi, HidDeviceInfo, HidHandle } from '../hid/hidApi';

/**
 * HID SIMULATOR — not a driver. Implements the node-hid surface the device layer uses
 * (`devices()` and `new HID(path)` emitting `data` / `error`) so tests, benchmarks and the browser
 * host's test hook can plug devices in, play recorded input reports, fail opens, raise read errors
 * and unplug devices mid-transfer, on machines with no HID hardware and no uhid. Production code
 * never constructs it (the host only does with an explicit test flag).
 */
type SimDevice = { info: HidDeviceInfo; handles: Set<SimHandle>; openError: string | null };

class SimHandle extends EventEmitter implements HidHandle {
  closed = false;

  constructor(private readonly onClose: (h: SimHandle) => void) {
    super();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.removeAllListeners();
    this.onClose(this);
  }
}

export type ScriptStep = { report: Uint8Array | number[] } | { unplug: true } | { error: string };

export class HidSimulator {
  private readonly table = new Map<string, SimDevice>();
  private nextPath = 1;

  /** The node-hid-shaped object to hand to the device manager. */
  readonly api: HidApi;

  constructor() {
    const table = this.table;
    const open = (path: string): SimHandle => {
      const device = table.get(path);
      // node-hid's own wording for a path that is gone, so callers handle both the same way.
      if (!device) throw new Error(`cannot open device with path ${path}`);
      if (device.openError) throw new Error(device.openError);
      const handle = new SimHandle((h) => device.handles.delete(h));
      device.handles.add(handle);
      return handle;
    };
    this.api = {
      devices: () => [...table.values()].map((d) => ({ ...d.info })),
      HID: class {
        constructor(path: string) {
          return open(path);
        }
      } as unknown as HidApi['HID'],
    };
  }

  /** Plug a device in; returns its path. */
  plug(info: Partial<HidDeviceInfo> & Pick<HidDeviceInfo, 'vendorId' | 'productId'>, path = `sim:${this.nextPath++}`): string {
    this.table.set(path, { info: { release: 0x100, interface: 0, ...info, path }, handles: new Set(), openError: null });
    return path;
  }

  /** Pull the device: it leaves the enumeration and open handles get a read error, as with node-hid. */
  unplug(path: string): void {
    const device = this.table.get(path);
    if (!device) return;
    this.table.delete(path);
    for (const h of [...device.handles]) h.emit('error', new Error('could not read from HID device'));
  }

  /** Deliver one input report to every open handle of the device. */
  send(path: string, report: Uint8Array | number[]): void {
    const device = this.table.get(path);
    if (!device) return;
    for (const h of [...device.handles]) h.emit('data', Buffer.from(report));
  }

  /** Play a recorded sequence: reports, read errors, an unplug. */
  play(path: string, steps: readonly ScriptStep[]): void {
    for (const step of steps) {
      if ('report' in step) this.send(path, step.report);
      else if ('unplug' in step) this.unplug(path);
      else this.raise(path, step.error);
    }
  }

  /** A read error without unplugging (flaky cable, driver hiccup). */
  raise(path: string, message: string): void {
    for (const h of [...(this.table.get(path)?.handles ?? [])]) h.emit('error', new Error(message));
  }

  /** Make opening the device fail (e.g. permission denied) until cleared with null. */
  failOpen(path: string, message: string | null): void {
    const device = this.table.get(path);
    if (device) device.openError = message;
  }

  openHandles(path: string): number {
    return this.table.get(path)?.handles.size ?? 0;
  }

  paths(): string[] {
    return [...this.table.keys()];
  }
}
