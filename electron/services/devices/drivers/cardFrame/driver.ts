import type { CardFrameConfig } from '../../profiles/schema';
import { driverError, type Driver, type DriverOutput } from '../types';
import { FrameAssembler } from './assembler';
import { decodeFrame } from './frame';
import { decodePerson } from './person';
import { FrameType } from './protocol';

/** A card reader speaking NIN1-CARD v1 (protocol.ts): chunks → frame → card inserted / removed / reader error. */
export class CardFrameDriver implements Driver {
  private readonly assembler: FrameAssembler;

  constructor(cfg: CardFrameConfig) {
    this.assembler = new FrameAssembler(cfg.reportId);
  }

  onReport(report: Uint8Array): DriverOutput[] {
    const { frame, error } = this.assembler.push(report);
    const out: DriverOutput[] = error ? [error] : [];
    if (frame) out.push(this.onFrame(frame));
    return out;
  }

  onDisconnect(): DriverOutput[] {
    return this.assembler.drop() ? [driverError('CARD_FRAME_INTERRUPTED', '讀卡機在傳送資料時中斷連線，請重新連接讀卡機後再插卡。')] : [];
  }

  private onFrame(bytes: Uint8Array): DriverOutput {
    const decoded = decodeFrame(bytes);
    if ('error' in decoded) return decoded.error;
    const { type, payload } = decoded.frame;
    switch (type) {
      case FrameType.CARD_INSERTED: {
        const p = decodePerson(payload);
        return 'error' in p ? p.error : { type: 'card-inserted', person: p.person };
      }
      case FrameType.CARD_REMOVED:
        return { type: 'card-removed' };
      case FrameType.READER_ERROR:
        return driverError('CARD_READER_ERROR', `讀卡機無法讀取卡片（讀卡機錯誤碼 ${payload[0] ?? '未提供'}），請重新插卡；若持續發生請聯絡資訊人員。`);
      default:
        return driverError('CARD_FRAME_TYPE', `讀卡機傳來未知的資料類型（${type}），已忽略。`);
    }
  }
}
