import { composeMrz, type MrzSource } from '../../../../shared/mrz';
import { USAGE_ENTER, USAGE_TAB, usKeyFor } from '../drivers/usLayout';
import { chunkFrame, encodeFrame, encodePersonPayload, FrameType } from '../drivers/cardFrame/protocol';

/**
 * Recorded-report makers for the HID simulator: what real devices send for a scan, a swipe or a
 * card, byte for byte, so every driver is exercised through its real input format.
 */

/** HID-POS scanned-data reports (id 2, length, AIM id, up to 56 data bytes, byte 63 bit 0 = more). */
export function hidPosReports(text: string, options: { symbology?: string; encoding?: 'utf-8'; chunk?: number } = {}): Uint8Array[] {
  const data = new TextEncoder().encode(text);
  const chunk = options.chunk ?? 56;
  const aim = options.symbology ?? ']Q1';
  const reports: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += chunk) {
    const part = data.subarray(at, at + chunk);
    const r = new Uint8Array(64);
    r[0] = 2;
    r[1] = part.length;
    for (let i = 0; i < 3; i++) r[2 + i] = aim.charCodeAt(i) || 0;
    r.set(part, 5);
    r[63] = at + chunk < data.length ? 1 : 0;
    reports.push(r);
  }
  return reports;
}

const bootReport = (modifiers: number, key: number, reportId: number | null): Uint8Array => {
  const body = [modifiers, 0, key, 0, 0, 0, 0, 0];
  return Uint8Array.from(reportId === null ? body : [reportId, ...body]);
};

/**
 * Boot-keyboard reports typing `text` (press, release per character; `\n` presses Enter, `\t` Tab),
 * as a scanner or document reader in keyboard mode does. Characters a US keyboard cannot type are
 * skipped, as the real device would.
 */
export function wedgeReports(text: string, options: { reportId?: number | null } = {}): Uint8Array[] {
  const id = options.reportId ?? null;
  const out: Uint8Array[] = [];
  for (const ch of text) {
    const key = ch === '\n' ? { usage: USAGE_ENTER, shift: false } : ch === '\t' ? { usage: USAGE_TAB, shift: false } : usKeyFor(ch);
    if (!key) continue;
    out.push(bootReport(key.shift ? 0x02 : 0, key.usage, id), bootReport(0, 0, id));
  }
  return out;
}

/** A document reader typing a machine-readable zone: each line followed by Enter. */
export const mrzReports = (zone: MrzSource | string): Uint8Array[] =>
  wedgeReports(`${(typeof zone === 'string' ? zone : composeMrz(zone)).trim()}\n`);

export type SimCard = { id: string; name: string; rocBirthDate: string; cardSerial?: string };

/** NIN1-CARD reports for a card being inserted (person payload) or removed. */
export const cardInsertedReports = (card: SimCard, reportId = 3): Uint8Array[] =>
  chunkFrame(encodeFrame(FrameType.CARD_INSERTED, encodePersonPayload(card)), reportId);

export const cardRemovedReports = (reportId = 3): Uint8Array[] => chunkFrame(encodeFrame(FrameType.CARD_REMOVED, new Uint8Array()), reportId);

/** Device descriptors matching the shipped reference profiles (resources/devices/profiles.json). */
export const SIM_DEVICES = {
  cardReader: { vendorId: 0x1209, productId: 0x0001, usagePage: 0xff00, usage: 0x01, product: '模擬讀卡機', manufacturer: 'N合一模擬器' },
  mrzReader: { vendorId: 0x1209, productId: 0x0002, usagePage: 0x01, usage: 0x06, product: '模擬證件讀取器', manufacturer: 'N合一模擬器' },
  wedgeScanner: { vendorId: 0x1209, productId: 0x0003, usagePage: 0x01, usage: 0x06, product: '模擬條碼掃描器（鍵盤模式）', manufacturer: 'N合一模擬器' },
  hidPosScanner: { vendorId: 0x1209, productId: 0x0004, usagePage: 0x8c, usage: 0x02, product: '模擬 HID-POS 條碼掃描器', manufacturer: 'N合一模擬器' },
  unknownMouse: { vendorId: 0x046d, productId: 0xc077, usagePage: 0x01, usage: 0x02, product: 'USB Optical Mouse', manufacturer: 'Logitech' },
} as const;
