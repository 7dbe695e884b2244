import { describe, expect, it } from 'vitest';
import { regionPath } from './region-paths';

describe('region paths', () => {
  it('sends the default Land to the start page and keeps the as-of date', () => {
    expect(regionPath('06', 'land')).toBe('/');
    expect(regionPath('09', 'land', '2022-12-31')).toBe('/?land=09&stand=2022-12-31');
    expect(regionPath('06435', 'kreis', '2022-12-31')).toBe('/regionen/06435?stand=2022-12-31');
    expect(regionPath('06435901', 'gemeinde')).toBe('/regionen/06435901');
  });
});
