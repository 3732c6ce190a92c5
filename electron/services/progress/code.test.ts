import { describe, expect, it } from 'vitest';
import { formatProgressCode, normalizeProgressCode, PROGRESS_CODE_ALPHABET, ProgressCodeInput } from '../../../shared/progress/code';
import { generateProgressCode } from './code';
import { makeProgressRecord, verifyProgressCode } from './hash';

describe('progress code', () => {
  it('uses 31 unambiguous characters: no 0/O, 1/I/L, no lower case', () => {
    expect(PROGRESS_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(PROGRESS_CODE_ALPHABET).size).toBe(31);
    for (const bad of '0O1IL') expect(PROGRESS_CODE_ALPHABET).not.toContain(bad);
    expect(PROGRESS_CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });

  it('draws each of the 8 characters from the injected source with max = alphabet size', () => {
    const calls: number[] = [];
    const code = generateProgressCode((max) => {
      calls.push(max);
      return calls.length - 1;
    });
    expect(calls).toEqual(Array(8).fill(31));
    expect(code).toBe(PROGRESS_CODE_ALPHABET.slice(0, 8));
  });

  it('by default (crypto.randomInt) gives well-formed, distinct, roughly uniform codes', () => {
    const codes = Array.from({ length: 4000 }, () => generateProgressCode());
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(normalizeProgressCode(c)).toBe(c);
    // 32,000 characters over 31 symbols: each expected ~1032; a chi-square with 30 degrees of freedom
    // stays far below 80 unless the source is biased (p < 1e-5).
    const counts = new Map<string, number>();
    for (const c of codes) for (const ch of c) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = (codes.length * 8) / 31;
    const chi = [...PROGRESS_CODE_ALPHABET].reduce((s, ch) => s + ((counts.get(ch) ?? 0) - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(80);
  });

  it('accepts typed codes with lower case, spaces and dashes; refuses ambiguous letters with a zh-TW message', () => {
    expect(normalizeProgressCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(formatProgressCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(normalizeProgressCode('ABCD0FGH')).toBeNull();
    expect(normalizeProgressCode('ABCDEFG')).toBeNull();
    const r = ProgressCodeInput.safeParse('ABCDIFGH');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('查詢碼');
  });

  it('hash record: verifies the right code only, per-case salt, bound to the case number', () => {
    const rec = makeProgressRecord('FS01-1151127-0001', 'ABCDEFGH', 1);
    expect(verifyProgressCode(rec, 'FS01-1151127-0001', 'ABCDEFGH')).toBe(true);
    expect(verifyProgressCode(rec, 'FS01-1151127-0001', 'ABCDEFGJ')).toBe(false);
    expect(verifyProgressCode(rec, 'FS01-1151127-0002', 'ABCDEFGH')).toBe(false);
    const again = makeProgressRecord('FS01-1151127-0001', 'ABCDEFGH', 1);
    expect(again.salt).not.toBe(rec.salt);
    expect(again.hash).not.toBe(rec.hash);
    expect(JSON.stringify(rec)).not.toContain('ABCDEFGH');
  });
});
