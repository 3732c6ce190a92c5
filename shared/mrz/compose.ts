import { computeCheckDigit } from './checkDigit';
import { TD1, TD3, type MrzLayout, type Slice } from './layouts';

/**
 * The inverse of parseMrz for TD1 and TD3: lays out fields and computes every check digit. Used by
 * the document-reader simulator and the tests to make well-formed zones for any person, so no test
 * depends on a real citizen's document.
 */
export type MrzSource = {
  format: 'TD1' | 'TD3';
  documentCode: string;
  issuingState: string;
  /** Up to 9 characters. */
  documentNumber: string;
  surname: string;
  givenNames: string;
  nationality: string;
  /** YYMMDD as printed. */
  birthDate: string;
  sex: 'M' | 'F' | '<';
  expiryDate: string;
  /** TD1 line 1 optional data (15) or TD3 personal number (14). */
  optional1?: string;
  /** TD1 line 2 optional data (11). */
  optional2?: string;
};

const pad = (s: string, n: number): string => (s.replace(/ /g, '<') + '<'.repeat(n)).slice(0, n);
const check = (s: string): string => String(computeCheckDigit(s) ?? 0);

const put = (rows: string[][], slice: Slice, value: string): void => {
  const row = rows[slice.line]!;
  [...pad(value, slice.end - slice.start)].forEach((ch, i) => (row[slice.start + i] = ch));
};
const get = (rows: string[][], slice: Slice): string => rows[slice.line]!.slice(slice.start, slice.end).join('');

export function composeMrz(src: MrzSource): string {
  const layout: MrzLayout = src.format === 'TD1' ? TD1 : TD3;
  const rows = Array.from({ length: layout.lines }, () => Array<string>(layout.width).fill('<'));
  put(rows, layout.documentCode, src.documentCode);
  put(rows, layout.issuingState, src.issuingState);
  put(rows, layout.documentNumber, src.documentNumber);
  put(rows, layout.documentNumberCheck, check(get(rows, layout.documentNumber)));
  put(rows, layout.birthDate, src.birthDate);
  put(rows, layout.birthDateCheck, check(src.birthDate));
  put(rows, layout.sex, src.sex);
  put(rows, layout.expiryDate, src.expiryDate);
  put(rows, layout.expiryDateCheck, check(src.expiryDate));
  put(rows, layout.nationality, src.nationality);
  put(rows, layout.name, `${src.surname.replace(/[ -]/g, '<')}<<${src.givenNames.replace(/[ -]/g, '<')}`);
  if (layout.optional[0]) put(rows, layout.optional[0], src.optional1 ?? '');
  if (layout.optional[1]) put(rows, layout.optional[1], src.optional2 ?? '');
  if (layout.optionalCheck) {
    const personal = get(rows, layout.optional[0]!);
    put(rows, layout.optionalCheck, /^<*$/.test(personal) ? '<' : check(personal));
  }
  put(rows, layout.composite.check, check(layout.composite.parts.map((p) => get(rows, p)).join('')));
  return rows.map((r) => r.join('')).join('\n');
}
