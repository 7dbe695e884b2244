import type { Laggard, RegionKind } from '@ozg/shared';

/** Columns the laggards table sorts by. */
export const LAGGARD_SORTS = ['gap', 'name', 'population', 'share', 'change', 'overdue'] as const;
export type LaggardSort = (typeof LAGGARD_SORTS)[number];

const value: Record<LaggardSort, (item: Laggard) => number | string | null> = {
  gap: (item) => item.gap,
  name: (item) => item.region.name,
  population: (item) => item.region.population,
  share: (item) => item.share,
  change: (item) => item.changeTwelveMonths,
  overdue: (item) => item.overdue,
};

/** By Reifegradmodell 2.0 the share and the gap are those of `model2`. */
const value2: Record<LaggardSort, (item: Laggard) => number | string | null> = {
  ...value,
  gap: (item) => item.model2?.gap ?? null,
  share: (item) => item.model2?.share ?? null,
  change: (item) => item.model2?.changeTwelveMonths ?? null,
};

/**
 * Sorts laggards by a column; rows without a value (no target services, no
 * history) go last in either direction, ties by name, so the order is stable.
 */
export function sortLaggards(
  items: readonly Laggard[],
  sort: LaggardSort,
  order: 'asc' | 'desc',
  by2 = false,
): Laggard[] {
  const direction = order === 'asc' ? 1 : -1;
  const of = (by2 ? value2 : value)[sort];
  return [...items].sort((a, b) => {
    const x = of(a);
    const y = of(b);
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    let result = 0;
    if (typeof x === 'string' && typeof y === 'string') result = x.localeCompare(y, 'de');
    else if (typeof x === 'number' && typeof y === 'number') result = x - y;
    return result * direction || a.region.name.localeCompare(b.region.name, 'de');
  });
}

/** Kinds of municipality a peer group can hold (the administrations at Gemeinde level), in the filter's order. */
export const MUNICIPAL_KINDS: readonly RegionKind[] = [
  'gemeinde',
  'stadt',
  'markt',
  'grosse_kreisstadt',
  'kreisfreie_stadt',
];

/**
 * The kinds the filter offers: those of the municipalities in the unfiltered
 * list of the Land, so that Hessen does not offer "Markt" or "Große
 * Kreisstadt", which it does not have. All kinds while the list is not loaded.
 */
export function kindsPresent(items: readonly Laggard[] | undefined): RegionKind[] {
  if (!items) return [...MUNICIPAL_KINDS];
  const present = new Set(items.map((item) => item.region.kind));
  return MUNICIPAL_KINDS.filter((kind) => present.has(kind));
}
