import { describe, expect, it } from 'vitest';
import { formatRocDate, formatRocDateShort, isoFromDate, parseRocDate, toRocCompact } from './rocDate';

/** Independent calendar oracle: walk real days with UTC Date arithmetic (no time zone involved). */
const isoDaysBetween = (fromIso: string, toIso: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${fromIso}T00:00:00Z`); t <= Date.parse(`${toIso}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
};
const oracleIsLeap = (gregorian: number): boolean => new Date(Date.UTC(gregorian, 1, 29)).getUTCMonth() === 1;

describe('parseRocDate — accepted shapes', () => {
  it.each([
    ['民國115年11月26日', '2026-11-26'],
    ['民國 115 年 11 月 26 日', '2026-11-26'],
    ['中華民國115年11月26日', '2026-11-26'],
    ['中華民國 115 年 11 月 26 日', '2026-11-26'],
    ['115年11月26日', '2026-11-26'],
    ['115年11月26', '2026-11-26'],
    ['115/11/26', '2026-11-26'],
    ['115-11-26', '2026-11-26'],
    ['115.11.26', '2026-11-26'],
    ['民國115/11/26', '2026-11-26'],
    ['1151126', '2026-11-26'],
    ['民國1151126', '2026-11-26'],
    ['  115/11/26\t', '2026-11-26'],
    ['115 / 11 / 26', '2026-11-26'],
    ['115/1/5', '2026-01-05'],
    ['115/01/05', '2026-01-05'],
    ['115年1月5日', '2026-01-05'],
    ['1150105', '2026-01-05'],
    ['099/12/31', '2010-12-31'],
    ['99/12/31', '2010-12-31'],
    ['991231', '2010-12-31'],
    ['0991231', '2010-12-31'],
    ['010101', '1912-01-01'],
    ['1/1/1', '1912-01-01'],
    ['民國1年1月1日', '1912-01-01'],
    ['999/12/31', '2910-12-31'],
    // Full-width digits, separators and spaces.
    ['１１５／１１／２６', '2026-11-26'],
    ['１１５－１１－２６', '2026-11-26'],
    ['１１５．１１．２６', '2026-11-26'],
    ['民國１１５年１１月２６日', '2026-11-26'],
    ['１１５１１２６', '2026-11-26'],
    ['\u3000民國\u3000１１５\u3000年\u3000１１\u3000月\u3000２６\u3000日\u3000', '2026-11-26'],
    // Chinese numerals.
    ['民國一一五年十一月二十六日', '2026-11-26'],
    ['一百一十五年十一月二十六日', '2026-11-26'],
    ['中華民國一百一十五年十一月二十六日', '2026-11-26'],
    ['民國一〇五年一月一日', '2016-01-01'],
    ['民國一○五年一月一日', '2016-01-01'],
    ['一百零五年十月十日', '2016-10-10'],
    ['民國九十九年十二月三十一日', '2010-12-31'],
    ['民國八十九年二月二十九日', '2000-02-29'],
    ['民國 一一五 年 十一 月 二十六 日', '2026-11-26'],
  ])('%j → %s', (input, iso) => {
    expect(parseRocDate(input)).toEqual({ ok: true, iso });
  });
});

describe('parseRocDate — leap years', () => {
  it.each<[string, boolean, string]>([
    ['113/02/29', true, '2024 divisible by 4'],
    ['115/02/29', false, '2026 not divisible by 4'],
    ['112/02/29', false, '2023'],
    ['109/02/29', true, '2020'],
    ['89/02/29', true, '2000: century divisible by 400'],
    ['189/02/29', false, '2100: century not divisible by 400'],
    ['289/02/29', false, '2200'],
    ['389/02/29', false, '2300'],
    ['489/02/29', true, '2400: divisible by 400'],
    ['1/02/29', true, '1912'],
    ['88/02/29', false, '1999'],
    ['113/02/30', false, 'February never has 30 days'],
  ])('%s valid=%s (%s)', (input, valid) => {
    const r = parseRocDate(input);
    expect(r.ok).toBe(valid);
    if (!r.ok) expect(r.code).toBe('ROC_DATE_IMPOSSIBLE');
  });

  it('agrees with Date for Feb 29 in every ROC year 1–999', () => {
    for (let roc = 1; roc <= 999; roc++) {
      expect(parseRocDate(`${roc}/2/29`).ok, `ROC ${roc}`).toBe(oracleIsLeap(roc + 1911));
    }
  });

  it('explains a missing Feb 29 in zh-TW', () => {
    expect(parseRocDate('115/02/29')).toMatchObject({ message: expect.stringContaining('不是閏年') });
  });
});

describe('parseRocDate — rejected input', () => {
  it.each([
    ['', 'ROC_DATE_EMPTY'],
    ['   ', 'ROC_DATE_EMPTY'],
    ['\u3000', 'ROC_DATE_EMPTY'],
    // Impossible dates.
    ['115/13/01', 'ROC_DATE_IMPOSSIBLE'],
    ['115/00/10', 'ROC_DATE_IMPOSSIBLE'],
    ['115/11/00', 'ROC_DATE_IMPOSSIBLE'],
    ['115/11/31', 'ROC_DATE_IMPOSSIBLE'],
    ['115/04/31', 'ROC_DATE_IMPOSSIBLE'],
    ['115/06/31', 'ROC_DATE_IMPOSSIBLE'],
    ['115/09/31', 'ROC_DATE_IMPOSSIBLE'],
    ['115/01/32', 'ROC_DATE_IMPOSSIBLE'],
    ['115/99/99', 'ROC_DATE_IMPOSSIBLE'],
    ['1151301', 'ROC_DATE_IMPOSSIBLE'],
    ['1150230', 'ROC_DATE_IMPOSSIBLE'],
    ['民國115年十三月一日', 'ROC_DATE_IMPOSSIBLE'],
    ['民國115年2月29日', 'ROC_DATE_IMPOSSIBLE'],
    // Year 0 and before 1912.
    ['0/01/01', 'ROC_DATE_YEAR'],
    ['000/01/01', 'ROC_DATE_YEAR'],
    ['0000101', 'ROC_DATE_YEAR'],
    ['000101', 'ROC_DATE_YEAR'],
    ['民國0年1月1日', 'ROC_DATE_YEAR'],
    ['民國〇年一月一日', 'ROC_DATE_YEAR'],
    ['-1/01/01', 'ROC_DATE_YEAR'],
    ['民國-1年1月1日', 'ROC_DATE_YEAR'],
    ['民國前1年1月1日', 'ROC_DATE_YEAR'],
    // Shapes we do not accept.
    ['115', 'ROC_DATE_FORMAT'],
    ['115/11', 'ROC_DATE_FORMAT'],
    ['115年11月', 'ROC_DATE_FORMAT'],
    ['11511', 'ROC_DATE_FORMAT'],
    ['11511260', 'ROC_DATE_FORMAT'],
    ['115/11-26', 'ROC_DATE_FORMAT'],
    ['115//11/26', 'ROC_DATE_FORMAT'],
    ['1000/01/01', 'ROC_DATE_FORMAT'],
    ['115/011/26', 'ROC_DATE_FORMAT'],
    ['115 11 26', 'ROC_DATE_FORMAT'],
    ['11 51 126', 'ROC_DATE_FORMAT'],
    ['2026-11-26', 'ROC_DATE_FORMAT'],
    ['2026/11/26', 'ROC_DATE_FORMAT'],
    ['20261126', 'ROC_DATE_FORMAT'],
    ['2026年11月26日', 'ROC_DATE_FORMAT'],
    ['民國', 'ROC_DATE_FORMAT'],
    ['民國民國115/11/26', 'ROC_DATE_FORMAT'],
    ['西元115/11/26', 'ROC_DATE_FORMAT'],
    ['115/11/26 10:00', 'ROC_DATE_FORMAT'],
    ['115/11/26日', 'ROC_DATE_FORMAT'],
    ['一百一年一月一日', 'ROC_DATE_FORMAT'],
    ['十十年一月一日', 'ROC_DATE_FORMAT'],
    ['abc', 'ROC_DATE_FORMAT'],
    ['today', 'ROC_DATE_FORMAT'],
    ['115/11/26/', 'ROC_DATE_FORMAT'],
    ['+115/11/26', 'ROC_DATE_FORMAT'],
    ['115.5/11/26', 'ROC_DATE_FORMAT'],
    ['115年11月26日日', 'ROC_DATE_FORMAT'],
  ])('%j → %s', (input, code) => {
    const r = parseRocDate(input);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('hints that a four-digit year is Gregorian', () => {
    expect(parseRocDate('2026/11/26')).toMatchObject({ message: expect.stringContaining('西元') });
  });

  it('names the month length for day overflow', () => {
    expect(parseRocDate('115/11/31')).toMatchObject({ message: expect.stringContaining('只有 30 天') });
  });

  it('never throws, whatever it is given', () => {
    const inputs = [
      '\u0000', '\ud800', '😀/1/1', '民國'.repeat(10_000), '1'.repeat(100_000), '一'.repeat(1000),
      '__proto__', '115/11/26\u0000', '百百百', '○○○年○月○日',
      undefined as unknown as string, null as unknown as string, 1151126 as unknown as string, {} as unknown as string,
    ];
    for (const input of inputs) expect(() => parseRocDate(input)).not.toThrow();
    expect(parseRocDate(undefined as unknown as string)).toMatchObject({ code: 'ROC_DATE_EMPTY' });
    expect(parseRocDate(1151126 as unknown as string)).toMatchObject({ code: 'ROC_DATE_FORMAT' });
  });
});

describe('formatters', () => {
  it.each([
    ['2026-11-26', '民國115年11月26日', '115/11/26', '1151126'],
    ['2026-01-05', '民國115年1月5日', '115/01/05', '1150105'],
    ['2010-12-31', '民國99年12月31日', '99/12/31', '0991231'],
    ['1912-01-01', '民國1年1月1日', '1/01/01', '0010101'],
    ['2000-02-29', '民國89年2月29日', '89/02/29', '0890229'],
    ['2024-02-29', '民國113年2月29日', '113/02/29', '1130229'],
    ['2910-12-31', '民國999年12月31日', '999/12/31', '9991231'],
  ])('%s → %s | %s | %s', (iso, long, short, compact) => {
    expect(formatRocDate(iso)).toBe(long);
    expect(formatRocDateShort(iso)).toBe(short);
    expect(toRocCompact(iso)).toBe(compact);
  });

  it.each(['', '2026-2-3', '2026-02-30', '2026-13-01', '2026-11-26T00:00:00Z', ' 2026-11-26', 'not a date', '115/11/26'])(
    'all three throw RangeError on %j (a programming error, not user input)',
    (iso) => {
      expect(() => formatRocDate(iso)).toThrow(RangeError);
      expect(() => formatRocDateShort(iso)).toThrow(RangeError);
      expect(() => toRocCompact(iso)).toThrow(RangeError);
    },
  );

  it.each(['1911-12-31', '0001-01-01', '2911-01-01'])('short and compact refuse %s, which the parser could not read back', (iso) => {
    expect(() => formatRocDateShort(iso)).toThrow(RangeError);
    expect(() => toRocCompact(iso)).toThrow(RangeError);
  });

  it.each([
    ['1911-12-31', '民國前1年12月31日'],
    ['1905-03-01', '民國前7年3月1日'],
    ['1900-02-28', '民國前12年2月28日'],
    ['2911-01-01', '民國1000年1月1日'],
  ])('formatRocDate prints %s as %s so an old birth date never breaks a printout', (iso, text) => {
    expect(formatRocDate(iso)).toBe(text);
  });

  it('rejects 1900-02-29 (century rule: 1900 is not leap)', () => {
    expect(() => formatRocDate('1900-02-29')).toThrow(RangeError);
  });
});

describe('round trips', () => {
  // Dense ranges around the edges that matter: ROC 1, the 2000 century leap, the present, the 2100 non-leap.
  const days = [
    ...isoDaysBetween('1912-01-01', '1913-12-31'),
    ...isoDaysBetween('1999-01-01', '2001-12-31'),
    ...isoDaysBetween('2023-01-01', '2027-12-31'),
    ...isoDaysBetween('2099-01-01', '2101-12-31'),
    ...isoDaysBetween('2909-01-01', '2910-12-31'),
  ];

  it(`parse(format(iso)) === iso for ${days.length} consecutive days in all three formats`, () => {
    for (const iso of days) {
      for (const text of [formatRocDate(iso), formatRocDateShort(iso), toRocCompact(iso)]) {
        const r = parseRocDate(text);
        if (!r.ok || r.iso !== iso) expect.fail(`${iso} → ${text} → ${JSON.stringify(r)}`);
      }
    }
  });

  it('every day the parser accepts in ROC 112–116 is a real day, and no real day is rejected', () => {
    const real = new Set(isoDaysBetween('2023-01-01', '2027-12-31'));
    let accepted = 0;
    for (let roc = 112; roc <= 116; roc++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const r = parseRocDate(`${roc}/${m}/${d}`);
          const iso = `${roc + 1911}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(r.ok, iso).toBe(real.has(iso));
          if (r.ok) {
            expect(r.iso).toBe(iso);
            accepted++;
          }
        }
      }
    }
    expect(accepted).toBe(real.size);
  });
});

describe('isoFromDate', () => {
  it.each([
    ['2026-11-25T15:59:59.999Z', '2026-11-25'], // 23:59:59.999 in Taipei
    ['2026-11-25T16:00:00.000Z', '2026-11-26'], // midnight in Taipei, still the 25th in UTC
    ['2026-11-26T00:00:00.000Z', '2026-11-26'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'], // new year arrives 8 hours early
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
    ['1912-01-01T00:00:00.000Z', '1912-01-01'],
  ])('%s is %s in Asia/Taipei by default', (instant, iso) => {
    expect(isoFromDate(new Date(instant))).toBe(iso);
  });

  it('honours an explicit time zone', () => {
    const d = new Date('2026-11-25T16:30:00Z');
    expect(isoFromDate(d, 'Asia/Taipei')).toBe('2026-11-26');
    expect(isoFromDate(d, 'UTC')).toBe('2026-11-25');
    expect(isoFromDate(d, 'America/Los_Angeles')).toBe('2026-11-25');
    expect(isoFromDate(d, 'Pacific/Kiritimati')).toBe('2026-11-26');
  });

  it('does not depend on the machine time zone (checked against fixed UTC+8 arithmetic)', () => {
    // Taiwan has had no DST since 1979, so +8h then reading UTC fields is an exact oracle for modern dates.
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 * 7 + 123_457) {
      const expected = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
      expect(isoFromDate(new Date(t))).toBe(expected);
    }
  });

  it('feeds the formatters directly', () => {
    expect(formatRocDate(isoFromDate(new Date('2026-11-25T16:00:00Z')))).toBe('民國115年11月26日');
  });

  it('throws RangeError on an invalid Date or unknown zone', () => {
    expect(() => isoFromDate(new Date('nope'))).toThrow(RangeError);
    expect(() => isoFromDate(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
