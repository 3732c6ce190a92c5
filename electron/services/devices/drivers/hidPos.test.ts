import { describe, expect, it } from 'vitest';
import { DriverConfig, type HidPosConfig } from '../profiles/schema';
import { hidPosReports } from '../simulator/reports';
import { HidPosDriver } from './hidPos';
import type { DriverOutput } from './types';

const config = (extra: object = {}): HidPosConfig => DriverConfig.parse({ kind: 'hid-pos', ...extra }) as HidPosConfig;
const feed = (driver: HidPosDriver, reports: Uint8Array[]): DriverOutput[] => reports.flatMap((r) => driver.onReport(r));

describe('HID-POS scanner driver', () => {
  it('assembles a scan sent in several reports, with its AIM symbology id', () => {
    const text = 'NIN1:FS01-1151126-0007:1/2 ' + 'X'.repeat(120);
    const reports = hidPosReports(text);
    expect(reports).toHaveLength(3);
    const driver = new HidPosDriver(config());
    expect(driver.onReport(reports[0]!)).toEqual([]);
    expect(driver.onReport(reports[1]!)).toEqual([]);
    expect(driver.onReport(reports[2]!)).toEqual([{ type: 'barcode', text, symbology: ']Q1', typedByOs: false }]);
  });

  it('decodes a CJK payload whose UTF-8 characters are split across reports', () => {
    const text = '高雄市鳳山區光復路二段132號之1，五樓'.repeat(3);
    const reports = hidPosReports(text, { chunk: 7 }); // 7 is not a multiple of 3: every boundary cuts a character
    expect(feed(new HidPosDriver(config()), reports)).toEqual([{ type: 'barcode', text, symbology: ']Q1', typedByOs: false }]);
  });

  it('decodes Big5 when the profile says so', () => {
    const big5 = Uint8Array.from([0xb0, 0xaa, 0xb6, 0xaf]); // 高雄
    const r = new Uint8Array(64);
    r.set([2, big5.length, 0x5d, 0x51, 0x31], 0);
    r.set(big5, 5);
    expect(new HidPosDriver(config({ encoding: 'big5' })).onReport(r)).toMatchObject([{ type: 'barcode', text: '高雄' }]);
  });

  it('drops a CR/LF suffix and ignores empty scans and other report ids', () => {
    const driver = new HidPosDriver(config());
    expect(feed(driver, hidPosReports('ABC\r\n'))).toMatchObject([{ text: 'ABC' }]);
    const empty = new Uint8Array(64);
    empty[0] = 2;
    expect(driver.onReport(empty)).toEqual([]);
    const status = new Uint8Array(64);
    status[0] = 4;
    status[1] = 60;
    expect(driver.onReport(status)).toEqual([]);
  });

  it.each([
    ['a length beyond the report', Uint8Array.from([2, 200, 0x5d, 0x51, 0x31, 65])],
    ['a report holding only its id', Uint8Array.from([2])],
  ])('reports %s as a clear error', (_name, report) => {
    expect(new HidPosDriver(config()).onReport(report)).toMatchObject([{ type: 'error', code: 'BARCODE_REPORT_SHORT' }]);
  });

  it('reports bytes that are not valid UTF-8', () => {
    const r = new Uint8Array(64);
    r.set([2, 2, 0x5d, 0x51, 0x31, 0xff, 0xfe]);
    expect(new HidPosDriver(config()).onReport(r)).toMatchObject([{ type: 'error', code: 'BARCODE_ENCODING' }]);
  });

  it('gives up on an endless scan instead of growing without bound', () => {
    const driver = new HidPosDriver(config());
    const chunk = hidPosReports('Y'.repeat(56))[0]!;
    chunk[63] = 1; // "more data" forever
    const out = Array.from({ length: 200 }, () => driver.onReport(chunk)).flat();
    expect(out).toMatchObject([{ type: 'error', code: 'BARCODE_TOO_LONG' }]);
  });

  it('says data was lost when the scanner is unplugged mid-scan', () => {
    const driver = new HidPosDriver(config());
    driver.onReport(hidPosReports('Z'.repeat(100))[0]!);
    expect(driver.onDisconnect()).toMatchObject([{ type: 'error', code: 'BARCODE_INTERRUPTED' }]);
    expect(driver.onDisconnect()).toEqual([]);
  });
});
