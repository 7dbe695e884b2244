import { describe, expect, it } from 'vitest';
import { endOfGermanDay, germanDayOf, todayInGermany } from './dates';

describe('todayInGermany', () => {
  it('is already the next day in Germany shortly after midnight, while UTC is still on the day before', () => {
    expect(todayInGermany(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26'); // CET, UTC+1
    expect(todayInGermany(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02'); // CEST, UTC+2
    expect(todayInGermany(new Date('2026-07-01T21:30:00Z'))).toBe('2026-07-01');
  });
});

describe('endOfGermanDay', () => {
  it('is midnight in Berlin: 23:00 UTC in winter, 22:00 UTC in summer, and on the days the clocks change', () => {
    expect(endOfGermanDay('2026-12-01').toISOString()).toBe('2026-12-01T23:00:00.000Z');
    expect(endOfGermanDay('2026-07-01').toISOString()).toBe('2026-07-01T22:00:00.000Z');
    // 29.03.2026 has 23 hours (CET -> CEST), 25.10.2026 has 25 (CEST -> CET).
    expect(endOfGermanDay('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(endOfGermanDay('2026-10-25').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('splits instants into the day and the next one, as germanDayOf does', () => {
    const end = endOfGermanDay('2026-12-01');
    expect(germanDayOf(new Date(end.getTime() - 1))).toBe('2026-12-01');
    expect(germanDayOf(end)).toBe('2026-12-02');
  });
});
