import { describe, expect, it } from 'vitest';
import { AppFailure } from '../result';
import { assistanceEffectiveMonth } from './effectiveMonth';

const failure = (f: () => unknown): AppFailure => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('expected an AppFailure');
};

describe('assistanceEffectiveMonth (seed 000 lines 541–545, 證件備齊日)', () => {
  it('低收入戶 starts the month the documents were complete, whatever the day', () => {
    expect(assistanceEffectiveMonth('low-income', '2025-03-01')).toBe('2025-03');
    expect(assistanceEffectiveMonth('low-income', '2025-03-15')).toBe('2025-03');
    expect(assistanceEffectiveMonth('low-income', '2025-03-31')).toBe('2025-03');
    expect(assistanceEffectiveMonth('low-income', '2025-12-31')).toBe('2025-12');
  });

  it('中低收入戶 starts that month when complete on or before the 15th, else the next month', () => {
    expect(assistanceEffectiveMonth('middle-low-income', '2025-03-01')).toBe('2025-03');
    expect(assistanceEffectiveMonth('middle-low-income', '2025-03-15')).toBe('2025-03');
    expect(assistanceEffectiveMonth('middle-low-income', '2025-03-16')).toBe('2025-04');
    expect(assistanceEffectiveMonth('middle-low-income', '2024-02-29')).toBe('2024-03');
  });

  it('中低收入戶 complete after 15 December starts the next January', () => {
    expect(assistanceEffectiveMonth('middle-low-income', '2025-12-16')).toBe('2026-01');
    expect(assistanceEffectiveMonth('middle-low-income', '2025-12-31')).toBe('2026-01');
    expect(assistanceEffectiveMonth('middle-low-income', '2025-12-15')).toBe('2025-12');
  });

  it('a date that is no date, or an unknown kind, is a typed zh-TW error', () => {
    expect(failure(() => assistanceEffectiveMonth('low-income', '2025-02-29')).error).toMatchObject({ code: 'DATE_INVALID', path: 'documentsCompleteDate', message: expect.stringContaining('證件備齊日') });
    expect(failure(() => assistanceEffectiveMonth('low-income', '114/03/01')).error.code).toBe('DATE_INVALID');
    expect(failure(() => assistanceEffectiveMonth('rich' as never, '2025-03-01')).error).toMatchObject({ code: 'SUBSIDY_KIND_UNKNOWN', path: 'kind' });
  });
});
