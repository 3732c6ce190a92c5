import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar, validateCalendar, WEEKENDS_ONLY, type OfficeCalendar } from './calendar';
import { computeDeadline, daysOverdue, endOfTaipeiDay, isOverdue, taipeiDayOf } from './deadline';

// The installed calendar (resources/calendar/holidays.json): the rule is tested against the real data.
const installed = (): OfficeCalendar => {
  const r = validateCalendar(JSON.parse(readFileSync(new URL('../../resources/calendar/holidays.json', import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return buildCalendar(r.file);
};
const cal = installed();
/** A delivery at a Taipei wall-clock time. */
const taipei = (local: string): Date => new Date(`${local}+08:00`);
const due = (local: string, days: number, c: OfficeCalendar = cal) => computeDeadline(taipei(local), days, c);

describe('computeDeadline (行政程序法 §48 with the office calendar)', () => {
  it('starts the day after delivery and ends at 23:59:59.999 Taipei of the last day', () => {
    const d = due('2026-11-20T10:00:00', 14); // Fri → Fri 12-04, a working day
    expect(d).toMatchObject({ nominalLastDay: '2026-12-04', lastDay: '2026-12-04' });
    expect(d.dueAt.toISOString()).toBe('2026-12-04T15:59:59.999Z');
  });

  it('a last day on a Saturday or Sunday moves to Monday', () => {
    expect(due('2026-11-25T09:00:00', 3)).toMatchObject({ nominalLastDay: '2026-11-28', lastDay: '2026-11-30' }); // Sat → Mon
    expect(due('2026-11-26T09:00:00', 3).lastDay).toBe('2026-11-30'); // Sun → Mon
    expect(due('2026-11-27T09:00:00', 3).lastDay).toBe('2026-11-30'); // Mon stays
  });

  it('a last day on a national holiday moves past the holiday and the weekend after it', () => {
    // 2026-09-25 中秋節 (Fri), weekend, 2026-09-28 教師節 (Mon) → Tue 09-29.
    expect(due('2026-09-22T14:00:00', 3)).toMatchObject({ nominalLastDay: '2026-09-25', lastDay: '2026-09-29' });
    // 春節 2026: 02-14 … 02-22 off (02-20 除夕前一日補假) → Mon 02-23.
    expect(due('2026-02-12T11:00:00', 3)).toMatchObject({ nominalLastDay: '2026-02-15', lastDay: '2026-02-23' });
    // 勞動節 2026-05-01 (Fri) is an office holiday since the 2025 amendment → Mon 05-04.
    expect(due('2026-04-30T08:30:00', 1).lastDay).toBe('2026-05-04');
    // 兒童節補假 04-03 (Fri) + weekend + 民族掃墓節補假 04-06 (Mon) → Tue 04-07.
    expect(due('2026-03-27T16:00:00', 7).lastDay).toBe('2026-04-07');
  });

  it('finding 14: a last day on a Saturday ends at noon (上午) of the next Monday, Taipei (§48 IV)', () => {
    const sat = due('2026-11-25T09:00:00', 3); // Sat 11-28
    expect(sat).toMatchObject({ nominalLastDay: '2026-11-28', lastDay: '2026-11-30', morningOnly: true });
    expect(sat.dueAt.toISOString()).toBe('2026-11-30T04:00:00.000Z'); // Mon 12:00 Taipei
    expect(isOverdue(sat.dueAt, false, taipei('2026-11-30T11:59:59.999'))).toBe(false);
    expect(isOverdue(sat.dueAt, false, taipei('2026-11-30T12:00:00.001'))).toBe(true);
    expect(daysOverdue(sat.dueAt, taipei('2026-11-30T15:00:00'))).toBe(0); // the afternoon is late, but still the last day
    // A Sunday is the first clause: the next day counts in full.
    const sun = due('2026-11-26T09:00:00', 3);
    expect(sun).toMatchObject({ nominalLastDay: '2026-11-29', lastDay: '2026-11-30', morningOnly: false });
    expect(sun.dueAt.toISOString()).toBe('2026-11-30T15:59:59.999Z');
    // Years the file does not list: the same rule on the bare weekend.
    expect(due('2027-12-31T10:00:00', 1)).toMatchObject({ lastDay: '2028-01-03', morningOnly: true });
  });

  it('finding 14: when the Monday after a Saturday is a holiday, the next working day counts in full', () => {
    // Sat 2026-09-26 → Mon 09-28 上午, but 教師節 is off → its next day, Tue 09-29, whole.
    const d = due('2026-09-23T10:00:00', 3);
    expect(d).toMatchObject({ nominalLastDay: '2026-09-26', lastDay: '2026-09-29', morningOnly: false });
    expect(d.dueAt.toISOString()).toBe('2026-09-29T15:59:59.999Z');
    // 中秋節 Fri 09-25 → Sat → Mon (教師節) → Tue, whole.
    expect(due('2026-09-22T14:00:00', 3)).toMatchObject({ lastDay: '2026-09-29', morningOnly: false });
  });

  it('finding 14: a holiday Friday gives way to its Saturday, and so to Monday morning', () => {
    // 勞動節 Fri 2026-05-01 → Sat 05-02 → Mon 05-04 上午.
    const d = due('2026-04-30T08:30:00', 1);
    expect(d).toMatchObject({ nominalLastDay: '2026-05-01', lastDay: '2026-05-04', morningOnly: true });
    expect(d.dueAt.toISOString()).toBe('2026-05-04T04:00:00.000Z');
  });

  it('finding 14: a 補行上班日 Saturday is no rest day: the period ends at the end of that Saturday', () => {
    const d = due('2025-02-07T10:00:00', 1);
    expect(d).toMatchObject({ lastDay: '2025-02-08', morningOnly: false });
    expect(d.dueAt.toISOString()).toBe('2025-02-08T15:59:59.999Z');
  });

  it('a holiday inside the period does not lengthen it (only the last day moves)', () => {
    // 06-19 端午節 lies inside; the last day 06-25 (Thu) is a working day.
    expect(due('2026-06-11T10:00:00', 14).lastDay).toBe('2026-06-25');
  });

  it('a make-up working Saturday (補行上班日) is a working day', () => {
    // 2025-02-08 (Sat) 補行上班: a deadline may end on it.
    expect(due('2025-02-07T10:00:00', 1)).toMatchObject({ nominalLastDay: '2025-02-08', lastDay: '2025-02-08' });
    expect(due('2025-02-07T10:00:00', 1, WEEKENDS_ONLY).lastDay).toBe('2025-02-10');
  });

  it('crosses the year boundary onto the next year\'s holidays', () => {
    // 12-25 行憲紀念日 (Fri) → Mon 12-28.
    expect(due('2026-12-24T10:00:00', 1).lastDay).toBe('2026-12-28');
    // 2027-01-01 開國紀念日 (Fri) → Mon 2027-01-04.
    expect(due('2026-12-31T17:00:00', 1)).toMatchObject({ nominalLastDay: '2027-01-01', lastDay: '2027-01-04' });
    // 30 days from 12-17 → Sat 2027-01-16 → Mon 01-18.
    expect(due('2026-12-17T10:00:00', 30).lastDay).toBe('2027-01-18');
  });

  it('counts in Taipei calendar days: a delivery at 23:59:59 and one at 00:00 are different days', () => {
    const late = new Date('2026-11-25T15:59:59.999Z'); // 11-25 23:59:59.999 Taipei
    const early = new Date('2026-11-25T16:00:00.000Z'); // 11-26 00:00 Taipei
    expect(taipeiDayOf(late)).toBe('2026-11-25');
    expect(taipeiDayOf(early)).toBe('2026-11-26');
    expect(computeDeadline(late, 1, cal).lastDay).toBe('2026-11-26'); // Thu
    expect(computeDeadline(early, 1, cal).lastDay).toBe('2026-11-27'); // Fri
    // A UTC-evening delivery that is already the next morning in Taipei.
    expect(computeDeadline(new Date('2026-11-26T23:30:00Z'), 1, cal).lastDay).toBe('2026-11-30'); // Fri 07:30 Taipei → Sat → Mon
  });

  it('overdue only strictly after the end of the last day, and never once closed', () => {
    const d = endOfTaipeiDay('2026-11-30');
    expect(d.toISOString()).toBe('2026-11-30T15:59:59.999Z');
    expect(isOverdue(d, false, new Date('2026-11-30T15:59:59.999Z'))).toBe(false);
    expect(isOverdue(d, false, new Date('2026-11-30T16:00:00.000Z'))).toBe(true);
    expect(isOverdue(d, true, new Date('2026-12-30T00:00:00Z'))).toBe(false);
    expect(isOverdue(null, false, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('days overdue are Taipei calendar days after the last day', () => {
    const d = endOfTaipeiDay('2026-11-30');
    expect(daysOverdue(d, new Date('2026-11-30T12:00:00Z'))).toBe(0);
    expect(daysOverdue(d, taipei('2026-12-01T00:00:00'))).toBe(1);
    expect(daysOverdue(d, taipei('2026-12-03T23:59:00'))).toBe(3);
    expect(daysOverdue(d.toISOString(), taipei('2027-01-01T09:00:00'))).toBe(32);
  });

  it('years the file does not list count weekends only', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2028)).toBe(false);
    // 2028-01-01 is a Saturday: only the weekend moves it.
    expect(due('2027-12-31T10:00:00', 1).lastDay).toBe('2028-01-03');
  });

  it('refuses nonsense limits and instants', () => {
    expect(() => computeDeadline(new Date(), 0, cal)).toThrow(RangeError);
    expect(() => computeDeadline(new Date(), 1.5, cal)).toThrow(RangeError);
    expect(() => computeDeadline(new Date('x'), 3, cal)).toThrow(RangeError);
  });

  it('stops on a calendar that never has a working day instead of looping', () => {
    const never: OfficeCalendar = { version: 'x', fingerprint: 'x', covers: () => true, isWorkingDay: () => false };
    expect(() => computeDeadline(new Date(), 1, never)).toThrow(/連續/);
  });
});
