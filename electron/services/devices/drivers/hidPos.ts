import type { HidPosConfig } from '../profiles/schema';
import { driverError, type Driver, type DriverOutput } from './types';

/** A scan longer than this is garbage or a stuck device, not a barcode we print (the case QR is ~30 bytes). */
const MAX_SCAN_BYTES = 8192;
const AIM_ID = /^\][A-Za-z0-9][0-9A-Za-z]$/;

/**
 * HID-POS bar-code scanner (USB HID Point of Sale usage page 0x8C). Each scanned-data input report
 * carries a length, an AIM symbology identifier and up to ~56 data bytes, with a "more data" bit when
 * the code did not fit; the driver concatenates reports until that bit is clear, then decodes the
 * bytes (UTF-8, or Big5 for scanners set to the local code page). Offsets come from the profile.
 */
export class HidPosDriver implements Driver {
  private parts: Uint8Array[] = [];
  private size = 0;
  private symbology: string | null = null;

  constructor(private readonly cfg: HidPosConfig) {}

  onReport(report: Uint8Array): DriverOutput[] {
    if (report[0] !== this.cfg.reportId) return []; // status / feature echo reports are not scans
    const length = report[this.cfg.lengthOffset];
    if (length === undefined || this.cfg.dataOffset + length > report.length) {
      this.reset();
      return [driverError('BARCODE_REPORT_SHORT', '條碼掃描器傳來的資料不完整，請重新掃描。')];
    }
    if (this.parts.length === 0) this.symbology = this.readSymbology(report);
    this.parts.push(report.slice(this.cfg.dataOffset, this.cfg.dataOffset + length));
    this.size += length;
    if (this.size > MAX_SCAN_BYTES) {
      this.reset();
      return [driverError('BARCODE_TOO_LONG', '條碼內容過長，已忽略，請重新掃描。')];
    }
    const more = ((report[this.cfg.continuationOffset] ?? 0) & this.cfg.continuationMask) !== 0;
    if (more) return [];
    return this.finish();
  }

  onDisconnect(): DriverOutput[] {
    const lost = this.parts.length > 0;
    this.reset();
    return lost ? [driverError('BARCODE_INTERRUPTED', '條碼掃描器在傳送資料時中斷連線，請重新掃描。')] : [];
  }

  private finish(): DriverOutput[] {
    const bytes = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const symbology = this.symbology;
    this.reset();
    if (bytes.length === 0) return [];
    let text: string;
    try {
      text = new TextDecoder(this.cfg.encoding, { fatal: true }).decode(bytes);
    } catch {
      return [driverError('BARCODE_ENCODING', `條碼內容無法以 ${this.cfg.encoding.toUpperCase()} 解碼，請確認掃描器的編碼設定。`)];
    }
    // Scanners configured with a CR/LF suffix send it as data; it is a terminator, not content.
    text = text.replace(/[\r\n\0]+$/, '');
    return text ? [{ type: 'barcode', text, symbology, typedByOs: false }] : [];
  }

  private readSymbology(report: Uint8Array): string | null {
    if (this.cfg.symbologyLength === 0) return null;
    const id = String.fromCharCode(...report.slice(this.cfg.symbologyOffset, this.cfg.symbologyOffset + this.cfg.symbologyLength));
    return AIM_ID.test(id) ? id : null;
  }

  private reset(): void {
    this.parts = [];
    this.size = 0;
    this.symbology = null;
  }
}
