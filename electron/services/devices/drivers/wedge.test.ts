import { describe, expect, it } from 'vitest';
import { DriverConfig, type WedgeConfig } from '../profiles/schema';
import { wedgeReports } from '../simulator/reports';
import { BootKeyboardDecoder } from './bootKeyboard';
import { WedgeBarcodeDriver } from './wedgeBarcode';

const config = (extra: object = {}): WedgeConfig => DriverConfig.parse({ kind: 'keyboard-wedge', purpose: 'barcode', ...extra }) as WedgeConfig;
const boot = (mod: number, ...keys: number[]) => Uint8Array.from([mod, 0, ...keys, 0, 0, 0, 0, 0, 0].slice(0, 8));

describe('keyboard-wedge decoding (US layout)', () => {
  it('types shifted characters: capitals, punctuation and the MRZ filler <', () => {
    const text = 'NIN1:FS01-1151126-0007:1/2 P<UTO a_b?{}"~!@#$%^&*()';
    const driver = new WedgeBarcodeDriver(config());
    expect(wedgeReports(`${text}\n`).flatMap((r) => driver.onReport(r))).toEqual([{ type: 'barcode', text, symbology: null, typedByOs: true }]);
  });

  it('assembles a scan over many reports and keeps scans apart', () => {
    const driver = new WedgeBarcodeDriver(config({ osTypesText: false }));
    const out = wedgeReports('FIRST\nSECOND\n').flatMap((r) => driver.onReport(r));
    expect(out.map((o) => (o.type === 'barcode' ? o.text : o.type))).toEqual(['FIRST', 'SECOND']);
    expect(out[0]).toMatchObject({ typedByOs: false });
  });

  it('types a repeated character twice (press, release, press) but a held key once', () => {
    const k = new BootKeyboardDecoder({ reportId: null, terminator: 'enter' });
    const one = 0x1e;
    const lines = [boot(0, one), boot(0), boot(0, one), boot(0, one), boot(0, one, 0x1f), boot(0), boot(0, 0x28)].flatMap((r) => k.feed(r).lines);
    expect(lines).toEqual(['112']);
  });

  it('handles the keypad, Backspace, rollover reports, shortcuts and a report id prefix', () => {
    const k = new BootKeyboardDecoder({ reportId: 1, terminator: 'enter' });
    const withId = (r: Uint8Array) => Uint8Array.from([1, ...r]);
    const reports = [
      boot(0, 0x59), boot(0), // keypad 1
      boot(0, 0x04), boot(0), // a
      boot(0, 0x2a), boot(0), // Backspace removes a
      boot(0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01), // ErrorRollOver: ignored
      boot(0x01, 0x06), boot(0), // Ctrl+C: a shortcut, not text
      boot(0x20, 0x05), boot(0), // right shift + b
      boot(0, 0x58), // keypad Enter
    ].map(withId);
    expect(reports.flatMap((r) => k.feed(r).lines)).toEqual(['1B']);
    expect(k.feed(boot(0, 0x04)).lines).toEqual([]); // no report id: not ours
  });

  it('uses Tab as terminator when the profile says so', () => {
    const driver = new WedgeBarcodeDriver(config({ terminator: 'tab' }));
    expect(wedgeReports('AB\tCD\n').flatMap((r) => driver.onReport(r))).toMatchObject([{ text: 'AB' }]);
  });

  it('survives garbage: short reports, random bytes, an endless line', () => {
    const driver = new WedgeBarcodeDriver(config());
    expect(driver.onReport(Uint8Array.from([0]))).toMatchObject([{ type: 'error', code: 'WEDGE_REPORT_SHORT' }]);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 2000; i++) expect(() => driver.onReport(Uint8Array.from({ length: 1 + (i % 12) }, rand))).not.toThrow();
    const endless = wedgeReports('X'.repeat(5000)).flatMap((r) => driver.onReport(r));
    expect(endless.filter((o) => o.type === 'error').map((o) => o.type === 'error' && o.code)).toContain('WEDGE_LINE_TOO_LONG');
  });

  it('reports a scan cut off by an unplug', () => {
    const driver = new WedgeBarcodeDriver(config());
    wedgeReports('HALF').forEach((r) => driver.onReport(r));
    expect(driver.onDisconnect()).toMatchObject([{ type: 'error', code: 'BARCODE_INTERRUPTED' }]);
  });
});
