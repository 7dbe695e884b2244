import { type ChildrenProgress, model2ReachedShare, type RegionKind, type RegionLevel } from '@ozg/shared';

/** One region in a comparison table; shares are 0-1, null when it has no target services. */
export type ProgressRow = {
  ags: string;
  name: string;
  level: RegionLevel;
  kind: RegionKind;
  population: number | null;
  targetServices: number;
  conformantShare: number | null;
  populationWeightedShare: number | null;
  onlineByDeadlineShare: number | null;
  overdue: number;
  /** By Reifegradmodell 2.0 (only when the children came with model=2.0): target services at or above the level / counted. */
  model2Share: number | null;
  /** Share of the target services with a complete 2.0 assessment. */
  model2AssessedShare: number | null;
  /**
   * 1 = highest share within the rows compared (OZG-konform, or by 2.0 when
   * the rows are ranked by 2.0); null without target services.
   */
  rank: number | null;
};

export type ProgressSortColumn =
  | 'name'
  | 'population'
  | 'conformantShare'
  | 'populationWeightedShare'
  | 'onlineByDeadlineShare'
  | 'overdue'
  | 'model2Share'
  | 'model2AssessedShare';
export type ProgressSort = { column: ProgressSortColumn; direction: 'asc' | 'desc' };

/**
 * Flattens the API's children (possibly of several parents, e.g. the Kreise of
 * every Regierungsbezirk) and ranks them among each other by OZG-konform share,
 * or with `by2` by the share by Reifegradmodell 2.0 (model2ReachedShare).
 */
export function toProgressRows(children: ChildrenProgress['children'], by2 = false): ProgressRow[] {
  const rows: ProgressRow[] = children.map(({ region, figures, model2 }) => ({
    ags: region.ags,
    name: region.name,
    level: region.level,
    kind: region.kind,
    population: region.population,
    targetServices: figures.targetServices,
    conformantShare: figures.conformantShare,
    populationWeightedShare: figures.populationWeightedShare,
    onlineByDeadlineShare: figures.onlineByDeadlineShare,
    overdue: figures.overdue,
    model2Share: model2 ? model2ReachedShare(model2) : null,
    model2AssessedShare: model2?.assessedShare ?? null,
    rank: null,
  }));
  const rankedBy = (row: ProgressRow) => (by2 ? row.model2Share : row.conformantShare);
  const ranked = rows
    .filter((row) => rankedBy(row) !== null)
    .sort((a, b) => (rankedBy(b) ?? 0) - (rankedBy(a) ?? 0));
  // Equal shares share a rank (1, 2, 2, 4), as in a league table.
  ranked.forEach((row, index) => {
    const previous = ranked[index - 1];
    row.rank = previous && rankedBy(previous) === rankedBy(row) ? previous.rank : index + 1;
  });
  return rows;
}

/** Sorts a copy; missing values always go last, ties by name. */
export function sortProgressRows(rows: readonly ProgressRow[], sort: ProgressSort): ProgressRow[] {
  const factor = sort.direction === 'asc' ? 1 : -1;
  const byName = (a: ProgressRow, b: ProgressRow) => a.name.localeCompare(b.name, 'de');
  return [...rows].sort((a, b) => {
    if (sort.column === 'name') return factor * byName(a, b);
    const left = a[sort.column];
    const right = b[sort.column];
    if (left === null && right === null) return byName(a, b);
    if (left === null) return 1;
    if (right === null) return -1;
    return factor * (left - right) || byName(a, b);
  });
}

/** The direction a column sorts in first: names A-Z, figures from the largest. */
export function firstDirection(column: ProgressSortColumn): ProgressSort['direction'] {
  return column === 'name' ? 'asc' : 'desc';
}
