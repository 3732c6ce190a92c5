import type { WedgeConfig } from '../profiles/schema';
import { USAGE_BACKSPACE, USAGE_ENTER, USAGE_KEYPAD_ENTER, USAGE_ROLLOVER, USAGE_TAB, usCharFor } from './usLayout';
import { driverError, type DriverOutput } from './types';

const SHIFT = 0x22; // left shift 0x02 | right shift 0x20
const CTRL_ALT_GUI = 0xdd; // any Ctrl, Alt or GUI: a shortcut, not typed text
/** Longer than any MRZ (90) or barcode we handle: the device is stuck or sending garbage. */
const MAX_LINE = 4096;

/**
 * Turns USB boot-keyboard input reports (modifier byte, reserved byte, up to six key usages) into
 * lines of text ended by the profile's terminator. A key counts when it appears in a report and was
 * not down in the previous one, so a key held across reports types once and "11" (press, release,
 * press) types twice; keys pressed in the same report type in slot order.
 */
export class BootKeyboardDecoder {
  private down = new Set<number>();
  private line = '';

  constructor(private readonly cfg: Pick<WedgeConfig, 'reportId' | 'terminator'>) {}

  /** Completed lines and problems found in this report. */
  feed(report: Uint8Array): { lines: string[]; errors: DriverOutput[] } {
    const lines: string[] = [];
    const errors: DriverOutput[] = [];
    let body = report;
    if (this.cfg.reportId !== null) {
      if (report[0] !== this.cfg.reportId) return { lines, errors };
      body = report.subarray(1);
    }
    if (body.length < 3) return { lines, errors: [driverError('WEDGE_REPORT_SHORT', '鍵盤模式裝置傳來的資料格式不正確，已忽略。')] };
    const modifiers = body[0]!;
    const keys = [...body.subarray(2)].filter((k) => k !== 0);
    if (keys.includes(USAGE_ROLLOVER)) return { lines, errors }; // state unknown for this report; keep the previous one
    const shift = (modifiers & SHIFT) !== 0;
    const shortcut = (modifiers & CTRL_ALT_GUI) !== 0;
    for (const key of keys) {
      if (this.down.has(key) || shortcut) continue;
      if (this.isTerminator(key)) {
        lines.push(this.line);
        this.line = '';
      } else if (key === USAGE_BACKSPACE) {
        this.line = this.line.slice(0, -1);
      } else {
        this.line += usCharFor(key, shift) ?? '';
      }
    }
    this.down = new Set(keys);
    if (this.line.length > MAX_LINE) {
      this.line = '';
      errors.push(driverError('WEDGE_LINE_TOO_LONG', '鍵盤模式裝置傳來過長的資料而無結束鍵，已捨棄，請重新讀取。'));
    }
    return { lines, errors };
  }

  /** Drops a partial line; true if there was one. */
  reset(): boolean {
    const partial = this.line.length > 0;
    this.line = '';
    this.down.clear();
    return partial;
  }

  private isTerminator(key: number): boolean {
    return this.cfg.terminator === 'enter' ? key === USAGE_ENTER || key === USAGE_KEYPAD_ENTER : key === USAGE_TAB;
  }
}
