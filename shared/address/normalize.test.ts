import { describe, expect, it } from 'vitest';
import { normalizeAddressText } from './normalize';

describe('normalizeAddressText', () => {
  it.each([
    ['full-width digits and letters', '重慶南路１段１２２號５Ｆ', '重慶南路1段122號5F'],
    ['ideographic and ordinary spaces removed', '臺北市　中正區 重慶南路 一段', '臺北市中正區重慶南路一段'],
    ['lower-case floor marker', '5f', '5F'],
    ['dash variants become -', '12－3號 12—3號 12–3號 12‐3號', '12-3號12-3號12-3號12-3號'],
    ['zero-width characters removed', '中正\u200b區\ufeff', '中正區'],
    ['full-width parentheses', '（１００）', '(100)'],
    ['separator between two numerals is kept as ,', '132號之1 5樓', '132號之1,5樓'],
    ['full-width comma between numerals', '132號之1，5樓', '132號之1,5樓'],
    ['Chinese numerals count as numerals', '十號之一　七樓', '十號之一,七樓'],
    ['separator not between numerals is dropped', '122 號 5 樓', '122號5樓'],
    ['頓號 dropped', '臺北市、中正區', '臺北市中正區'],
  ])('%s', (_what, input, output) => {
    expect(normalizeAddressText(input)).toBe(output);
  });
});
