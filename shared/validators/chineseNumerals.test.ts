import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from './chineseNumerals';

describe('parseChineseNumeral', () => {
  it.each([
    ['〇', 0], ['零', 0], ['一', 1], ['九', 9],
    ['一一五', 115], ['〇九九', 99], ['一○五', 105], ['九九', 99], ['一〇', 10],
    ['十', 10], ['十一', 11], ['十九', 19], ['二十', 20], ['二十六', 26], ['三十一', 31],
    ['一百', 100], ['一百零五', 105], ['一百〇五', 105], ['一百一十五', 115], ['一百十五', 115],
    ['一百一十', 110], ['九百九十九', 999], ['二百', 200],
  ])('%s → %i', (run, value) => {
    expect(parseChineseNumeral(run)).toBe(value);
  });

  it.each(['', '百', '十十', '一百一', '二十零五', '一百零', '零十', '十百', '一千', '一百百', '五十五十'])(
    '%j is not a well-formed number',
    (run) => {
      expect(parseChineseNumeral(run)).toBeUndefined();
    },
  );
});
