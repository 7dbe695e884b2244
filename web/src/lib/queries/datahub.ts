/** Query options of the reconciliation with the federal Data Hub (decision 021): one key per endpoint. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api-client';

/**
 * The open differences of one administration (GET /datahub/differences/{key}).
 * Under the region's key, so that invalidating a region's queries after a
 * status change refreshes them too (they are computed from the statuses).
 */
export const datahubDifferencesQueryOptions = (key: string) =>
  queryOptions({
    queryKey: ['regions', key, 'datahub-differences'],
    queryFn: () => unwrap(api.datahub.differences[':key'].$get({ param: { key } })),
  });

export const useDatahubDifferences = (key: string) => useQuery(datahubDifferencesQueryOptions(key));

/** Open differences per Kreis for the ministry (GET /datahub/kreise); a whole-Land query, about a second. */
export const datahubKreiseQueryOptions = () =>
  queryOptions({
    queryKey: ['datahub', 'kreise'],
    queryFn: () => unwrap(api.datahub.kreise.$get()),
    staleTime: 60_000,
  });

export const useDatahubKreise = () => useQuery(datahubKreiseQueryOptions());
