import type { Laggard } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import { kindsPresent, MUNICIPAL_KINDS, sortLaggards } from './laggard-table';

const laggard = (
  name: string,
  gap: number | null,
  population: number,
  kind: Laggard['region']['kind'] = 'gemeinde',
): Laggard => ({
  region: { ags: '06435901', name, kind, population },
  kreis: null,
  sizeClass: 'unter_5000',
  targetServices: 40,
  conformant: 10,
  share: gap === null ? null : 0.25,
  peerCount: 5,
  peerMedian: 0.3,
  gap,
  changeTwelveMonths: null,
  overdue: 30,
  consultationHeld: false,
});

describe('sorting laggards', () => {
  const items = [
    laggard('Beispielfeld', -0.1, 3000),
    laggard('Altdorf', null, 9000),
    laggard('Musterbach', -0.3, 500),
  ];

  it('puts the largest gap first and rows without a gap last', () => {
    expect(sortLaggards(items, 'gap', 'asc').map((item) => item.region.name)).toEqual([
      'Musterbach',
      'Beispielfeld',
      'Altdorf',
    ]);
    expect(sortLaggards(items, 'gap', 'desc').map((item) => item.region.name)).toEqual([
      'Beispielfeld',
      'Musterbach',
      'Altdorf',
    ]);
  });

  it('sorts names the German way and numbers by size', () => {
    const withUmlaut = [...items, laggard('Ödenwald', -0.2, 100)];
    expect(sortLaggards(withUmlaut, 'name', 'asc').map((item) => item.region.name)).toEqual([
      'Altdorf',
      'Beispielfeld',
      'Musterbach',
      'Ödenwald',
    ]);
    expect(sortLaggards(items, 'population', 'desc').map((item) => item.region.population)).toEqual([
      9000, 3000, 500,
    ]);
  });

  it('sorts by the 2.0 gap and share when ranked by Reifegradmodell 2.0', () => {
    const by2 = (item: Laggard, gap: number | null): Laggard => ({
      ...item,
      model2: {
        counted: 40,
        assessed: 20,
        assessedShare: 0.5,
        atOrAbove: 8,
        share: gap === null ? null : 0.2 + gap,
        peerCount: 3,
        peerMedian: 0.2,
        gap,
      },
    });
    const items2 = [
      by2(laggard('Beispielfeld', -0.1, 3000), -0.05),
      by2(laggard('Altdorf', null, 9000), -0.15),
      by2(laggard('Musterbach', -0.3, 500), null),
    ];
    expect(sortLaggards(items2, 'gap', 'asc', true).map((item) => item.region.name)).toEqual([
      'Altdorf',
      'Beispielfeld',
      'Musterbach',
    ]);
    expect(sortLaggards(items2, 'share', 'desc', true)[0]?.region.name).toBe('Beispielfeld');
  });

  it('leaves the input untouched', () => {
    const before = items.map((item) => item.region.name);
    sortLaggards(items, 'name', 'desc');
    expect(items.map((item) => item.region.name)).toEqual(before);
  });
});

describe('the kinds the filter offers', () => {
  it('offers only the kinds the Land has, in the usual order', () => {
    const items = [
      laggard('Stadt A', -0.1, 30000, 'stadt'),
      laggard('Dorf', -0.2, 900),
      laggard('Dorf 2', 0, 800),
    ];
    expect(kindsPresent(items)).toEqual(['gemeinde', 'stadt']);
  });

  it('offers every kind while the list is not loaded', () => {
    expect(kindsPresent(undefined)).toEqual(MUNICIPAL_KINDS);
  });
});
