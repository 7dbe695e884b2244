import type { RegionSummary } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import { shapeKreisRows } from './kreise-table';

const region = (
  ags: string,
  name: string,
  level: RegionSummary['level'],
  population: number | null,
): RegionSummary => ({
  id: Number(ags),
  ags,
  ars: ags,
  name,
  level,
  kind: level === 'bezirk' ? 'regierungsbezirk' : 'landkreis',
  population,
  areaHectares: null,
  sonderstatus: false,
  validFrom: '1900-01-01',
});

const bezirke = [region('991', 'Nord', 'bezirk', null), region('992', 'Süd', 'bezirk', null)];
const kreise = [
  region('99201', 'Zell', 'kreis', 100),
  region('99101', 'Ähren', 'kreis', 300),
  region('99102', 'Berg', 'kreis', 600),
];

describe('shapeKreisRows', () => {
  it('assigns the Regierungsbezirk by key and the population share', () => {
    const rows = shapeKreisRows(kreise, bezirke, 1000, { column: 'name', direction: 'asc' });
    expect(rows.map((r) => [r.name, r.bezirk, r.populationShare, r.relativeSize])).toEqual([
      ['Ähren', 'Nord', 0.3, 0.5],
      ['Berg', 'Nord', 0.6, 1],
      ['Zell', 'Süd', 0.1, 100 / 600],
    ]);
  });

  it('sorts by population descending and by Bezirk with name as tie-breaker', () => {
    expect(
      shapeKreisRows(kreise, bezirke, 1000, { column: 'population', direction: 'desc' }).map((r) => r.name),
    ).toEqual(['Berg', 'Ähren', 'Zell']);
    expect(
      shapeKreisRows(kreise, bezirke, 1000, { column: 'bezirk', direction: 'desc' }).map((r) => r.name),
    ).toEqual(['Zell', 'Ähren', 'Berg']);
  });

  it('leaves the share empty when the population is unknown', () => {
    expect(
      shapeKreisRows(kreise, bezirke, null, { column: 'name', direction: 'asc' })[0]?.populationShare,
    ).toBeNull();
  });
});
