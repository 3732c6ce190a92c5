/**
 * Machine-readable zones (ICAO Doc 9303, 8th ed.) as document readers type them: 居留證 / resident
 * certificates (TD1, 3×30), the older TD2 (2×36) and passports (TD3, 2×44). Every check digit is
 * verified, including the composite one, because a reader that misreads one character must lead to
 * a re-swipe, never to a wrong person on a form. Never throws: garbage from a device is input too.
 */
import { isoFromDate, validatePersonId, type PersonIdKind } from '../validators';
import { toHalfWidth } from '../validators/halfWidth';
import { computeCheckDigit, MRZ_ALPHABET } from './checkDigit';
import { mrzDateToIso } from './dates';
import { LAYOUTS, TD1, TD2, TD3, type MrzFormat, type MrzLayout, type Slice } from './layouts';
import { MRZ_FIELD_LABEL, RESWIPE, type MrzFieldName } from './messages';
import { parseMrzName } from './names';
import { repairNumeric } from './ocr';

export type { MrzFormat } from './layouts';
export type { MrzFieldName } from './messages';

export type MrzSex = 'male' | 'female' | 'unspecified';

export type MrzFields = {
  /** `P` passport, `I`/`ID`/`IR`… identity and residence documents (fillers removed). */
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  surname: string;
  givenNames: string;
  nationality: string;
  /** ISO `YYYY-MM-DD`, century inferred (see dates.ts). */
  birthDate: string;
  sex: MrzSex;
  expiryDate: string;
  /** Optional data fields in document order, fillers removed (TD1 has two, TD2/TD3 one). */
  optionalData: string[];
  /** 身分證統一編號 / 統一證號 found in the optional data (or as the document number), checksum-validated. */
  personId?: string;
  personIdKind?: PersonIdKind;
  /** Numeric fields in which OCR confusions (O→0, I→1…) were repaired before the check digits passed. */
  corrections: MrzFieldName[];
};

export type MrzErrorCode =
  | 'MRZ_EMPTY'
  | 'MRZ_FORMAT'
  | 'MRZ_LINE_LENGTH'
  | 'MRZ_CHARACTERS'
  | 'MRZ_CHECK_DIGIT'
  | 'MRZ_DATE'
  | 'MRZ_SEX'
  | 'MRZ_PERSON_ID';

export type MrzOk = { ok: true; format: MrzFormat; fields: MrzFields };
export type MrzErr = { ok: false; code: MrzErrorCode; message: string; field?: MrzFieldName };
export type MrzResult = MrzOk | MrzErr;

export type ParseMrzOptions = {
  /** The counter's date (ISO), used to pick the century of YYMMDD dates. Default: today in Taipei. */
  today?: string;
};

class MrzFailure {
  constructor(readonly error: MrzErr) {}
}

const fail = (code: MrzErrorCode, message: string, field?: MrzFieldName): never => {
  throw new MrzFailure(field === undefined ? { ok: false, code, message } : { ok: false, code, message, field });
};

/**
 * Lines as the reader sent them: full-width folded, spaces dropped, lower case raised (a reader in
 * the wrong Caps Lock state types `p<uto…`), blank lines ignored. A reader that sends the whole
 * zone without separators (90, 72 or 88 characters) is split into its lines.
 */
const toLines = (text: string): string[] => {
  const lines = toHalfWidth(text)
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[ \t]+/g, '').replace(/[a-z]/g, (c) => c.toUpperCase()))
    .filter((l) => l !== '');
  const only = lines.length === 1 ? lines[0]! : undefined;
  const joined = LAYOUTS.find((layout) => only !== undefined && only.length === layout.lines * layout.width);
  if (only !== undefined && joined) {
    return Array.from({ length: joined.lines }, (_, i) => only.slice(i * joined.width, (i + 1) * joined.width));
  }
  return lines;
};

/** TD1 has three lines; with two, the longer line decides between TD2 (36) and TD3 (44). */
const pickLayout = (lines: string[]): MrzLayout => {
  const lengths = lines.map((l) => l.length);
  if (lines.length === 3) return TD1;
  if (lines.length === 2) return Math.max(...lengths) > 40 ? TD3 : TD2;
  return fail(
    'MRZ_FORMAT',
    `機讀區格式無法辨識：應為 3 行各 30 字（居留證）或 2 行各 44 字（護照），讀到 ${lines.length} 行（${lengths.join('、')} 字）。${RESWIPE}`,
  );
};

const checkShape = (lines: string[], layout: MrzLayout): void => {
  lines.forEach((line, i) => {
    if (line.length !== layout.width) {
      fail('MRZ_LINE_LENGTH', `第 ${i + 1} 行應為 ${layout.width} 個字元，讀到 ${line.length} 個（可能刷讀不完整）。${RESWIPE}`);
    }
    if (!MRZ_ALPHABET.test(line)) {
      const pos = [...line].findIndex((c) => !/[A-Z0-9<]/.test(c));
      fail('MRZ_CHARACTERS', `第 ${i + 1} 行第 ${pos + 1} 個字元不是機讀區允許的字元（A–Z、0–9、<）。${RESWIPE}`);
    }
  });
};

/**
 * Mutable copy of the lines in which numeric fields get repaired in place, so the composite check
 * digit is computed over what the document really printed.
 */
class Zone {
  readonly corrections = new Set<MrzFieldName>();
  private readonly rows: string[][];

  constructor(lines: string[]) {
    this.rows = lines.map((l) => [...l]);
  }

  read(slice: Slice): string {
    return (this.rows[slice.line] ?? []).slice(slice.start, slice.end).join('');
  }

  /** Reads a numeric field, repairing OCR confusions (recorded against `field`). */
  readNumeric(slice: Slice, field: MrzFieldName): string {
    const { value, corrected } = repairNumeric(this.read(slice));
    if (corrected) {
      this.corrections.add(field);
      const row = this.rows[slice.line]!;
      [...value].forEach((ch, i) => (row[slice.start + i] = ch));
    }
    return value;
  }
}

const badCheck = (field: MrzFieldName): never =>
  fail('MRZ_CHECK_DIGIT', `${MRZ_FIELD_LABEL[field]}的檢查碼不符，可能讀取錯誤。${RESWIPE}`, field);

/** `data` must match its check digit; `<` is accepted as "no check digit" only where the standard allows it. */
const verify = (data: string, check: string, field: MrzFieldName, fillerAllowed = false): void => {
  if (fillerAllowed && check === '<' && /^<*$/.test(data)) return;
  if (!/^\d$/.test(check) || computeCheckDigit(data) !== Number(check)) badCheck(field);
};

/**
 * Document number, with the 9303 long-number rule for TD1/TD2: when the check-digit position holds
 * `<`, the number continues in the optional data up to the first filler and its last character there
 * is the check digit. Returns the number and the optional data that is really optional.
 */
const readDocumentNumber = (zone: Zone, layout: MrzLayout): { number: string; overflowUsed: number } => {
  const head = zone.read(layout.documentNumber);
  const check = zone.read(layout.documentNumberCheck);
  if (check === '<' && layout.overflow) {
    const overflow = zone.read(layout.overflow);
    const end = overflow.indexOf('<');
    const tail = end < 0 ? overflow : overflow.slice(0, end);
    if (tail.length < 2) return badCheck('documentNumber');
    const number = head + tail.slice(0, -1);
    verify(number, repairNumeric(tail.slice(-1)).value, 'documentNumber');
    return { number: number.replace(/<+$/, ''), overflowUsed: tail.length };
  }
  const repaired = zone.readNumeric(layout.documentNumberCheck, 'documentNumber');
  verify(head, repaired, 'documentNumber');
  return { number: head.replace(/<+$/, ''), overflowUsed: 0 };
};

const readDate = (zone: Zone, value: Slice, check: Slice, field: 'birthDate' | 'expiryDate', today: string): string => {
  const digits = zone.readNumeric(value, field);
  verify(digits, zone.readNumeric(check, field), field);
  const iso = mrzDateToIso(digits, field === 'birthDate' ? 'birth' : 'expiry', today);
  return iso ?? fail('MRZ_DATE', `${MRZ_FIELD_LABEL[field]}不是有效的日期，可能讀取錯誤。${RESWIPE}`, field);
};

const SEX: Readonly<Record<string, MrzSex>> = { M: 'male', F: 'female', X: 'unspecified', '<': 'unspecified' };

/** A 身分證 / 統一證號 (old or new format) at the start of a field. */
const PERSON_ID_SHAPE = /^[A-Z][1289ABCD][0-9]{8}/;

/**
 * Taiwanese documents (issuing state TWN) carry the 統一證號 (residence certificates) or the
 * 身分證統一編號 (passports) in the optional data. Foreign documents are not searched: their optional
 * data is some other country's number and may look like ours by chance. A candidate is validated with
 * the shared checksum validator, and one that fails it is a misread, not "no ID".
 */
const findPersonId = (optional: string[], documentNumber: string, issuingState: string): { id: string; kind: PersonIdKind } | undefined => {
  if (issuingState !== 'TWN') return undefined;
  for (const field of [...optional, documentNumber]) {
    const match = PERSON_ID_SHAPE.exec(field);
    if (!match) continue;
    const result = validatePersonId(match[0]);
    if (!result.ok) return fail('MRZ_PERSON_ID', `機讀區中的${MRZ_FIELD_LABEL.personId}檢查碼不符，可能讀取錯誤。${RESWIPE}`, 'personId');
    return { id: result.id, kind: result.kind };
  }
  return undefined;
};

const parseZone = (lines: string[], today: string): MrzOk => {
  const layout = pickLayout(lines);
  checkShape(lines, layout);
  const zone = new Zone(lines);

  const { number: documentNumber, overflowUsed } = readDocumentNumber(zone, layout);
  const birthDate = readDate(zone, layout.birthDate, layout.birthDateCheck, 'birthDate', today);
  const expiryDate = readDate(zone, layout.expiryDate, layout.expiryDateCheck, 'expiryDate', today);

  const optionalRaw = layout.optional.map((slice, i) => {
    const raw = zone.read(slice);
    // The first optional field starts after a long document number's overflow and its filler.
    return i === 0 && overflowUsed > 0 ? raw.slice(overflowUsed + 1) : raw;
  });
  if (layout.optionalCheck) {
    verify(zone.read(layout.optional[0]!), zone.readNumeric(layout.optionalCheck, 'optionalData'), 'optionalData', true);
  }
  const compositeCheck = zone.readNumeric(layout.composite.check, 'composite');
  verify(layout.composite.parts.map((p) => zone.read(p)).join(''), compositeCheck, 'composite');

  const sex = SEX[zone.read(layout.sex)] ?? fail('MRZ_SEX', `性別欄應為 M、F 或 <，可能讀取錯誤。${RESWIPE}`, 'sex');
  const issuingState = zone.read(layout.issuingState).replace(/</g, '');
  const optionalData = optionalRaw.map((o) => o.replace(/^<+|<+$/g, '')).filter((o) => o !== '');
  const person = findPersonId(optionalData, documentNumber, issuingState);

  return {
    ok: true,
    format: layout.format,
    fields: {
      documentCode: zone.read(layout.documentCode).replace(/</g, ''),
      issuingState,
      documentNumber,
      ...parseMrzName(zone.read(layout.name)),
      nationality: zone.read(layout.nationality).replace(/</g, ''),
      birthDate,
      sex,
      expiryDate,
      optionalData,
      ...(person ? { personId: person.id, personIdKind: person.kind } : {}),
      corrections: [...zone.corrections],
    },
  };
};

/** Parse a machine-readable zone (lines separated by newlines, `<` fillers as printed). */
export const parseMrz = (text: string, options: ParseMrzOptions = {}): MrzResult => {
  if (typeof text !== 'string' || text.trim() === '') {
    return { ok: false, code: 'MRZ_EMPTY', message: `未讀到機讀區（MRZ）資料。${RESWIPE}` };
  }
  try {
    return parseZone(toLines(text), options.today ?? isoFromDate(new Date()));
  } catch (e) {
    if (e instanceof MrzFailure) return e.error;
    throw e;
  }
};
