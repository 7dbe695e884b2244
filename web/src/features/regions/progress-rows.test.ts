import type { ChildrenProgress } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import { sortProgressRows, toProgressRows } from './progress-rows';

const child = (ags: string, name: string, share: number | null, population: number | null) =>
  ({
    region: {
      id: Number(ags),
      ags,
      ars: ags,
      name,
      level: 'kreis',
      kind: 'landkreis',
      population,
      areaHectares: null,
      sonderstatus: false,
      validFrom: '2020-01-01',
    },
    administrations: 10,
    figures: {
      targetServices: share === null ? 0 : 100,
      levelCounts: [0, 0, 0, 0, 0],
      conformant: 0,
      conformantShare: share,
      populationWeightedShare: share,
      onlineByDeadline: 0,
      onlineByDeadlineShare: null,
      overdue: share === null ? 0 : Math.round((1 - share) * 100),
      medianDaysLate: null,
    },
    rank: null,
  }) satisfies ChildrenProgress['children'][number];

const children = [
  child('06411', 'Darmstadt', 0.4, 160_000),
  child('06412', 'Frankfurt', 0.2, 770_000),
  child('06413', 'Offenbach', 0.4, 130_000),
  child('06414', 'Wiesbaden', null, 280_000),
];

describe('comparison rows', () => {
  it('ranks by OZG-konform share across all rows; equal shares share a rank, none without target services', () => {
    const ranks = Object.fromEntries(toProgressRows(children).map((row) => [row.name, row.rank]));
    expect(ranks).toEqual({ Darmstadt: 1, Offenbach: 1, Frankfurt: 3, Wiesbaden: null });
  });

  it('sorts by a figure in both directions with missing values last and ties by name', () => {
    const rows = toProgressRows(children);
    expect(
      sortProgressRows(rows, { column: 'conformantShare', direction: 'desc' }).map((r) => r.name),
    ).toEqual(['Darmstadt', 'Offenbach', 'Frankfurt', 'Wiesbaden']);
    expect(
      sortProgressRows(rows, { column: 'conformantShare', direction: 'asc' }).map((r) => r.name),
    ).toEqual(['Frankfurt', 'Darmstadt', 'Offenbach', 'Wiesbaden']);
    expect(sortProgressRows(rows, { column: 'population', direction: 'desc' })[0]?.name).toBe('Frankfurt');
    expect(sortProgressRows(rows, { column: 'name', direction: 'desc' })[0]?.name).toBe('Wiesbaden');
  });

  it('ranks by the share by Reifegradmodell 2.0 among the counted statuses when asked to', () => {
    const model2 = (counted: number, assessed: number, atOrAbove: number) => ({
      version: 1,
      minLevel: 3,
      counted,
      assessed,
      assessedShare: counted > 0 ? assessed / counted : null,
      levelCounts: [0, 0, 0, atOrAbove, 0, 0, 0, 0],
      atOrAbove,
      atOrAboveShare: assessed > 0 ? atOrAbove / assessed : null,
      analogProcessing: 0,
      analogShare: null,
    });
    const with2 = [
      // All of the few assessed reach 3: among the counted still the lowest (not assessed = not reached).
      { ...child('06411', 'Darmstadt', 0.4, 160_000), model2: model2(100, 5, 5) },
      { ...child('06412', 'Frankfurt', 0.2, 770_000), model2: model2(100, 50, 30) },
      { ...child('06414', 'Wiesbaden', null, 280_000), model2: model2(0, 0, 0) },
      // Nothing assessed: no value by 2.0 (unknown), not 0 %.
      { ...child('06413', 'Offenbach', 0.4, 130_000), model2: model2(100, 0, 0) },
    ];
    const rows = toProgressRows(with2, true);
    expect(Object.fromEntries(rows.map((row) => [row.name, row.rank]))).toEqual({
      Frankfurt: 1,
      Darmstadt: 2,
      Wiesbaden: null,
      Offenbach: null,
    });
    expect(rows.map((row) => row.model2Share)).toEqual([0.05, 0.3, null, null]);
    expect(rows.map((row) => row.model2AssessedShare)).toEqual([0.05, 0.5, null, 0]);
    // Without the flag the 1.1 share ranks as before.
    expect(toProgressRows(with2).find((row) => row.name === 'Darmstadt')?.rank).toBe(1);
  });
});
