import type { CardPerson } from '../../../../shared/devices/schema';

/** What a driver makes of raw input reports; the manager adds the device, a sequence number and a time. */
export type DriverOutput =
  | { type: 'card-inserted'; person: CardPerson }
  | { type: 'card-removed' }
  | { type: 'barcode'; text: string; symbology: string | null; typedByOs: boolean }
  | { type: 'error'; code: string; message: string };

/**
 * One driver instance per open device, holding that device's assembly state. Drivers are pure byte
 * processors (no I/O, no timers) so they can be driven by recorded reports and benchmarked, and they
 * never throw: a report from a device is untrusted input.
 */
export interface Driver {
  /** One input report as node-hid delivers it (report id first when the device numbers its reports). */
  onReport(report: Uint8Array): DriverOutput[];
  /** The device went away: drop partial state and say so if data was lost. */
  onDisconnect(): DriverOutput[];
}

export const driverError = (code: string, message: string): DriverOutput => ({ type: 'error', code, message });
