import { describe, expect, it } from 'vitest';
import { agsFromArs, buildArs, isSonderstatusstadt, parseRegionKey } from './regions';

describe('region keys', () => {
  it('reads AGS of every level and the 12-digit ARS', () => {
    expect(parseRegionKey('06')).toEqual({ column: 'ags', level: 'land', value: '06' });
    expect(parseRegionKey('064')).toEqual({ column: 'ags', level: 'bezirk', value: '064' });
    expect(parseRegionKey(' 06412 ')).toEqual({ column: 'ags', level: 'kreis', value: '06412' });
    expect(parseRegionKey('06435014')).toEqual({ column: 'ags', level: 'gemeinde', value: '06435014' });
    expect(parseRegionKey('064350014014')).toEqual({
      column: 'ars',
      level: 'gemeinde',
      value: '064350014014',
    });
  });

  it('rejects keys of other lengths and non-digits', () => {
    for (const key of ['', '6', '0641', '064350014', '06a12', '0643500140141'])
      expect(parseRegionKey(key)).toBeNull();
  });

  it('puts the Verband before the Gemeinde in the ARS, unlike the file order', () => {
    const ars = buildArs({ land: '06', bezirk: '4', kreis: '35', verband: '0014', gemeinde: '014' });
    expect(ars).toBe('064350014014');
    expect(agsFromArs(ars)).toBe('06435014');
  });

  it('knows that Hanau lost its Sonderstatus when it became kreisfrei on 1 January 2026', () => {
    expect(isSonderstatusstadt('06435014', '2025-12-31')).toBe(true);
    expect(isSonderstatusstadt('06435014', '2026-01-01')).toBe(false);
    expect(isSonderstatusstadt('06534014', '2026-01-01')).toBe(true);
    expect(isSonderstatusstadt('06435001', '2025-01-01')).toBe(false);
  });
});
