import type { ChildrenProgress, RegionKind, RegionLevel } from '@ozg/shared';

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
  /** 1 = highest OZG-konform share within the rows compared; null without target services. */
  rank: number | null;
};

export type ProgressSortColumn =
  | 'name'
  | 'population'
  | 'conformantShare'
  | 'populationWeightedShare'
  | 'onlineByDeadlineShare'
  | 'overdue';
export type ProgressSort = { column: ProgressSortColumn; direction: 'asc' | 'desc' };

/**
 * Flattens the API's children (possibly of several parents, e.g. the Kreise of
 * every Regierungsbezirk) and ranks them among each other by OZG-konform share.
 */
export function toProgressRows(children: ChildrenProgress['children']): ProgressRow[] {
  const rows: ProgressRow[] = children.map(({ region, figures }) => ({
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
    rank: null,
  }));
  const ranked = rows
    .filter((row) => row.conformantShare !== null)
    .sort((a, b) => (b.conformantShare ?? 0) - (a.conformantShare ?? 0));
  // Equal shares share a rank (1, 2, 2, 4), as in a league table.
  ranked.forEach((row, index) => {
    const previous = ranked[index - 1];
    row.rank = previous && previous.conformantShare === row.conformantShare ? previous.rank : index + 1;
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
