import { describe, expect, it } from 'vitest';
import { todayInGermany } from './dates';

describe('todayInGermany', () => {
  it('is already the next day in Germany shortly after midnight, while UTC is still on the day before', () => {
    expect(todayInGermany(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26'); // CET, UTC+1
    expect(todayInGermany(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02'); // CEST, UTC+2
    expect(todayInGermany(new Date('2026-07-01T21:30:00Z'))).toBe('2026-07-01');
  });
});
