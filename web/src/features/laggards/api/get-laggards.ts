import type { RegionKind, SizeClass } from '@ozg/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { API_BASE, api, unwrap } from '../../../lib/api-client';

/** The peer-group filters of the laggards page; the region is the Land or a Kreis (AGS). */
export type LaggardFilters = {
  regionKey: string;
  kind?: RegionKind;
  sizeClass?: SizeClass;
  sameKreis: boolean;
  /** Ranked by Reifegradmodell 2.0 from this level (null: the model's conformant level); 1.1 when missing. */
  model2?: { minLevel: number | null } | null;
};

const queryOf = (filters: LaggardFilters) => ({
  ...(filters.model2 ? { model: '2.0' as const } : {}),
  ...(filters.model2?.minLevel != null ? { minLevel: String(filters.model2.minLevel) } : {}),
  ...(filters.kind ? { kind: filters.kind } : {}),
  ...(filters.sizeClass ? { sizeClass: filters.sizeClass } : {}),
  ...(filters.sameKreis ? { sameKreis: 'true' as const } : {}),
});

export const laggardsQueryOptions = (filters: LaggardFilters) =>
  queryOptions({
    queryKey: ['regions', filters.regionKey, 'laggards', queryOf(filters)],
    queryFn: () =>
      unwrap(
        api.regions[':key'].laggards.$get({ param: { key: filters.regionKey }, query: queryOf(filters) }),
      ),
    placeholderData: keepPreviousData,
  });

export const useLaggards = (filters: LaggardFilters) => useQuery(laggardsQueryOptions(filters));

/** The same list as a file (a plain link: the browser sends the session cookie and saves it). */
export const laggardsFileUrl = (filters: LaggardFilters, format: 'csv' | 'xlsx') =>
  `${API_BASE}${api.regions[':key'].laggards.$path({
    param: { key: filters.regionKey },
    query: { ...queryOf(filters), format },
  })}`;
