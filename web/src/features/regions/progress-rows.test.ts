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
});
