import type { CardPerson } from '../../../../shared/devices/schema';
import { parseMrz, type MrzFields, type MrzFormat } from '../../../../shared/mrz';
import type { WedgeConfig } from '../profiles/schema';
import { BootKeyboardDecoder } from './bootKeyboard';
import { driverError, type Driver, type DriverOutput } from './types';

const LINE_WIDTHS = new Set([30, 36, 44]);

/** The person fields the new-case form needs, from a parsed zone. Latin names as printed (SURNAME, GIVEN NAMES). */
export const personFromMrz = (format: MrzFormat, f: MrzFields): CardPerson => ({
  source: 'mrz',
  id: f.personId ?? null,
  name: f.givenNames ? `${f.surname}, ${f.givenNames}` : f.surname,
  birthDate: f.birthDate,
  cardSerial: null,
  document: { format, documentNumber: f.documentNumber, nationality: f.nationality, expiryDate: f.expiryDate, sex: f.sex },
});

/**
 * A document reader that types the machine-readable zone line by line (keyboard mode). Lines are
 * collected until they form a whole zone (3×30, 2×36 or 2×44); as soon as they cannot, the partial
 * zone goes to parseMrz anyway so the clerk gets its precise error (short line, bad check digit)
 * and is asked to re-swipe.
 */
export class MrzReaderDriver implements Driver {
  private readonly keyboard: BootKeyboardDecoder;
  private pending: string[] = [];

  constructor(
    cfg: WedgeConfig,
    private readonly today: () => string,
  ) {
    this.keyboard = new BootKeyboardDecoder(cfg);
  }

  onReport(report: Uint8Array): DriverOutput[] {
    const { lines, errors } = this.keyboard.feed(report);
    const out: DriverOutput[] = [...errors];
    for (const raw of lines) {
      const line = raw.replace(/\s+/g, '');
      if (line === '') continue; // readers often end the zone with an extra Enter
      this.pending.push(line);
      if (this.complete() || !this.canGrow()) out.push(this.flush());
    }
    return out;
  }

  onDisconnect(): DriverOutput[] {
    const partial = this.keyboard.reset() || this.pending.length > 0;
    this.pending = [];
    return partial ? [driverError('MRZ_INTERRUPTED', '證件讀取器在傳送資料時中斷連線，請重新刷讀證件。')] : [];
  }

  private complete(): boolean {
    const [first] = this.pending;
    if (first === undefined || !this.pending.every((l) => l.length === first.length)) return false;
    return first.length === 30 ? this.pending.length === 3 : this.pending.length === 2 && LINE_WIDTHS.has(first.length);
  }

  /** Could more lines still make a zone? Only while every line so far has one valid width and there are fewer than 3. */
  private canGrow(): boolean {
    const [first] = this.pending;
    return first !== undefined && LINE_WIDTHS.has(first.length) && this.pending.every((l) => l.length === first.length) && this.pending.length < 3;
  }

  private flush(): DriverOutput {
    const text = this.pending.join('\n');
    this.pending = [];
    const r = parseMrz(text, { today: this.today() });
    if (!r.ok) return driverError(r.code, r.message);
    return { type: 'card-inserted', person: personFromMrz(r.format, r.fields) };
  }
}
