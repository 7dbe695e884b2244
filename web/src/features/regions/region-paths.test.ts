import { describe, expect, it } from 'vitest';
import { parseAsOf, regionPath } from './region-paths';

describe('region paths', () => {
  it('sends the default Land to the start page and keeps the as-of date', () => {
    expect(regionPath('06', 'land')).toBe('/');
    expect(regionPath('09', 'land', '2022-12-31')).toBe('/?land=09&stand=2022-12-31');
    expect(regionPath('06435', 'kreis', '2022-12-31')).toBe('/regionen/06435?stand=2022-12-31');
    expect(regionPath('06435901', 'gemeinde')).toBe('/regionen/06435901');
  });

  it('accepts only real past dates as the as-of date', () => {
    expect(parseAsOf('2022-12-31', '2026-11-25')).toBe('2022-12-31');
    expect(parseAsOf('2022-02-30', '2026-11-25')).toBeNull();
    expect(parseAsOf('2026-11-25', '2026-11-25')).toBeNull();
    expect(parseAsOf('31.12.2022', '2026-11-25')).toBeNull();
    expect(parseAsOf(null, '2026-11-25')).toBeNull();
    // The API refuses dates before 2000 (implausible; year 0000 is no date at all).
    expect(parseAsOf('1999-12-31', '2026-11-25')).toBeNull();
    expect(parseAsOf('0000-01-01', '2026-11-25')).toBeNull();
    expect(parseAsOf('2000-01-01', '2026-11-25')).toBe('2000-01-01');
  });
});
