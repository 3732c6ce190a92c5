import { driverError, type DriverOutput } from '../types';
import { crc16, FRAME_CRC, FRAME_HEADER, FRAME_MAGIC, PROTOCOL_VERSION } from './protocol';

export type Frame = { type: number; payload: Uint8Array };

/** Checks a reassembled frame (magic, version, length, CRC) and returns its type and payload. */
export function decodeFrame(frame: Uint8Array): { frame: Frame } | { error: DriverOutput } {
  if (frame.length < FRAME_HEADER + FRAME_CRC) {
    return { error: driverError('CARD_FRAME_SHORT', '讀卡資料不完整（資料框過短），請重新插卡。') };
  }
  if (frame[0] !== FRAME_MAGIC[0] || frame[1] !== FRAME_MAGIC[1]) {
    return { error: driverError('CARD_FRAME_MAGIC', '讀卡機傳來無法辨識的資料（不是 NIN1-CARD 格式），請資訊人員確認讀卡機設定。') };
  }
  const version = frame[2]!;
  if (version !== PROTOCOL_VERSION) {
    return { error: driverError('CARD_FRAME_VERSION', `讀卡機使用協定第 ${version} 版，本程式支援第 ${PROTOCOL_VERSION} 版；請資訊人員更新程式或讀卡機設定。`) };
  }
  const length = (frame[4]! << 8) | frame[5]!;
  const expected = FRAME_HEADER + length + FRAME_CRC;
  if (frame.length < expected) return { error: driverError('CARD_FRAME_SHORT', '讀卡資料不完整（長度不足），請重新插卡。') };
  if (frame.length > expected) return { error: driverError('CARD_FRAME_LENGTH', '讀卡資料長度與標頭不符，請重新插卡。') };
  const crc = (frame[FRAME_HEADER + length]! << 8) | frame[FRAME_HEADER + length + 1]!;
  if (crc16(frame.subarray(2, FRAME_HEADER + length)) !== crc) {
    return { error: driverError('CARD_FRAME_CHECKSUM', '讀卡資料檢查碼不符（傳輸錯誤），請重新插卡。') };
  }
  return { frame: { type: frame[3]!, payload: frame.slice(FRAME_HEADER, FRAME_HEADER + length) } };
}
