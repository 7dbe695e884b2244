import type { RegionSummary } from '@ozg/shared';

export type KreisRow = RegionSummary & {
  bezirk: string | null;
  /** Share of the Land's population, 0-1. */
  populationShare: number | null;
  /** Population relative to the largest Kreis, 0-1: the length of its bar. */
  relativeSize: number;
};

export type KreisSort = { column: 'name' | 'population' | 'bezirk'; direction: 'asc' | 'desc' };

/**
 * Joins each Kreis to its Regierungsbezirk (by key prefix, as in the AGS) and
 * its share of the Land's population, then sorts.
 */
export function shapeKreisRows(
  kreise: readonly RegionSummary[],
  bezirke: readonly RegionSummary[],
  landPopulation: number | null,
  sort: KreisSort,
): KreisRow[] {
  const bezirkByKey = new Map(bezirke.filter((b) => b.level === 'bezirk').map((b) => [b.ags, b.name]));
  const largest = Math.max(0, ...kreise.map((kreis) => kreis.population ?? 0));
  const rows = kreise.map((kreis) => ({
    ...kreis,
    bezirk: bezirkByKey.get(kreis.ags.slice(0, 3)) ?? null,
    populationShare: landPopulation && kreis.population !== null ? kreis.population / landPopulation : null,
    relativeSize: largest > 0 ? (kreis.population ?? 0) / largest : 0,
  }));
  const factor = sort.direction === 'asc' ? 1 : -1;
  const byName = (a: KreisRow, b: KreisRow) => a.name.localeCompare(b.name, 'de');
  return rows.sort((a, b) => {
    if (sort.column === 'population')
      return factor * ((a.population ?? -1) - (b.population ?? -1)) || byName(a, b);
    if (sort.column === 'bezirk')
      return factor * (a.bezirk ?? '').localeCompare(b.bezirk ?? '', 'de') || byName(a, b);
    return factor * byName(a, b);
  });
}
