/**
 * Where each field sits in the three ICAO 9303 machine-readable-zone formats (0-based, end
 * exclusive). TD1 is the ID-card size used by 居留證 / resident certificates, TD2 the older
 * A7 size, TD3 the passport data page.
 */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

export type Slice = { line: number; start: number; end: number };

export type MrzLayout = {
  format: MrzFormat;
  lines: number;
  width: number;
  documentCode: Slice;
  issuingState: Slice;
  documentNumber: Slice;
  documentNumberCheck: Slice;
  birthDate: Slice;
  birthDateCheck: Slice;
  sex: Slice;
  expiryDate: Slice;
  expiryDateCheck: Slice;
  nationality: Slice;
  name: Slice;
  /** Optional data fields, in document order. The first one also carries a long document number's overflow (TD1/TD2). */
  optional: Slice[];
  /** TD3 only: the personal-number check digit (`<` allowed when the field is empty). */
  optionalCheck?: Slice;
  composite: { check: Slice; parts: Slice[] };
  /** TD1/TD2: a document number longer than 9 characters continues here (9303 part 5 §4.2.4). */
  overflow?: Slice;
};

const s = (line: number, start: number, end: number): Slice => ({ line, start, end });

export const TD1: MrzLayout = {
  format: 'TD1',
  lines: 3,
  width: 30,
  documentCode: s(0, 0, 2),
  issuingState: s(0, 2, 5),
  documentNumber: s(0, 5, 14),
  documentNumberCheck: s(0, 14, 15),
  optional: [s(0, 15, 30), s(1, 18, 29)],
  overflow: s(0, 15, 30),
  birthDate: s(1, 0, 6),
  birthDateCheck: s(1, 6, 7),
  sex: s(1, 7, 8),
  expiryDate: s(1, 8, 14),
  expiryDateCheck: s(1, 14, 15),
  nationality: s(1, 15, 18),
  composite: { check: s(1, 29, 30), parts: [s(0, 5, 30), s(1, 0, 7), s(1, 8, 15), s(1, 18, 29)] },
  name: s(2, 0, 30),
};

export const TD2: MrzLayout = {
  format: 'TD2',
  lines: 2,
  width: 36,
  documentCode: s(0, 0, 2),
  issuingState: s(0, 2, 5),
  name: s(0, 5, 36),
  documentNumber: s(1, 0, 9),
  documentNumberCheck: s(1, 9, 10),
  nationality: s(1, 10, 13),
  birthDate: s(1, 13, 19),
  birthDateCheck: s(1, 19, 20),
  sex: s(1, 20, 21),
  expiryDate: s(1, 21, 27),
  expiryDateCheck: s(1, 27, 28),
  optional: [s(1, 28, 35)],
  overflow: s(1, 28, 35),
  composite: { check: s(1, 35, 36), parts: [s(1, 0, 10), s(1, 13, 20), s(1, 21, 35)] },
};

export const TD3: MrzLayout = {
  format: 'TD3',
  lines: 2,
  width: 44,
  documentCode: s(0, 0, 2),
  issuingState: s(0, 2, 5),
  name: s(0, 5, 44),
  documentNumber: s(1, 0, 9),
  documentNumberCheck: s(1, 9, 10),
  nationality: s(1, 10, 13),
  birthDate: s(1, 13, 19),
  birthDateCheck: s(1, 19, 20),
  sex: s(1, 20, 21),
  expiryDate: s(1, 21, 27),
  expiryDateCheck: s(1, 27, 28),
  optional: [s(1, 28, 42)],
  optionalCheck: s(1, 42, 43),
  composite: { check: s(1, 43, 44), parts: [s(1, 0, 10), s(1, 13, 20), s(1, 21, 43)] },
};

export const LAYOUTS: readonly MrzLayout[] = [TD1, TD2, TD3];
