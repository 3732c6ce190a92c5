import { describe, expect, it } from 'vitest';
import { maskPersonId, validatePersonId } from './personId';
import { PERSON_ID_AREAS } from './personIdAreas';

/**
 * Independent oracle: the area code is 10 + the letter's index in this historical ordering (the
 * "ABCDEFGHJKLMNPQRSTUVXYWZIO" mnemonic), not a lookup in the table under test. Second character:
 * digit as-is, or the last digit of a letter's own code (old 統一證號).
 */
const ORDER = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
const oracleCode = (letter: string): number => 10 + ORDER.indexOf(letter);
const oracleSum = (first9: string): number => {
  const code = oracleCode(first9[0]!);
  const second = first9[1]!;
  const v2 = /[A-Z]/.test(second) ? oracleCode(second) % 10 : Number(second);
  const rest = Array.from(first9.slice(2), Number);
  return Math.floor(code / 10) + (code % 10) * 9 + v2 * 8 + rest.reduce((s, d, i) => s + d * (7 - i), 0);
};
/** Append the check digit that makes `first9` valid. */
const withCheck = (first9: string): string => `${first9}${(10 - (oracleSum(first9) % 10)) % 10}`;
const oracleValid = (id: string): boolean => (oracleSum(id.slice(0, 9)) + Number(id[9])) % 10 === 0;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const WEIGHTS_FROM_POS2 = [8, 7, 6, 5, 4, 3, 2, 1, 1];

/** Deterministic PRNG so "random" cases are reproducible. */
const rng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};

describe('oracle sanity', () => {
  it('agrees with the area table for every letter', () => {
    for (const l of LETTERS) expect(oracleCode(l), l).toBe(PERSON_ID_AREAS[l]?.code);
  });
  it('A123456789 sums to 130 by hand: 1 + 8+14+18+20+20+18+14+8 + 9', () => {
    expect(oracleSum('A12345678') + 9).toBe(130);
  });
});

describe('validatePersonId — valid 國民身分證', () => {
  // Hand-checked with an offline script (see oracle above); one male and one female per letter.
  const perLetter: [string, string][] = [
    ['A123456789', 'A223456781'], ['B123456780', 'B223456782'], ['C123456781', 'C223456783'],
    ['D123456782', 'D223456784'], ['E123456783', 'E223456785'], ['F123456784', 'F223456786'],
    ['G123456785', 'G223456787'], ['H123456786', 'H223456788'], ['I123456781', 'I223456783'],
    ['J123456787', 'J223456789'], ['K123456788', 'K223456780'], ['L123456788', 'L223456780'],
    ['M123456789', 'M223456781'], ['N123456780', 'N223456782'], ['O123456782', 'O223456784'],
    ['P123456781', 'P223456783'], ['Q123456782', 'Q223456784'], ['R123456783', 'R223456785'],
    ['S123456784', 'S223456786'], ['T123456785', 'T223456787'], ['U123456786', 'U223456788'],
    ['V123456787', 'V223456789'], ['W123456789', 'W223456781'], ['X123456787', 'X223456789'],
    ['Y123456788', 'Y223456780'], ['Z123456780', 'Z223456782'],
  ];

  it('covers all 26 letters', () => {
    expect(perLetter.map(([m]) => m[0]).join('')).toBe(LETTERS.join(''));
  });

  it.each(perLetter.map(([m]) => m))('%s is a valid male national ID', (id) => {
    expect(validatePersonId(id)).toEqual({ ok: true, id, kind: 'national', gender: 'male' });
  });

  it.each(perLetter.map(([, f]) => f))('%s is a valid female national ID', (id) => {
    expect(validatePersonId(id)).toEqual({ ok: true, id, kind: 'national', gender: 'female' });
  });

  // Published examples from other validators, re-checked by hand.
  it.each(['F131104093', 'O158238845', 'N116247806', 'L122544270', 'C180661564'])('%s (known good) is valid', (id) => {
    expect(validatePersonId(id)).toMatchObject({ ok: true, id, kind: 'national' });
  });

  it('agrees with the oracle on 50 generated IDs per letter and gender', () => {
    const next = rng(42);
    for (const l of LETTERS) {
      for (const g of ['1', '2']) {
        for (let n = 0; n < 50; n++) {
          const serial = String(Math.floor(next() * 1e7)).padStart(7, '0');
          const id = withCheck(`${l}${g}${serial}`);
          expect(validatePersonId(id), id).toEqual({
            ok: true, id, kind: 'national', gender: g === '1' ? 'male' : 'female',
          });
        }
      }
    }
  });
});

describe('validatePersonId — valid 統一證號', () => {
  it.each([
    // 新式 (2021): letter + 8|9 + 8 digits. A800000014: 1 + 8×8 + 1×1 + 4 = 70.
    ['A800000014', 'male'], ['A900207177', 'female'], ['A803095426', 'male'], ['B801300667', 'male'],
    ['C800151116', 'male'], ['H802717288', 'male'], ['T900251126', 'female'], ['A930196810', 'female'],
    // 舊式: letter + A|B|C|D + 8 digits. AA00000009: 1 + 0×8 + 9 = 10.
    ['AA00000009', 'male'], ['AB00207171', 'female'], ['AC03095424', 'male'], ['BD01300667', 'female'],
    ['CC00151114', 'male'], ['HD02717288', 'female'], ['TD00251124', 'female'], ['AD30196818', 'female'],
    ['AC01234567', 'male'],
  ] as const)('%s is a valid %s resident ID', (id, gender) => {
    expect(validatePersonId(id)).toEqual({ ok: true, id, kind: 'resident', gender });
  });

  it('accepts every first letter with every resident second character (oracle-generated)', () => {
    const next = rng(7);
    for (const l of LETTERS) {
      for (const second of ['8', '9', 'A', 'B', 'C', 'D']) {
        const serial = String(Math.floor(next() * 1e7)).padStart(7, '0');
        const id = withCheck(`${l}${second}${serial}`);
        const gender = ['8', 'A', 'C'].includes(second) ? 'male' : 'female';
        expect(validatePersonId(id), id).toEqual({ ok: true, id, kind: 'resident', gender });
      }
    }
  });

  it('old format uses the second letter’s code % 10, not its alphabet index', () => {
    // Same digits, second letter A (→0) vs B (→1): exactly one of them can be valid for a given check digit.
    expect(validatePersonId('AA00000009').ok).toBe(true);
    expect(validatePersonId('AB00000009')).toMatchObject({ ok: false, code: 'PERSON_ID_CHECKSUM' });
    expect(validatePersonId('AB00000001').ok).toBe(true); // 1 + 1×8 + 1 = 10
  });
});

describe('validatePersonId — normalisation', () => {
  it.each([
    ['a123456789', 'A123456789'],
    ['  A123456789  ', 'A123456789'],
    ['\tA123456789\n', 'A123456789'],
    ['\u3000A123456789\u3000', 'A123456789'], // ideographic (full-width) space
    ['Ａ１２３４５６７８９', 'A123456789'],
    ['ａ１２３４５６７８９', 'A123456789'],
    ['Ａ123４56789', 'A123456789'],
    ['\u200bA123456789\ufeff', 'A123456789'], // zero-width junk from copy/paste
    ['aa00000009', 'AA00000009'],
    ['ＡＢ００２０７１７１', 'AB00207171'],
    ['a800000014', 'A800000014'],
    ['ａ８００００００１４ ', 'A800000014'],
  ])('%j → %s', (input, id) => {
    expect(validatePersonId(input)).toMatchObject({ ok: true, id });
  });
});

describe('validatePersonId — checksum errors', () => {
  const bases = ['A123456789', 'F131104093', 'Z223456782', 'A800000014', 'T900251126', 'AA00000009', 'HD02717288'];

  it.each(bases)('%s: changing any digit in positions 3–10 by +1 (mod 10) is caught', (id) => {
    for (let pos = 2; pos < 10; pos++) {
      const d = Number(id[pos]);
      const bad = `${id.slice(0, pos)}${(d + 1) % 10}${id.slice(pos + 1)}`;
      expect(validatePersonId(bad), bad).toMatchObject({ ok: false, code: 'PERSON_ID_CHECKSUM' });
    }
  });

  it.each(bases)('%s: every single-digit substitution in positions 3–10 is valid iff weight×delta ≡ 0 (mod 10)', (id) => {
    // Documents the checksum's known blind spot: a ±5 change under an even weight goes undetected.
    for (let pos = 2; pos < 10; pos++) {
      const weight = WEIGHTS_FROM_POS2[pos - 1]!;
      for (let alt = 0; alt <= 9; alt++) {
        const delta = alt - Number(id[pos]);
        if (delta === 0) continue;
        const bad = `${id.slice(0, pos)}${alt}${id.slice(pos + 1)}`;
        const expectValid = (weight * delta) % 10 === 0;
        const result = validatePersonId(bad);
        expect(result.ok, bad).toBe(expectValid);
        if (!expectValid) expect(result, bad).toMatchObject({ code: 'PERSON_ID_CHECKSUM' });
      }
    }
  });

  it.each(bases)('%s: swapping the first letter is caught unless the oracle says the sums collide', (id) => {
    for (const l of LETTERS) {
      if (l === id[0]) continue;
      const other = `${l}${id.slice(1)}`;
      const result = validatePersonId(other);
      expect(result.ok, other).toBe(oracleValid(other));
      if (!result.ok) expect(result.code, other).toBe('PERSON_ID_CHECKSUM');
    }
  });

  it('A→W collision exists (both letters contribute 1 mod 10), so W123456789 is valid too', () => {
    expect(validatePersonId('W123456789').ok).toBe(true);
  });

  it('flipping the gender digit 1↔2 or 8↔9 is caught', () => {
    expect(validatePersonId('A223456789')).toMatchObject({ ok: false, code: 'PERSON_ID_CHECKSUM' });
    expect(validatePersonId('A123456781')).toMatchObject({ ok: false, code: 'PERSON_ID_CHECKSUM' });
    expect(validatePersonId('A900000014')).toMatchObject({ ok: false, code: 'PERSON_ID_CHECKSUM' });
    expect(validatePersonId('A800207177')).toMatchObject({ ok: false, code: 'PERSON_ID_CHECKSUM' });
  });

  it.each(['A123456788', 'F131104091', 'O158238842', 'A800000015', 'A800000000', 'AA00000000', 'FG31104091'])(
    '%s is rejected',
    (id) => {
      expect(validatePersonId(id).ok).toBe(false);
    },
  );

  it('has a zh-TW message', () => {
    const r = validatePersonId('A123456788');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/檢查碼/);
  });
});

describe('validatePersonId — structural errors', () => {
  it.each([
    ['', 'PERSON_ID_EMPTY'],
    ['   ', 'PERSON_ID_EMPTY'],
    ['\u3000\u3000', 'PERSON_ID_EMPTY'],
    ['\n\t', 'PERSON_ID_EMPTY'],
    // Lengths 9 and 11, and others.
    ['A12345678', 'PERSON_ID_FORMAT'],
    ['A1234567890', 'PERSON_ID_FORMAT'],
    ['A123456789A', 'PERSON_ID_FORMAT'],
    ['AA0000000', 'PERSON_ID_FORMAT'],
    ['A', 'PERSON_ID_FORMAT'],
    ['A123 456789', 'PERSON_ID_FORMAT'], // inner spaces are not stripped
    ['A123-456-789', 'PERSON_ID_FORMAT'],
    ['A1234567890123456789', 'PERSON_ID_FORMAT'],
    // First character.
    ['1123456789', 'PERSON_ID_LETTER'],
    ['0123456789', 'PERSON_ID_LETTER'],
    ['@123456789', 'PERSON_ID_LETTER'],
    ['É123456789', 'PERSON_ID_LETTER'],
    ['é123456789', 'PERSON_ID_LETTER'],
    ['甲123456789', 'PERSON_ID_LETTER'],
    ['ß123456789', 'PERSON_ID_LETTER'], // must not become "SS…" via toUpperCase
    ['😀123456789', 'PERSON_ID_LETTER'], // 10 code points, 11 UTF-16 units
    // Second character.
    ['A023456789', 'PERSON_ID_GENDER_DIGIT'],
    ['A323456789', 'PERSON_ID_GENDER_DIGIT'],
    ['A423456789', 'PERSON_ID_GENDER_DIGIT'],
    ['A523456789', 'PERSON_ID_GENDER_DIGIT'],
    ['A623456789', 'PERSON_ID_GENDER_DIGIT'],
    ['A723456789', 'PERSON_ID_GENDER_DIGIT'],
    ['AE00000009', 'PERSON_ID_GENDER_DIGIT'],
    ['AZ00000009', 'PERSON_ID_GENDER_DIGIT'],
    ['A-23456789', 'PERSON_ID_GENDER_DIGIT'],
    ['A 23456789', 'PERSON_ID_GENDER_DIGIT'],
    // Positions 3–10.
    ['A12345678X', 'PERSON_ID_FORMAT'],
    ['A1X3456789', 'PERSON_ID_FORMAT'],
    ['AA0000000A', 'PERSON_ID_FORMAT'],
    ['A8000000.4', 'PERSON_ID_FORMAT'],
  ])('%j → %s', (input, code) => {
    const r = validatePersonId(input);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('every second letter other than A–D is a gender error', () => {
    for (const l of LETTERS.slice(4)) {
      expect(validatePersonId(`A${l}00000009`), l).toMatchObject({ ok: false, code: 'PERSON_ID_GENDER_DIGIT' });
    }
  });

  it('reports the visible length in the message', () => {
    expect(validatePersonId('A12345678')).toMatchObject({ message: expect.stringContaining('目前為 9 碼') });
    expect(validatePersonId('A1234567890')).toMatchObject({ message: expect.stringContaining('目前為 11 碼') });
  });

  it('treats null/undefined from untyped callers as empty and other non-strings as format errors', () => {
    expect(validatePersonId(undefined as unknown as string)).toMatchObject({ code: 'PERSON_ID_EMPTY' });
    expect(validatePersonId(null as unknown as string)).toMatchObject({ code: 'PERSON_ID_EMPTY' });
    expect(validatePersonId(1234567890 as unknown as string)).toMatchObject({ code: 'PERSON_ID_FORMAT' });
    expect(validatePersonId({} as unknown as string)).toMatchObject({ code: 'PERSON_ID_FORMAT' });
  });
});

describe('validatePersonId — never throws', () => {
  const garbage = [
    '\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000',
    '\ud800\ud800\ud800\ud800\ud800\ud800\ud800\ud800\ud800\ud800', // lone surrogates
    'A\udc00\ud80012345678',
    '__proto__1',
    'constructor',
    'toString00',
    'A1234567８\u0301',
    '<script>alert(1)</script>',
    'SELECT * FROM persons',
    'A'.repeat(100_000),
    '\u202eA123456789',
  ];
  it.each(garbage.map((g) => [g.slice(0, 20), g]))('%j', (_label, input) => {
    const r = validatePersonId(input);
    expect(r.ok).toBe(false);
  });

  it('survives 5,000 random strings and only ever returns a known shape', () => {
    const next = rng(2024);
    const alphabet = 'AaBbZz0123456789８９Ａ \u3000\t-_/\\é😀\ud800甲';
    const codes = new Set(['PERSON_ID_EMPTY', 'PERSON_ID_FORMAT', 'PERSON_ID_LETTER', 'PERSON_ID_GENDER_DIGIT', 'PERSON_ID_CHECKSUM']);
    for (let n = 0; n < 5000; n++) {
      const len = Math.floor(next() * 14);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      const r = validatePersonId(s);
      if (r.ok) {
        expect(r.id).toMatch(/^[A-Z][A-D1289][0-9]{8}$/);
        expect(oracleValid(r.id)).toBe(true);
      } else {
        expect(codes.has(r.code), s).toBe(true);
        expect(r.message.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('maskPersonId', () => {
  it.each([
    ['A123456789', 'A12****789'],
    ['AA00000009', 'AA0****009'],
    ['A800000014', 'A80****014'],
    ['a123456789', 'A12****789'],
    [' Ａ１２３４５６７８９ ', 'A12****789'],
    ['A1234567890', 'A12****890'],
    ['A12345678', '*********'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (input, masked) => {
    expect(maskPersonId(input)).toBe(masked);
  });

  it('keeps the ID length for real IDs and never shows the middle four', () => {
    const masked = maskPersonId('F131104093');
    expect(masked).toHaveLength(10);
    expect(masked.slice(3, 7)).toBe('****');
    expect(masked).not.toContain('1104');
  });

  it('does not throw on non-strings', () => {
    expect(maskPersonId(undefined as unknown as string)).toBe('');
  });
});
