import { describe, expect, it } from 'vitest';
import {
  backgroundOf,
  colourOf,
  NO_VALUE,
  SHARE_CLASSES,
  shareClass,
  tileLayout,
  withSoftHyphens,
} from './map-layout';

const HESSEN_KEYS = [
  '06411',
  '06412',
  '06413',
  '06414',
  '06431',
  '06432',
  '06433',
  '06434',
  '06435',
  '06436',
  '06437',
  '06438',
  '06439',
  '06440',
  '06531',
  '06532',
  '06533',
  '06534',
  '06535',
  '06611',
  '06631',
  '06632',
  '06633',
  '06634',
  '06635',
  '06636',
];

describe('shareClass', () => {
  it('puts shares into six classes, finer below one half, 100 % into the top one', () => {
    expect(shareClass(0)).toBe(SHARE_CLASSES[0]);
    expect(shareClass(0.199)).toBe(SHARE_CLASSES[0]);
    expect(shareClass(0.2)).toBe(SHARE_CLASSES[1]);
    expect(shareClass(0.45)).toBe(SHARE_CLASSES[3]);
    expect(shareClass(0.74)).toBe(SHARE_CLASSES[4]);
    expect(shareClass(1)).toBe(SHARE_CLASSES[5]);
  });

  it('has no class without a figure, and a hatched tile for it', () => {
    expect(shareClass(null)).toBeNull();
    expect(colourOf(null)).toBe(NO_VALUE);
    expect(backgroundOf(null)).toMatch(/^repeating-linear-gradient\(/);
    expect(backgroundOf(null)).toContain(NO_VALUE.hatch);
  });

  it('gives 0 bis 20 % a flat colour of its own, not the hatching of "keine Angabe"', () => {
    expect(backgroundOf(0.05)).toBe(SHARE_CLASSES[0].fill);
    expect(backgroundOf(0.05)).not.toBe(backgroundOf(null));
    expect(SHARE_CLASSES[0].fill).not.toBe(NO_VALUE.fill);
  });
});

describe('tileLayout', () => {
  it('places the 26 Hessian Kreise on distinct tiles, Kassel north of Darmstadt', () => {
    const { tiles, columns, rows } = tileLayout(HESSEN_KEYS.map((ags) => ({ ags, name: ags, share: 0.5 })));
    expect(tiles).toHaveLength(26);
    expect(new Set(tiles.map((tile) => `${tile.column},${tile.row}`)).size).toBe(26);
    const row = (ags: string) => tiles.find((tile) => tile.ags === ags)?.row ?? -1;
    expect(row('06611')).toBeLessThan(row('06411'));
    expect(columns).toBe(5);
    expect(rows).toBe(8);
  });

  it('lays out Kreise of another Land in key order on a grid', () => {
    const { tiles, rows } = tileLayout(
      ['01003', '01001', '01002', '01004', '01051', '01053'].map((ags) => ({ ags, name: ags, share: null })),
      4,
    );
    expect(tiles.map((tile) => [tile.ags, tile.column, tile.row])).toEqual([
      ['01001', 0, 0],
      ['01002', 1, 0],
      ['01003', 2, 0],
      ['01004', 3, 0],
      ['01051', 0, 1],
      ['01053', 1, 1],
    ]);
    expect(rows).toBe(2);
  });
});

describe('withSoftHyphens', () => {
  it('lets a long Kreis name break before "kreis", and leaves short names alone', () => {
    expect(withSoftHyphens('Vogelsbergkreis')).toBe('Vogelsberg\u00ADkreis');
    expect(withSoftHyphens('Main-Kinzig-Kreis')).toBe('Main-Kinzig-Kreis');
    expect(withSoftHyphens('Kassel')).toBe('Kassel');
  });
});
