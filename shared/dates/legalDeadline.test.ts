import { describe, expect, it } from 'vitest';
import { legalDeadline } from './legalDeadline';

describe('legalDeadline (民法 §120–§121)', () => {
  it('days: the event day is not counted', () => {
    expect(legalDeadline('2026-11-20', { days: 30 })).toBe('2026-12-20');
    expect(legalDeadline('2026-12-15', { days: 30 })).toBe('2027-01-14');
  });
  it('months: the day before the corresponding day of the last month', () => {
    // Death on 1/15: the period starts 1/16, six months later the corresponding day is 7/16, so it ends 7/15.
    expect(legalDeadline('2026-01-15', { months: 6 })).toBe('2026-07-15');
    expect(legalDeadline('2026-11-03', { months: 3 })).toBe('2027-02-03');
  });
  it('months: no corresponding day ends at the end of that month (§121 II)', () => {
    // Event 8/30: start 8/31; six months on, February has no 31st → 2/28.
    expect(legalDeadline('2026-08-30', { months: 6 })).toBe('2027-02-28');
  });
  it('years count as twelve months', () => {
    expect(legalDeadline('2026-03-10', { years: 1 })).toBe('2027-03-10');
    expect(legalDeadline('2027-02-27', { years: 1 })).toBe('2028-02-27');
  });
});
