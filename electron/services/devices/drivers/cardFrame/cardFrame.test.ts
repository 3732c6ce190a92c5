import { describe, expect, it } from 'vitest';
import { cardInsertedReports, cardRemovedReports } from '../../simulator/reports';
import { CardFrameDriver } from './driver';
import { chunkFrame, crc16, encodeFrame, encodePersonPayload, FrameType } from './protocol';

const card = { id: 'A123456789', name: '王小明', rocBirthDate: '0790315', cardSerial: 'TWID000123' };
const driver = () => new CardFrameDriver({ kind: 'card-frame', reportId: 3 });
const feed = (d: CardFrameDriver, reports: Uint8Array[]) => reports.flatMap((r) => d.onReport(r));
const frameOf = (payload: Uint8Array, type: number = FrameType.CARD_INSERTED, version = 1) => chunkFrame(encodeFrame(type, payload, version), 3);

describe('NIN1-CARD v1 card-reader framing', () => {
  it('uses CRC-16/CCITT-FALSE (check value 0x29B1)', () => {
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });

  it('reads a card sent in one report', () => {
    const reports = cardInsertedReports(card);
    expect(reports).toHaveLength(1);
    expect(feed(driver(), reports)).toEqual([
      { type: 'card-inserted', person: { source: 'card', id: 'A123456789', name: '王小明', birthDate: '1990-03-15', cardSerial: 'TWID000123', document: null } },
    ]);
  });

  it('reassembles a frame split over several reports (small report size)', () => {
    const reports = chunkFrame(encodeFrame(FrameType.CARD_INSERTED, encodePersonPayload({ ...card, name: '歐陽娜娜' })), 3, 8);
    expect(reports.length).toBeGreaterThan(5);
    const d = driver();
    const out = feed(d, reports);
    expect(out).toMatchObject([{ type: 'card-inserted', person: { name: '歐陽娜娜' } }]);
  });

  it('reports removal and reader errors', () => {
    expect(feed(driver(), cardRemovedReports())).toEqual([{ type: 'card-removed' }]);
    expect(feed(driver(), frameOf(Uint8Array.from([0x42]), FrameType.READER_ERROR))).toMatchObject([{ type: 'error', code: 'CARD_READER_ERROR', message: expect.stringContaining('66') }]);
  });

  it('refuses a corrupted frame (checksum), keeping the next one', () => {
    const reports = cardInsertedReports(card);
    const first = reports[0]!;
    first[12] = first[12]! ^ 0x01;
    const d = driver();
    expect(feed(d, reports)).toMatchObject([{ type: 'error', code: 'CARD_FRAME_CHECKSUM', message: expect.stringContaining('請重新插卡') }]);
    expect(feed(d, cardInsertedReports(card))).toMatchObject([{ type: 'card-inserted' }]);
  });

  it.each([
    ['a short frame', Uint8Array.from([3, 0x03, 4, 0x4e, 0x43, 1, 1]), 'CARD_FRAME_SHORT'],
    ['a chunk longer than its report', Uint8Array.from([3, 0x03, 60, 0x4e]), 'CARD_FRAME_SHORT'],
    ['a foreign magic', Uint8Array.from([3, 0x03, 8, 0x41, 0x42, 1, 1, 0, 0, 0, 0]), 'CARD_FRAME_MAGIC'],
    ['a continuation with no start', Uint8Array.from([3, 0x02, 2, 1, 2]), 'CARD_FRAME_SEQUENCE'],
  ])('refuses %s', (_name, report, code) => {
    expect(driver().onReport(report)).toMatchObject([{ type: 'error', code }]);
  });

  it('refuses an unknown protocol version and a frame whose length field lies', () => {
    expect(feed(driver(), frameOf(encodePersonPayload(card), FrameType.CARD_INSERTED, 2))).toMatchObject([{ type: 'error', code: 'CARD_FRAME_VERSION', message: expect.stringContaining('第 2 版') }]);
    const frame = encodeFrame(FrameType.CARD_INSERTED, encodePersonPayload(card));
    const longer = new Uint8Array(frame.length + 1);
    longer.set(frame);
    expect(feed(driver(), chunkFrame(longer, 3))).toMatchObject([{ type: 'error', code: 'CARD_FRAME_LENGTH' }]);
  });

  it('validates person fields with the shared validators, without echoing them', () => {
    const bad = feed(driver(), frameOf(encodePersonPayload({ ...card, id: 'A123456788' })));
    expect(bad).toMatchObject([{ type: 'error', code: 'CARD_DATA_INVALID', message: expect.stringContaining('證號') }]);
    expect(JSON.stringify(bad)).not.toContain('A123456788');
    expect(feed(driver(), frameOf(encodePersonPayload({ ...card, rocBirthDate: '1150229' })))).toMatchObject([{ code: 'CARD_DATA_INVALID', message: expect.stringContaining('出生日期') }]);
    expect(feed(driver(), frameOf(encodePersonPayload({ ...card, name: '' })))).toMatchObject([{ code: 'CARD_DATA_INVALID', message: expect.stringContaining('姓名') }]);
    expect(feed(driver(), frameOf(Uint8Array.from([0x01, 40, 0x41])))).toMatchObject([{ code: 'CARD_DATA_INVALID' }]);
  });

  it('skips unknown tags (forward compatible within version 1)', () => {
    const payload = Uint8Array.from([...encodePersonPayload(card), 0x20, 2, 0xaa, 0xbb]);
    expect(feed(driver(), frameOf(payload))).toMatchObject([{ type: 'card-inserted' }]);
  });

  it('reports a frame cut off by a new start, and by an unplug', () => {
    const reports = chunkFrame(encodeFrame(FrameType.CARD_INSERTED, encodePersonPayload(card)), 3, 16);
    const d = driver();
    feed(d, reports.slice(0, 2));
    expect(feed(d, cardInsertedReports(card))).toMatchObject([{ type: 'error', code: 'CARD_FRAME_INTERRUPTED' }, { type: 'card-inserted' }]);
    feed(d, reports.slice(0, 2));
    expect(d.onDisconnect()).toMatchObject([{ type: 'error', code: 'CARD_FRAME_INTERRUPTED' }]);
    expect(d.onDisconnect()).toEqual([]);
  });

  it('never throws on random reports', () => {
    const d = driver();
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 5000; i++) {
      const r = Uint8Array.from({ length: 1 + (i % 64) }, rand);
      if (i % 3 === 0) r[0] = 3;
      expect(() => d.onReport(r)).not.toThrow();
    }
  });
});
