import { describe, expect, it } from 'vitest';
import { computeCheckDigit, composeMrz, parseMrz, type MrzErr, type MrzOk } from './index';

// ICAO Doc 9303 specimen zones (the fictitious state of Utopia): part 5 (TD1), part 6 (TD2), part 4 (TD3).
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TODAY = { today: '2026-11-26' };

const parse = (lines: string[], options = TODAY) => parseMrz(lines.join('\n'), options);
const ok = (lines: string[]): MrzOk => {
  const r = parse(lines);
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r;
};
const bad = (lines: string[]): MrzErr => {
  const r = parse(lines);
  if (r.ok) throw new Error('expected an error');
  return r;
};

/** Replace the character at (line, pos). */
const edit = (lines: string[], line: number, pos: number, ch: string): string[] =>
  lines.map((l, i) => (i === line ? l.slice(0, pos) + ch + l.slice(pos + 1) : l));
const bump = (digit: string): string => String((Number(digit) + 1) % 10);

const ERIKSSON = {
  surname: 'ERIKSSON',
  givenNames: 'ANNA MARIA',
  issuingState: 'UTO',
  nationality: 'UTO',
  birthDate: '1974-08-12',
  sex: 'female',
  expiryDate: '2012-04-15',
  corrections: [],
};

describe('check digits (7-3-1)', () => {
  it('match the worked examples of 9303 part 3', () => {
    expect(computeCheckDigit('520727')).toBe(3);
    expect(computeCheckDigit('L898902C3')).toBe(6);
    expect(computeCheckDigit('ZE184226B<<<<<')).toBe(1);
    expect(computeCheckDigit('AB2134<<<')).toBe(5);
    expect(computeCheckDigit('ab')).toBeUndefined();
  });
});

describe('parseMrz: ICAO specimens', () => {
  it('reads the TD1 specimen (resident-certificate size)', () => {
    const r = ok(TD1);
    expect(r.format).toBe('TD1');
    expect(r.fields).toMatchObject({ ...ERIKSSON, documentCode: 'I', documentNumber: 'D23145890', optionalData: [] });
    expect(r.fields.personId).toBeUndefined();
  });

  it('reads the TD2 specimen', () => {
    const r = ok(TD2);
    expect(r.format).toBe('TD2');
    expect(r.fields).toMatchObject({ ...ERIKSSON, documentNumber: 'D23145890' });
  });

  it('reads the TD3 specimen (passport)', () => {
    const r = ok(TD3);
    expect(r.format).toBe('TD3');
    expect(r.fields).toMatchObject({ ...ERIKSSON, documentCode: 'P', documentNumber: 'L898902C3', optionalData: ['ZE184226B'] });
  });

  it('accepts what readers really send: CRLF, a trailing blank line, spaces, lower case, full width, one long line', () => {
    expect(parseMrz(`${TD3.join('\r\n')}\r\n\r\n`, TODAY).ok).toBe(true);
    expect(parseMrz(TD1.map((l) => ` ${l.toLowerCase()} `).join('\n'), TODAY).ok).toBe(true);
    expect(parseMrz(TD1.join('\n').replace(/[A-Z0-9<]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)), TODAY).ok).toBe(true);
    expect(parseMrz(TD3.join(''), TODAY)).toMatchObject({ ok: true, format: 'TD3' });
    expect(parseMrz(TD1.join(''), TODAY)).toMatchObject({ ok: true, format: 'TD1' });
  });
});

describe('parseMrz: every check digit wrong in turn', () => {
  it.each([
    ['TD1 document number', TD1, 0, 14, 'documentNumber'],
    ['TD1 birth date', TD1, 1, 6, 'birthDate'],
    ['TD1 expiry date', TD1, 1, 14, 'expiryDate'],
    ['TD1 composite', TD1, 1, 29, 'composite'],
    ['TD2 document number', TD2, 1, 9, 'documentNumber'],
    ['TD2 birth date', TD2, 1, 19, 'birthDate'],
    ['TD2 expiry date', TD2, 1, 27, 'expiryDate'],
    ['TD2 composite', TD2, 1, 35, 'composite'],
    ['TD3 document number', TD3, 1, 9, 'documentNumber'],
    ['TD3 birth date', TD3, 1, 19, 'birthDate'],
    ['TD3 expiry date', TD3, 1, 27, 'expiryDate'],
    ['TD3 personal number', TD3, 1, 42, 'optionalData'],
    ['TD3 composite', TD3, 1, 43, 'composite'],
  ] as const)('%s', (_name, lines, line, pos, field) => {
    const r = bad(edit([...lines], line, pos, bump(lines[line]!.charAt(pos))));
    expect(r).toMatchObject({ code: 'MRZ_CHECK_DIGIT', field });
    expect(r.message).toMatch(/檢查碼不符/);
    expect(r.message).toContain('請重新刷讀證件');
  });

  it('names the field in the message', () => {
    expect(bad(edit(TD3, 1, 19, '3')).message).toBe('出生日期的檢查碼不符，可能讀取錯誤。請重新刷讀證件。');
    expect(bad(edit(TD1, 0, 14, '8')).message).toContain('證件號碼');
  });

  it('catches a misread data character through its check digit (or the composite)', () => {
    expect(bad(edit(TD3, 1, 3, '9'))).toMatchObject({ field: 'documentNumber' }); // L898902C3 → L899902C3
    expect(bad(edit(TD3, 1, 30, 'F'))).toMatchObject({ field: 'optionalData' });
    expect(bad(edit(TD1, 1, 20, 'B'))).toMatchObject({ field: 'composite' }); // TD1 optional data 2 is covered only by the composite (weight 1 here: A=10 would sum to the same digit)
  });
});

describe('parseMrz: OCR confusions', () => {
  it('repairs letters in numeric fields (dates, check digits) and says so', () => {
    const r = ok(edit(edit(TD3, 1, 15, 'O'), 1, 43, 'O')); // 740812 → 74O812, composite 0 → O
    expect(r.fields.birthDate).toBe('1974-08-12');
    expect(r.fields.corrections).toEqual(['birthDate', 'composite']);
  });

  it('repairs I→1, S→5, B→8, Z→2 in dates', () => {
    const r = ok(edit(edit(TD1, 1, 8, 'I'), 1, 13, 'S')); // expiry 120415 → I2041S
    expect(r.fields.expiryDate).toBe('2012-04-15');
    expect(r.fields.corrections).toEqual(['expiryDate']);
  });

  it('never "repairs" alphanumeric fields: O for 0 in a document number is a misread', () => {
    expect(bad(edit(TD3, 1, 5, 'O'))).toMatchObject({ code: 'MRZ_CHECK_DIGIT', field: 'documentNumber' });
  });
});

describe('parseMrz: short lines, fillers, garbage', () => {
  it('reports a short line with its number and lengths', () => {
    const r = bad([TD3[0]!, TD3[1]!.slice(0, 43)]);
    expect(r).toMatchObject({ code: 'MRZ_LINE_LENGTH' });
    expect(r.message).toBe('第 2 行應為 44 個字元，讀到 43 個（可能刷讀不完整）。請重新刷讀證件。');
    expect(bad([TD1[0]!, TD1[1]!, TD1[2]!.slice(0, 12)])).toMatchObject({ code: 'MRZ_LINE_LENGTH' });
  });

  it('refuses a zone with the wrong number of lines', () => {
    expect(bad([TD1[0]!])).toMatchObject({ code: 'MRZ_FORMAT' });
    expect(bad([...TD1, TD1[0]!]).message).toContain('讀到 4 行');
  });

  it('refuses characters outside the MRZ alphabet with their position', () => {
    const r = bad(edit(TD1, 2, 8, '«'));
    expect(r).toMatchObject({ code: 'MRZ_CHARACTERS' });
    expect(r.message).toContain('第 3 行第 9 個字元');
  });

  it('handles fillers: no given names, hyphenated names, empty personal number with a filler check digit', () => {
    const zone = composeMrz({ format: 'TD3', documentCode: 'P', issuingState: 'UTO', documentNumber: 'X1', surname: 'SMITH-JONES', givenNames: '', nationality: 'UTO', birthDate: '900101', sex: '<', expiryDate: '300101' });
    expect(zone.split('\n')[1]!.charAt(42)).toBe('<');
    const r = parseMrz(zone, TODAY);
    expect(r).toMatchObject({ ok: true, fields: { surname: 'SMITH JONES', givenNames: '', documentNumber: 'X1', sex: 'unspecified', optionalData: [] } });
  });

  it('reads a TD1 long document number continued in the optional data', () => {
    // 12-character number D23145890734: 9 in place, `<` in the check position, "734" + check digit 9 in the optional data.
    const check = computeCheckDigit('D23145890734');
    const line1 = `I<UTOD23145890<734${check}<<<<<<<<<<<`;
    const line2 = '7408122F1204159UTO<<<<<<<<<<<';
    const composite = computeCheckDigit(line1.slice(5) + line2.slice(0, 7) + line2.slice(8, 15) + line2.slice(18, 29));
    const r = ok([line1, `${line2}${composite}`, TD1[2]!]);
    expect(r.fields.documentNumber).toBe('D23145890734');
    expect(r.fields.optionalData).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \n \r\n'],
    ['binary', '\u0000\u0001\uffff\n\u0002'],
    ['HTML', '<script>alert(1)</script>'],
    ['a QR payload', 'NIN1:FS01-1151126-0007:1/2'],
  ])('never throws on garbage (%s)', (_name, text) => {
    const r = parseMrz(text, TODAY);
    expect(r.ok).toBe(false);
  });

  it('never throws on non-string input from a device bridge', () => {
    expect(parseMrz(undefined as unknown as string).ok).toBe(false);
  });

  it('rejects an impossible date even when its check digit matches', () => {
    const zone = composeMrz({ format: 'TD1', documentCode: 'I', issuingState: 'UTO', documentNumber: 'D1', surname: 'A', givenNames: 'B', nationality: 'UTO', birthDate: '741312', sex: 'F', expiryDate: '300101' });
    expect(parseMrz(zone, TODAY)).toMatchObject({ ok: false, code: 'MRZ_DATE', field: 'birthDate' });
  });

  it('rejects an unknown sex marker', () => {
    expect(bad(edit(TD1, 1, 7, 'Q'))).toMatchObject({ code: 'MRZ_SEX' });
  });
});

describe('parseMrz: century pivot', () => {
  const zone = (birth: string, expiry: string) =>
    composeMrz({ format: 'TD3', documentCode: 'P', issuingState: 'UTO', documentNumber: 'X1', surname: 'A', givenNames: 'B', nationality: 'UTO', birthDate: birth, sex: 'M', expiryDate: expiry });
  it.each([
    ['300101', '1930-01-01'],
    ['200101', '2020-01-01'],
    ['261126', '2026-11-26'],
    ['261127', '1926-11-27'],
    ['000229', '2000-02-29'],
  ])('birth %s → %s (never in the future)', (yymmdd, iso) => {
    expect(parseMrz(zone(yymmdd, '300101'), TODAY)).toMatchObject({ ok: true, fields: { birthDate: iso } });
  });
  it.each([
    ['120415', '2012-04-15'],
    ['350101', '2035-01-01'],
    ['751231', '2075-12-31'],
    ['991231', '1999-12-31'],
  ])('expiry %s → %s (within 50 years of today)', (yymmdd, iso) => {
    expect(parseMrz(zone('800101', yymmdd), TODAY)).toMatchObject({ ok: true, fields: { expiryDate: iso } });
  });
});

describe('parseMrz: Taiwanese documents', () => {
  const arc = (optional1: string) =>
    composeMrz({ format: 'TD1', documentCode: 'IR', issuingState: 'TWN', documentNumber: 'Y00012345', surname: 'NGUYEN', givenNames: 'THI LAN', nationality: 'VNM', birthDate: '950214', sex: 'F', expiryDate: '290630', optional1 });

  it('maps a resident certificate with its 統一證號 (validated by the shared validator)', () => {
    const r = parseMrz(arc('A900000016'), TODAY);
    expect(r).toMatchObject({
      ok: true,
      format: 'TD1',
      fields: { documentCode: 'IR', issuingState: 'TWN', nationality: 'VNM', surname: 'NGUYEN', givenNames: 'THI LAN', birthDate: '1995-02-14', sex: 'female', expiryDate: '2029-06-30', personId: 'A900000016', personIdKind: 'resident' },
    });
  });

  it('reads the old-format 統一證號 too', () => {
    expect(parseMrz(arc('AC01234567'), TODAY)).toMatchObject({ ok: true, fields: { personId: 'AC01234567' } });
  });

  it('refuses a 統一證號 whose checksum fails even when every MRZ check digit passes (a consistent misread)', () => {
    expect(parseMrz(arc('A900000017'), TODAY)).toMatchObject({ ok: false, code: 'MRZ_PERSON_ID', field: 'personId' });
  });

  it('finds the 身分證統一編號 in a Taiwanese passport personal number; ignores foreign optional data', () => {
    const passport = (state: string) =>
      composeMrz({ format: 'TD3', documentCode: 'P', issuingState: state, documentNumber: '312345678', surname: 'WANG', givenNames: 'HSIAO MING', nationality: state, birthDate: '900315', sex: 'M', expiryDate: '310101', optional1: 'A123456789' });
    expect(parseMrz(passport('TWN'), TODAY)).toMatchObject({ ok: true, fields: { personId: 'A123456789', personIdKind: 'national' } });
    const foreign = parseMrz(passport('UTO'), TODAY);
    expect(foreign).toMatchObject({ ok: true, fields: { optionalData: ['A123456789'] } });
    expect(foreign.ok && foreign.fields.personId).toBeFalsy();
  });
});
