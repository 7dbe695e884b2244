import type { RegionLevel } from '@ozg/shared';

/** The Land shown on the start page when none is named (Hessen, the first customer). */
export const DEFAULT_LAND = '06';

/** The page of a region; the date of an as-of view travels along. */
export function regionPath(ags: string, level: RegionLevel, asOf?: string | null): string {
  const query = new URLSearchParams();
  if (level === 'land' && ags !== DEFAULT_LAND) query.set('land', ags);
  if (asOf) query.set('stand', asOf);
  const search = query.size > 0 ? `?${query}` : '';
  return level === 'land' ? `/${search}` : `/regionen/${ags}${search}`;
}
