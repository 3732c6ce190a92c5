import { describe, expect, it } from 'vitest';
import { parseNumeral, toChineseNumeral } from './numerals';

describe('parseNumeral', () => {
  it.each([
    ['0', 0], ['5', 5], ['005', 5], ['132', 132],
    ['一', 1], ['十', 10], ['十一', 11], ['二十', 20], ['三十二', 32], ['九十九', 99],
    ['一百', 100], ['一百零五', 105], ['一百十', 110], ['兩百', 200], ['一千零一', 1001], ['一千二百三十四', 1234],
    ['一〇五', 105], ['一○五', 105], ['一五', 15], ['〇', 0], ['零', 0],
    ['壹', 1], ['貳拾', 20], ['參拾貳', 32], ['叁', 3], ['肆佰伍拾陸', 456], ['柒仟', 7000], ['捌', 8], ['玖', 9],
    ['廿一', 21], ['卅', 30],
  ])('%s → %d', (text, value) => {
    expect(parseNumeral(text)).toBe(value);
  });

  it.each(['', '百', '十百', '三三十', '一二十', 'A1', '1五', '中'])('rejects %s', (text) => {
    expect(parseNumeral(text)).toBeUndefined();
  });
});

describe('toChineseNumeral', () => {
  it.each([
    [1, '一'], [4, '四'], [10, '十'], [11, '十一'], [20, '二十'], [21, '二十一'], [100, '一百'], [105, '一百零五'], [110, '一百一十'], [1001, '一千零一'],
  ])('%d → %s', (n, text) => {
    expect(toChineseNumeral(n)).toBe(text);
    expect(parseNumeral(text)).toBe(n);
  });
});
