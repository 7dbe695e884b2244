import { EARLIEST_DATE, type RegionLevel } from '@ozg/shared';

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

/** A valid ?stand=YYYY-MM-DD within the API's range (from 2000-01-01, not in the future), otherwise null (today). */
export function parseAsOf(raw: string | null, today: string): string | null {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const date = new Date(`${raw}T12:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) return null;
  return raw >= EARLIEST_DATE && raw < today ? raw : null;
}
