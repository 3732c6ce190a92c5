import { driverError, type DriverOutput } from '../types';
import { ChunkFlag, FRAME_CRC, FRAME_HEADER, MAX_PAYLOAD } from './protocol';

const MAX_FRAME = FRAME_HEADER + MAX_PAYLOAD + FRAME_CRC;

export type ChunkResult = { frame?: Uint8Array; error?: DriverOutput };

/**
 * Reassembles NIN1-CARD frames from report chunks (protocol.ts). Refuses what cannot be a frame —
 * a chunk without FIRST when none is open, a new FIRST before the open frame's LAST, a chunk claiming
 * more bytes than the report holds, a frame past the size limit — and starts clean after each error.
 */
export class FrameAssembler {
  private parts: Uint8Array[] | null = null;
  private size = 0;

  constructor(private readonly reportId: number) {}

  push(report: Uint8Array): ChunkResult {
    if (report[0] !== this.reportId) return {};
    const flags = report[1];
    const n = report[2];
    if (flags === undefined || n === undefined || 3 + n > report.length) {
      this.drop();
      return { error: driverError('CARD_FRAME_SHORT', '讀卡資料不完整（資料區塊過短），請重新插卡。') };
    }
    const first = (flags & ChunkFlag.FIRST) !== 0;
    const last = (flags & ChunkFlag.LAST) !== 0;
    let error: DriverOutput | undefined;
    if (first) {
      if (this.parts) error = driverError('CARD_FRAME_INTERRUPTED', '讀卡資料傳送中斷（上一筆未傳完），請重新插卡。');
      this.parts = [];
      this.size = 0;
    } else if (!this.parts) {
      return { error: driverError('CARD_FRAME_SEQUENCE', '讀卡資料順序錯亂（缺少開頭），請重新插卡。') };
    }
    this.parts!.push(report.slice(3, 3 + n));
    this.size += n;
    if (this.size > MAX_FRAME) {
      this.drop();
      return { error: driverError('CARD_FRAME_TOO_LONG', '讀卡資料超過協定上限，已捨棄，請重新插卡。') };
    }
    if (!last) return error ? { error } : {};
    const frame = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts!) {
      frame.set(p, at);
      at += p.length;
    }
    this.drop();
    return error ? { frame, error } : { frame };
  }

  /** Forget an open frame; true if one was open (data lost). */
  drop(): boolean {
    const open = this.parts !== null;
    this.parts = null;
    this.size = 0;
    return open;
  }
}
