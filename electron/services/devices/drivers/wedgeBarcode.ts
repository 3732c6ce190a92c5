import type { WedgeConfig } from '../profiles/schema';
import { BootKeyboardDecoder } from './bootKeyboard';
import { driverError, type Driver, type DriverOutput } from './types';

/** A bar-code scanner in keyboard mode: each terminated line is one scan. */
export class WedgeBarcodeDriver implements Driver {
  private readonly keyboard: BootKeyboardDecoder;

  constructor(private readonly cfg: WedgeConfig) {
    this.keyboard = new BootKeyboardDecoder(cfg);
  }

  onReport(report: Uint8Array): DriverOutput[] {
    const { lines, errors } = this.keyboard.feed(report);
    const scans: DriverOutput[] = lines.filter((l) => l !== '').map((text) => ({ type: 'barcode', text, symbology: null, typedByOs: this.cfg.osTypesText }));
    return [...errors, ...scans];
  }

  onDisconnect(): DriverOutput[] {
    return this.keyboard.reset() ? [driverError('BARCODE_INTERRUPTED', '條碼掃描器在傳送資料時中斷連線，請重新掃描。')] : [];
  }
}
