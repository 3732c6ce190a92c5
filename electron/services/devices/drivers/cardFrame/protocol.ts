/**
 * NIN1-CARD: the framing a card reader uses to hand card data to the counter over vendor HID input
 * reports. Version 1, specified here and nowhere else (reader firmware and the simulator follow
 * this file; the reference encoder below is the executable form of the spec).
 *
 * ## Reports (transport)
 * Input reports with the profile's report id (default 3). Each report carries one chunk:
 *
 *   byte 0   report id
 *   byte 1   chunk flags: bit 0 FIRST (a frame starts here), bit 1 LAST (the frame ends here);
 *            a one-chunk frame has both. Other bits are 0.
 *   byte 2   n, the number of frame bytes in this chunk (at most report size − 3)
 *   3..3+n   frame bytes; anything after them is padding and ignored
 *
 * ## Frame
 *
 *   0..1     magic "NC" (0x4E 0x43)
 *   2        protocol version: 1
 *   3        frame type: 0x01 CARD_INSERTED, 0x02 CARD_REMOVED, 0x7F READER_ERROR
 *   4..5     payload length L, big-endian (at most 1024)
 *   6..6+L   payload
 *   6+L..    CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) of bytes
 *            2 .. 6+L−1 (version through payload), big-endian
 *
 * ## Payloads
 * CARD_INSERTED: TLV records, tag (1 byte), length (1 byte), value:
 *   0x01 ID number (身分證統一編號 / 統一證號), 10 ASCII characters          required
 *   0x02 name, UTF-8, at most 60 characters                                 required
 *   0x03 birth date, ROC compact YYYMMDD (7 ASCII digits, as on the card)   required
 *   0x04 card serial, ASCII, at most 32 characters                          optional
 *   Unknown tags are skipped, so a reader may add fields within version 1.
 * CARD_REMOVED: empty. READER_ERROR: one byte, the reader's own error code (shown to IT).
 *
 * A reader that changes anything above bumps the version; the counter refuses an unknown version
 * with a clear message instead of guessing.
 */
export const FRAME_MAGIC = [0x4e, 0x43] as const;
export const PROTOCOL_VERSION = 1;
export const FRAME_HEADER = 6;
export const FRAME_CRC = 2;
export const MAX_PAYLOAD = 1024;

export const FrameType = { CARD_INSERTED: 0x01, CARD_REMOVED: 0x02, READER_ERROR: 0x7f } as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

export const ChunkFlag = { FIRST: 0x01, LAST: 0x02 } as const;

export const Tag = { ID: 0x01, NAME: 0x02, BIRTH_DATE: 0x03, CARD_SERIAL: 0x04 } as const;

/** CRC-16/CCITT-FALSE; check value for "123456789" is 0x29B1. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** Reference encoder: one frame. */
export function encodeFrame(type: number, payload: Uint8Array, version = PROTOCOL_VERSION): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER + payload.length + FRAME_CRC);
  frame.set(FRAME_MAGIC, 0);
  frame[2] = version;
  frame[3] = type;
  frame[4] = payload.length >> 8;
  frame[5] = payload.length & 0xff;
  frame.set(payload, FRAME_HEADER);
  const crc = crc16(frame.subarray(2, FRAME_HEADER + payload.length));
  frame[FRAME_HEADER + payload.length] = crc >> 8;
  frame[FRAME_HEADER + payload.length + 1] = crc & 0xff;
  return frame;
}

/** Reference encoder: a frame cut into input reports of `reportSize` bytes (report id included). */
export function chunkFrame(frame: Uint8Array, reportId: number, reportSize = 64): Uint8Array[] {
  const room = reportSize - 3;
  const reports: Uint8Array[] = [];
  for (let at = 0; at < frame.length; at += room) {
    const part = frame.subarray(at, at + room);
    const report = new Uint8Array(reportSize);
    report[0] = reportId;
    report[1] = (at === 0 ? ChunkFlag.FIRST : 0) | (at + room >= frame.length ? ChunkFlag.LAST : 0);
    report[2] = part.length;
    report.set(part, 3);
    reports.push(report);
  }
  return reports;
}

/** Reference encoder: the CARD_INSERTED payload. */
export function encodePersonPayload(p: { id: string; name: string; rocBirthDate: string; cardSerial?: string }): Uint8Array {
  const enc = new TextEncoder();
  const records: [number, Uint8Array][] = [
    [Tag.ID, enc.encode(p.id)],
    [Tag.NAME, enc.encode(p.name)],
    [Tag.BIRTH_DATE, enc.encode(p.rocBirthDate)],
    ...(p.cardSerial ? ([[Tag.CARD_SERIAL, enc.encode(p.cardSerial)]] as [number, Uint8Array][]) : []),
  ];
  const out: number[] = [];
  for (const [tag, value] of records) out.push(tag, value.length, ...value);
  return Uint8Array.from(out);
}
